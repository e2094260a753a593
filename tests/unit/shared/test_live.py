"""One live-update mechanism: a tab hears only a counter of its own, follows one page's channel, and the poll ends with the page."""

import asyncio
from types import SimpleNamespace

import pytest
import reflex as rx

import safehouse_portal.safehouse_portal  # noqa: F401  (registers every page State)
from safehouse_portal.portals.shared import live
from safehouse_portal.portals.shared.live import LivePoll, LiveView
from safehouse_portal.settings import get_settings
from safehouse_portal.web.allowlist import app_handlers
from safehouse_portal.web.log_redaction import redact


class _Page:
    """Stands in for the background task's state proxy: ``async with`` and a clock."""

    def __init__(self, tick: int, first: int = 0) -> None:
        self.tick, self.first = tick, first

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc_info) -> None:
        return None


@pytest.fixture
def wait(monkeypatch):
    """Run ``LivePoll.wait`` on a page without pausing; ``meanwhile`` runs during the pause."""
    def run(page: _Page, meanwhile=None) -> None:
        async def pause(_seconds):
            if meanwhile:
                meanwhile(page)

        with monkeypatch.context() as patch:
            patch.setattr(live.asyncio, "sleep", pause)
            asyncio.run(LivePoll.event_handlers["wait"].fn(page))

    return run


def test_channel_keys_have_no_underscores_which_reflex_reserves():
    assert "_" not in live.BOARD and "_" not in live.pir_channel(12)
    assert live.pir_channel(12) == "pir-12" and live.pir_channel(12) != live.pir_channel(13)


def test_a_tab_is_sent_nothing_but_its_own_counter():
    assert set(LiveView.base_vars) == {"version"}


def test_no_browser_can_call_a_handler_on_the_live_counter():
    handlers = app_handlers(rx.State)
    assert not [name for name in handlers if name.startswith(LiveView.get_full_name() + ".")]
    assert f"{LivePoll.get_full_name()}.wait" in handlers


@pytest.fixture
def hub(monkeypatch):
    fresh = live._Hub()
    monkeypatch.setattr(live, "_HUB", fresh)
    return fresh


def test_a_tab_follows_one_channel_at_a_time(hub):
    live.follow_tab("tab", live.BOARD, "/programme")
    live.follow_tab("tab", live.pir_channel(3), "/inspections/3/kloes/S1")
    assert hub.followers == {live.channel_key(live.pir_channel(3)): {"tab"}}


def test_an_event_from_another_page_stops_the_following_and_one_from_the_same_page_does_not(hub):
    live.follow_tab("tab", live.BOARD, "/programme")
    live.left_page("tab", "/programme")
    assert live.following("tab")
    live.left_page("tab", "/inspections/3")
    assert not live.following("tab") and hub.followers == {}


def test_the_registry_knows_channels_only_by_their_unguessable_keys(hub):
    live.follow_tab("tab", live.BOARD, "/programme")
    assert list(hub.followers) == [live.channel_key(live.BOARD)]


def test_tabs_that_closed_are_forgotten_without_waiting_for_a_change_to_announce(hub):
    sockets = SimpleNamespace(instance_id="this-worker", token_to_socket={
        "open": SimpleNamespace(instance_id="this-worker"), "moved": SimpleNamespace(instance_id="another-worker")})
    for tab in ("open", "closed", "moved"):
        live.follow_tab(tab, live.BOARD, "/programme")

    forgotten = hub.drop_closed(sockets)

    assert forgotten == 2
    assert list(hub.following) == ["open"] and hub.followers == {live.channel_key(live.BOARD): {"open"}}


def test_a_tab_without_a_token_follows_nothing(hub):
    live.follow_tab("", live.BOARD, "/programme")
    assert hub.following == {}


def test_after_a_pause_the_clock_moves_on_by_one(wait):
    page = _Page(tick=4)
    wait(page)
    assert page.tick == 5


def test_a_round_another_round_overtook_stops_so_one_chain_runs(wait):
    page = _Page(tick=4)
    wait(page, meanwhile=lambda p: setattr(p, "tick", 9))
    assert page.tick == 9


@pytest.mark.parametrize("tick", [live.MAX_POLLS + 7, live.MAX_POLLS + 8])
def test_a_page_left_open_stops_polling_three_hours_after_it_loaded(wait, tick):
    page = _Page(tick=tick, first=7)
    wait(page)
    assert page.tick == tick


def test_polling_goes_on_within_three_hours_of_the_load(wait):
    page = _Page(tick=live.MAX_POLLS + 6, first=7)
    wait(page)
    assert page.tick == live.MAX_POLLS + 7


def test_a_page_load_moves_the_clock_on_so_a_new_round_starts_and_the_old_one_stops():
    root = rx.State(_reflex_internal_init=True)
    poll = root.get_substate(LivePoll.get_full_name().split(".")[1:])
    poll.tick, poll.first = 41, 3
    asyncio.run(live.restart_polling(root))
    assert (poll.tick, poll.first) == (42, 42)


def test_a_channels_key_cannot_be_guessed_from_its_name(monkeypatch):
    keys = {live.channel_key(live.BOARD), live.channel_key(live.pir_channel(12)), live.channel_key(live.pir_channel(13))}
    assert len(keys) == 3 and not any(live.BOARD in key or "pir" in key or "_" in key for key in keys)
    assert all(redact(f"client {key!r}") == "client '<token>'" for key in keys), "the log never shows a key"
    monkeypatch.setenv("SAFEHOUSE_SECRET_KEY", "another-deployments-secret-key-0123456789")
    get_settings.cache_clear()
    assert live.channel_key(live.BOARD) not in keys
