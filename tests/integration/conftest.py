"""Fixtures shared by the integration tests: each world is a pytest plugin under ``worlds/``."""

pytest_plugins = [
    "tests.integration.worlds.forged",
    "tests.integration.worlds.board_world",
    "tests.integration.worlds.kloe_world",
    "tests.integration.worlds.provider_world",
    "tests.integration.worlds.schedule_world",
    "tests.integration.worlds.tabs",
    "tests.integration.worlds.survey_world",
    "tests.integration.worlds.workspace_world",
    "tests.integration.worlds.programme_world",
]
