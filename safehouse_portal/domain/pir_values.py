"""Numbers and dates as a provider types them into the information return, and what is wrong with them.

A number is whole and 0 or more, with or without thousands commas; a date is typed day/month/year
(the browser's own date box turned 31/02 into a blank) or stored as ISO. Pure: ``domain/pir.py``
checks answers with these.
"""

import re
from datetime import date

from safehouse_portal.domain.dates import format_date

MAX_NUMBER = 1_000_000
EARLIEST_DATE = date(2000, 1, 1)


REFUSED_DATE = "Enter a real date, like 31/3/2026"
"""Said next to a date box when what it sent is not a real date; the stored date is kept."""

_WHOLE_NUMBER = re.compile(r"^\d{1,3}(,\d{3})*$|^\d+$")


def parse_number(value: str) -> int | None:
    """A whole number of 0 or more as typed ("1,200" is 1200), or None."""
    text = str(value).strip()
    if not _WHOLE_NUMBER.match(text):
        return None
    number = int(text.replace(",", ""))
    return number if number <= MAX_NUMBER else None


def number_error(value: str) -> str | None:
    return None if parse_number(value) is not None else "Enter a whole number, 0 or more, like 12"


MAX_DATE_CHARS = 20
"""The longest date a date box takes (``31/12/2026`` with room for spaces)."""

_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[/. -]+(\d{1,2})[/. -]+(\d{4})$")


def parse_day(value: str) -> date | None:
    """A date typed as day/month/year (``31/3/2026``, ``31 3 2026``) or stored as ``2026-03-31``; None if not real."""
    text = str(value).strip()
    typed = _DAY_MONTH_YEAR.match(text)
    try:
        if typed:
            return date(int(typed.group(3)), int(typed.group(2)), int(typed.group(1)))
        return date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        return None


def typed_day(value: str) -> str:
    """A stored date as a person types one (``2026-03-31`` -> ``31/3/2026``); anything else as it is."""
    day = parse_day(value) if value else None
    return f"{day.day}/{day.month}/{day.year}" if day else value


def date_error(value: str, today: date) -> str | None:
    day = parse_day(value)
    if day is None:
        return REFUSED_DATE
    if day > today:
        return "Enter today's date or an earlier one"
    if day < EARLIEST_DATE:
        return f"Enter a date from {format_date(EARLIEST_DATE)} onwards"
    return None
