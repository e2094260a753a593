"""One inspection's lifecycle: see its timeline, extend deadlines, record steps, move stages.

The rules live in ``domain/milestones.py`` and ``domain/lifecycle.py``, the deadlines are
read in ``deadlines`` and what the stage gates see in ``stage_facts``; who may do what is
the access policy's (``services/core/access.py``); this module keeps the audit trail.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from pydantic import BaseModel, field_validator
from sqlmodel import Session, select

from safehouse_portal.db import DeadlineExtension, Inspection, InspectionGroup, Provider, User
from safehouse_portal.domain.enums import INSPECTION_REASON_LABELS, STAGE_LABELS, InspectionMode, Stage
from safehouse_portal.domain.lifecycle import BACKWARD_MOVES, allowed_targets, check_move
from safehouse_portal.domain.milestones import Milestone, MilestoneState, MilestoneStatus
from safehouse_portal.domain.ids import parse_id
from safehouse_portal.domain.notifications import LinkTarget, NotificationKind as Kind
from safehouse_portal.domain.options import Option
from safehouse_portal.domain.working_days import WorkingCalendar, format_long_date
from safehouse_portal.services.core import access, audit, outbox
from safehouse_portal.services.core.access import Action
from safehouse_portal.services.core.access_facts import inspection_facts
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.core.calendar import working_calendar
from safehouse_portal.services.programme.deadlines import (
    MilestoneView, extensions_of, milestone_views, planned_dates_text, schedule_of,
)
from safehouse_portal.services.core.errors import InvalidInput, NotFound
from safehouse_portal.services.core.validation import bounded_text, parse
from safehouse_portal.services.programme.stage_facts import facts_for

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
    reason_label: str = ""
    short_notice_reason: str = ""
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
    actor = access.admit(actor, Action.VIEW_PROVIDER)
    inspection, group = _inspection(session, inspection_id)
    facts = inspection_facts(session, inspection)
    access.require(actor, Action.VIEW_PROVIDER, facts)
    calendar = working_calendar(session=session)
    extensions = extensions_of(session, inspection.id)
    milestones, note = milestone_views(inspection, extensions, today, calendar)
    lead = session.get(User, inspection.lead_inspector_id) if inspection.lead_inspector_id else None
    may_move = access.may(actor, Action.MOVE_STAGE, facts)
    may_record = access.may(actor, Action.MANAGE_INSPECTION, facts)
    may_extend = access.may(actor, Action.EXTEND_DEADLINE, facts)
    # Why it was allocated is CQC's own (even a concern's existence is confidential): never the provider's lead.
    staff = access.role_may(actor, Action.VIEW_INSPECTION)
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
        reason_label=INSPECTION_REASON_LABELS[inspection.reason] if staff else "",
        short_notice_reason=(inspection.short_notice_reason or "") if staff else "",
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
    actor = access.admit(actor, Action.EXTEND_DEADLINE)
    inspection, _group = _inspection(session, inspection_id)
    access.require(actor, Action.EXTEND_DEADLINE, inspection_facts(session, inspection))
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
    outbox.notify(session=session, kind=Kind.EXTENSION_GRANTED, to_user_ids=_told_of_extension(session, inspection, status.key),
                  inspection_id=inspection.id, link=LinkTarget.INSPECTION, link_id=inspection.id, actor_id=actor.user_id)
    session.flush()
    return request.new_due


def record_step(*, session: Session, actor: Actor | None, inspection_id: object, step: object, on: object,
                today: date) -> None:
    """Record the day a step happened (lead inspector or programme manager); a correction is audited too.

    Raises:
        InvalidInput: Unknown step, a date that is not real, in the future, or before
            the step it follows.
    """
    actor = access.admit(actor, Action.MANAGE_INSPECTION)
    inspection, _group = _inspection(session, inspection_id)
    access.require(actor, Action.MANAGE_INSPECTION, inspection_facts(session, inspection))
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
    _notify_steps(session, inspection, {step: day} if before is None else {})
    session.flush()


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
    actor = access.admit(actor, Action.MOVE_STAGE)
    inspection, _group = _inspection(session, inspection_id, lock=True)
    access.require(actor, Action.MOVE_STAGE, inspection_facts(session, inspection))
    if not isinstance(target, str) or target not in Stage:
        raise InvalidInput({"target": "Choose a stage from the list"})
    message = f"Enter a reason of at most {MAX_REASON_LENGTH} characters"
    if not (reason is None or isinstance(reason, str) and len(reason) <= MAX_REASON_LENGTH):
        raise InvalidInput({"reason": message})
    try:
        reason = bounded_text(reason, most=MAX_REASON_LENGTH, message=message, required=False) or None
    except ValueError as exc:
        raise InvalidInput({"reason": str(exc)}) from None
    target = Stage(target)
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
    _notify_steps(session, inspection, {**implied, **({"announced": today} if current is Stage.PLANNED and target is Stage.ANNOUNCED else {})})
    session.flush()
    return MoveResult(True, (), tuple(f"{RECORDABLE_STEPS.get(c, 'Inspection closed')}: {format_long_date(d)}"
                                      for c, d in implied.items()))


def _inspection(session: Session, inspection_id: object, lock: bool = False) -> tuple[Inspection, InspectionGroup]:
    if parse_id(inspection_id, text=False) is None:
        raise InvalidInput({"inspection_id": "Unknown inspection"})
    query = select(Inspection).where(Inspection.id == inspection_id)
    inspection = session.exec(query.with_for_update() if lock else query).first()
    if inspection is None:
        raise NotFound("No such inspection")
    return inspection, session.get(InspectionGroup, inspection.group_id)


def _target_option(current: Stage, target: Stage) -> Option:
    if (current, target) in BACKWARD_MOVES:
        return Option(target.value, f"Back to {STAGE_LABELS[target]} (give a reason)")
    return Option(target.value, STAGE_LABELS[target])


_PROVIDER_MILESTONES = (Milestone.PIR_DUE, Milestone.ADDITIONAL_INFO_DUE, Milestone.FA_COMMENTS_DUE)


def _told_of_extension(session: Session, inspection: Inspection, milestone: Milestone) -> list[int]:
    """The lead inspector always; the provider's leads too when the deadline is theirs to meet."""
    leads = outbox.provider_leads(session, inspection_id=inspection.id) if milestone in _PROVIDER_MILESTONES else []
    return [inspection.lead_inspector_id, *leads]


def _notify_steps(session: Session, inspection: Inspection, steps: Mapping[str, date]) -> None:
    """Tell the provider's leads that their inspection is announced, or that their PIR is requested."""
    for step, kind, link in (("announced", Kind.INSPECTION_ANNOUNCED, LinkTarget.PROVIDER_HOME),
                             ("pir_requested_on", Kind.PIR_REQUESTED, LinkTarget.PROVIDER_PIR)):
        if step in steps:
            outbox.notify(session=session, kind=kind, to_user_ids=outbox.provider_leads(session, inspection_id=inspection.id),
                          inspection_id=inspection.id, link=link, link_id=inspection.id)


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
