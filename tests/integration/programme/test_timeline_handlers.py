"""An inspection's page and the closures page, called as a forging browser would."""

from sqlmodel import select

from safehouse_portal.db import DeadlineExtension, Inspection
from safehouse_portal.domain.enums import Stage
from tests.integration.worlds.forged import call


def test_the_timeline_page_shows_another_providers_lead_nothing(browser_as, schedule_world):
    from safehouse_portal.portals.programme.timeline import InspectionTimelineState

    state = browser_as(schedule_world["south_lead"], InspectionTimelineState, f"/inspections/{schedule_world['inspection'].id}")
    call(state, "load")
    assert state.not_permitted is True and state.view.milestones == []


def test_timeline_handlers_refuse_forged_forms_and_change_nothing(browser_as, schedule_world, session):
    from safehouse_portal.portals.programme.timeline import InspectionTimelineState

    path = f"/inspections/{schedule_world['inspection'].id}"
    state = browser_as(schedule_world["other_inspector"], InspectionTimelineState, path)
    for handler, errors, form in (("move_stage", "move_errors", {"target": "announced"}),
                                  ("record_step", "record_errors", {"step": "started_on", "on": "2026-11-20"}),
                                  ("extend_deadline", "extend_errors", "not a form")):
        call(state, handler, form)
        assert "form" in getattr(state, errors) and state.notice == ""
    manager = browser_as(schedule_world["manager"], InspectionTimelineState, path)
    call(manager, "extend_deadline", {"milestone": {"$ne": 1}, "new_due": ["2027-01-15"], "reason": "x"})
    assert "milestone" in manager.extend_errors
    session.expire_all()
    inspection = session.get(Inspection, schedule_world["inspection"].id)
    assert (inspection.stage, inspection.started_on) == (Stage.PLANNED, None)
    assert session.exec(select(DeadlineExtension)).all() == []


def test_the_closures_page_lets_only_admins_add_days(browser_as, schedule_world, session):
    from safehouse_portal.db import ClosureDay
    from safehouse_portal.portals.programme.closures import AdminClosuresState

    manager = browser_as(schedule_world["manager"], AdminClosuresState, "/admin/closures")
    call(manager, "add", {"day": "2026-12-24", "reason": "Forged"})
    call(manager, "remove", "1")
    assert session.exec(select(ClosureDay)).all() == [] and manager.rows == []
    admin = browser_as(schedule_world["admin"], AdminClosuresState, "/admin/closures")
    call(admin, "add", {"day": "2026-12-24", "reason": "Christmas Eve"})
    assert [row.reason for row in admin.rows] == ["Christmas Eve"]
    call(admin, "remove", {"id": admin.rows[0].id})
    assert "closure_id" in admin.errors and len(admin.rows) == 1


def test_a_lead_inspector_moves_the_inspection_from_its_page(browser_as, schedule_world, session):
    from safehouse_portal.portals.programme.timeline import InspectionTimelineState

    state = browser_as(schedule_world["lead"], InspectionTimelineState, f"/inspections/{schedule_world['inspection'].id}")
    call(state, "load")
    assert (state.view.may_move, state.view.may_record, state.view.may_extend) == (True, True, False)
    call(state, "move_stage", {"target": "announced", "reason": ""})
    assert "The phone call announcing the inspection has not been recorded." in state.move_reasons
    for step in ("announcement_call_on", "announcement_letter_on"):
        call(state, "record_step", {"step": step, "on": "2026-11-20"})
        assert state.record_errors == {}
    call(state, "move_stage", {"target": "announced", "reason": ""})
    assert state.move_reasons == [] and state.notice.startswith("The inspection is now at Announced.")
    assert state.view.stage == "announced"
