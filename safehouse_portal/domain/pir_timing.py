"""Whether a Provider Information Return is, or was, on time: in working days, in words."""

from dataclasses import dataclass
from datetime import date

from safehouse_portal.domain.countdown import working_days_late, working_days_left
from safehouse_portal.domain.dates import format_date
from safehouse_portal.domain.working_days import WorkingCalendar


@dataclass(frozen=True)
class PirTiming:
    """When the return is or was due and how that went, in words.

    Attributes:
        late: The return is (or was) late.
        working_days_late: Working days after the due date it came, or has been waiting.
        text: For people: "Due in 3 working days", "Late by 2 working days", "Submitted on time".
    """

    late: bool
    working_days_late: int
    text: str


def pir_timing(due: date, submitted_on: date | None, *, today: date, calendar: WorkingCalendar) -> PirTiming:
    """Whether the return is late and by how much (working days after the due date)."""
    unit = lambda n: "working day" if n == 1 else "working days"  # noqa: E731
    if submitted_on is not None:
        if submitted_on <= due:
            return PirTiming(False, 0, "Submitted on time")
        late_by = working_days_late(calendar, due=due, done_on=submitted_on)
        by = f" {late_by} {unit(late_by)}" if late_by else ""
        return PirTiming(True, late_by, f"Submitted{by} late: it was due on {format_date(due)}")
    if today > due:
        late_by = working_days_late(calendar, due=due, done_on=today)
        by = f" by {late_by} {unit(late_by)}" if late_by else ""
        return PirTiming(True, late_by, f"Late{by}: it was due on {format_date(due)}")
    left = working_days_left(calendar, today=today, due=due)
    if left == 0:
        return PirTiming(False, 0, f"Due today, {format_date(due)}")
    return PirTiming(False, 0, f"Due in {left} {unit(left)}, on {format_date(due)}")
