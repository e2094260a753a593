"""Fixtures shared by the integration tests: each world is a pytest plugin under ``worlds/``."""

import pytest
from argon2 import PasswordHasher

from safehouse_portal.services.accounts import passwords
from safehouse_portal.services.programme import board

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
    "tests.integration.worlds.demo_world",
]

LIGHT_HASHER = PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1)
"""argon2id as the app uses it, with light parameters: the tests check who gets in, not how hard guessing is."""


@pytest.fixture(autouse=True, scope="session")
def _light_password_hashing():
    """Hash and verify passwords in ~1 ms instead of ~0.1-0.4 s of memory-hard work per sign-in.

    ``verify_password`` reads the cost from the stored hash, so a user made with these
    parameters signs in exactly as one made with the defaults; the unknown-user path verifies
    against a dummy hash of the same cost, as in production. The default parameters stay
    in force everywhere else (the app the browser tests drive runs in its own process).
    """
    patch = pytest.MonkeyPatch()
    patch.setattr(passwords, "_hasher", LIGHT_HASHER)
    patch.setattr(passwords, "_DUMMY_HASH", LIGHT_HASHER.hash("a dummy password for unknown users"))
    yield
    patch.undo()


@pytest.fixture(autouse=True)
def _board_reads_not_shared(monkeypatch):
    """Each board read is the test's own: tests write rows directly, bypassing the audit trail whose
    fingerprint tells viewers sharing a read that the board changed (``test_board_shared.py`` shares)."""
    monkeypatch.setattr(board, "SHARE_SECONDS", 0.0)
    yield
    board.forget_shared_reads()
