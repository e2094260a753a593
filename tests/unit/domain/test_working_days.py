"""Working days: England and Wales bank holidays, closures, and plain-words derivations."""

from datetime import date, timedelta

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safehouse_portal.domain.working_days import (
    DateOutsideCalendar,
    SkipKind,
    SkippedRun,
    WorkingCalendar,
)

CALENDAR = WorkingCalendar.for_years()
TRAINING_DAY = date(2026, 4, 8)
WITH_CLOSURE = WorkingCalendar.for_years(closures={TRAINING_DAY: "Programme training day"})

safe_dates = st.dates(min_value=date(2016, 1, 1), max_value=date(2039, 6, 30))
counts = st.integers(min_value=-80, max_value=80)


def as_days(days: list[date]) -> np.ndarray:
    return np.array(days, dtype="datetime64[D]")


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (date(2026, 4, 3), "Good Friday"),
        (date(2026, 4, 6), "Easter Monday"),
        (date(2026, 5, 4), "May Day"),
        (date(2026, 5, 25), "Spring Bank Holiday"),
        (date(2021, 12, 27), "Christmas Day (observed)"),
        (date(2021, 12, 28), "Boxing Day (observed)"),
        (date(2022, 1, 3), "New Year's Day (observed)"),
        (date(2022, 12, 27), "Christmas Day (observed)"),
    ],
)
def test_bank_holidays_and_substitute_days_are_named_and_not_working_days(day, name):
    assert not CALENDAR.is_working_day(day)
    assert CALENDAR.bank_holidays[day] == name


def test_an_ordinary_weekday_is_a_working_day_and_a_weekend_is_not():
    assert CALENDAR.is_working_day(date(2026, 4, 7))
    assert not CALENDAR.is_working_day(date(2026, 4, 11))
    assert not CALENDAR.is_working_day(date(2026, 4, 12))


def test_ten_working_days_after_maundy_thursday_skip_easter():
    assert CALENDAR.add_working_days(date(2026, 4, 2), 10) == date(2026, 4, 20)


def test_ten_working_days_after_good_friday_land_on_monday_20_april():
    assert CALENDAR.add_working_days(date(2026, 4, 3), 10) == date(2026, 4, 20)


def test_one_working_day_after_the_friday_before_early_may_bank_holiday_is_tuesday():
    assert CALENDAR.add_working_days(date(2026, 5, 1), 1) == date(2026, 5, 5)


def test_one_working_day_after_the_friday_before_spring_bank_holiday_is_tuesday():
    assert CALENDAR.add_working_days(date(2026, 5, 22), 1) == date(2026, 5, 26)


def test_the_2022_jubilee_moved_the_spring_bank_holiday_to_a_thursday_and_friday():
    assert CALENDAR.add_working_days(date(2022, 6, 1), 1) == date(2022, 6, 6)


def test_christmas_2021_on_a_weekend_gives_substitute_days_on_27_and_28_december():
    assert CALENDAR.add_working_days(date(2021, 12, 24), 1) == date(2021, 12, 29)
    assert CALENDAR.add_working_days(date(2021, 12, 24), 3) == date(2021, 12, 31)


def test_counting_across_new_year_2022_skips_the_substitute_day_on_3_january():
    assert CALENDAR.add_working_days(date(2021, 12, 31), 1) == date(2022, 1, 4)


def test_christmas_2022_on_a_sunday_gives_boxing_day_and_a_substitute_on_27_december():
    assert CALENDAR.add_working_days(date(2022, 12, 23), 1) == date(2022, 12, 28)


def test_christmas_2027_on_a_saturday_pushes_both_holidays_to_monday_and_tuesday():
    assert CALENDAR.add_working_days(date(2027, 12, 24), 1) == date(2027, 12, 29)


def test_working_days_between_christmas_eve_and_the_first_monday_of_2027_are_four():
    assert CALENDAR.working_days_between(date(2026, 12, 24), date(2027, 1, 4)) == 4


def test_a_start_on_a_saturday_counts_from_the_following_monday():
    assert CALENDAR.add_working_days(date(2026, 4, 18), 1) == date(2026, 4, 20)
    assert CALENDAR.add_working_days(date(2026, 4, 4), 1) == date(2026, 4, 7)


def test_a_start_on_a_bank_holiday_never_counts_itself():
    assert CALENDAR.add_working_days(date(2026, 5, 4), 1) == date(2026, 5, 5)


def test_ten_working_days_before_a_tuesday_inspection_skip_two_weekends():
    assert CALENDAR.add_working_days(date(2026, 4, 21), -10) == date(2026, 4, 7)


def test_one_working_day_before_the_tuesday_after_easter_is_maundy_thursday():
    assert CALENDAR.add_working_days(date(2026, 4, 7), -1) == date(2026, 4, 2)


def test_one_working_day_before_easter_sunday_is_maundy_thursday():
    assert CALENDAR.add_working_days(date(2026, 4, 5), -1) == date(2026, 4, 2)


def test_zero_working_days_leave_the_date_alone_even_on_a_holiday():
    assert CALENDAR.add_working_days(date(2026, 4, 3), 0) == date(2026, 4, 3)


def test_working_days_between_is_negative_going_back_and_zero_on_the_same_day():
    assert CALENDAR.working_days_between(date(2026, 4, 7), date(2026, 4, 2)) == -1
    assert CALENDAR.working_days_between(date(2026, 4, 7), date(2026, 4, 7)) == 0
    assert CALENDAR.working_days_between(date(2026, 4, 2), date(2026, 4, 7)) == 1


def test_a_programme_closure_day_is_skipped():
    assert not WITH_CLOSURE.is_working_day(TRAINING_DAY)
    assert WITH_CLOSURE.add_working_days(date(2026, 4, 7), 1) == date(2026, 4, 9)
    assert CALENDAR.add_working_days(date(2026, 4, 7), 1) == TRAINING_DAY


def test_the_holiday_array_is_sorted_read_only_and_includes_closures():
    array = WITH_CLOSURE.holiday_array
    assert array.dtype == np.dtype("datetime64[D]")
    assert np.all(array[1:] > array[:-1])
    assert np.datetime64(TRAINING_DAY) in array
    assert not array.flags.writeable


def test_a_date_outside_the_covered_years_is_refused_rather_than_guessed():
    short = WorkingCalendar.for_years(range(2026, 2027))
    with pytest.raises(DateOutsideCalendar):
        short.is_working_day(date(2027, 1, 4))
    with pytest.raises(DateOutsideCalendar):
        short.add_working_days(date(2026, 12, 30), 5)
    with pytest.raises(DateOutsideCalendar):
        short.add_working_days_many(as_days([date(2026, 12, 30)]), 5)
    with pytest.raises(DateOutsideCalendar):
        short.working_days_between(date(2026, 12, 30), date(2027, 1, 4))


def test_a_closure_outside_the_covered_years_is_refused():
    with pytest.raises(DateOutsideCalendar):
        WorkingCalendar.for_years(range(2026, 2027), closures={date(2030, 1, 2): "x"})


def test_the_explanation_of_ten_working_days_after_good_friday_lists_every_skip():
    explanation = CALENDAR.explain_add(date(2026, 4, 3), 10)
    assert explanation.due == date(2026, 4, 20)
    assert explanation.skipped == (
        SkippedRun(SkipKind.WEEKEND, date(2026, 4, 4), date(2026, 4, 5)),
        SkippedRun(SkipKind.BANK_HOLIDAY, date(2026, 4, 6), date(2026, 4, 6), ("Easter Monday",)),
        SkippedRun(SkipKind.WEEKEND, date(2026, 4, 11), date(2026, 4, 12)),
        SkippedRun(SkipKind.WEEKEND, date(2026, 4, 18), date(2026, 4, 19)),
    )
    assert explanation.text.startswith("10 working days after Friday 3 April 2026 (Good Friday")
    assert "counting starts on the next day" in explanation.text
    assert "the weekend 4-5 April, Easter Monday (bank holiday) 6 April" in explanation.text
    assert explanation.text.endswith("lands on Monday 20 April 2026.")


def test_the_explanation_of_a_backward_count_lists_skips_in_the_order_stepped_over():
    explanation = CALENDAR.explain_add(date(2026, 4, 7), -2)
    assert explanation.due == date(2026, 4, 1)
    assert [run.first for run in explanation.skipped] == [
        date(2026, 4, 6), date(2026, 4, 4), date(2026, 4, 3)
    ]
    assert explanation.text.startswith("2 working days before Tuesday 7 April 2026")
    assert "Good Friday (bank holiday) 3 April" in explanation.text


def test_the_explanation_across_new_year_names_the_substitute_days():
    text = CALENDAR.explain_add(date(2021, 12, 24), 5).text
    assert "the weekend 25-26 December (Christmas Day, Boxing Day)" in text
    assert "the substitute bank holiday for Christmas Day 27 December" in text
    assert "the substitute bank holiday for Boxing Day 28 December" in text
    assert "the substitute bank holiday for New Year's Day 3 January 2022" in text
    assert text.endswith("lands on Wednesday 5 January 2022.")


def test_the_explanation_names_a_programme_closure_with_its_reason():
    explanation = WITH_CLOSURE.explain_add(date(2026, 4, 7), 1)
    assert explanation.skipped == (
        SkippedRun(SkipKind.CLOSURE, TRAINING_DAY, TRAINING_DAY, ("Programme training day",)),
    )
    assert "Programme training day (programme closure) 8 April" in explanation.text


def test_the_explanation_of_a_count_with_nothing_to_skip_says_so():
    text = CALENDAR.explain_add(date(2026, 4, 7), 1).text
    assert "no weekends, bank holidays or closures to skip" in text


def test_vectorised_adding_handles_mixed_signs_and_passes_missing_dates_through():
    starts = np.array(["2026-04-02", "2026-04-07", "2026-04-03", "NaT"], dtype="datetime64[D]")
    result = CALENDAR.add_working_days_many(starts, np.array([10, -1, 0, 5]))
    expected = ["2026-04-20", "2026-04-02", "2026-04-03", "NaT"]
    assert np.array_equal(result, np.array(expected, dtype="datetime64[D]"), equal_nan=True)


@settings(max_examples=300)
@given(start=safe_dates, count=counts)
def test_counting_the_working_days_to_a_due_date_gives_back_the_count(start, count):
    due = CALENDAR.add_working_days(start, count)
    assert CALENDAR.working_days_between(start, due) == count


@settings(max_examples=300)
@given(start=safe_dates, count=counts.filter(bool))
def test_a_due_date_never_lands_on_a_non_working_day(start, count):
    assert CALENDAR.is_working_day(CALENDAR.add_working_days(start, count))


@given(start=safe_dates, gap=st.integers(min_value=-120, max_value=120))
def test_adding_the_count_between_two_days_reaches_the_second_when_it_is_working(start, gap):
    end = start + timedelta(days=gap)
    if CALENDAR.is_working_day(end):
        assert CALENDAR.add_working_days(start, CALENDAR.working_days_between(start, end)) == end


@given(start=safe_dates, count=counts)
def test_the_explanation_accounts_for_every_day_between_start_and_due(start, count):
    explanation = CALENDAR.explain_add(start, count)
    skipped_days = sum((run.last - run.first).days + 1 for run in explanation.skipped)
    assert skipped_days + abs(count) == abs((explanation.due - start).days)


@settings(max_examples=200)
@given(
    pairs=st.lists(st.tuples(safe_dates, counts), min_size=1, max_size=30),
    shared=counts,
)
def test_vectorised_adding_agrees_with_the_scalar_version(pairs, shared):
    starts = as_days([start for start, _ in pairs])
    each = np.array([count for _, count in pairs])
    assert list(CALENDAR.add_working_days_many(starts, each)) == [
        np.datetime64(CALENDAR.add_working_days(start, count)) for start, count in pairs
    ]
    assert list(CALENDAR.add_working_days_many(starts, shared)) == [
        np.datetime64(CALENDAR.add_working_days(start, shared)) for start, _ in pairs
    ]


@settings(max_examples=200)
@given(pairs=st.lists(st.tuples(safe_dates, st.integers(-200, 200)), min_size=1, max_size=30))
def test_vectorised_counting_agrees_with_the_scalar_version(pairs):
    starts = [start for start, _ in pairs]
    ends = [start + timedelta(days=gap) for start, gap in pairs]
    result = WITH_CLOSURE.working_days_between_many(as_days(starts), as_days(ends))
    assert list(result) == [
        WITH_CLOSURE.working_days_between(start, end) for start, end in zip(starts, ends)
    ]
