"""Which reminders fall due on a day, counted in working days before each deadline.

The programme's rule (issue 17): the person responsible is reminded

- of the PIR 2 and 1 working days before it is due and on the day;
- of factual accuracy comments 3 working days before and on the day;
- of an additional information request on the day it is due;
- of a recommendation 10 working days before it is due, and once it is overdue;
- (the lead inspector) 5 working days before the draft and the final report are due;

and programme managers get one digest a working day of everything overdue.

Reminders go out on working days only. Each step has a trigger day; on a working day the
latest step whose trigger has come is the one due, so a job that missed a day (or a weekend,
or a bank holiday) catches up with the step that is current, never with a flood of stale
ones. A step before the due date is never sent after the due date has passed. Each reminder
carries a key naming the person, the item and the step: the store keeps one row per key,
so however often the job runs, each is sent exactly once.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from safehouse_portal.domain.notifications import LinkTarget, NotificationKind
from safehouse_portal.domain.working_days import WorkingCalendar

OVERDUE = -1
"""A step taken once the deadline has passed: on the first working day after it."""


class Track(StrEnum):
    """A kind of deadline somebody is reminded of."""

    PIR = "pir"
    FA_COMMENTS = "fa_comments"
    ADDITIONAL_INFO = "additional_info"
    RECOMMENDATION = "recommendation"
    DRAFT_REPORT = "draft_report"
    FINAL_REPORT = "final_report"


@dataclass(frozen=True)
class ReminderStep:
    """``working_days`` before the due date (0 on the day, ``OVERDUE`` after it), told as ``kind``."""

    working_days: int
    kind: NotificationKind


STEPS: dict[Track, tuple[ReminderStep, ...]] = {
    Track.PIR: (ReminderStep(2, NotificationKind.PIR_DUE), ReminderStep(1, NotificationKind.PIR_DUE),
                ReminderStep(0, NotificationKind.PIR_DUE)),
    Track.FA_COMMENTS: (ReminderStep(3, NotificationKind.FA_COMMENTS_DUE),
                        ReminderStep(0, NotificationKind.FA_COMMENTS_DUE)),
    Track.ADDITIONAL_INFO: (ReminderStep(0, NotificationKind.INFO_DUE),),
    Track.RECOMMENDATION: (ReminderStep(10, NotificationKind.RECOMMENDATION_DUE_SOON),
                           ReminderStep(OVERDUE, NotificationKind.RECOMMENDATION_OVERDUE)),
    Track.DRAFT_REPORT: (ReminderStep(5, NotificationKind.DRAFT_REPORT_DUE),),
    Track.FINAL_REPORT: (ReminderStep(5, NotificationKind.FINAL_REPORT_DUE),),
}
"""The steps of each track, earliest first."""


@dataclass(frozen=True)
class Deadline:
    """Something due on a day, not yet done, and who answers for it.

    Attributes:
        track: What kind of deadline.
        item_id: The thing's id within its track (an inspection, a request, a recommendation).
        due: When it is due (after any extension).
        responsible: Users reminded of it.
        inspection_id: The inspection it belongs to.
        link: The page a reminder opens, and the id it needs.
    """

    track: Track
    item_id: int
    due: date
    responsible: tuple[int, ...] = ()
    inspection_id: int | None = None
    link: LinkTarget = LinkTarget.PROVIDER_HOME
    link_id: int | None = None


@dataclass(frozen=True)
class Reminder:
    """One reminder to one person; ``key`` is unique per person, item and step."""

    key: str
    kind: NotificationKind
    user_id: int
    due: date
    inspection_id: int | None = None
    link: LinkTarget = LinkTarget.PROVIDER_HOME
    link_id: int | None = None
    count: int | None = None


def step_trigger(step: ReminderStep, due: date, calendar: WorkingCalendar) -> date:
    """The working day a step of a deadline due on ``due`` is taken."""
    if step.working_days == OVERDUE:
        return calendar.add_working_days(due, 1)
    if step.working_days == 0:
        return due if calendar.is_working_day(due) else calendar.add_working_days(due, -1)
    return calendar.add_working_days(due, -step.working_days)


def current_step(track: Track, due: date, *, today: date, calendar: WorkingCalendar,
                 triggers: dict | None = None) -> ReminderStep | None:
    """The step of a deadline to take on ``today`` (a working day), or None.

    The latest step whose trigger day has come; a step before the due date only while
    the due date has not passed. ``triggers`` keeps trigger days already worked out
    (many deadlines share a due date).
    """
    triggers = {} if triggers is None else triggers
    found = None
    for step in STEPS[track]:
        key = (step.working_days, due)
        if key not in triggers:
            triggers[key] = step_trigger(step, due, calendar)
        if triggers[key] <= today:
            found = step
    if found is None or (found.working_days != OVERDUE and today > due):
        return None
    return found


def reminder_key(track: Track, item_id: int, step: ReminderStep, user_id: int) -> str:
    """``pir:12:wd2:u7``: the track, the item, the step and the person (at most 80 characters)."""
    step_name = "overdue" if step.working_days == OVERDUE else f"wd{step.working_days}"
    return f"{track.value}:{item_id}:{step_name}:u{user_id}"


def reminders_due(deadlines: Iterable[Deadline], *, today: date, calendar: WorkingCalendar,
                  managers: Sequence[int] = ()) -> list[Reminder]:
    """Every reminder due on ``today``, and the digest of overdue items for each of ``managers``.

    Nothing on a day that is not a working day: the next working day catches up.
    """
    if not calendar.is_working_day(today):
        return []
    found: list[Reminder] = []
    overdue = 0
    triggers: dict = {}
    for deadline in deadlines:
        if today > deadline.due:
            overdue += 1
        step = current_step(deadline.track, deadline.due, today=today, calendar=calendar, triggers=triggers)
        if step is None:
            continue
        found.extend(
            Reminder(key=reminder_key(deadline.track, deadline.item_id, step, user_id), kind=step.kind,
                     user_id=user_id, due=deadline.due, inspection_id=deadline.inspection_id,
                     link=deadline.link, link_id=deadline.link_id)
            for user_id in dict.fromkeys(deadline.responsible)
        )
    if overdue:
        found.extend(Reminder(key=f"digest:{today.isoformat()}:u{user_id}", kind=NotificationKind.OVERDUE_DIGEST,
                              user_id=user_id, due=today, link=LinkTarget.PROGRAMME_BOARD, count=overdue)
                     for user_id in dict.fromkeys(managers))
    return found
