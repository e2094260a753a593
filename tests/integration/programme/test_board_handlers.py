"""The board's State handlers, called as a forging browser would: every handler, every wrong role."""

import asyncio
import contextlib
import json

import pytest
from reflex.istate.data import RouterData
from reflex_base.utils.format import json_dumps
from sqlalchemy import event
from sqlmodel import select

from safehouse_portal.db import AuditEvent, Inspection
from safehouse_portal.domain.enums import Stage
from safehouse_portal.portals.programme.board import ProgrammeBoardState
from safehouse_portal.portals.programme.board_live import BoardLive
from safehouse_portal.portals.shared import live
from safehouse_portal.portals.shared.live import BOARD as BOARD_CHANNEL
from safehouse_portal.portals.programme.coverage import CoverageState
from safehouse_portal.portals.shared.edge import programme_today
from safehouse_portal.services.accounts.sessions import actor_for
from safehouse_portal.services.programme import board
from tests.integration.worlds.forged import call

class _FakeApp:
    """The running app as live updates see it: sockets on this worker, and each tab's counter."""

    def __init__(self, connected: set[str]) -> None:
        self.versions: dict[str, int] = {}
        record = type("Record", (), {"instance_id": "here"})()
        sockets = type("Sockets", (), {"instance_id": "here", "token_to_socket": {t: record for t in connected}})()
        self.event_namespace = type("Namespace", (), {"_token_manager": sockets})()

    @contextlib.asynccontextmanager
    async def modify_state(self, token):
        view = live.LiveView(_reflex_internal_init=True)
        view.version = self.versions.get(token.ident, 0)

        class Root:
            @staticmethod
            async def get_state(_cls):
                return view

        yield Root()
        self.versions[token.ident] = view.version


@pytest.fixture
def fake_app(monkeypatch):
    """A fresh list of followers, and an app where the tabs "viewer-tab" and "kloe-tab" are connected."""
    monkeypatch.setattr(live, "_HUB", live._Hub())
    app = _FakeApp({"viewer-tab", "kloe-tab"})
    monkeypatch.setattr(live, "_app", lambda: app)
    return app


FORGED_CALLS = [
    ("load",),
    ("sync",),
    ("show_more", "planned"),
    ("open_move", 1),
    ("cancel_move",),
    ("move", {"target": "evidence_review", "reason": "forged"}),
    ("drop", {"dropId": "evidence_review", "source": {"dragId": "2"}}),
]


def stages(session):
    session.expire_all()
    return {row.id: row.stage for row in session.exec(select(Inspection)).all()}


@pytest.mark.parametrize("who", ["lead", "stakeholder", None])
def test_every_board_handler_gives_provider_leads_stakeholders_and_strangers_nothing(browser_as, session, board_world,
                                                                                    who):
    before = stages(session)
    state = browser_as(board_world[who] if who else None, ProgrammeBoardState, "/programme")
    state.moving_id = board_world["overdue"].id
    for name, *args in FORGED_CALLS:
        call(state, name, *args)
        assert state.view.columns == [] and state.view.providers == [] and state.moving_targets == []
        assert state.notice == "" and state.refusal_reasons == []
        assert "Birch" not in repr(state.dict()) and "Alder" not in repr(state.dict())
    assert stages(session) == before
    assert session.exec(select(AuditEvent).where(AuditEvent.action == "inspection.stage_moved")).all() == []


def test_a_provider_lead_loading_the_board_is_told_not_permitted(browser_as, board_world):
    state = browser_as(board_world["lead"], ProgrammeBoardState, "/programme?provider=1")
    call(state, "load")
    assert state.not_permitted is True and state.filters == {}


def test_an_inspector_cannot_move_a_card_even_with_forged_calls(browser_as, session, board_world):
    state = browser_as(board_world["other_inspector"], ProgrammeBoardState, "/programme")
    call(state, "load")
    assert state.view.read_only is True and state.view.total == 1
    card = board_world["overdue"].id
    call(state, "open_move", card)
    assert state.moving_id == 0 and state.moving_targets == []
    state.moving_id = card
    call(state, "move", {"target": "evidence_review", "reason": "forged"})
    call(state, "drop", {"dropId": "evidence_review", "source": {"dragId": str(card)}})
    assert stages(session)[card] is Stage.DRAFTING
    assert state.notice == ""


def test_a_manager_moves_a_card_back_with_a_reason_through_the_handlers(browser_as, session, board_world):
    state = browser_as(board_world["manager"], ProgrammeBoardState, "/programme")
    call(state, "load")
    card = board_world["overdue"].id
    call(state, "drop", {"dropId": "evidence_review", "source": {"dragId": str(card), "stage": "drafting"}})
    assert state.moving_id == card and state.moving_target == "evidence_review"
    assert state.move_errors == {"reason": "Enter why the inspection moves back a stage"}
    assert stages(session)[card] is Stage.DRAFTING
    call(state, "move", {"target": "evidence_review", "reason": "Staffing evidence is thin"})
    assert state.notice == "Birch services moved to Evidence review."
    assert stages(session)[card] is Stage.EVIDENCE_REVIEW
    evidence = next(c for c in state.view.columns if c.stage == "evidence_review")
    assert [c.inspection_id for c in evidence.cards] == [card] and state.moving_id == 0


def test_the_page_receives_each_card_as_it_reads_and_nothing_it_does_not_draw(browser_as, session, board_world):
    state = browser_as(board_world["manager"], ProgrammeBoardState, "/programme")
    call(state, "load")
    full = board.board_view(session=session, actor=actor_for(board_world["manager"]), today=programme_today())
    card = next(c for column in full.columns for c in column.cards if c.countdown_signed)
    shown = next(c for column in state.view.columns for c in column.cards if c.inspection_id == card.inspection_id)
    assert shown.next_text == f"{card.next_label}, {card.next_due}"
    assert shown.countdown_text == f"{card.state_text} ({card.countdown_signed})"
    assert shown.kinds_and_type == f"{card.service_kinds} \u00b7 {card.type_and_mode}"
    sent = json.loads(json_dumps(state.view))
    assert not {"countdown", "next_label", "next_due", "count", "overdue", "stage", "state_label"} & (
        {key for column in sent["columns"] for c in column["cards"] for key in c})
    assert {"stage", "header_text"} <= set(sent["columns"][0]) and not {"count", "overdue"} & set(sent["columns"][0])


def test_a_refused_drop_says_why_and_the_card_stays(browser_as, session, board_world):
    state = browser_as(board_world["admin"], ProgrammeBoardState, "/programme")
    call(state, "load")
    card = board_world["planned"].id
    call(state, "drop", {"dropId": "announced", "source": {"dragId": card}})
    assert state.refusal == "Alder services could not move to Announced. It stays where it was because:"
    assert "The phone call announcing the inspection has not been recorded." in state.refusal_reasons
    planned = next(c for c in state.view.columns if c.stage == "planned")
    assert [c.inspection_id for c in planned.cards] == [card]
    assert stages(session)[card] is Stage.PLANNED


@pytest.mark.parametrize("payload", ["drop", None, {"dropId": ["x"]}, {"dropId": "closed", "source": "1"},
                                     {"dropId": "nowhere", "source": {"dragId": "99999"}}])
def test_malformed_drops_change_nothing(browser_as, session, board_world, payload):
    state = browser_as(board_world["manager"], ProgrammeBoardState, "/programme")
    call(state, "load")
    before = stages(session)
    call(state, "drop", payload)
    call(state, "show_more", {"stage": "planned"})
    call(state, "open_move", "../1")
    assert stages(session) == before and state.moving_id == 0 and state.notice == ""


def test_filters_come_from_the_address(browser_as, board_world):
    state = browser_as(board_world["manager"], ProgrammeBoardState, "/programme?kind=outreach&region=Nowhere")
    call(state, "load")
    assert state.filters["kind"] == "outreach" and state.view.matching == 0 and state.view.total == 2


@pytest.mark.parametrize(("who", "allowed"), [("lead", False), ("stakeholder", False), (None, False),
                                              ("inspector", True), ("manager", True)])
def test_only_board_viewers_may_join_the_live_channel(browser_as, board_world, who, allowed):
    live = browser_as(board_world[who] if who else None, BoardLive, "/programme")
    assert live._is_board_viewer() is allowed


@pytest.mark.parametrize("who", ["lead", "stakeholder", "inspector"])
def test_coverage_is_for_managers_and_admins_only(browser_as, board_world, who):
    state = browser_as(board_world[who], CoverageState, "/programme/coverage")
    call(state, "load")
    assert state.not_permitted is True and state.view.priorities == [] and state.view.uncovered == []



def test_a_server_side_announcement_reaches_the_boards_followers_and_nobody_else(monkeypatch, fake_app):
    """``announce_board_changed`` (after a provider's PIR submission) raises each board follower's own counter."""
    live.follow_tab("viewer-tab", BOARD_CHANNEL, "/programme")
    live.follow_tab("kloe-tab", live.pir_channel(4), "/inspections/4/kloes/S1")

    async def announce() -> None:
        await live.announce_board_changed()
        await asyncio.gather(*live._PENDING)

    asyncio.run(announce())
    assert fake_app.versions == {"viewer-tab": 1}


@pytest.mark.parametrize("who", ["lead", "stakeholder", None])
def test_someone_who_may_not_see_the_board_never_follows_its_channel(browser_as, board_world, who, monkeypatch):
    gate = browser_as(board_world[who] if who else None, BoardLive, "/programme")
    followed = []
    monkeypatch.setattr(live, "follow_tab", lambda *args: followed.append(args))
    call(gate, "join")
    call(gate, "announce")
    board = browser_as(board_world[who] if who else None, ProgrammeBoardState, "/programme")
    call(board, "load")
    assert followed == []


def test_a_board_viewer_follows_the_board_once_it_loaded(browser_as, board_world, monkeypatch):
    followed = []
    monkeypatch.setattr(live, "follow_tab", lambda *args: followed.append(args))
    board = browser_as(board_world["manager"], ProgrammeBoardState, "/programme")
    call(board, "load")
    assert [channel for _, channel, _ in followed] == [BOARD_CHANNEL]


def _go(state, path: str) -> None:
    """The tab moves to ``path`` (same websocket, same cookie), as a client-side navigation does."""
    root = state.parent_state
    root.router_data = {**root.router_data, "pathname": path.partition("?")[0], "asPath": path}
    root.router = RouterData.from_router_data(root.router_data)


def _statements(engine, state, handler: str) -> int:
    """How many SQL statements one call of ``handler`` ran."""
    seen = []
    listener = lambda *_args: seen.append(1)  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        call(state, handler)
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    return len(seen)


def test_a_return_to_an_unchanged_board_resends_nothing_and_a_change_or_filter_shows_at_once(
        browser_as, session, board_world, engine):
    state = browser_as(board_world["manager"], ProgrammeBoardState, "/programme")
    first = _statements(engine, state, "load")
    shown = state.view
    state._clean()
    again = _statements(engine, state, "load")
    assert state.view == shown and "view" not in state.dirty_vars, "an unchanged board is not sent again"
    assert again <= first - 5, "nor read again: only its fingerprint is"

    colleague = browser_as(board_world["admin"], ProgrammeBoardState, "/programme")
    call(colleague, "load")
    card = board_world["overdue"].id
    call(colleague, "open_move", card)
    call(colleague, "move", {"target": "evidence_review", "reason": "Staffing evidence is thin"})
    assert stages(session)[card] is Stage.EVIDENCE_REVIEW
    state._clean()
    call(state, "load")
    evidence = next(c for c in state.view.columns if c.stage == "evidence_review")
    assert "view" in state.dirty_vars and [c.inspection_id for c in evidence.cards] == [card]

    _go(state, "/programme?kind=outreach&region=Nowhere")
    call(state, "load")
    assert state.filters["kind"] == "outreach" and state.view.matching == 0
    _go(state, "/programme")
    call(state, "load")
    assert state.view.matching == 2 and state.filters.get("kind", "") == ""


@pytest.mark.parametrize("who, kept", [("manager", 3), ("lead", -1)])
def test_opening_the_board_keeps_the_live_version_it_read_at_so_its_listener_waits_for_the_next_change(
        browser_as, board_world, who, kept):
    state = browser_as(board_world[who], ProgrammeBoardState, "/programme")
    asyncio.run(state.get_state(live.LiveView)).version = 3  # three changes heard before this load
    call(state, "load")
    assert state.live_seen == kept, "a refused viewer keeps nothing, and its listener follows nothing"
