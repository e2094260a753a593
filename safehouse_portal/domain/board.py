"""The programme board's rules: each card's next deadline, column summaries and filters.

A card is one inspection group's current inspection. Its next deadline is the one the
inspection's own page shows (``milestones.compute_schedule`` then ``next_milestone``),
worked out here for thousands of inspections at once with numpy, so the board never
counts working days one card at a time. The state of that deadline is always said in
words; colour only repeats it.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

import numpy as np

from safehouse_portal.domain.countdown import countdown_words, working_days_left_many
from safehouse_portal.domain.enums import STAGE_LABELS, ServiceKind, Stage
from safehouse_portal.domain.ids import parse_id
from safehouse_portal.domain.milestones import (
    ADDITIONAL_INFO_WORKING_DAYS,
    ANNOUNCE_WORKING_DAYS_BEFORE,
    DRAFT_REPORT_WORKING_DAYS,
    DUE_SOON_WORKING_DAYS,
    EARLY_OUTCOME_LETTER_WORKING_DAYS,
    FA_WORKING_DAYS,
    FINAL_REPORT_WORKING_DAYS,
    PIR_WORKING_DAYS,
    Milestone,
)
from safehouse_portal.domain.working_days import WorkingCalendar

NAT = np.datetime64("NaT", "D")
_NEVER = np.datetime64("9999-12-31", "D")
_NO_MILESTONE = -1


class CardState(StrEnum):
    """Where a card's next deadline stands today."""

    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    ON_TRACK = "on_track"
    NO_DEADLINE = "no_deadline"


CARD_STATE_LABELS: Mapping[CardState, str] = {
    CardState.OVERDUE: "Overdue",
    CardState.DUE_SOON: "Due soon",
    CardState.ON_TRACK: "On track",
    CardState.NO_DEADLINE: "No deadline",
}

SCHEDULED_MILESTONES: tuple[Milestone, ...] = tuple(Milestone)
"""Milestones a card can show, in timeline order (ties go to the earlier one). The early
outcome letter applies only with a serious concern, the additional information deadline
only once the provider was asked for more."""


@dataclass(frozen=True)
class ScheduleColumns:
    """The dates of many inspections, one ``datetime64[D]`` array per column (NaT: none).

    Attributes:
        planned_start: Planned first day.
        planned_end: Planned last day.
        announced_on: The letter's date once the announcement call was also made.
        pir_requested_on: When the PIR was requested.
        pir_received_on: When the PIR came back.
        started_on: The inspection's actual first day.
        ended_on: Its actual last day.
        early_outcome_letter_on: When an early outcome letter was sent.
        draft_sent_on: When the draft went for factual accuracy.
        fa_closed_on: When the factual accuracy check closed.
        final_issued_on: When the final report was sent.
        serious_concern: Boolean array: an early outcome letter is due.
        additional_info_requested: Boolean array: the provider was asked for more
            information (a request not withdrawn), so that deadline applies. None: nobody was.
        additional_info_received_on: The day the last request was answered, once every
            request not withdrawn is answered (None: all NaT).
        extensions: The latest extended due date of a milestone, per inspection.
        fa_responded_on: When the provider first sent a factual accuracy comment or said it
            will not comment (None: all NaT); its deadline is met then (``fa_response_day``).
    """

    planned_start: np.ndarray
    planned_end: np.ndarray
    announced_on: np.ndarray
    pir_requested_on: np.ndarray
    pir_received_on: np.ndarray
    started_on: np.ndarray
    ended_on: np.ndarray
    early_outcome_letter_on: np.ndarray
    draft_sent_on: np.ndarray
    fa_closed_on: np.ndarray
    final_issued_on: np.ndarray
    serious_concern: np.ndarray
    extensions: Mapping[Milestone, np.ndarray] = field(default_factory=dict)
    additional_info_requested: np.ndarray | None = None
    additional_info_received_on: np.ndarray | None = None
    fa_responded_on: np.ndarray | None = None


@dataclass(frozen=True)
class NextMilestones:
    """Each inspection's next deadline as arrays.

    Attributes:
        index: Position in ``SCHEDULED_MILESTONES``, or -1 when nothing is pending or
            the dates cannot be worked out.
        due: Its due date (NaT when there is none).
        countdown: Signed working days from today to ``due`` (0 when there is none).
        state: ``CardState`` value of each inspection.
    """

    index: np.ndarray
    due: np.ndarray
    countdown: np.ndarray
    state: np.ndarray

    def milestone(self, row: int) -> Milestone | None:
        """The next milestone of inspection ``row``, if any."""
        position = int(self.index[row])
        return None if position == _NO_MILESTONE else SCHEDULED_MILESTONES[position]


def next_milestones_many(
    columns: ScheduleColumns, *, today: date, calendar: WorkingCalendar
) -> NextMilestones:
    """The pending milestone due first for every inspection, as ``compute_schedule`` does.

    Rows whose planned dates are missing, reversed or outside the calendar's years
    have no next milestone.
    """
    usable = _usable_rows(columns, calendar)
    cols = _masked(columns, usable)
    due, done = _due_dates(cols, calendar)
    pending = np.stack([np.isnat(done[key]) for key in SCHEDULED_MILESTONES])
    pending[SCHEDULED_MILESTONES.index(Milestone.EARLY_OUTCOME_LETTER_DUE)] &= cols.serious_concern
    pending[SCHEDULED_MILESTONES.index(Milestone.ADDITIONAL_INFO_DUE)] &= cols.additional_info_requested
    pending &= usable
    stacked = np.stack([due[key] for key in SCHEDULED_MILESTONES])
    candidates = np.where(pending, stacked, _NEVER)
    first = np.argmin(candidates, axis=0)
    has_next = pending.any(axis=0)
    next_due = np.where(has_next, candidates[first, np.arange(first.size)], NAT)
    today_array = np.full(first.size, np.datetime64(today, "D"))
    countdown = np.zeros(first.size, dtype=np.int64)
    if has_next.any():
        countdown[has_next] = working_days_left_many(calendar, today=today_array[has_next], due=next_due[has_next])
    state = np.full(first.size, CardState.NO_DEADLINE.value, dtype=object)
    state[has_next] = CardState.ON_TRACK.value
    state[has_next & (countdown >= 0) & (countdown <= DUE_SOON_WORKING_DAYS)] = CardState.DUE_SOON.value
    state[has_next & (next_due < today_array)] = CardState.OVERDUE.value
    return NextMilestones(np.where(has_next, first, _NO_MILESTONE), next_due, countdown, state)


def _usable_rows(columns: ScheduleColumns, calendar: WorkingCalendar) -> np.ndarray:
    """Planned dates present, in order, and far enough inside the calendar to count from."""
    start, end = columns.planned_start, columns.planned_end
    low = np.datetime64(date(calendar.first_year, 3, 1), "D")
    high = np.datetime64(date(calendar.last_year, 9, 1), "D")
    known = ~np.isnat(start) & ~np.isnat(end)
    with np.errstate(invalid="ignore"):
        return known & (end >= start) & (start >= low) & (end <= high)


def _masked(columns: ScheduleColumns, usable: np.ndarray) -> ScheduleColumns:
    """Unusable rows get a harmless plan and no actual dates, so numpy never refuses them."""
    stand_in = np.datetime64("2020-06-01", "D")

    def keep(values: np.ndarray) -> np.ndarray:
        return np.where(usable, values, NAT)

    size = usable.size
    requested = columns.additional_info_requested
    received = columns.additional_info_received_on

    return ScheduleColumns(
        planned_start=np.where(usable, columns.planned_start, stand_in),
        planned_end=np.where(usable, columns.planned_end, stand_in),
        announced_on=keep(columns.announced_on),
        pir_requested_on=keep(columns.pir_requested_on),
        pir_received_on=keep(columns.pir_received_on),
        started_on=keep(columns.started_on),
        ended_on=keep(columns.ended_on),
        early_outcome_letter_on=keep(columns.early_outcome_letter_on),
        draft_sent_on=keep(columns.draft_sent_on),
        fa_closed_on=keep(columns.fa_closed_on),
        final_issued_on=keep(columns.final_issued_on),
        serious_concern=np.asarray(columns.serious_concern, dtype=bool),
        extensions={key: keep(values) for key, values in columns.extensions.items()},
        additional_info_requested=(np.zeros(size, dtype=bool) if requested is None
                                   else np.asarray(requested, dtype=bool)),
        additional_info_received_on=(np.full(size, NAT) if received is None
                                     else keep(np.asarray(received, dtype="datetime64[D]"))),
        fa_responded_on=(np.full(size, NAT) if columns.fa_responded_on is None
                         else keep(np.asarray(columns.fa_responded_on, dtype="datetime64[D]"))),
    )


def _due_dates(cols: ScheduleColumns, calendar: WorkingCalendar) -> tuple[dict, dict]:
    """Due and done dates of every milestone, each anchored as ``milestones._RULES`` says."""
    add = calendar.add_working_days_many

    def first_known(*arrays: np.ndarray) -> np.ndarray:
        result = arrays[-1]
        for values in reversed(arrays[:-1]):
            result = np.where(np.isnat(values), result, values)
        return result

    def resolve(key: Milestone, anchor: np.ndarray, count: int) -> np.ndarray:
        extended = cols.extensions.get(key)
        computed = add(anchor, count) if count else anchor
        return computed if extended is None else first_known(extended, computed)

    due: dict[Milestone, np.ndarray] = {}
    responded = cols.fa_responded_on if cols.fa_responded_on is not None else np.full(cols.fa_closed_on.size, NAT)
    done = {
        Milestone.ANNOUNCE: cols.announced_on, Milestone.PIR_DUE: cols.pir_received_on,
        Milestone.INSPECTION_START: cols.started_on, Milestone.INSPECTION_END: cols.ended_on,
        Milestone.ADDITIONAL_INFO_DUE: cols.additional_info_received_on,
        Milestone.EARLY_OUTCOME_LETTER_DUE: cols.early_outcome_letter_on,
        Milestone.DRAFT_REPORT_DUE: cols.draft_sent_on,
        Milestone.FA_COMMENTS_DUE: first_known(responded, cols.fa_closed_on),
        Milestone.FINAL_REPORT_DUE: cols.final_issued_on,
    }

    def anchor_of(key: Milestone) -> np.ndarray:
        return first_known(done[key], due[key])

    due[Milestone.INSPECTION_START] = resolve(
        Milestone.INSPECTION_START, first_known(cols.started_on, cols.planned_start), 0)
    due[Milestone.INSPECTION_END] = resolve(
        Milestone.INSPECTION_END, first_known(cols.ended_on, cols.planned_end), 0)
    due[Milestone.ANNOUNCE] = resolve(
        Milestone.ANNOUNCE, anchor_of(Milestone.INSPECTION_START), -ANNOUNCE_WORKING_DAYS_BEFORE)
    due[Milestone.PIR_DUE] = resolve(
        Milestone.PIR_DUE, first_known(cols.pir_requested_on, anchor_of(Milestone.ANNOUNCE)), PIR_WORKING_DAYS)
    end = anchor_of(Milestone.INSPECTION_END)
    due[Milestone.ADDITIONAL_INFO_DUE] = resolve(
        Milestone.ADDITIONAL_INFO_DUE, end, ADDITIONAL_INFO_WORKING_DAYS)
    due[Milestone.EARLY_OUTCOME_LETTER_DUE] = resolve(
        Milestone.EARLY_OUTCOME_LETTER_DUE, end, EARLY_OUTCOME_LETTER_WORKING_DAYS)
    due[Milestone.DRAFT_REPORT_DUE] = resolve(Milestone.DRAFT_REPORT_DUE, end, DRAFT_REPORT_WORKING_DAYS)
    due[Milestone.FA_COMMENTS_DUE] = resolve(
        Milestone.FA_COMMENTS_DUE, anchor_of(Milestone.DRAFT_REPORT_DUE), FA_WORKING_DAYS)
    due[Milestone.FINAL_REPORT_DUE] = resolve(Milestone.FINAL_REPORT_DUE, end, FINAL_REPORT_WORKING_DAYS)
    return due, done


def countdown_text(state: CardState, countdown: int, *, today: date | None = None, due: date | None = None) -> str:
    """The deadline's state in words, as every other page says it (``domain.countdown``)."""
    if state is CardState.NO_DEADLINE or due is None or today is None:
        return "No deadline at this stage"
    return countdown_words(today=today, due=due, countdown=countdown)


def signed_countdown(countdown: int) -> str:
    """``+4``, ``0`` or ``−3`` (a true minus sign, so screen readers say "minus")."""
    if countdown > 0:
        return f"+{countdown}"
    return f"\u2212{-countdown}" if countdown < 0 else "0"


@dataclass(frozen=True)
class ColumnSummary:
    """A column header: how many cards, and how many need attention."""

    stage: Stage
    label: str
    count: int
    overdue: int
    due_soon: int

    @property
    def header_text(self) -> str:
        """``6 inspections, 1 overdue`` (the overdue part only when there are some)."""
        noun = "inspection" if self.count == 1 else "inspections"
        text = f"{self.count} {noun}"
        return f"{text}, {self.overdue} overdue" if self.overdue else text


def summarise_columns(cards: Iterable[tuple[Stage, CardState]]) -> list[ColumnSummary]:
    """One summary per lifecycle stage, in order, empty stages included."""
    counts = {stage: [0, 0, 0] for stage in Stage}
    for stage, state in cards:
        tally = counts[stage]
        tally[0] += 1
        tally[1] += state is CardState.OVERDUE
        tally[2] += state is CardState.DUE_SOON
    return [ColumnSummary(stage, STAGE_LABELS[stage], *counts[stage]) for stage in Stage]


URGENCY_ORDER: Mapping[CardState, int] = {
    CardState.OVERDUE: 0, CardState.DUE_SOON: 1, CardState.ON_TRACK: 2, CardState.NO_DEADLINE: 3,
}
"""Cards in a column run from the most urgent down; within a state, earliest due first."""


FILTER_KEYS = ("provider", "lead", "kind", "region", "state", "q")
"""The board's query parameters, in the order the URL lists them."""
NO_LEAD = "none"
"""The lead filter's value for inspections with no lead inspector yet."""
STATE_FILTERS: Mapping[str, CardState] = {"overdue": CardState.OVERDUE, "due_soon": CardState.DUE_SOON}
MAX_TEXT = 100
_KINDS = frozenset(kind.value for kind in ServiceKind)


@dataclass(frozen=True)
class BoardFilters:
    """What the board is narrowed to; empty strings mean "any". Always valid once parsed."""

    provider: str = ""
    lead: str = ""
    kind: str = ""
    region: str = ""
    state: str = ""
    q: str = ""

    def as_query(self) -> dict[str, str]:
        """The filters that are set, for the URL."""
        return {key: getattr(self, key) for key in FILTER_KEYS if getattr(self, key)}

    @property
    def active(self) -> bool:
        return bool(self.as_query())


def parse_filters(query: Mapping[str, object]) -> BoardFilters:
    """Filters from a URL's query (anything a browser may send); invalid values are dropped."""

    def text(key: str) -> str:
        value = query.get(key)
        if isinstance(value, list):
            value = value[0] if value else ""
        return " ".join(value.split())[:MAX_TEXT] if isinstance(value, str) else ""

    provider, lead, kind, state = text("provider"), text("lead"), text("kind"), text("state")
    return BoardFilters(
        provider=provider if _is_id(provider) else "",
        lead=lead if lead == NO_LEAD or _is_id(lead) else "",
        kind=kind if kind in _KINDS else "",
        region=text("region"),
        state=state if state in STATE_FILTERS else "",
        q=text("q"),
    )


def _is_id(value: str) -> bool:
    return parse_id(value) is not None


@dataclass(frozen=True)
class CardFacts:
    """What a card is filtered on."""

    provider_id: int
    lead_id: int | None
    kinds: frozenset[str]
    regions: frozenset[str]
    state: CardState
    search_text: str
    """Group and location names, lower case."""


def matches(card: CardFacts, filters: BoardFilters) -> bool:
    """Whether ``card`` passes every filter that is set."""
    if filters.provider and card.provider_id != int(filters.provider):
        return False
    if filters.lead == NO_LEAD and card.lead_id is not None:
        return False
    if filters.lead and filters.lead != NO_LEAD and card.lead_id != int(filters.lead):
        return False
    if filters.kind and filters.kind not in card.kinds:
        return False
    if filters.region and filters.region not in card.regions:
        return False
    if filters.state and card.state is not STATE_FILTERS[filters.state]:
        return False
    return not filters.q or filters.q.lower() in card.search_text
