"""Timeliness frames: the vectorised deadlines agree with compute_schedule, and the table sums them up."""

import random
from datetime import date, timedelta

import pandas as pd
import pytest

from safehouse_portal.domain.milestones import InspectionDates, Milestone, Step, compute_schedule
from safehouse_portal.domain.working_days import WorkingCalendar
from safehouse_portal.documents import analytics as a
from safehouse_portal.documents import analytics_timeliness as t

CALENDAR = WorkingCalendar.for_years(range(2024, 2028), closures={date(2026, 1, 2): "Office move"})
TODAY = date(2026, 6, 1)
_STEP_OF = {"announcement_letter_on": Step.ANNOUNCED_ON, "pir_requested_on": Step.PIR_REQUESTED_ON,
            "pir_received_on": Step.PIR_RECEIVED_ON, "started_on": Step.INSPECTION_STARTED_ON,
            "ended_on": Step.INSPECTION_ENDED_ON, "early_outcome_letter_on": Step.EARLY_OUTCOME_LETTER_SENT_ON,
            "draft_sent_on": Step.DRAFT_SENT_ON, "fa_responded_on": Step.FA_RESPONDED_ON,
            "fa_closed_on": Step.FA_CLOSED_ON,
            "final_issued_on": Step.FINAL_REPORT_SENT_ON}
_ORDER = ["announcement_letter_on", "pir_requested_on", "pir_received_on", "started_on", "ended_on",
          "early_outcome_letter_on", "draft_sent_on", "fa_responded_on", "fa_closed_on", "final_issued_on"]


def _random_inspection(rng: random.Random, inspection_id: int) -> dict:
    start = date(2025, 1, 6) + timedelta(days=rng.randint(0, 450))
    end = start + timedelta(days=rng.randint(0, 3))
    row = {"inspection_id": inspection_id, "planned_start": start, "planned_end": end,
           "serious_concern": rng.random() < 0.3, "announcement_call_on": None}
    reached = rng.randint(0, len(_ORDER))
    day = start - timedelta(days=rng.randint(10, 20))
    for n, column in enumerate(_ORDER):
        day += timedelta(days=rng.randint(0, 30))
        row[column] = day if n < reached and rng.random() < 0.9 else None
    if row["announcement_letter_on"] is not None and rng.random() < 0.8:
        row["announcement_call_on"] = row["announcement_letter_on"]
    return row


def _expected(row: dict, extensions: dict[Milestone, date]) -> dict[str, tuple[date, date | None]]:
    actual = {step: row[column] for column, step in _STEP_OF.items() if row[column] is not None}
    if row["announcement_call_on"] is None:
        actual.pop(Step.ANNOUNCED_ON, None)
    dates = InspectionDates(planned_start=row["planned_start"], planned_end=row["planned_end"], actual=actual,
                            serious_concern=row["serious_concern"], additional_info_requested=False,
                            extensions=extensions)
    return {s.key.value: (s.due, s.done_on) for s in compute_schedule(dates, today=TODAY, calendar=CALENDAR)
            if s.key in t.TRACKED}


def _frame(rows: list[dict]) -> pd.DataFrame:
    columns = ["inspection_id", *t.DATE_COLUMNS, "final_issued_on", "serious_concern"]
    return pd.DataFrame([{c: r.get(c) for c in columns} for r in rows], columns=columns)


def test_the_vectorised_deadlines_agree_with_compute_schedule_for_many_inspections():
    rng = random.Random(7)
    rows = [_random_inspection(rng, n) for n in range(1, 301)]
    extended = {5: {Milestone.DRAFT_REPORT_DUE: date(2026, 12, 1)}, 9: {Milestone.PIR_DUE: date(2025, 3, 3)}}
    extensions = a.frame([(i, m.value, d) for i, ms in extended.items() for m, d in ms.items()],
                         t.EXTENSION_COLUMNS)
    milestones = t.milestone_frame(_frame(rows), extensions, calendar=CALENDAR, today=TODAY)
    for row in rows:
        got = milestones[milestones["inspection_id"] == row["inspection_id"]]
        found = {r.milestone: (pd.Timestamp(r.due).date(),
                               None if pd.isna(r.done_on) else pd.Timestamp(r.done_on).date())
                 for r in got.itertuples()}
        assert found == _expected(row, extended.get(row["inspection_id"], {})), row


def _milestones(*rows) -> pd.DataFrame:
    """(inspection_id, milestone, due, done_on)."""
    frame = pd.DataFrame(list(rows), columns=["inspection_id", "milestone", "due", "done_on"])
    frame["due"] = pd.to_datetime(frame["due"])
    frame["done_on"] = pd.to_datetime(frame["done_on"])
    return t._with_states(frame, CALENDAR, TODAY)


def test_a_deadline_met_late_counts_working_days_late_and_an_unmet_past_one_is_overdue():
    frame = _milestones((1, "draft_report_due", date(2026, 5, 1), date(2026, 5, 8)),
                        (2, "draft_report_due", date(2026, 5, 1), date(2026, 4, 30)),
                        (3, "draft_report_due", date(2026, 5, 20), None),
                        (4, "draft_report_due", date(2026, 6, 10), None))
    assert list(frame["state"]) == ["met_late", "met_on_time", "overdue", "pending"]
    assert frame["days_late"].iloc[0] == 4


def test_the_table_gives_the_share_met_on_time_and_the_median_working_days_late():
    frame = _milestones((1, "final_report_due", date(2026, 5, 1), date(2026, 5, 1)),
                        (2, "final_report_due", date(2026, 5, 1), date(2026, 5, 5)),
                        (3, "final_report_due", date(2026, 5, 1), date(2026, 5, 11)),
                        (4, "final_report_due", date(2026, 5, 20), None),
                        (5, "final_report_due", date(2026, 7, 1), None))
    table = t.timeliness_table(frame)
    row = table.loc["final_report_due"]
    assert (row["fallen_due"], row["met_on_time"], row["met_late"], row["overdue"]) == (4, 1, 2, 1)
    assert row["share_on_time"] == 25
    assert row["median_days_late"] == pytest.approx(3.0)  # 1 (over the May bank holiday) and 5
    assert pd.isna(table.loc["announce", "share_on_time"])


def test_the_period_keeps_deadlines_falling_due_in_it():
    frame = _milestones((1, "announce", date(2026, 1, 5), None), (1, "pir_due", date(2026, 2, 5), None))
    chosen = t.narrow_milestones(frame, pd.Series([1]), a.Filters(date_from=date(2026, 2, 1)))
    assert list(chosen["milestone"]) == ["pir_due"]
