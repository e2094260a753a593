"""The announcement call, item by item as the guidance sets it out, and the notice it needs.

The lead inspector telephones the provider 10 working days before the planned first day
("How CQC inspects safehouses": "During the initial call, the lead inspector will confirm
... The lead inspector will also ..."). The items below are that list, in its order, in
the guidance's own terms; nothing is added (the guidance has no staff questionnaire). "If
the lead inspector needs to confirm the inspection plan or answer your questions about the
process, they will arrange a follow-up call", so a call is either the initial one or a
follow-up.
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from safehouse_portal.domain.milestones import ANNOUNCE_WORKING_DAYS_BEFORE
from safehouse_portal.domain.working_days import WorkingCalendar


class CallKind(StrEnum):
    """The initial announcement call, or a follow-up to confirm the plan."""

    INITIAL = "initial"
    FOLLOW_UP = "follow_up"


CALL_KIND_LABELS: dict[CallKind, str] = {CallKind.INITIAL: "Announcement call", CallKind.FOLLOW_UP: "Follow-up call"}


class ItemOutcome(StrEnum):
    """What became of one item on a call."""

    DONE = "done"
    FOLLOW_UP = "follow_up"
    NOT_COVERED = "not_covered"


OUTCOME_LABELS: dict[ItemOutcome, str] = {
    ItemOutcome.DONE: "Done",
    ItemOutcome.FOLLOW_UP: "Needs a follow-up",
    ItemOutcome.NOT_COVERED: "Not covered on this call",
}


@dataclass(frozen=True)
class CallItem:
    """One item of the call: a stable key and the guidance's words."""

    key: str
    text: str
    confirm: bool
    """True for the four things the lead inspector confirms; False for what they explain, agree or ask."""


CALL_ITEMS: tuple[CallItem, ...] = (
    CallItem("provides_service", "Confirm the organisation provides the service we plan to inspect", True),
    CallItem("operating_and_available", "Confirm the safehouse or outreach service operates on the planned days, "
                                        "with staff and survivors available to speak with or meet inspectors", True),
    CallItem("staff_emails", "Confirm email addresses of staff at the service, including the service manager", True),
    CallItem("practical_arrangements", "Confirm practical arrangements: a space for the inspection team to work in, "
                                       "facilities, and access to systems and documents", True),
    CallItem("announcement_letter", "Explain how the formal announcement letter is sent", False),
    CallItem("information_before", "Explain what information is needed before the inspection and how to send it",
             False),
    CallItem("process", "Explain the inspection process", False),
    CallItem("timetable", "Agree a provisional inspection timetable", False),
    CallItem("managers_and_staff", "Discuss and agree arrangements to speak with managers and staff", False),
    CallItem("survivor_feedback", "Explain how survivors can give feedback to inspectors, through the survey or "
                                  "interviews", False),
    CallItem("local_services", "Ask for contact details of local services the provider regularly liaises with "
                               "(for example GPs, community nursing services, legal advisers, police)", False),
    CallItem("engaging_survivors", "Explain how inspectors will engage with survivors and ask what support they "
                                   "need during the inspection, such as a quiet area and interpretation", False),
)
"""The guidance's items, in its order."""

CALL_ITEM_KEYS = tuple(item.key for item in CALL_ITEMS)


def outstanding_items(outcomes_by_call: list[dict[str, str]]) -> tuple[str, ...]:
    """Items no call has marked done yet, in the guidance's order.

    Args:
        outcomes_by_call: Each recorded call's outcomes (item key -> ``ItemOutcome`` value), oldest first.
    """
    done = {key for outcomes in outcomes_by_call for key, outcome in outcomes.items() if outcome == ItemOutcome.DONE}
    return tuple(key for key in CALL_ITEM_KEYS if key not in done)


@dataclass(frozen=True)
class ShortNotice:
    """An inspection planned too soon for the call and letter to go out 10 working days ahead.

    Attributes:
        call_due: The day the call and letter should have been made (10 working days before the start).
        working_days_left: Working days from ``today`` to the first day (the first day counts).
    """

    call_due: date
    working_days_left: int

    def warning(self) -> str:
        """The warning an allocation shows, in plain words."""
        days = f"{self.working_days_left} working day{'s' if self.working_days_left != 1 else ''}"
        return (f"The first day leaves {days} for the announcement call and letter, fewer than the "
                f"{ANNOUNCE_WORKING_DAYS_BEFORE} the guidance gives providers. Enter why the inspection cannot "
                f"start later")


def short_notice(planned_start: date, today: date, calendar: WorkingCalendar) -> ShortNotice | None:
    """Whether ``planned_start`` is too close for the announcement call and letter, and by how much.

    The call and the letter are due 10 working days before the first day; if that day is
    already past on ``today``, the provider gets short notice. The call may still be made
    today when today is that day.

    Raises:
        DateOutsideCalendar: A date the calendar does not cover.
    """
    call_due = calendar.add_working_days(planned_start, -ANNOUNCE_WORKING_DAYS_BEFORE)
    if call_due >= today:
        return None
    return ShortNotice(call_due=call_due, working_days_left=max(calendar.working_days_between(today, planned_start), 0))
