"""One count of working days left or overdue, in one set of words, for every page."""

from datetime import date, timedelta

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safehouse_portal.domain.countdown import (
    countdown_words, deadline_words, working_days_late, working_days_left, working_days_left_many,
)
from safehouse_portal.domain.working_days import WorkingCalendar

CALENDAR = WorkingCalendar.for_years()
FRIDAY = date(2026, 6, 5)

days = st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31))


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 6, 2), "Due in 3 working days"),
        (date(2026, 6, 4), "Due in 1 working day"),
        (FRIDAY, "Due today"),
        (date(2026, 6, 6), "Overdue: it was due on Friday 5 June 2026"),
        (date(2026, 6, 8), "Overdue by 1 working day"),
        (date(2026, 6, 19), "Overdue by 10 working days"),
    ],
)
def test_a_friday_deadline_reads_the_same_way_whoever_asks(today, expected):
    assert deadline_words(CALENDAR, today=today, due=FRIDAY) == expected


def test_a_deadline_on_a_saturday_is_overdue_by_one_on_the_monday_after():
    saturday = date(2026, 6, 6)
    assert working_days_left(CALENDAR, today=date(2026, 6, 8), due=saturday) == -1
    assert deadline_words(CALENDAR, today=date(2026, 6, 5), due=saturday) == "Due on Saturday 6 June 2026"


def test_bank_holidays_are_not_counted_in_days_left():
    # Friday 1 May 2026 to Tuesday 5 May: Monday 4 May is the early May bank holiday.
    assert working_days_left(CALENDAR, today=date(2026, 5, 1), due=date(2026, 5, 5)) == 1
    assert working_days_left(CALENDAR, today=date(2026, 5, 5), due=date(2026, 5, 1)) == -1


def test_a_thing_done_on_or_before_its_due_date_is_not_late():
    assert working_days_late(CALENDAR, due=FRIDAY, done_on=FRIDAY) == 0
    assert working_days_late(CALENDAR, due=FRIDAY, done_on=date(2026, 6, 1)) == 0
    assert working_days_late(CALENDAR, due=FRIDAY, done_on=date(2026, 6, 9)) == 2


@settings(max_examples=300, deadline=None)
@given(today=days, due=days)
def test_the_count_is_the_working_days_between_today_and_the_due_date_excluding_the_earlier(today, due):
    low, high = min(today, due), max(today, due)
    stepped = sum(CALENDAR.is_working_day(low + timedelta(n)) for n in range(1, (high - low).days + 1))
    left = working_days_left(CALENDAR, today=today, due=due)
    assert left == (stepped if due >= today else -stepped)
    words = countdown_words(today=today, due=due, countdown=left)
    assert words.startswith("Overdue") == (today > due)
    assert (f"{abs(left)} working day" in words) == (left != 0)


@settings(max_examples=50, deadline=None)
@given(today=days, dues=st.lists(days, min_size=1, max_size=20))
def test_the_vectorised_count_agrees_with_the_one_at_a_time_count(today, dues):
    many = working_days_left_many(CALENDAR, today=np.datetime64(today, "D"), due=np.array(dues, dtype="datetime64[D]"))
    assert many.tolist() == [working_days_left(CALENDAR, today=today, due=due) for due in dues]
