"""Fixtures shared by the integration tests."""

from tests.integration.worlds.forged import browser_as  # noqa: F401  (a fixture)
