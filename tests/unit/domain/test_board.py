"""The board's rules: each card's next deadline for thousands at once, column headers and filters."""

from datetime import date, timedelta

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from safehouse_portal.domain.board import (
    NO_LEAD, BoardFilters, CardFacts, CardState, ScheduleColumns, countdown_text, matches, next_milestones_many,
    parse_filters, signed_countdown, summarise_columns,
)
from safehouse_portal.domain.enums import Stage
from safehouse_portal.domain.milestones import (
    InspectionDates, Milestone, MilestoneState, Step, compute_schedule, next_milestone,
)
from safehouse_portal.domain.working_days import WorkingCalendar

CALENDAR = WorkingCalendar.for_years()
TODAY = date(2026, 11, 23)
NAT = np.datetime64("NaT", "D")

_STEP_COLUMNS = (
    (Step.ANNOUNCED_ON, "announced_on"), (Step.PIR_REQUESTED_ON, "pir_requested_on"),
    (Step.PIR_RECEIVED_ON, "pir_received_on"), (Step.INSPECTION_STARTED_ON, "started_on"),
    (Step.INSPECTION_ENDED_ON, "ended_on"), (Step.EARLY_OUTCOME_LETTER_SENT_ON, "early_outcome_letter_on"),
    (Step.DRAFT_SENT_ON, "draft_sent_on"), (Step.FA_RESPONDED_ON, "fa_responded_on"),
    (Step.FA_CLOSED_ON, "fa_closed_on"),
    (Step.FINAL_REPORT_SENT_ON, "final_issued_on"),
)


@st.composite
def inspections(draw) -> InspectionDates:
    """An inspection part-way through its lifecycle, steps in order, perhaps extended."""
    start = date(2026, 1, 5) + timedelta(days=draw(st.integers(0, 500)))
    end = start + timedelta(days=draw(st.integers(0, 3)))
    steps_done = draw(st.integers(0, len(_STEP_COLUMNS)))
    actual, day = {}, start - timedelta(days=20)
    for step, _column in _STEP_COLUMNS[:steps_done]:
        day = day + timedelta(days=draw(st.integers(0, 15)))
        actual[step] = day
    requested = draw(st.booleans())
    if requested and draw(st.booleans()):
        actual[Step.ADDITIONAL_INFO_RECEIVED_ON] = end + timedelta(days=draw(st.integers(0, 20)))
    extended = draw(st.sampled_from([None, *list(Milestone)]))
    extensions = {}
    if extended is not None:
        extensions[extended] = end + timedelta(days=draw(st.integers(30, 90)))
    return InspectionDates(start, end, actual, serious_concern=draw(st.booleans()),
                           additional_info_requested=requested, extensions=extensions)


def _columns(many: list[InspectionDates]) -> ScheduleColumns:
    def dates(values):
        return np.array([NAT if v is None else np.datetime64(v, "D") for v in values], dtype="datetime64[D]")

    steps = {column: dates([d.actual.get(step) for d in many]) for step, column in _STEP_COLUMNS}
    return ScheduleColumns(
        planned_start=dates([d.planned_start for d in many]), planned_end=dates([d.planned_end for d in many]),
        serious_concern=np.array([d.serious_concern for d in many], dtype=bool),
        extensions={key: dates([d.extensions.get(key) for d in many]) for key in Milestone},
        additional_info_requested=np.array([d.additional_info_requested for d in many], dtype=bool),
        additional_info_received_on=dates([d.actual.get(Step.ADDITIONAL_INFO_RECEIVED_ON) for d in many]),
        **steps,
    )


_CARD_STATE = {MilestoneState.OVERDUE: CardState.OVERDUE, MilestoneState.DUE_SOON: CardState.DUE_SOON,
               MilestoneState.ON_TRACK: CardState.ON_TRACK}


@settings(max_examples=60, deadline=None)
@given(st.lists(inspections(), min_size=1, max_size=25), st.integers(0, 700))
def test_the_vectorised_next_deadline_agrees_with_each_inspections_own_schedule(many, offset):
    today = date(2026, 1, 1) + timedelta(days=offset)
    result = next_milestones_many(_columns(many), today=today, calendar=CALENDAR)
    for row, dates in enumerate(many):
        expected = next_milestone(compute_schedule(dates, today=today, calendar=CALENDAR))
        if expected is None:
            assert result.milestone(row) is None and CardState(result.state[row]) is CardState.NO_DEADLINE
            continue
        assert result.milestone(row) is expected.key
        assert result.due[row] == np.datetime64(expected.due, "D")
        assert int(result.countdown[row]) == expected.countdown
        assert CardState(result.state[row]) is _CARD_STATE[expected.state]


def test_an_inspection_without_planned_dates_has_no_deadline_on_its_card():
    planned = InspectionDates(date(2026, 12, 7), date(2026, 12, 8))
    columns = _columns([planned, planned])
    start = columns.planned_start.copy()
    start[1] = NAT
    broken = ScheduleColumns(**{**columns.__dict__, "planned_start": start})
    result = next_milestones_many(broken, today=TODAY, calendar=CALENDAR)
    assert result.milestone(0) is Milestone.ANNOUNCE
    assert result.milestone(1) is None and result.state[1] == CardState.NO_DEADLINE.value


def test_an_unanswered_request_puts_the_additional_information_deadline_on_the_card_until_answered():
    ended = date(2026, 11, 9)
    done = {Step.ANNOUNCED_ON: date(2026, 10, 19), Step.PIR_RECEIVED_ON: date(2026, 10, 26),
            Step.INSPECTION_STARTED_ON: ended, Step.INSPECTION_ENDED_ON: ended}
    asked = InspectionDates(ended, ended, done, additional_info_requested=True)
    answered = InspectionDates(ended, ended, {**done, Step.ADDITIONAL_INFO_RECEIVED_ON: date(2026, 11, 16)},
                               additional_info_requested=True)
    extended = InspectionDates(ended, ended, done, additional_info_requested=True,
                               extensions={Milestone.ADDITIONAL_INFO_DUE: date(2026, 11, 25)})
    never_asked = InspectionDates(ended, ended, done, additional_info_requested=False)
    result = next_milestones_many(_columns([asked, answered, extended, never_asked]), today=TODAY, calendar=CALENDAR)
    assert result.milestone(0) is Milestone.ADDITIONAL_INFO_DUE
    assert result.due[0] == np.datetime64("2026-11-18") and CardState(result.state[0]) is CardState.OVERDUE
    assert result.milestone(1) is Milestone.DRAFT_REPORT_DUE
    assert result.milestone(2) is Milestone.ADDITIONAL_INFO_DUE and result.due[2] == np.datetime64("2026-11-25")
    assert CardState(result.state[2]) is CardState.DUE_SOON
    assert result.milestone(3) is Milestone.DRAFT_REPORT_DUE


def test_countdowns_read_in_words_and_signs():
    monday, tuesday, friday = date(2026, 11, 23), date(2026, 11, 24), date(2026, 11, 27)
    assert countdown_text(CardState.OVERDUE, -3, today=friday, due=tuesday) == "Overdue by 3 working days"
    assert countdown_text(CardState.DUE_SOON, 1, today=monday, due=tuesday) == "Due in 1 working day"
    assert countdown_text(CardState.DUE_SOON, 0, today=monday, due=monday) == "Due today"
    assert countdown_text(CardState.NO_DEADLINE, 0) == "No deadline at this stage"
    assert (signed_countdown(4), signed_countdown(0), signed_countdown(-3)) == ("+4", "0", "\u22123")


def test_column_headers_count_every_stage_and_its_overdue_cards():
    summaries = summarise_columns([(Stage.DRAFTING, CardState.OVERDUE), (Stage.DRAFTING, CardState.ON_TRACK),
                                   (Stage.PLANNED, CardState.DUE_SOON)])
    assert [s.stage for s in summaries] == list(Stage)
    drafting = summaries[list(Stage).index(Stage.DRAFTING)]
    assert drafting.header_text == "2 inspections, 1 overdue"
    assert summaries[0].header_text == "1 inspection" and summaries[0].due_soon == 1
    assert summaries[-1].header_text == "0 inspections"


def test_filters_from_a_forged_query_keep_only_valid_values():
    parsed = parse_filters({"provider": "12", "lead": "none", "kind": "castle", "state": "late",
                            "region": ["  North   East  "], "q": {"$ne": 1}, "other": "x"})
    assert parsed == BoardFilters(provider="12", lead=NO_LEAD, region="North East")
    assert parse_filters({"provider": "-1", "lead": "1; drop"}) == BoardFilters()
    assert parse_filters({"q": "x" * 500}).q == "x" * 100


def test_a_card_matches_only_when_every_set_filter_agrees():
    card = CardFacts(provider_id=3, lead_id=None, kinds=frozenset({"safehouse"}), regions=frozenset({"London"}),
                     state=CardState.OVERDUE, search_text="willow services willow house")
    assert matches(card, BoardFilters())
    assert matches(card, BoardFilters(provider="3", lead=NO_LEAD, kind="safehouse", region="London",
                                      state="overdue", q="Willow HOUSE"))
    assert not matches(card, BoardFilters(provider="4"))
    assert not matches(card, BoardFilters(lead="7"))
    assert not matches(card, BoardFilters(kind="outreach"))
    assert not matches(card, BoardFilters(state="due_soon"))
    assert not matches(card, BoardFilters(q="oak"))
