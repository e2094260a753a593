"""Closure days, deadline extensions, recorded steps and stage moves, on a real database.

The factories' inspection is planned for Monday 7 and Tuesday 8 December 2026, so its
draft report is due 20 working days after 8 December: Friday 8 January 2027, after
Christmas, Boxing Day's substitute on 28 December and New Year's Day.
"""

from datetime import UTC, date, datetime

import pytest
from sqlmodel import select

from safehouse_portal.db import AuditEvent, DeadlineExtension, FrameworkKeyQuestion, InfoRequest, Inspection, Kloe
from safehouse_portal.domain.enums import Stage
from safehouse_portal.services.core import calendar
from safehouse_portal.services.programme import deadlines
from safehouse_portal.services.programme import schedule
from safehouse_portal.services.core.errors import InvalidInput, NotFound, PermissionDenied
from tests.integration.worlds import factories as f

TODAY = date(2026, 11, 23)
DRAFT_DUE = date(2027, 1, 8)
DRAFT_DUE_AFTER_CHRISTMAS_EVE_CLOSURE = date(2027, 1, 11)


def as_(schedule_world, who):
    return f.actor(schedule_world[who])


def timeline(session, schedule_world, who="manager"):
    return schedule.inspection_timeline(session=session, actor=as_(schedule_world, who),
                                        inspection_id=schedule_world["inspection"].id, today=TODAY)


def milestone(view, key):
    return next(m for m in view.milestones if m.key == key)


def audit_actions(session, action):
    return session.exec(select(AuditEvent).where(AuditEvent.action == action)).all()


def record(session, schedule_world, step, on, who="manager"):
    schedule.record_step(session=session, actor=as_(schedule_world, who), inspection_id=schedule_world["inspection"].id,
                         step=step, on=on, today=TODAY)


def move(session, schedule_world, target, reason=None, who="manager", today=TODAY):
    return schedule.move_stage(session=session, actor=as_(schedule_world, who), inspection_id=schedule_world["inspection"].id,
                               target=target, reason=reason, today=today)


def add_kloe(session, inspection, key="safe"):
    kq = FrameworkKeyQuestion(version_id=inspection.framework_version_id, key=key, title=key, position=1)
    session.add(kq)
    session.commit()
    session.add(Kloe(version_id=kq.version_id, key_question_id=kq.id, code="S1", title="t", question="q", position=1))
    session.commit()


def test_a_closure_day_added_by_an_admin_moves_a_due_date_and_is_explained(session, schedule_world):
    assert milestone(timeline(session, schedule_world), "draft_report_due").due_iso == DRAFT_DUE.isoformat()
    calendar.add_closure_day(session=session, actor=as_(schedule_world, "admin"),
                             data={"day": "2026-12-24", "reason": "Christmas Eve office closure"})
    draft = milestone(timeline(session, schedule_world), "draft_report_due")
    assert draft.due_iso == DRAFT_DUE_AFTER_CHRISTMAS_EVE_CLOSURE.isoformat()
    assert "Christmas Eve office closure (programme closure) 24 December" in draft.explanation
    assert draft.planned_due == "Monday 11 January 2027"
    assert [a.after["day"] for a in audit_actions(session, "closure_day.added")] == ["2026-12-24"]


def test_removing_a_closure_day_counts_the_day_again(session, schedule_world):
    added = calendar.add_closure_day(session=session, actor=as_(schedule_world, "admin"),
                                     data={"day": "2026-12-24", "reason": "Closed"})
    calendar.remove_closure_day(session=session, actor=as_(schedule_world, "admin"), closure_id=added.id)
    assert milestone(timeline(session, schedule_world), "draft_report_due").due_iso == DRAFT_DUE.isoformat()
    assert len(audit_actions(session, "closure_day.removed")) == 1


@pytest.mark.parametrize("who", ["manager", "lead", "north_lead", "stakeholder"])
def test_only_admins_add_or_remove_closure_days(session, schedule_world, who):
    with pytest.raises(PermissionDenied):
        calendar.add_closure_day(session=session, actor=as_(schedule_world, who), data={"day": "2026-12-24", "reason": "x"})
    added = calendar.add_closure_day(session=session, actor=as_(schedule_world, "admin"),
                                     data={"day": "2026-12-24", "reason": "x"})
    with pytest.raises(PermissionDenied):
        calendar.remove_closure_day(session=session, actor=as_(schedule_world, who), closure_id=added.id)
    assert [row.day for row in calendar.list_closure_days(session=session, actor=as_(schedule_world, "admin"))] == [
        "2026-12-24"]


@pytest.mark.parametrize(("data", "field"), [
    ({"day": "24/12/2026", "reason": "Closed"}, "day"),
    ({"day": "2026-12-24", "reason": "   "}, "reason"),
    ({"day": "2026-12-24", "reason": "x" * 201}, "reason"),
    ({"day": {"$gt": ""}, "reason": "Closed"}, "day"),
    ({"day": "2099-01-05", "reason": "Closed"}, "day"),
])
def test_closure_days_are_validated_field_by_field(session, schedule_world, data, field):
    with pytest.raises(InvalidInput) as refused:
        calendar.add_closure_day(session=session, actor=as_(schedule_world, "admin"), data=data)
    assert field in refused.value.errors


def test_the_same_closure_day_cannot_be_added_twice(session, schedule_world):
    admin = as_(schedule_world, "admin")
    calendar.add_closure_day(session=session, actor=admin, data={"day": "2026-12-24", "reason": "Closed"})
    with pytest.raises(InvalidInput) as refused:
        calendar.add_closure_day(session=session, actor=admin, data={"day": "2026-12-24", "reason": "Again"})
    assert "already a closure day" in refused.value.errors["day"]


def test_an_extension_keeps_the_original_due_date_and_is_audited(session, schedule_world):
    new_due = schedule.extend_deadline(
        session=session, actor=as_(schedule_world, "manager"), inspection_id=schedule_world["inspection"].id, today=TODAY,
        data={"milestone": "draft_report_due", "new_due": "2027-01-15", "reason": "Lead inspector off sick"})
    assert new_due == date(2027, 1, 15)
    draft = milestone(timeline(session, schedule_world), "draft_report_due")
    assert (draft.due, draft.original_due, draft.extended) == (
        "Friday 15 January 2027", "Friday 8 January 2027", True)
    assert draft.extension_notes == [
        "Extended from Friday 8 January 2027 to Friday 15 January 2027: Lead inspector off sick"]
    assert "Extended to Friday 15 January 2027" in draft.explanation
    row = session.exec(select(DeadlineExtension)).one()
    assert (row.original_due, row.new_due, row.extended_by_id) == (DRAFT_DUE, date(2027, 1, 15),
                                                                  schedule_world["manager"].id)
    event = audit_actions(session, "deadline.extended")[0]
    assert event.before["due"] == "2027-01-08" and event.after["due"] == "2027-01-15"


@pytest.mark.parametrize("who", ["admin", "lead", "north_lead", "stakeholder"])
def test_only_programme_managers_extend_deadlines(session, schedule_world, who):
    with pytest.raises(PermissionDenied):
        schedule.extend_deadline(session=session, actor=as_(schedule_world, who), inspection_id=schedule_world["inspection"].id,
                                 today=TODAY, data={"milestone": "draft_report_due", "new_due": "2027-01-15",
                                                    "reason": "Because"})
    assert session.exec(select(DeadlineExtension)).all() == []


@pytest.mark.parametrize(("data", "field"), [
    ({"milestone": "draft_report_due", "new_due": "2027-01-16", "reason": "Sat"}, "new_due"),
    ({"milestone": "draft_report_due", "new_due": "2027-01-07", "reason": "Earlier"}, "new_due"),
    ({"milestone": "draft_report_due", "new_due": "2027-01-15", "reason": ""}, "reason"),
    ({"milestone": "early_outcome_letter_due", "new_due": "2027-01-15", "reason": "No concern"}, "milestone"),
    ({"milestone": "bogus", "new_due": "2027-01-15", "reason": "x"}, "milestone"),
    ({"milestone": ["draft_report_due"], "new_due": 20270115, "reason": {"a": 1}}, "milestone"),
])
def test_extensions_are_validated(session, schedule_world, data, field):
    with pytest.raises(InvalidInput) as refused:
        schedule.extend_deadline(session=session, actor=as_(schedule_world, "manager"),
                                 inspection_id=schedule_world["inspection"].id, today=TODAY, data=data)
    assert field in refused.value.errors


def test_announcing_without_a_lead_inspector_is_refused_with_reasons_and_changes_nothing(session, schedule_world):
    unled = f.inspection(session, schedule_world["south"], None)
    result = schedule.move_stage(session=session, actor=as_(schedule_world, "manager"), inspection_id=unled.id,
                                 target="announced", reason=None, today=TODAY)
    assert result.allowed is False
    assert "No lead inspector has been allocated." in result.reasons
    assert "The phone call announcing the inspection has not been recorded." in result.reasons
    session.expire_all()
    assert session.get(Inspection, unled.id).stage is Stage.PLANNED
    assert audit_actions(session, "inspection.stage_moved") == []


def test_a_lead_inspector_records_the_announcement_and_moves_the_inspection_on(session, schedule_world):
    record(session, schedule_world, "announcement_call_on", "2026-11-20", who="lead")
    record(session, schedule_world, "announcement_letter_on", "2026-11-23", who="lead")
    result = move(session, schedule_world, "announced", who="lead")
    assert result.allowed is True
    session.expire_all()
    inspection = session.get(Inspection, schedule_world["inspection"].id)
    assert inspection.stage is Stage.ANNOUNCED
    assert inspection.pir_requested_on == date(2026, 11, 23)
    event = audit_actions(session, "inspection.stage_moved")[0]
    assert (event.before, event.after["stage"], event.actor_id) == (
        {"stage": "planned"}, "announced", schedule_world["lead"].id)
    assert len(audit_actions(session, "inspection.step_recorded")) == 2
    assert milestone(timeline(session, schedule_world), "announce").state_text == "Done on Monday 23 November 2026"


def test_moving_back_needs_a_reason_which_is_kept_in_the_audit(session, schedule_world):
    record(session, schedule_world, "announcement_call_on", "2026-11-20")
    record(session, schedule_world, "announcement_letter_on", "2026-11-20")
    assert move(session, schedule_world, "announced").allowed
    refused = move(session, schedule_world, "planned", reason="  ")
    assert refused.allowed is False and "needs a reason" in refused.reasons[0]
    assert move(session, schedule_world, "planned", reason="Provider asked to postpone").allowed
    session.expire_all()
    assert session.get(Inspection, schedule_world["inspection"].id).stage is Stage.PLANNED
    assert audit_actions(session, "inspection.stage_moved")[-1].after["reason"] == "Provider asked to postpone"


def test_starting_the_inspection_records_its_first_day_as_today(session, schedule_world):
    session.get(Inspection, schedule_world["inspection"].id).stage = Stage.PIR_RECEIVED
    session.commit()
    assert move(session, schedule_world, "inspecting", today=date(2026, 12, 4)).allowed is False
    result = move(session, schedule_world, "inspecting", today=date(2026, 12, 7))
    assert result.allowed and result.recorded_steps == ("Inspection started: Monday 7 December 2026",)
    session.expire_all()
    assert session.get(Inspection, schedule_world["inspection"].id).started_on == date(2026, 12, 7)


def test_drafting_needs_kloes_in_scope(session, schedule_world):
    session.get(Inspection, schedule_world["inspection"].id).stage = Stage.EVIDENCE_REVIEW
    session.commit()
    assert move(session, schedule_world, "drafting").reasons == (
        "No key lines of enquiry (KLOEs) are in the inspection's scope.",)
    add_kloe(session, schedule_world["inspection"])
    assert move(session, schedule_world, "drafting").allowed


@pytest.mark.parametrize("who", ["other_inspector", "north_lead", "stakeholder"])
def test_only_managers_admins_and_the_lead_inspector_move_an_inspection(session, schedule_world, who):
    with pytest.raises(PermissionDenied):
        move(session, schedule_world, "announced", who=who)
    with pytest.raises(PermissionDenied):
        record(session, schedule_world, "announcement_call_on", "2026-11-20", who=who)


def test_a_provider_lead_sees_their_own_timeline_but_not_another_providers(session, schedule_world):
    own = timeline(session, schedule_world, "north_lead")
    assert own.provider_name == "North Trust"
    assert (own.may_move, own.may_extend, own.may_record, own.move_targets) == (False, False, False, [])
    for who in ("south_lead", "stakeholder"):
        with pytest.raises(PermissionDenied):
            timeline(session, schedule_world, who)


def test_what_the_timeline_offers_depends_on_who_is_looking(session, schedule_world):
    manager = timeline(session, schedule_world, "manager")
    assert (manager.may_move, manager.may_extend, manager.may_record) == (True, True, True)
    assert [o.value for o in manager.move_targets] == ["announced"]
    other = timeline(session, schedule_world, "other_inspector")
    assert (other.may_move, other.may_extend, other.may_record) == (False, False, False)


@pytest.mark.parametrize("forged", ["1", None, True, {"id": 1}, -5, 10**12, 1.0])
def test_forged_inspection_ids_are_refused(session, schedule_world, forged):
    for call in (
        lambda: schedule.inspection_timeline(session=session, actor=as_(schedule_world, "manager"),
                                             inspection_id=forged, today=TODAY),
        lambda: schedule.move_stage(session=session, actor=as_(schedule_world, "manager"), inspection_id=forged,
                                    target="announced", reason=None, today=TODAY),
        lambda: schedule.extend_deadline(session=session, actor=as_(schedule_world, "manager"), inspection_id=forged,
                                         today=TODAY, data={}),
        lambda: calendar.remove_closure_day(session=session, actor=as_(schedule_world, "admin"), closure_id=forged),
    ):
        with pytest.raises((InvalidInput, PermissionDenied, NotFound)):
            call()


@pytest.mark.parametrize(("target", "reason", "field"), [
    ({"stage": "announced"}, None, "target"),
    ("nowhere", None, "target"),
    ("planned", {"why": "x"}, "reason"),
    ("planned", "x" * 1001, "reason"),
])
def test_forged_move_arguments_are_refused(session, schedule_world, target, reason, field):
    with pytest.raises(InvalidInput) as refused:
        move(session, schedule_world, target, reason=reason)
    assert field in refused.value.errors


@pytest.mark.parametrize(("step", "on", "field"), [
    ("stage", "2026-11-20", "step"),
    (["started_on"], "2026-11-20", "step"),
    ("started_on", "2026-11-24", "on"),
    ("started_on", {"y": 2026}, "on"),
    ("started_on", "yesterday", "on"),
])
def test_forged_step_arguments_are_refused(session, schedule_world, step, on, field):
    with pytest.raises(InvalidInput) as refused:
        record(session, schedule_world, step, on)
    assert field in refused.value.errors


def test_a_step_cannot_be_recorded_before_the_step_it_follows(session, schedule_world):
    record(session, schedule_world, "started_on", "2026-11-18")
    with pytest.raises(InvalidInput) as refused:
        record(session, schedule_world, "ended_on", "2026-11-17")
    assert "on or after the day of this step: inspection started" in refused.value.errors["on"]
    record(session, schedule_world, "ended_on", "2026-11-19")
    with pytest.raises(InvalidInput) as refused:
        record(session, schedule_world, "started_on", "2026-11-20")
    assert "on or before the day of this step: inspection ended" in refused.value.errors["on"]


def ask_for_more(session, schedule_world, status="open"):
    session.add(InfoRequest(inspection_id=schedule_world["inspection"].id, question="Send the rota for December",
                            due_on=date(2026, 12, 17), status=status, asked_by_id=schedule_world["lead"].id))
    session.commit()


def test_the_timeline_has_no_additional_information_deadline_until_the_provider_is_asked_for_more(session, schedule_world):
    keys = [m.key for m in timeline(session, schedule_world).milestones]

    assert "additional_info_due" not in keys


def test_an_information_request_puts_the_additional_information_deadline_on_the_timeline(session, schedule_world):
    ask_for_more(session, schedule_world)

    due = milestone(timeline(session, schedule_world), "additional_info_due")

    assert due.label and due.due and due.planned_due


def test_a_withdrawn_information_request_leaves_the_additional_information_deadline_out(session, schedule_world):
    ask_for_more(session, schedule_world, status="withdrawn")

    assert "additional_info_due" not in [m.key for m in timeline(session, schedule_world).milestones]


def test_inspection_dates_looks_up_information_requests_through_the_rows_session(session, schedule_world):
    before = deadlines.inspection_dates(schedule_world["inspection"]).additional_info_requested
    ask_for_more(session, schedule_world)

    assert (before, deadlines.inspection_dates(schedule_world["inspection"]).additional_info_requested) == (False, True)


def test_the_additional_information_deadline_is_done_once_every_request_is_answered(session, schedule_world):
    ask_for_more(session, schedule_world)
    request = session.exec(select(InfoRequest)).one()
    request.status, request.answered_at = "answered", datetime(2026, 12, 15, 16, 30, tzinfo=UTC)
    session.add(request)
    session.commit()

    due = milestone(timeline(session, schedule_world), "additional_info_due")

    assert (due.state, due.done_on) == ("done", "Tuesday 15 December 2026")


def test_the_additional_information_deadline_stays_open_while_one_request_is_unanswered(session, schedule_world):
    ask_for_more(session, schedule_world)
    ask_for_more(session, schedule_world)
    first = session.exec(select(InfoRequest).order_by(InfoRequest.id)).first()
    first.status, first.answered_at = "answered", datetime(2026, 12, 15, 16, 30, tzinfo=UTC)
    session.add(first)
    session.commit()

    due = milestone(timeline(session, schedule_world), "additional_info_due")

    assert (due.done_on, due.state != "done") == ("", True)
