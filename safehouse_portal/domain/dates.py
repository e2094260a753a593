"""Dates as people read them (GOV.UK style: 3 April 2026), and the programme's time zone."""

from datetime import date
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
"""Where the programme works: days are counted and times shown in England, whatever the server's zone."""


def format_date(day: date | None) -> str:
    """``3 April 2026``, or an empty string for no date."""
    if day is None:
        return ""
    return f"{day.day} {day:%B %Y}"


def format_date_range(first: date | None, last: date | None) -> str:
    """``7 to 8 December 2026``, ``30 November to 2 December 2026``, or one date."""
    if first is None or last is None:
        return format_date(first or last) or "Not yet planned"
    if first == last:
        return format_date(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day} to {format_date(last)}"
    if first.year == last.year:
        return f"{first.day} {first:%B} to {format_date(last)}"
    return f"{format_date(first)} to {format_date(last)}"
