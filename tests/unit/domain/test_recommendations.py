from datetime import date

import pytest

from safehouse_portal.domain.enums import Timescale
from safehouse_portal.domain.recommendations import (
    RecommendationStatus as S, add_months, due_date, effective_status, met_on_time,
)

RECEIVED = date(2026, 1, 30)


@pytest.mark.parametrize("timescale, due", [
    (Timescale.IMMEDIATELY, date(2026, 1, 30)),
    (Timescale.WITHIN_21_DAYS, date(2026, 2, 20)),
    (Timescale.WITHIN_3_MONTHS, date(2026, 4, 30)),
    (Timescale.WITHIN_6_MONTHS, date(2026, 7, 30)),
])
def test_a_recommendation_is_due_its_timescale_after_the_report_was_received(timescale, due):
    assert due_date(timescale, RECEIVED) == due


def test_no_due_date_before_the_final_report_is_received():
    assert due_date(Timescale.WITHIN_21_DAYS, None) is None


def test_a_month_later_from_the_31st_lands_on_the_shorter_months_last_day():
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert add_months(date(2027, 11, 30), 3) == date(2028, 2, 29)


def test_an_unmet_recommendation_past_its_due_date_is_overdue():
    assert effective_status("open", date(2026, 2, 20), today=date(2026, 2, 21)) is S.OVERDUE
    assert effective_status("returned", date(2026, 2, 20), today=date(2026, 2, 21)) is S.OVERDUE
    assert effective_status("in_progress", date(2026, 2, 20), today=date(2026, 2, 20)) is S.IN_PROGRESS


def test_met_and_awaiting_decision_recommendations_are_never_overdue():
    assert effective_status("met", date(2026, 2, 20), today=date(2026, 9, 1)) is S.MET
    assert effective_status("evidence_submitted", date(2026, 2, 20), today=date(2026, 9, 1)) is S.EVIDENCE_SUBMITTED


def test_met_on_time_compares_the_day_it_was_met_with_the_due_date():
    assert met_on_time(date(2026, 2, 20), date(2026, 2, 20)) is True
    assert met_on_time(date(2026, 2, 20), date(2026, 2, 23)) is False
    assert met_on_time(None, date(2026, 2, 23)) is None
