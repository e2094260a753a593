"""The announcement call: the guidance's items, what is still to cover, and short notice in working days."""

from datetime import date

import pytest

from safehouse_portal.domain.announcement import CALL_ITEMS, ShortNotice, outstanding_items, short_notice
from safehouse_portal.domain.working_days import WorkingCalendar

CALENDAR = WorkingCalendar.for_years()


def test_the_call_has_the_guidance_s_twelve_items_in_its_order_and_no_staff_questionnaire():
    assert len(CALL_ITEMS) == 12
    assert [item.confirm for item in CALL_ITEMS] == [True] * 4 + [False] * 8
    assert CALL_ITEMS[0].text.startswith("Confirm the organisation provides the service")
    assert "quiet area" in CALL_ITEMS[-1].text and "interpretation" in CALL_ITEMS[-1].text
    assert not any("questionnaire" in item.text.lower() for item in CALL_ITEMS)


def test_an_item_is_outstanding_until_some_call_marks_it_done():
    first = {item.key: "done" for item in CALL_ITEMS}
    first["timetable"] = "follow_up"
    assert outstanding_items([first]) == ("timetable",)
    assert outstanding_items([first, {"timetable": "done"}]) == ()
    assert len(outstanding_items([])) == 12


def test_ten_working_days_ahead_is_enough_notice():
    start = date(2027, 1, 25)
    due = CALENDAR.add_working_days(start, -10)
    assert short_notice(start, due, CALENDAR) is None


def test_a_start_nine_working_days_away_is_short_notice_and_says_how_many_days_are_left():
    start = date(2027, 1, 25)
    today = CALENDAR.add_working_days(start, -9)
    notice = short_notice(start, today, CALENDAR)
    assert notice == ShortNotice(call_due=CALENDAR.add_working_days(start, -10), working_days_left=9)
    assert notice.warning().startswith("The first day leaves 9 working days for the announcement call and letter")


@pytest.mark.parametrize(("today", "left"), [(date(2026, 12, 24), 6), (date(2026, 12, 29), 5)])
def test_bank_holidays_do_not_count_as_notice(today, left):
    # From Christmas Eve to Wednesday 6 January 2027: Christmas, Boxing Day's substitute (28th) and
    # New Year's Day are skipped, so only 6 working days are left (5 from the 29th).
    notice = short_notice(date(2027, 1, 6), today, CALENDAR)
    assert notice is not None and notice.working_days_left == left
