"""Which reminders fall due on a day: working days before each deadline, across a bank holiday."""

from datetime import date, timedelta

import pytest

from safehouse_portal.domain.notifications import NotificationKind
from safehouse_portal.domain.reminders import Deadline, Track, reminders_due
from safehouse_portal.domain.working_days import WorkingCalendar

CALENDAR = WorkingCalendar.for_years(range(2025, 2028))
SPRING_BANK_HOLIDAY = date(2026, 5, 25)
"""A Monday; a deadline on Tuesday 26 May 2026 has Friday 22 May as its working day before."""
DUE_AFTER_HOLIDAY = date(2026, 5, 26)
LEAD, PROVIDER_LEAD, MANAGER = 7, 8, 9


def _days(first: date, last: date):
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def _sent_on(deadline: Deadline, first: date, last: date, managers=()) -> dict[date, list]:
    """The reminders first sent each day, the job run every day from ``first`` to ``last``.

    As the store does, a key already sent is not sent again.
    """
    found, seen = {}, set()
    for day in _days(first, last):
        new = [r for r in reminders_due([deadline], today=day, calendar=CALENDAR, managers=managers)
               if r.key not in seen]
        seen.update(r.key for r in new)
        if new:
            found[day] = new
    return found


def test_a_pir_reminds_two_and_one_working_days_before_and_on_the_day_stepping_over_the_bank_holiday():
    pir = Deadline(Track.PIR, item_id=3, due=DUE_AFTER_HOLIDAY, responsible=(PROVIDER_LEAD,), inspection_id=3)
    sent = _sent_on(pir, date(2026, 5, 11), date(2026, 6, 5))
    assert list(sent) == [date(2026, 5, 21), date(2026, 5, 22), DUE_AFTER_HOLIDAY]
    assert [r.key for rs in sent.values() for r in rs] == ["pir:3:wd2:u8", "pir:3:wd1:u8", "pir:3:wd0:u8"]
    assert {r.kind for rs in sent.values() for r in rs} == {NotificationKind.PIR_DUE}


def test_nothing_is_sent_on_the_bank_holiday_or_at_the_weekend():
    pir = Deadline(Track.PIR, item_id=3, due=DUE_AFTER_HOLIDAY, responsible=(PROVIDER_LEAD,))
    for day in (date(2026, 5, 23), date(2026, 5, 24), SPRING_BANK_HOLIDAY):
        assert reminders_due([pir], today=day, calendar=CALENDAR) == []


def test_factual_accuracy_comments_remind_three_working_days_before_and_on_the_day():
    fa = Deadline(Track.FA_COMMENTS, item_id=4, due=DUE_AFTER_HOLIDAY, responsible=(PROVIDER_LEAD,))
    sent = _sent_on(fa, date(2026, 5, 1), date(2026, 6, 5))
    assert list(sent) == [date(2026, 5, 20), DUE_AFTER_HOLIDAY]


def test_additional_information_reminds_on_the_due_day_only():
    info = Deadline(Track.ADDITIONAL_INFO, item_id=5, due=date(2026, 6, 3), responsible=(PROVIDER_LEAD,))
    assert list(_sent_on(info, date(2026, 5, 1), date(2026, 6, 30))) == [date(2026, 6, 3)]


def test_a_recommendation_is_due_soon_ten_working_days_before_and_overdue_the_working_day_after():
    due = date(2026, 6, 6)  # a Saturday: calendar timescales may end on any day
    rec = Deadline(Track.RECOMMENDATION, item_id=6, due=due, responsible=(PROVIDER_LEAD,))
    sent = _sent_on(rec, date(2026, 5, 1), date(2026, 6, 30))
    # Ten working days back from Saturday 6 June step over the bank holiday of 25 May.
    assert list(sent) == [date(2026, 5, 22), date(2026, 6, 8)]
    assert [rs[0].kind for rs in sent.values()] == [NotificationKind.RECOMMENDATION_DUE_SOON,
                                                    NotificationKind.RECOMMENDATION_OVERDUE]


def test_the_lead_inspector_is_reminded_five_working_days_before_the_draft_and_final_reports():
    draft = Deadline(Track.DRAFT_REPORT, item_id=2, due=date(2026, 6, 1), responsible=(LEAD,))
    final = Deadline(Track.FINAL_REPORT, item_id=2, due=date(2026, 7, 1), responsible=(LEAD,))
    assert list(_sent_on(draft, date(2026, 5, 1), date(2026, 6, 30))) == [date(2026, 5, 22)]
    assert list(_sent_on(final, date(2026, 5, 1), date(2026, 7, 30))) == [date(2026, 6, 24)]


def test_a_job_that_missed_days_sends_only_the_step_that_is_current():
    pir = Deadline(Track.PIR, item_id=3, due=DUE_AFTER_HOLIDAY, responsible=(PROVIDER_LEAD,))
    [reminder] = reminders_due([pir], today=date(2026, 5, 22), calendar=CALENDAR)
    assert reminder.key == "pir:3:wd1:u8"


def test_a_step_before_the_due_date_is_never_sent_once_it_has_passed():
    pir = Deadline(Track.PIR, item_id=3, due=DUE_AFTER_HOLIDAY, responsible=(PROVIDER_LEAD,))
    assert reminders_due([pir], today=date(2026, 5, 27), calendar=CALENDAR) == []


def test_each_responsible_person_gets_a_key_of_their_own_and_a_repeated_person_one():
    pir = Deadline(Track.PIR, item_id=3, due=DUE_AFTER_HOLIDAY, responsible=(8, 11, 8))
    keys = [r.key for r in reminders_due([pir], today=DUE_AFTER_HOLIDAY, calendar=CALENDAR)]
    assert keys == ["pir:3:wd0:u8", "pir:3:wd0:u11"]


def test_programme_managers_get_one_digest_a_working_day_counting_everything_overdue():
    late = [Deadline(Track.PIR, item_id=i, due=date(2026, 5, 1), responsible=(PROVIDER_LEAD,)) for i in (1, 2)]
    on_time = Deadline(Track.PIR, item_id=3, due=date(2026, 7, 1), responsible=(PROVIDER_LEAD,))
    found = reminders_due([*late, on_time], today=date(2026, 5, 26), calendar=CALENDAR, managers=(MANAGER,))
    [digest] = [r for r in found if r.kind is NotificationKind.OVERDUE_DIGEST]
    assert (digest.user_id, digest.count, digest.key) == (MANAGER, 2, "digest:2026-05-26:u9")
    assert reminders_due([*late], today=SPRING_BANK_HOLIDAY, calendar=CALENDAR, managers=(MANAGER,)) == []


@pytest.mark.parametrize("today", [date(2026, 5, 21), date(2026, 5, 22), DUE_AFTER_HOLIDAY])
def test_the_same_day_always_gives_the_same_keys(today):
    pir = Deadline(Track.PIR, item_id=3, due=DUE_AFTER_HOLIDAY, responsible=(PROVIDER_LEAD,))
    first = reminders_due([pir], today=today, calendar=CALENDAR)
    assert first == reminders_due([pir], today=today, calendar=CALENDAR) and len(first) == 1
