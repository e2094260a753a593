"""One inspection's deadlines as read from the database: its dates, extensions and schedule.

``schedule`` (moves, steps, extensions) and every page that shows a countdown read
deadlines through here, so the additional information rule and extensions are applied
the same way everywhere.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import object_session
from sqlmodel import Session, select

from safehouse_portal.db import DeadlineExtension, InfoRequest, Inspection
from safehouse_portal.domain.dates import LONDON
from safehouse_portal.domain.milestones import (
    InspectionDates, Milestone, MilestoneState, MilestoneStatus, Step, compute_schedule,
)
from safehouse_portal.domain.working_days import WorkingCalendar, format_long_date

WITHDRAWN, ANSWERED = "withdrawn", "answered"
"""Stored statuses of an information request: withdrawn by the inspector, answered by the provider."""


@dataclass(frozen=True)
class MilestoneView:
    """One milestone of the timeline, ready to show (dates as words, state as text)."""

    key: str = ""
    label: str = ""
    planned_due: str = ""
    due: str = ""
    due_iso: str = ""
    original_due: str = ""
    extended: bool = False
    extension_notes: list[str] = field(default_factory=list)
    done_on: str = ""
    state: str = ""
    state_text: str = ""
    countdown: int = 0
    explanation: str = ""


def inspection_dates(inspection: Inspection, extensions: Mapping[Milestone, date] | None = None,
                     additional_info_requested: bool | None = None) -> InspectionDates:
    """What the schedule is computed from, read from the inspection's columns.

    The inspection counts as announced on the day of the letter, once the phone call
    has also been made. The additional information deadline applies once an inspector
    has asked the provider for more (an information request not withdrawn); when the
    caller does not say, that is looked up through the session the row belongs to.

    Raises:
        ValueError: The inspection's planned dates are not set, or end before they start.
    """
    if inspection.planned_start is None or inspection.planned_end is None:
        raise ValueError("the inspection's planned dates are not set")
    called, letter = inspection.announcement_call_on, inspection.announcement_letter_on
    actual = {
        Step.ANNOUNCED_ON: letter if called is not None else None,
        Step.PIR_REQUESTED_ON: inspection.pir_requested_on,
        Step.PIR_RECEIVED_ON: inspection.pir_received_on,
        Step.INSPECTION_STARTED_ON: inspection.started_on,
        Step.INSPECTION_ENDED_ON: inspection.ended_on,
        Step.EARLY_OUTCOME_LETTER_SENT_ON: inspection.early_outcome_letter_on,
        Step.DRAFT_SENT_ON: inspection.draft_sent_on,
        Step.FA_CLOSED_ON: inspection.fa_closed_on,
        Step.FA_RESPONDED_ON: inspection.fa_responded_on,
        Step.FINAL_REPORT_SENT_ON: inspection.final_issued_on,
    }
    session = object_session(inspection)
    if additional_info_requested is None:
        additional_info_requested = info_requested(session, inspection.id)
    if additional_info_requested:
        actual[Step.ADDITIONAL_INFO_RECEIVED_ON] = info_answered_on(session, inspection.id)
    return InspectionDates(
        planned_start=inspection.planned_start,
        planned_end=inspection.planned_end,
        actual={step: day for step, day in actual.items() if day is not None},
        serious_concern=inspection.serious_concern,
        additional_info_requested=additional_info_requested,
        extensions=dict(extensions or {}),
    )


def info_requested(session: Session | None, inspection_id: int | None) -> bool:
    """Whether the provider was asked for additional information (a request not withdrawn)."""
    if session is None or inspection_id is None:
        return False
    found = session.exec(select(InfoRequest.id).where(InfoRequest.inspection_id == inspection_id,
                                                      InfoRequest.status != WITHDRAWN).limit(1)).first()
    return found is not None


def info_answered_on(session: Session | None, inspection_id: int | None) -> date | None:
    """The day (in England) the last request was answered, once every request not withdrawn is answered."""
    if session is None or inspection_id is None:
        return None
    rows = session.exec(select(InfoRequest.status, InfoRequest.answered_at).where(
        InfoRequest.inspection_id == inspection_id, InfoRequest.status != WITHDRAWN)).all()
    if not rows or any(status != ANSWERED or at is None for status, at in rows):
        return None
    return max(at for _, at in rows).astimezone(LONDON).date()


def extensions_of(session: Session, inspection_id: int) -> list[DeadlineExtension]:
    return list(session.exec(select(DeadlineExtension).where(DeadlineExtension.inspection_id == inspection_id)
                             .order_by(DeadlineExtension.id)).all())


def schedule_of(inspection: Inspection, extensions: list[DeadlineExtension], today: date,
              calendar: WorkingCalendar, requested: bool | None = None) -> list[MilestoneStatus]:
    """The schedule with the latest extension of each milestone; empty without planned dates."""
    if inspection.planned_start is None or inspection.planned_end is None:
        return []
    latest = {Milestone(row.milestone): row.new_due for row in extensions if row.milestone in Milestone}
    return compute_schedule(inspection_dates(inspection, latest, requested), today=today, calendar=calendar)


def milestone_views(inspection: Inspection, extensions: list[DeadlineExtension], today: date,
                     calendar: WorkingCalendar) -> tuple[list[MilestoneView], str]:
    if inspection.planned_start is None or inspection.planned_end is None:
        return [], "The planned inspection dates are not set, so no deadlines can be worked out yet."
    if inspection.planned_end < inspection.planned_start:
        return [], "The planned last day is before the planned first day: correct the plan."
    requested = info_requested(object_session(inspection), inspection.id)
    plan_only = InspectionDates(inspection.planned_start, inspection.planned_end,
                                serious_concern=inspection.serious_concern, additional_info_requested=requested)
    planned = {s.key: s.due for s in compute_schedule(plan_only, today=today, calendar=calendar)}
    views = []
    for status in schedule_of(inspection, extensions, today, calendar, requested):
        notes = [f"Extended from {format_long_date(row.original_due)} to {format_long_date(row.new_due)}: "
                 f"{row.reason}" for row in extensions if row.milestone == status.key.value]
        views.append(MilestoneView(
            key=status.key.value, label=status.label, planned_due=format_long_date(planned[status.key]),
            due=format_long_date(status.due), due_iso=status.due.isoformat(),
            original_due=format_long_date(status.original_due), extended=status.due != status.original_due,
            extension_notes=notes, done_on=format_long_date(status.done_on) if status.done_on else "",
            state=status.state.value, state_text=state_text(status), countdown=status.countdown,
            explanation=status.explanation.text,
        ))
    return views, ""


def state_text(status: MilestoneStatus) -> str:
    """Where a milestone stands, in words: "Overdue by 3 working days", "Due in 2 working days".

    The count and its words come from ``domain.countdown`` (through the schedule), so the
    timeline, both homes, the board and the CLI say the same thing for one due date.
    """
    if status.state is MilestoneState.DONE:
        return f"Done on {format_long_date(status.done_on)}"
    return status.countdown_text


def planned_dates_text(inspection: Inspection) -> str:
    start, end = inspection.planned_start, inspection.planned_end
    if start is None or end is None:
        return "Not set"
    return format_long_date(start) if start == end else f"{format_long_date(start)} to {format_long_date(end)}"
