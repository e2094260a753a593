"""Tabs that left give their memory back, and lose nothing: their state is on disk when they come back."""

import asyncio
import time
import uuid
from types import SimpleNamespace

from reflex.istate.manager.disk import StateManagerDisk
from reflex.istate.manager.token import BaseStateToken
from reflex.state import State

import safehouse_portal.safehouse_portal  # noqa: F401  (registers every page State)
from safehouse_portal.portals.programme.board import ProgrammeBoardState
from safehouse_portal.portals.shared import live, state_memory

BOARD_PATH = ProgrammeBoardState.get_full_name().split(".")[1:]


def _app(manager: StateManagerDisk, connected: set[str]) -> SimpleNamespace:
    """What ``sweep`` reads of the app: its state manager and which tabs have a socket."""
    sockets = {token: object() for token in connected}
    return SimpleNamespace(state_manager=manager,
                           event_namespace=SimpleNamespace(_token_manager=SimpleNamespace(token_to_socket=sockets)))


async def _tab_with_notice(manager: StateManagerDisk) -> BaseStateToken:
    token = BaseStateToken(ident=str(uuid.uuid4()), cls=State)
    async with manager.modify_state(token) as root:
        root.get_substate(BOARD_PATH).notice = "Group 4 moved to Drafting."
    return token


def test_a_closed_tab_leaves_memory_and_reads_its_state_back_from_disk(manager):
    async def scenario():
        token = await _tab_with_notice(manager)
        released = await state_memory.sweep(_app(manager, set()),
                                            now=time.time() + state_memory.GRACE_SECONDS + 1)
        in_memory = token.cache_key in manager.states
        back = await manager.get_state(token)
        await manager.close()
        return released, in_memory, back.get_substate(BOARD_PATH).notice

    released, in_memory, notice = asyncio.run(scenario())
    assert (released, in_memory) == (1, False)
    assert notice == "Group 4 moved to Drafting."


def test_a_tab_that_just_left_stays_a_while_and_an_open_tab_stays_for_good(manager):
    async def scenario():
        open_tab, leaving = await _tab_with_notice(manager), await _tab_with_notice(manager)
        at_once = await state_memory.sweep(_app(manager, set()), now=time.time())
        kept_at_once = {open_tab.cache_key in manager.states, leaving.cache_key in manager.states}
        later = await state_memory.sweep(_app(manager, {open_tab.ident}),
                                         now=time.time() + state_memory.GRACE_SECONDS + 1)
        kept_later = (open_tab.cache_key in manager.states, leaving.cache_key in manager.states)
        await manager.close()
        return at_once, kept_at_once, later, kept_later

    at_once, kept_at_once, later, kept_later = asyncio.run(scenario())
    assert (at_once, kept_at_once) == (0, {True})
    assert (later, kept_later) == (1, (True, False))


def test_while_the_app_runs_a_closed_tab_leaves_memory_and_stops_following_and_its_files_are_plain_text(
        manager, monkeypatch):
    """The lifespan task itself, sweep after sweep (the garbage collector left as it is)."""
    monkeypatch.setattr(state_memory, "settle_collector", lambda: None)
    monkeypatch.setattr(state_memory, "SWEEP_SECONDS", 0.01)
    monkeypatch.setattr(state_memory, "GRACE_SECONDS", 0)
    monkeypatch.setattr(live, "_HUB", live._Hub())
    app = _app(manager, set())
    app.event_namespace._token_manager.instance_id = "this-worker"

    async def scenario():
        token = await _tab_with_notice(manager)
        live.follow_tab(token.ident, live.BOARD, "/programme")
        task = asyncio.create_task(state_memory.release_left_tabs(app))
        for _ in range(300):
            await asyncio.sleep(0.01)
            if token.cache_key not in manager.states and not live.following(token.ident):
                break
        task.cancel()
        released = token.cache_key not in manager.states
        back = await manager.get_state(token)
        await manager.close()
        return released, live.following(token.ident), manager.token_path(token), back

    released, still_following, path, back = asyncio.run(scenario())
    assert (released, still_following) == (True, False)
    assert type(path).__name__ == "StateFile"  # named without pathlib
    assert back.get_substate(BOARD_PATH).notice == "Group 4 moved to Drafting."
