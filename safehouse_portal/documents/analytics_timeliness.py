"""Timeliness of the programme's deadlines, for many inspections at once.

Each deadline is worked out as ``domain.milestones.compute_schedule`` does (anchored on
the step that actually happened when it has, else on the plan; the latest extension
wins), but with numpy over every inspection together so ten years of a large programme
take milliseconds. ``tests/unit/documents/test_analytics_timeliness.py`` checks the two
agree. Only the deadlines people must meet are counted: the announcement, the PIR, the
early outcome letter, the draft report, factual accuracy and the final report (the
inspection's own days are not deadlines, and additional information is not tracked yet).

A milestone counts in a period when it falls due in it. It has *fallen due* once it is
done or today is past its due date: met on time, met late, or overdue now.
"""

from __future__ import annotations

from datetime import date

import numpy as np

from safehouse_portal.lazy_modules import lazy_module
from safehouse_portal.domain.milestones import (
    ANNOUNCE_WORKING_DAYS_BEFORE, DRAFT_REPORT_WORKING_DAYS, EARLY_OUTCOME_LETTER_WORKING_DAYS, FA_WORKING_DAYS,
    FINAL_REPORT_WORKING_DAYS, MILESTONE_LABELS, PIR_WORKING_DAYS, Milestone,
)
from safehouse_portal.domain.countdown import working_days_left_many
from safehouse_portal.domain.working_days import WorkingCalendar
from safehouse_portal.documents.analytics import Filters

pd = lazy_module("pandas")

DATE_COLUMNS = ["planned_start", "planned_end", "announcement_call_on", "announcement_letter_on", "pir_requested_on",
                "pir_received_on", "started_on", "ended_on", "early_outcome_letter_on", "draft_sent_on",
                "fa_closed_on", "fa_responded_on"]
"""Columns of the inspections frame the deadlines are worked out from (with ``final_issued_on``)."""
EXTENSION_COLUMNS = ["inspection_id", "milestone", "new_due"]
TRACKED = [Milestone.ANNOUNCE, Milestone.PIR_DUE, Milestone.EARLY_OUTCOME_LETTER_DUE, Milestone.DRAFT_REPORT_DUE,
           Milestone.FA_COMMENTS_DUE, Milestone.FINAL_REPORT_DUE]
STATES = ["met_on_time", "met_late", "overdue"]
STATE_LABELS = {"met_on_time": "Met on time", "met_late": "Met late", "overdue": "Overdue now",
                "pending": "Not yet due"}
TIMELINESS_COLUMNS = ["fallen_due", "met_on_time", "met_late", "share_on_time", "median_days_late", "overdue"]


def milestone_frame(inspections: pd.DataFrame, extensions: pd.DataFrame, *, calendar: WorkingCalendar,
                    today: date) -> pd.DataFrame:
    """One row per (inspection, tracked milestone): due, done_on, state and working days late."""
    rows = inspections[inspections["planned_start"].notna() & inspections["planned_end"].notna()]
    if rows.empty:
        return pd.DataFrame(columns=["inspection_id", "milestone", "due", "done_on", "state", "days_late"])
    d = {column: _days(rows[column]) for column in [*DATE_COLUMNS, "final_issued_on"]}
    add = calendar.add_working_days_many
    start = _first(d["started_on"], d["planned_start"])
    end = _first(d["ended_on"], d["planned_end"])
    announced = np.where(~np.isnat(d["announcement_call_on"]), d["announcement_letter_on"], np.datetime64("NaT", "D"))
    extended = _extended(rows["inspection_id"], extensions)
    dues: dict[Milestone, np.ndarray] = {}

    def due(key: Milestone, value: np.ndarray) -> np.ndarray:
        dues[key] = _first(extended.get(key.value, np.full(len(value), np.datetime64("NaT", "D"))), value)
        return dues[key]

    announce = due(Milestone.ANNOUNCE, add(start, -ANNOUNCE_WORKING_DAYS_BEFORE))
    due(Milestone.PIR_DUE, add(_first(d["pir_requested_on"], _first(announced, announce)), PIR_WORKING_DAYS))
    due(Milestone.EARLY_OUTCOME_LETTER_DUE, add(end, EARLY_OUTCOME_LETTER_WORKING_DAYS))
    draft = due(Milestone.DRAFT_REPORT_DUE, add(end, DRAFT_REPORT_WORKING_DAYS))
    due(Milestone.FA_COMMENTS_DUE, add(_first(d["draft_sent_on"], draft), FA_WORKING_DAYS))
    due(Milestone.FINAL_REPORT_DUE, add(end, FINAL_REPORT_WORKING_DAYS))
    done = {Milestone.ANNOUNCE: announced, Milestone.PIR_DUE: d["pir_received_on"],
            Milestone.EARLY_OUTCOME_LETTER_DUE: d["early_outcome_letter_on"],
            Milestone.DRAFT_REPORT_DUE: d["draft_sent_on"],
            Milestone.FA_COMMENTS_DUE: _first(d["fa_responded_on"], d["fa_closed_on"]),
            Milestone.FINAL_REPORT_DUE: d["final_issued_on"]}
    serious = rows["serious_concern"].astype(bool).to_numpy()
    parts = []
    for key in TRACKED:
        part = pd.DataFrame({"inspection_id": rows["inspection_id"].to_numpy(), "milestone": key.value,
                             "due": dues[key], "done_on": done[key]})
        parts.append(part[serious] if key is Milestone.EARLY_OUTCOME_LETTER_DUE else part)
    return _with_states(pd.concat(parts, ignore_index=True), calendar, today)


def narrow_milestones(milestones: pd.DataFrame, inspection_ids: pd.Series, filters: Filters) -> pd.DataFrame:
    """The milestones of ``inspection_ids`` that fall due in the period."""
    keep = milestones["inspection_id"].isin(inspection_ids)
    if filters.date_from is not None:
        keep &= milestones["due"] >= np.datetime64(filters.date_from, "D")
    if filters.date_to is not None:
        keep &= milestones["due"] <= np.datetime64(filters.date_to, "D")
    return milestones[keep]


def timeliness_table(milestones: pd.DataFrame) -> pd.DataFrame:
    """Per tracked milestone: fallen due, met on time, met late, share on time (%), median late, overdue."""
    keys = [key.value for key in TRACKED]
    counts = pd.crosstab(milestones["milestone"], milestones["state"]).reindex(
        index=keys, columns=STATES, fill_value=0).astype(int)
    late = milestones[milestones["state"] == "met_late"].groupby("milestone")["days_late"].median()
    table = pd.DataFrame(index=pd.Index(keys, name="milestone"))
    table["fallen_due"] = counts.sum(axis=1)
    table["met_on_time"] = counts["met_on_time"]
    table["met_late"] = counts["met_late"]
    share = 100 * counts["met_on_time"] / table["fallen_due"].where(table["fallen_due"] > 0)
    table["share_on_time"] = share.round(0)
    table["median_days_late"] = late.reindex(keys)
    table["overdue"] = counts["overdue"]
    return table


def milestone_label(key: str) -> str:
    """A milestone key in words."""
    return MILESTONE_LABELS[Milestone(key)]


def _days(column: pd.Series) -> np.ndarray:
    return pd.to_datetime(column).to_numpy(dtype="datetime64[D]")


def _first(preferred: np.ndarray, fallback: np.ndarray) -> np.ndarray:
    return np.where(np.isnat(preferred), fallback, preferred)


def _extended(inspection_ids: pd.Series, extensions: pd.DataFrame) -> dict[str, np.ndarray]:
    """Each extended milestone's new due date per inspection (NaT when not extended); the latest wins."""
    if extensions.empty:
        return {}
    latest = extensions.drop_duplicates(subset=["inspection_id", "milestone"], keep="last")
    table = latest.pivot(index="inspection_id", columns="milestone", values="new_due")
    aligned = table.reindex(inspection_ids.to_numpy())
    return {str(key): _days(aligned[key]) for key in aligned.columns}


def _with_states(milestones: pd.DataFrame, calendar: WorkingCalendar, today: date) -> pd.DataFrame:
    due = milestones["due"].to_numpy(dtype="datetime64[D]")
    done_on = milestones["done_on"].to_numpy(dtype="datetime64[D]")
    is_done = ~np.isnat(done_on)
    late = is_done & (done_on > due)
    overdue = ~is_done & (due < np.datetime64(today, "D"))
    state = np.select([late, is_done, overdue], ["met_late", "met_on_time", "overdue"], default="pending")
    days_late = np.zeros(len(due), dtype=np.int64)
    if late.any():
        days_late[late] = -working_days_left_many(calendar, today=done_on[late], due=due[late])
    if overdue.any():
        days_late[overdue] = -working_days_left_many(calendar, today=np.datetime64(today, "D"), due=due[overdue])
    milestones = milestones.assign(due=due, done_on=done_on, state=state, days_late=days_late)
    return milestones
