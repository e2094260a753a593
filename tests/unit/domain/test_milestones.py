"""Milestones of one inspection and recommendation due dates."""

from datetime import date, timedelta

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safehouse_portal.domain.enums import Timescale
from safehouse_portal.domain.milestones import (
    InspectionDates,
    Milestone,
    MilestoneState,
    Step,
    compute_due_dates_many,
    compute_schedule,
    next_milestone,
    recommendation_due,
)
from safehouse_portal.domain.working_days import WorkingCalendar

CALENDAR = WorkingCalendar.for_years()
TUESDAY_21_APRIL = date(2026, 4, 21)
WEDNESDAY_22_APRIL = date(2026, 4, 22)
BEFORE_ANYTHING = date(2026, 3, 2)


def schedule_of(dates: InspectionDates, today: date = BEFORE_ANYTHING) -> dict:
    return {status.key: status for status in compute_schedule(dates, today=today, calendar=CALENDAR)}


def planned(**changes) -> InspectionDates:
    return InspectionDates(planned_start=TUESDAY_21_APRIL, planned_end=WEDNESDAY_22_APRIL, **changes)


def test_a_planned_inspection_after_easter_gets_every_due_date_from_the_plan():
    due = {key: status.due for key, status in schedule_of(planned()).items()}
    assert due == {
        Milestone.ANNOUNCE: date(2026, 4, 7),
        Milestone.PIR_DUE: date(2026, 4, 14),
        Milestone.INSPECTION_START: TUESDAY_21_APRIL,
        Milestone.INSPECTION_END: WEDNESDAY_22_APRIL,
        Milestone.ADDITIONAL_INFO_DUE: date(2026, 5, 1),
        Milestone.DRAFT_REPORT_DUE: date(2026, 5, 21),
        Milestone.FA_COMMENTS_DUE: date(2026, 6, 5),
        Milestone.FINAL_REPORT_DUE: date(2026, 7, 3),
    }


def test_the_schedule_is_in_timeline_order():
    keys = [status.key for status in compute_schedule(
        planned(serious_concern=True), today=BEFORE_ANYTHING, calendar=CALENDAR)]
    assert keys == list(Milestone)


def test_an_early_outcome_letter_is_due_five_working_days_after_only_with_a_serious_concern():
    assert Milestone.EARLY_OUTCOME_LETTER_DUE not in schedule_of(planned())
    letter = schedule_of(planned(serious_concern=True))[Milestone.EARLY_OUTCOME_LETTER_DUE]
    assert letter.due == date(2026, 4, 29)


def test_the_additional_information_deadline_is_left_out_when_nothing_was_asked():
    assert Milestone.ADDITIONAL_INFO_DUE not in schedule_of(planned(additional_info_requested=False))


def test_the_pir_is_due_five_working_days_after_it_was_actually_requested():
    actual = {Step.ANNOUNCED_ON: date(2026, 4, 2), Step.PIR_REQUESTED_ON: date(2026, 4, 9)}
    pir = schedule_of(planned(actual=actual))[Milestone.PIR_DUE]
    assert pir.due == date(2026, 4, 16)
    assert "counted from the day the PIR was requested" in pir.explanation.text


def test_without_a_recorded_request_the_pir_counts_from_the_actual_announcement_over_easter():
    pir = schedule_of(planned(actual={Step.ANNOUNCED_ON: date(2026, 4, 2)}))[Milestone.PIR_DUE]
    assert pir.due == date(2026, 4, 13)
    assert "Good Friday" in pir.explanation.text
    assert "Easter Monday" in pir.explanation.text


def test_plain_string_keys_work_for_actual_dates_and_extensions():
    dates = planned(actual={"pir_requested_on": date(2026, 4, 9)},
                    extensions={"final_report_due": date(2026, 7, 10)})
    schedule = schedule_of(dates)
    assert schedule[Milestone.PIR_DUE].due == date(2026, 4, 16)
    assert schedule[Milestone.FINAL_REPORT_DUE].due == date(2026, 7, 10)


def test_an_inspection_that_ended_a_day_late_moves_the_report_deadlines_on():
    schedule = schedule_of(planned(actual={Step.INSPECTION_ENDED_ON: date(2026, 4, 23)}))
    assert schedule[Milestone.INSPECTION_END].due == date(2026, 4, 23)
    assert schedule[Milestone.DRAFT_REPORT_DUE].due == date(2026, 5, 22)
    assert schedule[Milestone.FINAL_REPORT_DUE].due == date(2026, 7, 6)


def test_factual_accuracy_comments_are_due_ten_working_days_after_the_draft_was_sent():
    fa = schedule_of(planned(actual={Step.DRAFT_SENT_ON: date(2026, 5, 11)}))[Milestone.FA_COMMENTS_DUE]
    assert fa.due == date(2026, 5, 26)
    assert "Spring Bank Holiday" in fa.explanation.text
    assert "the day the draft report was sent" in fa.explanation.text


def test_an_extended_draft_deadline_keeps_its_original_and_moves_the_planned_fa_deadline():
    schedule = schedule_of(planned(extensions={Milestone.DRAFT_REPORT_DUE: date(2026, 5, 28)}))
    draft = schedule[Milestone.DRAFT_REPORT_DUE]
    assert (draft.due, draft.original_due) == (date(2026, 5, 28), date(2026, 5, 21))
    assert "Extended to Thursday 28 May 2026" in draft.explanation.text
    assert schedule[Milestone.FA_COMMENTS_DUE].due == date(2026, 6, 11)


def test_a_step_done_late_is_still_done():
    dates = planned(actual={Step.PIR_RECEIVED_ON: date(2026, 4, 20)})
    pir = schedule_of(dates, today=date(2026, 4, 20))[Milestone.PIR_DUE]
    assert (pir.state, pir.done_on) == (MilestoneState.DONE, date(2026, 4, 20))


@pytest.mark.parametrize(
    ("today", "state", "countdown"),
    [
        (date(2026, 6, 2), MilestoneState.ON_TRACK, 3),
        (date(2026, 6, 3), MilestoneState.DUE_SOON, 2),
        (date(2026, 6, 5), MilestoneState.DUE_SOON, 0),
        (date(2026, 6, 6), MilestoneState.OVERDUE, 0),
        (date(2026, 6, 8), MilestoneState.OVERDUE, -1),
        (date(2026, 6, 9), MilestoneState.OVERDUE, -2),
    ],
)
def test_the_fa_deadline_on_friday_5_june_counts_down_in_working_days(today, state, countdown):
    fa = schedule_of(planned(), today=today)[Milestone.FA_COMMENTS_DUE]
    assert (fa.state, fa.countdown) == (state, countdown)


def test_the_next_milestone_is_the_earliest_not_yet_done():
    actual = {Step.ANNOUNCED_ON: date(2026, 4, 7), Step.PIR_RECEIVED_ON: date(2026, 4, 13),
              Step.INSPECTION_STARTED_ON: TUESDAY_21_APRIL,
              Step.INSPECTION_ENDED_ON: WEDNESDAY_22_APRIL}
    schedule = compute_schedule(planned(actual=actual, serious_concern=True),
                                today=date(2026, 4, 23), calendar=CALENDAR)
    assert next_milestone(schedule).key is Milestone.EARLY_OUTCOME_LETTER_DUE


def test_there_is_no_next_milestone_once_everything_is_done():
    actual = {step: date(2026, 4, 1) for step in Step}
    schedule = compute_schedule(planned(actual=actual), today=date(2026, 9, 1), calendar=CALENDAR)
    assert next_milestone(schedule) is None


def test_inspection_dates_refuse_an_end_before_the_start_and_unknown_steps():
    with pytest.raises(ValueError):
        InspectionDates(planned_start=WEDNESDAY_22_APRIL, planned_end=TUESDAY_21_APRIL)
    with pytest.raises(ValueError):
        planned(actual={"visited_on": TUESDAY_21_APRIL})


@pytest.mark.parametrize(
    ("timescale", "received_on", "due"),
    [
        (Timescale.IMMEDIATELY, date(2026, 7, 3), date(2026, 7, 3)),
        (Timescale.WITHIN_21_DAYS, date(2026, 7, 3), date(2026, 7, 24)),
        (Timescale.WITHIN_21_DAYS, date(2026, 12, 20), date(2027, 1, 10)),
        (Timescale.WITHIN_3_MONTHS, date(2026, 3, 15), date(2026, 6, 15)),
        (Timescale.WITHIN_3_MONTHS, date(2023, 11, 30), date(2024, 2, 29)),
        (Timescale.WITHIN_3_MONTHS, date(2025, 10, 31), date(2026, 1, 31)),
        (Timescale.WITHIN_6_MONTHS, date(2025, 8, 31), date(2026, 2, 28)),
        (Timescale.WITHIN_6_MONTHS, date(2023, 8, 31), date(2024, 2, 29)),
        (Timescale.WITHIN_6_MONTHS, date(2026, 9, 30), date(2027, 3, 30)),
    ],
)
def test_recommendations_fall_due_in_calendar_days_or_months_from_receipt(timescale, received_on, due):
    assert recommendation_due(timescale, received_on) == due


inspections = st.tuples(
    st.dates(min_value=date(2016, 3, 1), max_value=date(2039, 6, 30)),
    st.integers(min_value=0, max_value=6),
)


@settings(max_examples=200)
@given(inspection=inspections)
def test_no_counted_deadline_ever_lands_on_a_non_working_day(inspection):
    start, length = inspection
    dates = InspectionDates(start, start + timedelta(days=length), serious_concern=True)
    for status in compute_schedule(dates, today=start, calendar=CALENDAR):
        if status.key not in (Milestone.INSPECTION_START, Milestone.INSPECTION_END):
            assert CALENDAR.is_working_day(status.due), status.explanation.text


@settings(max_examples=100)
@given(batch=st.lists(inspections, min_size=1, max_size=20))
def test_vectorised_due_dates_agree_with_the_schedule_for_planned_inspections(batch):
    starts = [start for start, _ in batch]
    ends = [start + timedelta(days=length) for start, length in batch]
    many = compute_due_dates_many(
        np.array(starts, dtype="datetime64[D]"), np.array(ends, dtype="datetime64[D]"), CALENDAR
    )
    assert set(many) == set(Milestone)
    for index, (start, end) in enumerate(zip(starts, ends)):
        dates = InspectionDates(start, end, serious_concern=True)
        for status in compute_schedule(dates, today=start, calendar=CALENDAR):
            assert many[status.key][index] == np.datetime64(status.due), status.key


def test_the_fa_deadline_is_the_providers_and_is_met_the_day_it_answers():
    sent, answered, closed = date(2026, 5, 20), date(2026, 5, 22), date(2026, 6, 10)
    dates = planned(actual={Step.DRAFT_SENT_ON: sent, Step.FA_RESPONDED_ON: answered, Step.FA_CLOSED_ON: closed})
    fa = schedule_of(dates, today=date(2026, 6, 15))[Milestone.FA_COMMENTS_DUE]
    assert fa.due == date(2026, 6, 4) and closed > fa.due
    assert (fa.state, fa.done_on) == (MilestoneState.DONE, answered)


def test_an_fa_check_closed_without_an_answer_ends_the_deadline_on_the_closing_day():
    sent, closed = date(2026, 5, 20), date(2026, 6, 5)
    fa = schedule_of(planned(actual={Step.DRAFT_SENT_ON: sent, Step.FA_CLOSED_ON: closed}),
                     today=date(2026, 6, 15))[Milestone.FA_COMMENTS_DUE]
    assert (fa.state, fa.done_on) == (MilestoneState.DONE, closed)
