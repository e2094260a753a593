"""One inspection's lifecycle: see its timeline, extend deadlines, record steps, move stages.

The rules live in ``domain/milestones.py`` and ``domain/lifecycle.py`` and the deadlines
are read in ``deadlines``; this module decides who may do what and keeps the audit trail.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from pydantic import BaseModel, field_validator
from sqlalchemy import func
from sqlmodel import Session, select

from safehouse_portal.db import (
    DeadlineExtension, FrameworkKeyQuestion, Inspection, InspectionGroup, Kloe, Provider, User,
)
from safehouse_portal.domain.enums import STAGE_LABELS, InspectionMode, Role, Stage
from safehouse_portal.domain.lifecycle import BACKWARD_MOVES, InspectionFacts, allowed_targets, check_move
from safehouse_portal.domain.milestones import FA_WORKING_DAYS, Milestone, MilestoneState, MilestoneStatus
from safehouse_portal.domain.working_days import WorkingCalendar, format_long_date
from safehouse_portal.services.core import audit
from safehouse_portal.services.core.actor import Actor, require_provider_scope, require_role
from safehouse_portal.services.core.calendar import working_calendar
from safehouse_portal.services.programme.deadlines import (
    MilestoneView, extensions_of, milestone_views, planned_dates_text, schedule_of,
)
from safehouse_portal.services.core.errors import InvalidInput, NotFound, PermissionDenied
from safehouse_portal.services.judgements.gates import judgement_facts
from safehouse_portal.services.reporting.gates import report_facts
from safehouse_portal.services.core.validation import bounded_text, parse

MAX_REASON_LENGTH = 1000

RECORDABLE_STEPS: Mapping[str, str] = {
    "announcement_call_on": "Phone call announcing the inspection made",
    "announcement_letter_on": "Announcement letter with the PIR request sent",
    "pir_requested_on": "Provider information return (PIR) requested",
    "pir_received_on": "Provider information return (PIR) received",
    "started_on": "Inspection started",
    "ended_on": "Inspection ended",
    "early_outcome_letter_on": "Early outcome letter sent",
    "draft_sent_on": "Draft report sent for factual accuracy",
    "fa_closed_on": "Factual accuracy check closed",
    "final_issued_on": "Final report issued",
}
"""Each ``Inspection`` column a person records a step in, and how the step reads."""

_NOT_BEFORE: Mapping[str, str] = {
    "pir_received_on": "pir_requested_on",
    "ended_on": "started_on",
    "early_outcome_letter_on": "ended_on",
    "draft_sent_on": "ended_on",
    "fa_closed_on": "draft_sent_on",
    "final_issued_on": "draft_sent_on",
}
"""A step cannot be recorded before the step it follows."""

_FACT_OF_COLUMN: Mapping[str, str] = {"started_on": "inspection_started", "ended_on": "inspection_ended"}


@dataclass(frozen=True)
class Option:
    """One choice in a select: the value sent back and the words shown."""

    value: str = ""
    label: str = ""


@dataclass(frozen=True)
class TimelineView:
    """One inspection's header, deadlines, and what the viewer may do to it."""

    inspection_id: int = 0
    group_name: str = ""
    provider_name: str = ""
    type_label: str = ""
    mode_label: str = ""
    planned_dates: str = ""
    lead_inspector: str = ""
    stage: str = ""
    stage_label: str = ""
    serious_concern: bool = False
    schedule_note: str = ""
    milestones: list[MilestoneView] = field(default_factory=list)
    may_move: bool = False
    may_extend: bool = False
    may_record: bool = False
    move_targets: list[Option] = field(default_factory=list)
    extendable: list[Option] = field(default_factory=list)
    recordable_steps: list[Option] = field(default_factory=list)


@dataclass(frozen=True)
class MoveResult:
    """The outcome of a move: done, or refused with the reasons in plain words."""

    allowed: bool = False
    reasons: tuple[str, ...] = ()
    recorded_steps: tuple[str, ...] = ()


class ExtensionRequest(BaseModel):
    """A programme manager's extension of one milestone."""

    milestone: Milestone
    new_due: date
    reason: str

    @field_validator("milestone", mode="before")
    @classmethod
    def _milestone(cls, value: object) -> Milestone:
        if not isinstance(value, str) or value not in Milestone:
            raise ValueError("Choose a deadline from the list")
        return Milestone(value)

    @field_validator("new_due", mode="before")
    @classmethod
    def _new_due(cls, value: object) -> date:
        return _iso_date(value)

    @field_validator("reason", mode="before")
    @classmethod
    def _reason(cls, value: object) -> str:
        return bounded_text(value, most=MAX_REASON_LENGTH,
                            message=f"Enter why the deadline is extended, in 1 to {MAX_REASON_LENGTH} characters")


def inspection_timeline(*, session: Session, actor: Actor | None, inspection_id: object, today: date) -> TimelineView:
    """The inspection's header and every deadline, for staff and the provider's own lead."""
    actor = require_role(actor, Role.PROVIDER_LEAD, Role.INSPECTOR, Role.PROGRAMME_MANAGER, Role.ADMIN)
    inspection, group = _inspection(session, inspection_id)
    require_provider_scope(actor, group.provider_id)
    calendar = working_calendar(session=session)
    extensions = extensions_of(session, inspection.id)
    milestones, note = milestone_views(inspection, extensions, today, calendar)
    lead = session.get(User, inspection.lead_inspector_id) if inspection.lead_inspector_id else None
    may_move, may_record = _may_move(actor, inspection), _may_record(actor, inspection)
    may_extend = actor.role is Role.PROGRAMME_MANAGER
    return TimelineView(
        inspection_id=inspection.id,
        group_name=group.name,
        provider_name=session.get(Provider, group.provider_id).name,
        type_label=inspection.type.value.capitalize(),
        mode_label="On site" if inspection.mode is InspectionMode.ON_SITE else "Remote",
        planned_dates=planned_dates_text(inspection),
        lead_inspector=lead.name if lead else "Not allocated",
        stage=inspection.stage.value,
        stage_label=STAGE_LABELS[inspection.stage],
        serious_concern=inspection.serious_concern,
        schedule_note=note,
        milestones=milestones,
        may_move=may_move,
        may_extend=may_extend,
        may_record=may_record,
        move_targets=[_target_option(inspection.stage, t) for t in allowed_targets(inspection.stage)]
        if may_move else [],
        extendable=[Option(m.key, m.label) for m in milestones if m.state != MilestoneState.DONE]
        if may_extend else [],
        recordable_steps=[Option(k, v) for k, v in RECORDABLE_STEPS.items()] if may_record else [],
    )


def extend_deadline(*, session: Session, actor: Actor | None, inspection_id: object, data: object,
                    today: date) -> date:
    """Move one milestone's due date later, keeping the original (programme managers only).

    Returns:
        The new due date.

    Raises:
        InvalidInput: The milestone does not apply or is done, or the new date is not a
            working day after the original due date.
    """
    actor = require_role(actor, Role.PROGRAMME_MANAGER)
    inspection, _group = _inspection(session, inspection_id)
    request = parse(ExtensionRequest, data)
    calendar = working_calendar(session=session)
    statuses = {s.key: s for s in schedule_of(inspection, extensions_of(session, inspection.id), today, calendar)}
    status = statuses.get(request.milestone)
    if status is None:
        raise InvalidInput({"milestone": "That deadline does not apply to this inspection"})
    if status.done_on is not None:
        raise InvalidInput({"milestone": f"{status.label} is already done"})
    _check_new_due(request.new_due, status, calendar)
    session.add(DeadlineExtension(inspection_id=inspection.id, milestone=request.milestone.value,
                                  original_due=status.original_due, new_due=request.new_due,
                                  reason=request.reason, extended_by_id=actor.user_id))
    audit.record(session=session, actor=actor, action="deadline.extended", entity_type="inspection",
                 entity_id=inspection.id,
                 before={"milestone": status.key.value, "due": status.due.isoformat(),
                         "original_due": status.original_due.isoformat()},
                 after={"milestone": status.key.value, "due": request.new_due.isoformat(),
                        "reason": request.reason})
    session.commit()
    return request.new_due


def record_step(*, session: Session, actor: Actor | None, inspection_id: object, step: object, on: object,
                today: date) -> None:
    """Record the day a step happened (lead inspector or programme manager); a correction is audited too.

    Raises:
        InvalidInput: Unknown step, a date that is not real, in the future, or before
            the step it follows.
    """
    actor = require_role(actor, Role.INSPECTOR, Role.PROGRAMME_MANAGER)
    inspection, _group = _inspection(session, inspection_id)
    if not _may_record(actor, inspection):
        raise PermissionDenied()
    if not isinstance(step, str) or step not in RECORDABLE_STEPS:
        raise InvalidInput({"step": "Choose a step from the list"})
    day = _step_date(on, today)
    _check_order(inspection, step, day)
    before = getattr(inspection, step)
    setattr(inspection, step, day)
    session.add(inspection)
    audit.record(session=session, actor=actor, action="inspection.step_recorded", entity_type="inspection",
                 entity_id=inspection.id, before={step: before.isoformat() if before else None},
                 after={step: day.isoformat()})
    session.commit()


def move_stage(*, session: Session, actor: Actor | None, inspection_id: object, target: object,
               reason: object, today: date) -> MoveResult:
    """Move the inspection to another stage if the lifecycle's gates allow it.

    Only programme managers, admins and the inspection's lead inspector may move it.
    A move that itself marks a step (starting or ending the inspection, closing the
    factual accuracy check, closing the inspection) records that step's date as today
    when it is not recorded yet; moving to announced records the PIR request on the
    letter's date, since the letter carries it.

    Raises:
        PermissionDenied: The actor may not move this inspection.
        InvalidInput: The target is not a stage, or the reason is too long.
    """
    actor = require_role(actor, Role.PROGRAMME_MANAGER, Role.ADMIN, Role.INSPECTOR)
    inspection, _group = _inspection(session, inspection_id, lock=True)
    if not _may_move(actor, inspection):
        raise PermissionDenied()
    if not isinstance(target, str) or target not in Stage:
        raise InvalidInput({"target": "Choose a stage from the list"})
    if not (reason is None or isinstance(reason, str) and len(reason) <= MAX_REASON_LENGTH):
        raise InvalidInput({"reason": f"Enter a reason of at most {MAX_REASON_LENGTH} characters"})
    target, reason = Stage(target), (reason or "").strip() or None
    current = inspection.stage
    implied = {} if (current, target) in BACKWARD_MOVES else _implied_steps(inspection, target, today)
    facts = facts_for(session, inspection, today)
    facts = replace(facts, **{_FACT_OF_COLUMN[c]: True for c in implied if c in _FACT_OF_COLUMN})
    decision = check_move(current, target, facts, reason)
    if not decision.allowed:
        return MoveResult(False, decision.reasons)
    for column, day in implied.items():
        setattr(inspection, column, day)
    inspection.stage = target
    session.add(inspection)
    audit.record(session=session, actor=actor, action="inspection.stage_moved", entity_type="inspection",
                 entity_id=inspection.id, before={"stage": current.value},
                 after={"stage": target.value, "reason": reason,
                        **{column: day.isoformat() for column, day in implied.items()}})
    session.commit()
    return MoveResult(True, (), tuple(f"{RECORDABLE_STEPS.get(c, 'Inspection closed')}: {format_long_date(d)}"
                                      for c, d in implied.items()))


def facts_for(session: Session, inspection: Inspection, today: date,
              calendar: WorkingCalendar | None = None) -> InspectionFacts:
    """What the stage gates see, read from the database as of ``today``.

    The judgement builder adds final KLOEs and recommendations
    (``judgement_gates``); quality assurance and factual accuracy add the sign-off
    and undecided comments (``report_gates``).
    """
    calendar = calendar or working_calendar(session=session)
    return InspectionFacts(
        has_lead_inspector=inspection.lead_inspector_id is not None,
        has_planned_dates=inspection.planned_start is not None and inspection.planned_end is not None,
        announcement_call_made=inspection.announcement_call_on is not None,
        announcement_letter_sent=inspection.announcement_letter_on is not None,
        pir_submitted=inspection.pir_received_on is not None,
        inspection_started=inspection.started_on is not None,
        inspection_ended=inspection.ended_on is not None,
        in_scope_kloes_total=_in_scope_kloes(session, inspection),
        draft_sent=inspection.draft_sent_on is not None,
        fa_window_closed=_fa_window_closed(session, inspection, today, calendar),
        provider_declined_fa=inspection.fa_declined,
        final_report_issued=inspection.final_issued_on is not None,
        **judgement_facts(session, inspection),
        **report_facts(session, inspection),
    )


def _inspection(session: Session, inspection_id: object, lock: bool = False) -> tuple[Inspection, InspectionGroup]:
    if not isinstance(inspection_id, int) or isinstance(inspection_id, bool) or not 0 < inspection_id < 2**31:
        raise InvalidInput({"inspection_id": "Unknown inspection"})
    query = select(Inspection).where(Inspection.id == inspection_id)
    inspection = session.exec(query.with_for_update() if lock else query).first()
    if inspection is None:
        raise NotFound("No such inspection")
    return inspection, session.get(InspectionGroup, inspection.group_id)


def _may_move(actor: Actor, inspection: Inspection) -> bool:
    return actor.role in (Role.PROGRAMME_MANAGER, Role.ADMIN) or _is_lead(actor, inspection)


def _may_record(actor: Actor, inspection: Inspection) -> bool:
    return actor.role is Role.PROGRAMME_MANAGER or _is_lead(actor, inspection)


def _is_lead(actor: Actor, inspection: Inspection) -> bool:
    return actor.role is Role.INSPECTOR and inspection.lead_inspector_id == actor.user_id


def _target_option(current: Stage, target: Stage) -> Option:
    if (current, target) in BACKWARD_MOVES:
        return Option(target.value, f"Back to {STAGE_LABELS[target]} (give a reason)")
    return Option(target.value, STAGE_LABELS[target])


def _implied_steps(inspection: Inspection, target: Stage, today: date) -> dict[str, date]:
    """Step dates a forward move to ``target`` records itself, when not recorded yet."""
    if target is Stage.ANNOUNCED and inspection.pir_requested_on is None and inspection.announcement_letter_on:
        return {"pir_requested_on": inspection.announcement_letter_on}
    planned_start = inspection.planned_start
    column = {Stage.INSPECTING: "started_on", Stage.EVIDENCE_REVIEW: "ended_on",
              Stage.FINALISING: "fa_closed_on", Stage.CLOSED: "closed_on"}.get(target)
    if column is None or getattr(inspection, column) is not None:
        return {}
    if column == "started_on" and (planned_start is None or today < planned_start):
        return {}
    if column == "ended_on" and (inspection.started_on is None or today < inspection.started_on):
        return {}
    return {column: today}


def _in_scope_kloes(session: Session, inspection: Inspection) -> int:
    keys = [str(key) for key in inspection.key_questions or []]
    if not keys:
        return 0
    return session.exec(
        select(func.count(Kloe.id))
        .join(FrameworkKeyQuestion, FrameworkKeyQuestion.id == Kloe.key_question_id)
        .where(Kloe.version_id == inspection.framework_version_id, FrameworkKeyQuestion.key.in_(keys))
    ).one()


def _fa_window_closed(session: Session, inspection: Inspection, today: date, calendar: WorkingCalendar) -> bool:
    """Past the factual accuracy due date (with any extension) counted from the draft's sending."""
    if inspection.draft_sent_on is None:
        return False
    for status in schedule_of(inspection, extensions_of(session, inspection.id), today, calendar):
        if status.key is Milestone.FA_COMMENTS_DUE:
            return today > status.due
    return today > calendar.add_working_days(inspection.draft_sent_on, FA_WORKING_DAYS)


def _iso_date(value: object) -> date:
    message = "Enter a real date, for example 2026-05-21"
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ValueError(message)
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(message) from None


def _step_date(on: object, today: date) -> date:
    try:
        day = _iso_date(on)
    except ValueError as exc:
        raise InvalidInput({"on": str(exc)}) from None
    if day > today:
        raise InvalidInput({"on": "Enter today's date or an earlier one: a step is recorded once it has happened"})
    if day.year < 2015:
        raise InvalidInput({"on": "Enter a date from 2015 onwards"})
    return day


def _check_order(inspection: Inspection, step: str, day: date) -> None:
    """Refuse a step dated before the step it follows, or after a step that follows it."""
    for later, earlier in _NOT_BEFORE.items():
        earlier_day, later_day = getattr(inspection, earlier), getattr(inspection, later)
        if step == later and earlier_day is not None and day < earlier_day:
            raise InvalidInput({"on": f"Enter a date on or after the day of this step: "
                                      f"{RECORDABLE_STEPS[earlier].lower()} ({format_long_date(earlier_day)})"})
        if step == earlier and later_day is not None and day > later_day:
            raise InvalidInput({"on": f"Enter a date on or before the day of this step: "
                                      f"{RECORDABLE_STEPS[later].lower()} ({format_long_date(later_day)})"})


def _check_new_due(new_due: date, status: MilestoneStatus, calendar: WorkingCalendar) -> None:
    if not calendar.covers(new_due):
        raise InvalidInput({"new_due": f"Enter a date from {calendar.first_year} to {calendar.last_year}"})
    if new_due <= status.original_due:
        raise InvalidInput({"new_due": f"Enter a date after the original due date, "
                                       f"{format_long_date(status.original_due)}"})
    if new_due == status.due:
        raise InvalidInput({"new_due": f"{status.label} is already due on {format_long_date(new_due)}"})
    reason = calendar.why_not_working(new_due)
    if reason is not None:
        kind, names = reason
        why = "; ".join(names) or str(kind.value).replace("_", " ")
        raise InvalidInput({"new_due": f"{format_long_date(new_due)} is not a working day ({why})"})
