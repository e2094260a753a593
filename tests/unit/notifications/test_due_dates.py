"""The reminder job's due dates are the timeline's own, extensions and actual dates included."""

from datetime import date

import pytest

from safehouse_portal.domain.milestones import InspectionDates, Milestone, Step, compute_schedule, due_dates
from safehouse_portal.domain.working_days import WorkingCalendar

CALENDAR = WorkingCalendar.for_years(range(2025, 2028))

CASES = [
    InspectionDates(date(2026, 6, 8), date(2026, 6, 9)),
    InspectionDates(date(2026, 6, 8), date(2026, 6, 9), serious_concern=True, additional_info_requested=False),
    InspectionDates(date(2026, 6, 8), date(2026, 6, 9), actual={Step.PIR_REQUESTED_ON: date(2026, 5, 18),
                                                                Step.DRAFT_SENT_ON: date(2026, 7, 1)}),
    InspectionDates(date(2026, 6, 8), date(2026, 6, 9), actual={Step.INSPECTION_ENDED_ON: date(2026, 6, 12)},
                    extensions={Milestone.FINAL_REPORT_DUE: date(2026, 9, 30)}),
]


@pytest.mark.parametrize("dates", CASES)
def test_due_dates_agree_with_the_schedule_whatever_today_is(dates):
    for today in (date(2026, 1, 5), date(2026, 12, 31)):
        expected = {s.key: s.due for s in compute_schedule(dates, today=today, calendar=CALENDAR)}
        assert due_dates(dates, calendar=CALENDAR) == expected


def test_the_pir_is_due_five_working_days_after_it_was_requested_over_the_bank_holiday():
    dates = InspectionDates(date(2026, 6, 8), date(2026, 6, 9), actual={Step.PIR_REQUESTED_ON: date(2026, 5, 18)})
    assert due_dates(dates, calendar=CALENDAR)[Milestone.PIR_DUE] == date(2026, 5, 26)
