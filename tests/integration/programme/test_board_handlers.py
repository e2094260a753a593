"""The board's State handlers, called as a forging browser would: every handler, every wrong role."""

import asyncio

import pytest
from reflex.istate import shared
from reflex.istate.manager.memory import StateManagerMemory
from reflex.istate.manager.token import BaseStateToken
from sqlmodel import select

from safehouse_portal.db import AuditEvent, Inspection
from safehouse_portal.domain.enums import Stage
from safehouse_portal.portals.programme.board import ProgrammeBoardState
from safehouse_portal.portals.programme.board_live import BoardLive
from safehouse_portal.portals.shared import live
from safehouse_portal.portals.shared.live import BOARD as BOARD_CHANNEL, LiveChannel
from safehouse_portal.safehouse_portal import app
from safehouse_portal.portals.programme.coverage import CoverageState
from tests.integration.worlds.forged import call

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



def test_a_server_side_announcement_reaches_linked_viewers_without_linking_anyone(monkeypatch):
    """``announce_board_changed`` (after a provider's PIR submission) edits the channel itself."""
    manager = StateManagerMemory()
    monkeypatch.setattr(app, "_state_manager", manager)
    monkeypatch.setattr(live, "_app", lambda: app)
    pushed = []
    monkeypatch.setattr(shared, "_do_update_other_tokens",
                        lambda affected_tokens, previous_dirty_vars, state_type: pushed.append(
                            (set(affected_tokens), previous_dirty_vars)))
    token = BaseStateToken(ident=live.channel_key(BOARD_CHANNEL), cls=LiveChannel)

    async def announce_to_one_viewer() -> LiveChannel:
        channel = await (await manager.get_state(token)).get_state(LiveChannel)
        channel._linked_from.add("viewer-tab")
        await live.announce_board_changed()
        return await (await manager.get_state(token)).get_state(LiveChannel)

    channel = asyncio.run(announce_to_one_viewer())
    assert channel.version == 1 and channel._linked_from == {"viewer-tab"}
    ((tabs, changed),) = pushed
    assert tabs == {"viewer-tab"} and "version" in changed[LiveChannel.get_full_name()]


@pytest.mark.parametrize("who", ["lead", "stakeholder", None])
def test_someone_who_may_not_see_the_board_is_never_linked_to_its_channel(browser_as, board_world, who):
    gate = browser_as(board_world[who] if who else None, BoardLive, "/programme")
    asyncio.run(call(gate, "join"))
    asyncio.run(call(gate, "announce"))
    assert LiveChannel.get_full_name() not in (gate._reflex_internal_links or {})
