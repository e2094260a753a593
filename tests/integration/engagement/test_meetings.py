"""Engagement meetings: the designated inspector records them; the provider's lead sees them, never the internal notes."""

from datetime import date

import pytest
from sqlmodel import select

from safehouse_portal.db import AuditEvent, EngagementAction, EngagementMeeting
from safehouse_portal.domain.enums import Role
from safehouse_portal.portals.engagement.meeting_new import NewMeetingState
from safehouse_portal.portals.engagement.provider_section import ProviderEngagementState
from safehouse_portal.services.core.errors import InvalidInput, PermissionDenied
from safehouse_portal.services.engagement import meetings
from tests.integration.worlds import factories as f
from tests.integration.worlds.forged import call

TODAY = date(2026, 11, 23)
SECRET = "Manager seemed evasive about out-of-hours admissions"


@pytest.fixture
def world(session, board_world):
    board_world["north"].designated_inspector_id = board_world["inspector"].id
    session.add(board_world["north"])
    session.commit()
    return board_world


def meeting(**changes):
    return {"held_on": "2026-11-03", "attendees": "Ana Cole (service manager), Insp (designated inspector)",
            "notes": "Discussed the new safehouse opening in January.", "internal_notes": SECRET,
            "action_1": "Send the staffing rota", "owner_1": "Ana Cole", "due_1": "2026-11-17", **changes}


def test_the_designated_inspector_records_a_meeting_with_its_agreed_actions(session, world):
    meeting_id = meetings.record_meeting(session=session, actor=f.actor(world["inspector"]),
                                         provider_id=world["north"].id, data=meeting(), today=TODAY)
    actions = session.exec(select(EngagementAction).where(EngagementAction.meeting_id == meeting_id)).all()
    assert [(a.action, a.owner, a.due_on) for a in actions] == [("Send the staffing rota", "Ana Cole",
                                                                  date(2026, 11, 17))]
    assert session.exec(select(AuditEvent).where(AuditEvent.action == "engagement.meeting_recorded")).one()


def test_the_lead_sees_the_meeting_and_actions_but_never_the_internal_notes(session, world, browser_as):
    meetings.record_meeting(session=session, actor=f.actor(world["manager"]), provider_id=world["north"].id,
                            data=meeting(), today=TODAY)
    session.commit()
    lead = browser_as(world["lead"], ProviderEngagementState, f"/providers/{world['north'].id}")
    call(lead, "load")
    (shown,) = lead.meetings.meetings
    assert shown.notes.startswith("Discussed") and shown.actions[0].owner == "Ana Cole"
    assert shown.internal_notes == "" and not lead.meetings.shows_internal
    assert SECRET not in repr(lead.dict())
    staff = browser_as(world["other_inspector"], ProviderEngagementState, f"/providers/{world['north'].id}")
    call(staff, "load")
    assert staff.meetings.meetings[0].internal_notes == SECRET


def test_another_provider_s_lead_sees_no_meeting(session, world):
    other_lead = f.user(session, "lead@south.test", Role.PROVIDER_LEAD, world["south"])
    with pytest.raises(PermissionDenied):
        meetings.provider_meetings(session=session, actor=f.actor(other_lead), provider_id=world["north"].id)


@pytest.mark.parametrize(("changes", "field"), [
    ({"held_on": "2026-12-01"}, "held_on"),
    ({"attendees": " "}, "attendees"),
    ({"due_1": "2026-11-01"}, "due_1"),
    ({"owner_1": ""}, "owner_1"),
    ({"action_2": "Half a row"}, "owner_2"),
])
def test_wrong_meetings_say_which_field_is_wrong_and_save_nothing(session, world, changes, field):
    with pytest.raises(InvalidInput) as refused:
        meetings.record_meeting(session=session, actor=f.actor(world["inspector"]), provider_id=world["north"].id,
                                data=meeting(**changes), today=TODAY)
    assert field in refused.value.errors
    assert session.exec(select(EngagementMeeting)).all() == []


@pytest.mark.parametrize("who", ["lead", "other_inspector", "admin", "stakeholder"])
def test_only_the_designated_inspector_and_managers_record_meetings_even_by_forged_calls(session, world,
                                                                                       browser_as, who):
    state = browser_as(world[who], NewMeetingState, f"/providers/{world['north'].id}/meetings/new")
    call(state, "load")
    call(state, "save", meeting())
    assert state.not_permitted or state.errors == {"form": state._refused_text}
    session.expire_all()
    assert session.exec(select(EngagementMeeting)).all() == []
