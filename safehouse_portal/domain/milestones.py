"""Deadlines of one inspection, and of recommendations, from the programme's timeline.

Each milestone is counted in working days from the step it depends on: from the date
that step actually happened once it has, otherwise from the plan. A programme manager
may extend a deadline; the original stays visible beside the new one.
"""

from calendar import monthrange
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import StrEnum

import numpy as np

from safehouse_portal.domain.countdown import countdown_words, working_days_left
from safehouse_portal.domain.enums import Timescale
from safehouse_portal.domain.working_days import (
    DeadlineExplanation,
    WorkingCalendar,
    format_long_date,
)

ANNOUNCE_WORKING_DAYS_BEFORE = 10
PIR_WORKING_DAYS = 5
ADDITIONAL_INFO_WORKING_DAYS = 7
EARLY_OUTCOME_LETTER_WORKING_DAYS = 5
"""Programme policy: the guidance only says "shortly after" the inspection."""
DRAFT_REPORT_WORKING_DAYS = 20
FA_WORKING_DAYS = 10
FINAL_REPORT_WORKING_DAYS = 50
DUE_SOON_WORKING_DAYS = 2
"""A milestone this many working days away or fewer is flagged as due soon."""

RECOMMENDATION_CALENDAR_DAYS: Mapping[Timescale, int] = {
    Timescale.IMMEDIATELY: 0,
    Timescale.WITHIN_21_DAYS: 21,
}
"""Timescales counted in calendar days from the day the provider received the report."""
RECOMMENDATION_CALENDAR_MONTHS: Mapping[Timescale, int] = {
    Timescale.WITHIN_3_MONTHS: 3,
    Timescale.WITHIN_6_MONTHS: 6,
}
"""Timescales counted in calendar months: same day of the month, clamped to its end."""


class Milestone(StrEnum):
    """The dated steps of one inspection, in timeline order."""

    ANNOUNCE = "announce"
    PIR_DUE = "pir_due"
    INSPECTION_START = "inspection_start"
    INSPECTION_END = "inspection_end"
    ADDITIONAL_INFO_DUE = "additional_info_due"
    EARLY_OUTCOME_LETTER_DUE = "early_outcome_letter_due"
    DRAFT_REPORT_DUE = "draft_report_due"
    FA_COMMENTS_DUE = "fa_comments_due"
    FINAL_REPORT_DUE = "final_report_due"


MILESTONE_LABELS: Mapping[Milestone, str] = {
    Milestone.ANNOUNCE: "Announce the inspection",
    Milestone.PIR_DUE: "Provider information return due",
    Milestone.INSPECTION_START: "Inspection starts",
    Milestone.INSPECTION_END: "Inspection ends",
    Milestone.ADDITIONAL_INFO_DUE: "Additional information due",
    Milestone.EARLY_OUTCOME_LETTER_DUE: "Early outcome letter due",
    Milestone.DRAFT_REPORT_DUE: "Draft report due",
    Milestone.FA_COMMENTS_DUE: "Factual accuracy comments due",
    Milestone.FINAL_REPORT_DUE: "Final report due",
}


class Step(StrEnum):
    """Things that actually happened, each recorded with the date it happened."""

    ANNOUNCED_ON = "announced_on"
    PIR_REQUESTED_ON = "pir_requested_on"
    PIR_RECEIVED_ON = "pir_received_on"
    INSPECTION_STARTED_ON = "inspection_started_on"
    INSPECTION_ENDED_ON = "inspection_ended_on"
    ADDITIONAL_INFO_RECEIVED_ON = "additional_info_received_on"
    EARLY_OUTCOME_LETTER_SENT_ON = "early_outcome_letter_sent_on"
    DRAFT_SENT_ON = "draft_sent_on"
    FA_CLOSED_ON = "fa_closed_on"
    FA_RESPONDED_ON = "fa_responded_on"
    FINAL_REPORT_SENT_ON = "final_report_sent_on"


class MilestoneState(StrEnum):
    """Where a milestone stands on a given day."""

    DONE = "done"
    ON_TRACK = "on_track"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"


class _Plan(StrEnum):
    """Planned dates on ``InspectionDates`` a milestone can be anchored to."""

    PLANNED_START = "planned_start"
    PLANNED_END = "planned_end"


@dataclass(frozen=True)
class InspectionDates:
    """Everything the schedule of one inspection is computed from.

    Attributes:
        planned_start: Planned first day of the inspection.
        planned_end: Planned last day (the same as the first for a one-day visit).
        actual: Date each step happened, for the steps that have happened.
        serious_concern: Whether serious concerns call for an early outcome letter.
        additional_info_requested: Whether the provider was asked for more after the
            visit; when False the additional information deadline is left out.
        extensions: New due date for each extended milestone.
    """

    planned_start: date
    planned_end: date
    actual: Mapping[Step, date] = field(default_factory=dict)
    serious_concern: bool = False
    additional_info_requested: bool = True
    extensions: Mapping[Milestone, date] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.planned_end < self.planned_start:
            raise ValueError("the planned last day is before the planned first day")
        for key in self.actual:
            Step(key)
        for key in self.extensions:
            Milestone(key)


@dataclass(frozen=True)
class MilestoneStatus:
    """One milestone as of ``today``.

    Attributes:
        key: Which milestone.
        label: Its name for people.
        due: Due date, after any extension.
        original_due: Due date from the rules, before any extension.
        done_on: When it was done, or None.
        state: Done, on track, due soon or overdue.
        countdown: Signed working days from today to ``due``: positive is days left,
            negative is days overdue.
        explanation: How ``original_due`` was derived, with any extension noted.
        countdown_text: ``countdown`` in words (``domain.countdown``), the same on every page.
    """

    key: Milestone
    label: str
    due: date
    original_due: date
    done_on: date | None
    state: MilestoneState
    countdown: int
    explanation: DeadlineExplanation
    countdown_text: str = ""


@dataclass(frozen=True)
class _Rule:
    """A milestone is ``working_days`` after the first anchor source that has a date."""

    key: Milestone
    done_step: Step
    sources: tuple[Step | Milestone | _Plan, ...]
    working_days: int
    fallback_done_step: Step | None = None


_RULES: tuple[_Rule, ...] = (
    _Rule(Milestone.INSPECTION_START, Step.INSPECTION_STARTED_ON,
          (Step.INSPECTION_STARTED_ON, _Plan.PLANNED_START), 0),
    _Rule(Milestone.INSPECTION_END, Step.INSPECTION_ENDED_ON,
          (Step.INSPECTION_ENDED_ON, _Plan.PLANNED_END), 0),
    _Rule(Milestone.ANNOUNCE, Step.ANNOUNCED_ON,
          (Milestone.INSPECTION_START,), -ANNOUNCE_WORKING_DAYS_BEFORE),
    _Rule(Milestone.PIR_DUE, Step.PIR_RECEIVED_ON,
          (Step.PIR_REQUESTED_ON, Milestone.ANNOUNCE), PIR_WORKING_DAYS),
    _Rule(Milestone.ADDITIONAL_INFO_DUE, Step.ADDITIONAL_INFO_RECEIVED_ON,
          (Milestone.INSPECTION_END,), ADDITIONAL_INFO_WORKING_DAYS),
    _Rule(Milestone.EARLY_OUTCOME_LETTER_DUE, Step.EARLY_OUTCOME_LETTER_SENT_ON,
          (Milestone.INSPECTION_END,), EARLY_OUTCOME_LETTER_WORKING_DAYS),
    _Rule(Milestone.DRAFT_REPORT_DUE, Step.DRAFT_SENT_ON,
          (Milestone.INSPECTION_END,), DRAFT_REPORT_WORKING_DAYS),
    _Rule(Milestone.FA_COMMENTS_DUE, Step.FA_RESPONDED_ON,
          (Milestone.DRAFT_REPORT_DUE,), FA_WORKING_DAYS, Step.FA_CLOSED_ON),
    _Rule(Milestone.FINAL_REPORT_DUE, Step.FINAL_REPORT_SENT_ON,
          (Milestone.INSPECTION_END,), FINAL_REPORT_WORKING_DAYS),
)
"""In dependency order: each rule's anchors are resolved before it.

The factual accuracy deadline is the provider's: it is met the day the provider first sent a
comment or said it will not comment (``FA_RESPONDED_ON``). The inspector closing the check is
a step of its own; it ends the deadline only when the provider never answered (the check then
closes after the due date, so that counts as late).
"""

_SOURCE_WORDS: Mapping[Step | Milestone | _Plan, tuple[str, str]] = {
    Step.PIR_REQUESTED_ON: ("the day the PIR was requested", ""),
    Step.INSPECTION_STARTED_ON: ("the inspection's actual first day", ""),
    Step.INSPECTION_ENDED_ON: ("the inspection's actual last day", ""),
    _Plan.PLANNED_START: ("the inspection's planned first day", ""),
    _Plan.PLANNED_END: ("the inspection's planned last day", ""),
    Milestone.INSPECTION_START: (
        "the inspection's actual first day", "the inspection's planned first day"),
    Milestone.INSPECTION_END: (
        "the inspection's actual last day", "the inspection's planned last day"),
    Milestone.ANNOUNCE: ("the day the inspection was announced", "the planned announcement day"),
    Milestone.DRAFT_REPORT_DUE: ("the day the draft report was sent", "the draft report's due date"),
}
"""How each anchor reads in an explanation: (when it happened, when only planned)."""


def compute_schedule(
    dates: InspectionDates, *, today: date, calendar: WorkingCalendar
) -> list[MilestoneStatus]:
    """Every milestone that applies to the inspection, in timeline order, as of ``today``."""
    resolved: dict[Milestone, MilestoneStatus] = {}
    for rule in _RULES:
        if _applies(rule.key, dates):
            resolved[rule.key] = _resolve(rule, dates, resolved, today, calendar)
    return [resolved[key] for key in Milestone if key in resolved]


@dataclass(frozen=True)
class _Due:
    """A resolved milestone as ``_anchor`` reads it: its due date and when it was done."""

    due: date
    done_on: date | None


def due_dates(dates: InspectionDates, *, calendar: WorkingCalendar) -> dict[Milestone, date]:
    """Each applicable milestone's due date (extensions applied), as ``compute_schedule`` gives it.

    Without the states, countdowns and explanations, which depend on a day and cost a walk
    over every day between it and the due date: for jobs that read the whole programme.
    """
    resolved: dict[Milestone, _Due] = {}
    for rule in _RULES:
        if _applies(rule.key, dates):
            anchor, _words = _anchor(rule, dates, resolved)
            due = dates.extensions.get(rule.key, calendar.add_working_days(anchor, rule.working_days))
            resolved[rule.key] = _Due(due, dates.actual.get(rule.done_step))
    return {key: resolved[key].due for key in Milestone if key in resolved}


def next_milestone(schedule: Sequence[MilestoneStatus]) -> MilestoneStatus | None:
    """The milestone not yet done that falls due first (timeline order breaks ties)."""
    pending = [status for status in schedule if status.state is not MilestoneState.DONE]
    return min(pending, key=lambda status: status.due, default=None)


def compute_due_dates_many(
    planned_start: np.ndarray, planned_end: np.ndarray, calendar: WorkingCalendar
) -> dict[str, np.ndarray]:
    """Planned due dates of every milestone for many inspections at once.

    Agrees with ``compute_schedule`` for inspections where nothing has happened yet,
    with no extensions; the early outcome letter and additional information dates are
    given for every inspection, so the caller masks those that do not apply.
    """
    add = calendar.add_working_days_many
    start = np.asarray(planned_start, dtype="datetime64[D]")
    end = np.asarray(planned_end, dtype="datetime64[D]")
    announce = add(start, -ANNOUNCE_WORKING_DAYS_BEFORE)
    draft = add(end, DRAFT_REPORT_WORKING_DAYS)
    return {
        Milestone.ANNOUNCE: announce,
        Milestone.PIR_DUE: add(announce, PIR_WORKING_DAYS),
        Milestone.INSPECTION_START: start,
        Milestone.INSPECTION_END: end,
        Milestone.ADDITIONAL_INFO_DUE: add(end, ADDITIONAL_INFO_WORKING_DAYS),
        Milestone.EARLY_OUTCOME_LETTER_DUE: add(end, EARLY_OUTCOME_LETTER_WORKING_DAYS),
        Milestone.DRAFT_REPORT_DUE: draft,
        Milestone.FA_COMMENTS_DUE: add(draft, FA_WORKING_DAYS),
        Milestone.FINAL_REPORT_DUE: add(end, FINAL_REPORT_WORKING_DAYS),
    }


def recommendation_due(timescale: Timescale, received_on: date) -> date:
    """When a recommendation must be met, from the day the provider got the report.

    Calendar days, not working days: "within 21 days" is 21 days later; "within 3
    months" is the same day of the month 3 months later, or that month's last day when
    it is shorter (31 August + 6 months is 28 or 29 February).
    """
    if timescale in RECOMMENDATION_CALENDAR_DAYS:
        return received_on + timedelta(days=RECOMMENDATION_CALENDAR_DAYS[timescale])
    return add_calendar_months(received_on, RECOMMENDATION_CALENDAR_MONTHS[timescale])


def add_calendar_months(day: date, months: int) -> date:
    """The same day of the month ``months`` later, clamped to that month's last day."""
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    last_day = monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last_day))


def _applies(key: Milestone, dates: InspectionDates) -> bool:
    if key is Milestone.EARLY_OUTCOME_LETTER_DUE:
        return dates.serious_concern
    if key is Milestone.ADDITIONAL_INFO_DUE:
        return dates.additional_info_requested
    return True


def _resolve(
    rule: _Rule,
    dates: InspectionDates,
    resolved: Mapping[Milestone, MilestoneStatus],
    today: date,
    calendar: WorkingCalendar,
) -> MilestoneStatus:
    anchor, words = _anchor(rule, dates, resolved)
    explanation = calendar.explain_add(anchor, rule.working_days)
    original_due = explanation.due
    due = dates.extensions.get(rule.key, original_due)
    explanation = replace(explanation, text=_text(rule, words, explanation, due))
    done_on = dates.actual.get(rule.done_step)
    if done_on is None and rule.fallback_done_step is not None:
        done_on = dates.actual.get(rule.fallback_done_step)
    countdown = working_days_left(calendar, today=today, due=due)
    return MilestoneStatus(
        key=rule.key,
        label=MILESTONE_LABELS[rule.key],
        due=due,
        original_due=original_due,
        done_on=done_on,
        state=_state(done_on, today, due, countdown),
        countdown=countdown,
        explanation=explanation,
        countdown_text=countdown_words(today=today, due=due, countdown=countdown),
    )


def _anchor(
    rule: _Rule, dates: InspectionDates, resolved: Mapping[Milestone, MilestoneStatus]
) -> tuple[date, str]:
    """The first source with a date: a step that happened, a milestone, or the plan."""
    for source in rule.sources:
        happened, planned = _SOURCE_WORDS[source]
        if isinstance(source, Milestone):
            status = resolved[source]
            if status.done_on is not None:
                return status.done_on, happened
            return status.due, planned
        if isinstance(source, _Plan):
            return getattr(dates, source.value), happened
        if source in dates.actual:
            return dates.actual[source], happened
    raise AssertionError(f"no anchor for {rule.key}")


def _text(rule: _Rule, words: str, explanation: DeadlineExplanation, due: date) -> str:
    label = MILESTONE_LABELS[rule.key]
    if rule.working_days == 0:
        text = f"{label}: {words}, {format_long_date(explanation.due)}."
    else:
        text = f"{label}: counted from {words}. {explanation.text}"
    if due != explanation.due:
        text += f" Extended to {format_long_date(due)}."
    return text


def _state(done_on: date | None, today: date, due: date, countdown: int) -> MilestoneState:
    if done_on is not None:
        return MilestoneState.DONE
    if today > due:
        return MilestoneState.OVERDUE
    if 0 <= countdown <= DUE_SOON_WORKING_DAYS:
        return MilestoneState.DUE_SOON
    return MilestoneState.ON_TRACK
