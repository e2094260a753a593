"""What "N working days left" and "overdue by N working days" mean: one count for every page.

Before the due date, the days left are the working days after today up to and including the
due date: due tomorrow is 1 working day left, due today is 0 ("Due today").

After the due date, the days overdue are the working days after the due date up to and
including today: due yesterday (a working day) is overdue by 1. A due date that falls on a
weekend is overdue by 1 on the Monday after it, by 0 on the Sunday ("Overdue: it was due on
Saturday 4 April 2026").

The count is signed: positive is days left, negative is days overdue, 0 is due today or
within non-working days of it. The provider's home, the inspector's home, the board, the
timeline, analytics, the PDFs and the CLI all call these functions, so one due date reads the
same everywhere.
"""

from datetime import date

import numpy as np

from safehouse_portal.domain.working_days import WorkingCalendar, format_long_date


def working_days_left(calendar: WorkingCalendar, *, today: date, due: date) -> int:
    """Signed working days from ``today`` to ``due``: positive left, negative overdue.

    Raises:
        DateOutsideCalendar: If either date is outside the calendar's years.
    """
    if due >= today:
        return calendar.working_days_between(today, due)
    return -calendar.working_days_between(due, today)


def working_days_left_many(calendar: WorkingCalendar, *, today, due) -> np.ndarray:
    """Vectorised ``working_days_left``: ``today`` and ``due`` are dates or arrays of them."""
    due = np.asarray(due, dtype="datetime64[D]")
    today = np.broadcast_to(np.asarray(today, dtype="datetime64[D]"), due.shape)
    ahead = due >= today
    left = calendar.working_days_between_many(np.where(ahead, today, due), np.where(ahead, due, today))
    return np.where(ahead, left, -left).astype(np.int64)


def working_days_late(calendar: WorkingCalendar, *, due: date, done_on: date) -> int:
    """Working days after ``due`` that ``done_on`` came (0 when on time)."""
    return max(0, -working_days_left(calendar, today=done_on, due=due))


def countdown_words(*, today: date, due: date, countdown: int) -> str:
    """A deadline in words from its signed count: "Due in 2 working days", "Overdue by 3 working days"."""
    days = abs(countdown)
    unit = "working day" if days == 1 else "working days"
    if today > due:
        return f"Overdue by {days} {unit}" if days else f"Overdue: it was due on {format_long_date(due)}"
    if today == due:
        return "Due today"
    return f"Due in {days} {unit}" if days else f"Due on {format_long_date(due)}"


def deadline_words(calendar: WorkingCalendar, *, today: date, due: date) -> str:
    """``countdown_words`` with the count worked out: the one sentence every page shows."""
    return countdown_words(today=today, due=due, countdown=working_days_left(calendar, today=today, due=due))
