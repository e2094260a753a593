"""The announcement call: recorded item by item from the guidance, once, then follow-ups; the lead or a manager."""

from datetime import date

import pytest
from sqlmodel import select

from safehouse_portal.db import AnnouncementCall, Inspection
from safehouse_portal.domain.announcement import CALL_ITEMS
from safehouse_portal.portals.programme.announcement_call import AnnouncementCallState
from safehouse_portal.services.core.errors import InvalidInput, PermissionDenied
from safehouse_portal.services.programme import announcement_call
from tests.integration.worlds import factories as f
from tests.integration.worlds.forged import call

TODAY = date(2026, 11, 30)


def checklist(world, **changes):
    data = {"kind": "initial", "called_on": "2026-11-30", "made_by_id": str(world["inspector"].id),
            "spoke_to": "Ana Cole, service manager", "notes": "Friendly call"}
    data.update({f"outcome_{item.key}": "done" for item in CALL_ITEMS})
    data.update({"outcome_timetable": "follow_up", "note_timetable": "Manager to check the rota first"})
    return {**data, **changes}


def test_the_lead_records_the_call_item_by_item_and_the_announcement_step_is_recorded(session, board_world):
    planned = board_world["planned"]
    call_id = announcement_call.record_call(session=session, actor=f.actor(board_world["inspector"]),
                                            inspection_id=planned.id, data=checklist(board_world), today=TODAY)
    stored = session.get(AnnouncementCall, call_id)
    assert stored.outcomes["provides_service"] == "done" and stored.outcomes["timetable"] == "follow_up"
    assert stored.item_notes == {"timetable": "Manager to check the rota first"}
    assert session.get(Inspection, planned.id).announcement_call_on == date(2026, 11, 30)
    view = announcement_call.call_view(session=session, actor=f.actor(board_world["manager"]),
                                       inspection_id=planned.id)
    assert view.outstanding == ["Agree a provisional inspection timetable"] and view.has_initial
    assert [i.outcome_label for i in view.calls[0].item_rows if i.key == "timetable"] == ["Needs a follow-up"]


def test_a_follow_up_call_confirms_what_was_left(session, board_world):
    planned, actor = board_world["planned"], f.actor(board_world["manager"])
    announcement_call.record_call(session=session, actor=actor, inspection_id=planned.id,
                                  data=checklist(board_world), today=TODAY)
    with pytest.raises(InvalidInput) as again:
        announcement_call.record_call(session=session, actor=actor, inspection_id=planned.id,
                                      data=checklist(board_world), today=TODAY)
    assert "already recorded" in again.value.errors["kind"]
    announcement_call.record_call(session=session, actor=actor, inspection_id=planned.id, today=TODAY,
                                  data={"kind": "follow_up", "called_on": "2026-11-30", "spoke_to": "Ana Cole",
                                        "made_by_id": str(board_world["inspector"].id), "outcome_timetable": "done"})
    view = announcement_call.call_view(session=session, actor=actor, inspection_id=planned.id)
    assert view.outstanding == [] and [c.kind_label for c in view.calls] == ["Follow-up call", "Announcement call"]
    assert [i.key for i in view.calls[0].item_rows] == ["timetable"]


@pytest.mark.parametrize(("changes", "field"), [
    ({"outcome_process": ""}, "outcome_process"),
    ({"outcome_process": "maybe"}, "outcome_process"),
    ({"called_on": "2026-12-01"}, "called_on"),
    ({"spoke_to": ""}, "spoke_to"),
    ({"made_by_id": "999"}, "made_by_id"),
    ({"kind": "follow_up"}, "kind"),
])
def test_a_wrong_call_says_which_field_and_saves_nothing(session, board_world, changes, field):
    with pytest.raises(InvalidInput) as refused:
        announcement_call.record_call(session=session, actor=f.actor(board_world["inspector"]),
                                      inspection_id=board_world["planned"].id, data=checklist(board_world, **changes),
                                      today=TODAY)
    assert field in refused.value.errors
    assert session.exec(select(AnnouncementCall)).all() == []


def test_a_team_member_who_is_not_the_lead_may_not_record_the_call(session, board_world):
    overdue = board_world["overdue"]
    with pytest.raises(PermissionDenied):
        announcement_call.record_call(session=session, actor=f.actor(board_world["inspector"]),
                                      inspection_id=overdue.id, data=checklist(board_world), today=TODAY)


def test_the_page_saves_the_checklist_and_forged_calls_by_others_save_nothing(session, board_world, browser_as):
    path = f"/inspections/{board_world['planned'].id}/announcement-call"
    for who in ("lead", "other_inspector", "stakeholder"):
        state = browser_as(board_world[who], AnnouncementCallState, path)
        call(state, "load")
        call(state, "record", checklist(board_world))
        assert state.view.calls == [] and state.notice == ""
    session.expire_all()
    assert session.exec(select(AnnouncementCall)).all() == []
    lead_inspector = browser_as(board_world["inspector"], AnnouncementCallState, path)
    call(lead_inspector, "load")
    assert lead_inspector.view.may_record and len(lead_inspector.view.checklist) == 12
    call(lead_inspector, "record", checklist(board_world))
    assert lead_inspector.notice == "Call recorded." and len(lead_inspector.view.calls) == 1


def test_the_timeline_shows_staff_why_the_inspection_happens_and_never_the_provider_s_lead(session, board_world):
    from safehouse_portal.services.programme import schedule

    planned = board_world["planned"]
    planned.reason = "concern"
    session.add(planned)
    session.commit()
    seen = {who: schedule.inspection_timeline(session=session, actor=f.actor(board_world[who]),
                                              inspection_id=planned.id, today=TODAY).reason_label
            for who in ("manager", "inspector", "lead")}
    assert seen == {"manager": "Concern", "inspector": "Concern", "lead": ""}
