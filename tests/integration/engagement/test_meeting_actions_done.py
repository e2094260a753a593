"""Agreed actions are marked done by the designated inspector or a programme manager; the lead sees it from home."""

from datetime import date

import pytest
from sqlmodel import select

from safehouse_portal import routes
from safehouse_portal.db import AuditEvent, EngagementAction
from safehouse_portal.domain.enums import Role
from safehouse_portal.portals.engagement.provider_section import ProviderEngagementState
from safehouse_portal.portals.providers.home import ProviderHomeState
from safehouse_portal.services.core.errors import InvalidInput, NotFound, PermissionDenied
from safehouse_portal.services.engagement import meetings
from tests.integration.worlds import factories as f
from tests.integration.worlds.forged import call

TODAY = date(2026, 11, 23)


@pytest.fixture
def world(session, board_world):
    """North (designated inspector ``inspector``) has a meeting with one agreed action; South has a lead too."""
    board_world["north"].designated_inspector_id = board_world["inspector"].id
    session.add(board_world["north"])
    session.commit()
    meetings.record_meeting(session=session, actor=f.actor(board_world["inspector"]), provider_id=board_world["north"].id,
                            today=TODAY, data={"held_on": "2026-11-03", "attendees": "Ana Cole, Insp",
                                               "action_1": "Send the staffing rota", "owner_1": "Ana Cole",
                                               "due_1": "2026-11-17"})
    session.commit()
    board_world["south_lead"] = f.user(session, "lead@south.test", Role.PROVIDER_LEAD, board_world["south"])
    board_world["action"] = session.exec(select(EngagementAction)).one()
    return board_world


def _mark(session, world, who, done=True):
    meetings.mark_action_done(session=session, actor=f.actor(world[who]), action_id=world["action"].id, done=done,
                              today=TODAY)
    session.commit()


def _audited(session) -> list[str]:
    return list(session.exec(select(AuditEvent.action).where(AuditEvent.action.like("engagement.action_%"))
                             .order_by(AuditEvent.id)).all())


def test_the_designated_inspector_marks_an_action_done_and_the_lead_sees_when(session, world):
    _mark(session, world, "inspector")
    _mark(session, world, "inspector")
    row = session.get(EngagementAction, world["action"].id)
    assert (row.done_on, row.done_by_id) == (TODAY, world["inspector"].id)
    view = meetings.provider_meetings(session=session, actor=f.actor(world["lead"]), provider_id=world["north"].id)
    (shown,) = view.meetings[0].actions
    assert (shown.done, shown.done_on) == (True, "23 November 2026") and not view.may_mark_done
    assert _audited(session) == ["engagement.action_done"]  # marking it done again changes nothing


def test_a_programme_manager_marks_it_not_done_after_all(session, world):
    _mark(session, world, "manager")
    _mark(session, world, "manager", done=False)
    row = session.get(EngagementAction, world["action"].id)
    assert (row.done_on, row.done_by_id) == (None, None)
    assert _audited(session) == ["engagement.action_done", "engagement.action_reopened"]


@pytest.mark.parametrize("who", ["lead", "south_lead", "other_inspector", "admin", "stakeholder"])
def test_nobody_else_marks_an_action_done(session, world, who):
    with pytest.raises(PermissionDenied):
        _mark(session, world, who)
    session.rollback()
    assert session.get(EngagementAction, world["action"].id).done_on is None


@pytest.mark.parametrize(("action_id", "done", "refusal"), [
    ("999", True, NotFound), ("x", True, NotFound), (None, True, NotFound), ("ACTION", "yes", InvalidInput),
])
def test_a_wrong_action_or_answer_is_refused(session, world, action_id, done, refusal):
    action_id = world["action"].id if action_id == "ACTION" else action_id
    with pytest.raises(refusal):
        meetings.mark_action_done(session=session, actor=f.actor(world["inspector"]), action_id=action_id,
                                  done=done, today=TODAY)


@pytest.mark.parametrize("who", ["lead", "south_lead", "other_inspector"])
def test_a_forged_mark_from_the_page_is_refused_and_changes_nothing(session, world, browser_as, who):
    page = browser_as(world[who], ProviderEngagementState, f"/providers/{world['north'].id}")
    call(page, "load")
    call(page, "mark_action", str(world["action"].id), True)
    assert page.action_errors == {"form": page._refused_text} and page.action_message == ""
    session.expire_all()
    assert session.get(EngagementAction, world["action"].id).done_on is None
    assert _audited(session) == []


def test_the_designated_inspector_marks_it_done_from_the_provider_page(session, world, browser_as):
    page = browser_as(world["inspector"], ProviderEngagementState, f"/providers/{world['north'].id}")
    call(page, "load")
    assert page.meetings.may_mark_done
    call(page, "mark_action", str(world["action"].id), True)
    assert page.action_message == "Action marked done." and page.meetings.meetings[0].actions[0].done


def test_the_lead_s_home_links_to_the_meetings_on_their_own_provider_page(session, world, browser_as):
    home = browser_as(world["lead"], ProviderHomeState, routes.PROVIDER_HOME)
    call(home, "load")
    assert home.meetings_href == f"/providers/{world['north'].id}#meetings"
    page = browser_as(world["lead"], ProviderEngagementState, home.meetings_href.split("#")[0])
    call(page, "load")
    assert page.meetings.visible and page.meetings.meetings[0].actions[0].action == "Send the staffing rota"
    other = browser_as(world["south_lead"], ProviderHomeState, routes.PROVIDER_HOME)
    call(other, "load")
    assert other.meetings_href == f"/providers/{world['south'].id}#meetings"
