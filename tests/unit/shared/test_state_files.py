"""Tab states on disk: the same files as Reflex names them, no name left in memory, old files cleaned up."""

import asyncio
import gc
import os
import sys
import time
import uuid
from types import SimpleNamespace

import pytest
from reflex.istate.manager.disk import StateManagerDisk
from reflex.istate.manager.token import BaseStateToken
from reflex.state import State

import safehouse_portal.safehouse_portal  # noqa: F401  (registers every page State)
from safehouse_portal.portals.programme.board import ProgrammeBoardState
from safehouse_portal.portals.shared import state_files, state_memory

BOARD_PATH = ProgrammeBoardState.get_full_name().split(".")[1:]


@pytest.fixture
def manager(manager):
    """Reflex's disk state manager (the shared fixture's), tuned as the app tunes it."""
    state_files.tune(manager)
    return manager


def _token() -> BaseStateToken:
    return BaseStateToken(ident=str(uuid.uuid4()), cls=State)


def _app_with_no_tab_open(manager: StateManagerDisk) -> SimpleNamespace:
    return SimpleNamespace(state_manager=manager,
                           event_namespace=SimpleNamespace(_token_manager=SimpleNamespace(token_to_socket={})))


def test_a_tab_s_state_goes_to_the_file_reflex_names_and_comes_back_from_it(manager):
    token = _token()
    assert manager.token_path(token) == str(StateManagerDisk.token_path(manager, token))

    async def scenario():
        async with manager.modify_state(token) as root:
            root.get_substate(BOARD_PATH).notice = "Group 4 moved to Drafting."
        released = await state_memory.sweep(_app_with_no_tab_open(manager),
                                            now=time.time() + state_memory.GRACE_SECONDS + 1)
        back = await manager.get_state(token)
        await manager.close()
        return released, back.get_substate(BOARD_PATH).notice

    released, notice = asyncio.run(scenario())
    assert (released, notice) == (1, "Group 4 moved to Drafting.")


def test_the_file_names_of_tabs_that_came_and_went_leave_nothing_in_memory(manager):
    def name_files(count: int) -> int:
        gc.collect()
        before = sys.getallocatedblocks()
        for _ in range(count):
            manager.token_path(_token().with_cls(ProgrammeBoardState)).exists()
        gc.collect()
        return sys.getallocatedblocks() - before

    name_files(100)  # whatever the first calls cache
    assert name_files(2000) < 200  # pathlib's names on Python 3.12: one block kept for every file named


def _state_file(folder, name: str, age_s: float):
    path = folder / name
    path.write_bytes(b"state")
    stamp = time.time() - age_s
    os.utime(path, (stamp, stamp))
    return path


def test_expired_state_files_are_deleted_and_a_live_tab_s_file_is_kept(manager, tmp_path):
    expired = _state_file(tmp_path, "expired.pkl", manager.token_expiration + 60)
    fresh = _state_file(tmp_path, "fresh.pkl", 60)
    other = _state_file(tmp_path, "notes.txt", manager.token_expiration + 60)

    deleted = state_files.expired_files_purger(manager, every=0)()

    assert deleted == 1
    assert (expired.exists(), fresh.exists(), other.exists()) == (False, True, True)


def test_the_states_folder_is_scanned_once_in_a_while_not_after_every_write(manager, tmp_path, monkeypatch):
    expired = _state_file(tmp_path, "expired.pkl", manager.token_expiration + 60)

    manager._purge_expired_states()  # what Reflex calls after every pass of its write queue
    kept_meanwhile = expired.exists()
    started = time.monotonic()
    monkeypatch.setattr(state_files.time, "monotonic", lambda: started + state_files.PURGE_SECONDS + 1)
    manager._purge_expired_states()

    assert (kept_meanwhile, expired.exists()) == (True, False)
