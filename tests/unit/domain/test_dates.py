"""Dates read as people write them."""

from datetime import date

from safehouse_portal.domain.dates import format_date, format_date_range


def test_a_date_reads_day_month_year_without_leading_zero():
    assert format_date(date(2026, 4, 3)) == "3 April 2026"


def test_ranges_share_their_month_and_year_when_they_can():
    assert format_date_range(date(2026, 12, 7), date(2026, 12, 8)) == "7 to 8 December 2026"
    assert format_date_range(date(2026, 11, 30), date(2026, 12, 2)) == "30 November to 2 December 2026"
    assert format_date_range(date(2026, 12, 31), date(2027, 1, 1)) == "31 December 2026 to 1 January 2027"
    assert format_date_range(date(2026, 12, 7), date(2026, 12, 7)) == "7 December 2026"
    assert format_date_range(None, None) == "Not yet planned"
