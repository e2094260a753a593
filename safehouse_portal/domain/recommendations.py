"""When a recommendation is due, and where it stands.

A recommendation's timescale runs from the day the provider received the final report
(the published guidance: "immediately", "within 21 days", "within 3 months", "within
6 months" of receiving the report). These are calendar periods, not working days:
21 days is three weeks, and a month is a calendar month (the 31st of a shorter month
falls on its last day).
"""

import calendar
from datetime import date, timedelta
from enum import StrEnum

from safehouse_portal.domain.enums import Timescale


class RecommendationStatus(StrEnum):
    """Where a recommendation stands in its thread. ``OVERDUE`` is never stored: it is derived.

    A recommendation is stored ``open`` when the inspector drafts it; the provider sees it,
    with its due date, once the final report is issued (``Inspection.final_issued_on``).
    """

    OPEN = "open"
    IN_PROGRESS = "in_progress"
    EVIDENCE_SUBMITTED = "evidence_submitted"
    MET = "met"
    RETURNED = "returned"
    OVERDUE = "overdue"


STATUS_LABELS: dict[RecommendationStatus, str] = {
    RecommendationStatus.OPEN: "Open",
    RecommendationStatus.IN_PROGRESS: "In progress",
    RecommendationStatus.EVIDENCE_SUBMITTED: "Evidence submitted",
    RecommendationStatus.MET: "Met",
    RecommendationStatus.RETURNED: "Returned",
    RecommendationStatus.OVERDUE: "Overdue",
}

STORED_STATUSES = frozenset(RecommendationStatus) - {RecommendationStatus.OVERDUE}
"""The values a ``Recommendation.status`` column may hold."""

_MONTHS = {Timescale.WITHIN_3_MONTHS: 3, Timescale.WITHIN_6_MONTHS: 6}


def add_months(day: date, months: int) -> date:
    """The same day ``months`` calendar months later, or that month's last day if it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def due_date(timescale: Timescale, report_received_on: date | None) -> date | None:
    """The day a recommendation must be met by; None until the final report is received."""
    if report_received_on is None:
        return None
    if timescale is Timescale.IMMEDIATELY:
        return report_received_on
    if timescale is Timescale.WITHIN_21_DAYS:
        return report_received_on + timedelta(days=21)
    return add_months(report_received_on, _MONTHS[timescale])


def effective_status(stored: str, due: date | None, *, today: date) -> RecommendationStatus:
    """The status people see: a stored status, or overdue once the due date has passed unmet.

    A recommendation whose evidence awaits the inspector's decision is not overdue: the
    provider has done its part on time.
    """
    status = RecommendationStatus(stored)
    if status in (RecommendationStatus.MET, RecommendationStatus.EVIDENCE_SUBMITTED):
        return status
    if due is not None and today > due:
        return RecommendationStatus.OVERDUE
    return status


def met_on_time(due: date | None, met_on: date | None) -> bool | None:
    """Whether a met recommendation was met by its due date (None when not met or no due date)."""
    if due is None or met_on is None:
        return None
    return met_on <= due
