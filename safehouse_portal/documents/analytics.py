"""Programme analytics as pandas frames, pure given the rows the service loads.

The rows arrive as DataFrames with plain columns (see ``REPORT_COLUMNS`` and the others);
nothing here reads the database or the clock. Rules the frames apply:

- A **report** is an inspection whose final report was issued (``final_issued_on`` set and
  stage report issued, recommendations open or closed). The period filters on that date.
- A group's **service kind** is ``safehouse`` when any of its locations is a safehouse
  (residential standards then apply to the whole report) and ``outreach`` only when all of
  them are outreach services. A recommendation has the service kind of its report's group.
- A **key question's judgement** in a report is the lead inspector's override when there
  is one; otherwise the documented rule over the KLOE ratings: any KLOE not meeting
  requirements gives not meeting, else any requiring improvement gives requires
  improvement, else meeting.
- A recommendation's **delivery**: met by its due date (on time), met after it (late),
  overdue now, or open. A met recommendation with no recorded date counts as on time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from safehouse_portal.lazy_modules import lazy_module
from safehouse_portal.domain.enums import KeyQuestion, Rating, ServiceKind, Stage, Theme, Timescale
from safehouse_portal.domain.recommendations import RecommendationStatus

pd = lazy_module("pandas")

ISSUED_STAGES = frozenset({Stage.REPORT_ISSUED, Stage.RECOMMENDATIONS_OPEN, Stage.CLOSED})
REPORT_COLUMNS = ["inspection_id", "provider_id", "provider_name", "group_name", "region", "service_kind",
                  "stage", "final_issued_on"]
KLOE_COUNT_COLUMNS = ["inspection_id", "key_question", "not_meeting", "requires_improvement", "rated"]
OVERRIDE_COLUMNS = ["inspection_id", "key_question", "rating"]
RECOMMENDATION_COLUMNS = ["recommendation_id", "inspection_id", "key_question", "theme", "timescale", "status",
                          "met_on"]

KEY_QUESTIONS = [kq.value for kq in KeyQuestion]
RATINGS = [r.value for r in Rating]
TIMESCALES = [t.value for t in Timescale]
THEMES = [t.value for t in Theme]
KINDS = [k.value for k in ServiceKind]
DELIVERY = ["open", "met_on_time", "met_late", "overdue"]
DELIVERY_LABELS = {"open": "Open", "met_on_time": "Met on time", "met_late": "Met late", "overdue": "Overdue"}
TOTAL = "total"


@dataclass(frozen=True)
class Filters:
    """What the analytics are narrowed to; None means no narrowing."""

    date_from: date | None = None
    date_to: date | None = None
    provider_id: int | None = None
    service_kind: str | None = None
    region: str | None = None


def group_service_kind(kinds: list[str]) -> str:
    """The service kind a group of locations counts as (safehouse if any is a safehouse)."""
    return ServiceKind.SAFEHOUSE.value if ServiceKind.SAFEHOUSE.value in kinds else ServiceKind.OUTREACH.value


def frame(rows: list[tuple] | list[dict], columns: list[str]) -> pd.DataFrame:
    """A DataFrame of ``rows`` with ``columns`` (empty rows keep the columns)."""
    return pd.DataFrame.from_records(list(rows), columns=columns)


def narrow(reports: pd.DataFrame, filters: Filters, *, by_period: bool = True) -> pd.DataFrame:
    """The reports (or inspections) that match the provider, kind and region, and the period."""
    keep = np.ones(len(reports), dtype=bool)
    if filters.provider_id is not None:
        keep &= (reports["provider_id"] == filters.provider_id).to_numpy()
    if filters.service_kind is not None:
        keep &= (reports["service_kind"] == filters.service_kind).to_numpy()
    if filters.region is not None:
        keep &= (reports["region"] == filters.region).to_numpy()
    if by_period:
        keep &= _in_period(reports["final_issued_on"], filters)
    return reports[keep]


def issued(reports: pd.DataFrame) -> pd.DataFrame:
    """Only the inspections whose final report was issued."""
    stages = {s.value for s in ISSUED_STAGES}
    return reports[reports["stage"].astype(str).isin(stages) & reports["final_issued_on"].notna()]


def key_question_judgements(kloe_counts: pd.DataFrame, overrides: pd.DataFrame) -> pd.DataFrame:
    """One row per (inspection, key question) judged: the override, or the rule over KLOEs."""
    counts = kloe_counts[kloe_counts["rated"] > 0]
    rule = np.where(counts["not_meeting"] > 0, Rating.NOT_MEETING.value,
                    np.where(counts["requires_improvement"] > 0, Rating.REQUIRES_IMPROVEMENT.value,
                             Rating.MEETING.value))
    suggested = pd.DataFrame({"inspection_id": counts["inspection_id"].to_numpy(),
                              "key_question": counts["key_question"].to_numpy(), "rating": rule})
    decided = overrides.dropna(subset=["rating"])[OVERRIDE_COLUMNS]
    both = pd.concat([decided, suggested], ignore_index=True)
    return both.drop_duplicates(subset=["inspection_id", "key_question"], keep="first").reset_index(drop=True)


def judgements_table(judgements: pd.DataFrame, reports: pd.DataFrame) -> pd.DataFrame:
    """Figure 1: reports by key question (rows) and rating (columns), for ``reports`` only."""
    chosen = judgements[judgements["inspection_id"].isin(reports["inspection_id"])]
    chosen = chosen[chosen["key_question"].isin(KEY_QUESTIONS)]
    table = pd.crosstab(chosen["key_question"], chosen["rating"])
    return table.reindex(index=KEY_QUESTIONS, columns=RATINGS, fill_value=0).astype(int)


def recommendation_frame(recommendations: pd.DataFrame, reports: pd.DataFrame, *, today: date) -> pd.DataFrame:
    """The recommendations of ``reports`` with kind, provider, due date and delivery."""
    columns = ["inspection_id", "provider_id", "provider_name", "group_name", "service_kind", "final_issued_on"]
    merged = recommendations.merge(reports[columns], on="inspection_id", how="inner")
    merged["due"] = _due_dates(merged["timescale"], merged["final_issued_on"])
    merged["delivery"] = _delivery(merged, today)
    return merged


def timescale_table(recs: pd.DataFrame) -> pd.DataFrame:
    """Figure 2: recommendations by timescale (rows) and service kind (columns), with totals.

    ``recs`` is one row per recommendation, or (as the tables below accept too) already counted:
    one row per combination with its number in ``n`` (``services.analytics_load.count_recommendations``).
    """
    table = _crosstab(recs, "timescale", "service_kind")
    table = table.reindex(index=TIMESCALES, columns=KINDS, fill_value=0).astype(int)
    return _with_totals(table)


def themes_table(recs: pd.DataFrame) -> pd.DataFrame:
    """Recommendations by theme (rows) and key question (columns), with totals."""
    table = _crosstab(recs, "theme", "key_question")
    themes = THEMES if (_counts(recs)[(recs["theme"] == Theme.OTHER.value).to_numpy()] > 0).any() else THEMES[:-1]
    return _with_totals(table.reindex(index=themes, columns=KEY_QUESTIONS, fill_value=0).astype(int))


def delivery_table(recs: pd.DataFrame) -> pd.DataFrame:
    """Recommendations by provider (rows, by name) and delivery (columns), with totals."""
    table = _crosstab(recs, "provider_name", "delivery")
    table = table.reindex(columns=DELIVERY, fill_value=0).astype(int).sort_index()
    table.index.name = "provider_name"
    return _with_totals(table)


def provider_ids(recs: pd.DataFrame) -> dict[str, int]:
    """Each provider name in ``recs`` and its id, so a table row can link to its items."""
    pairs = recs[["provider_name", "provider_id"]].drop_duplicates()
    return {str(name): int(pid) for name, pid in zip(pairs["provider_name"], pairs["provider_id"])}


def _counts(recs: pd.DataFrame) -> np.ndarray:
    """How many recommendations each row stands for: its ``n`` when already counted, else one."""
    return recs["n"].to_numpy() if "n" in recs.columns else np.ones(len(recs), dtype=np.int64)


def _crosstab(recs: pd.DataFrame, index: str, columns: str) -> pd.DataFrame:
    """How many recommendations fall in each (``index``, ``columns``) pair."""
    if "n" not in recs.columns:
        return pd.crosstab(recs[index], recs[columns])
    if recs.empty:
        return pd.DataFrame(index=pd.Index([], name=index), columns=pd.Index([], name=columns), dtype=np.int64)
    return recs.pivot_table(index=index, columns=columns, values="n", aggfunc="sum", fill_value=0,
                            observed=True)


def _with_totals(table: pd.DataFrame) -> pd.DataFrame:
    table = table.copy()
    table[TOTAL] = table.sum(axis=1)
    table.loc[TOTAL] = table.sum(axis=0)
    return table.astype(int)


def _in_period(days: pd.Series, filters: Filters) -> np.ndarray:
    values = pd.to_datetime(days)
    narrowed = filters.date_from is not None or filters.date_to is not None
    keep = values.notna().to_numpy().copy() if narrowed else np.ones(len(days), dtype=bool)
    if filters.date_from is not None:
        keep &= (values >= pd.Timestamp(filters.date_from)).to_numpy()
    if filters.date_to is not None:
        keep &= (values <= pd.Timestamp(filters.date_to)).to_numpy()
    return keep


def _due_dates(timescales: pd.Series, received: pd.Series) -> pd.Series:
    """``domain.recommendations.due_date`` for every row (calendar days and months)."""
    received = pd.to_datetime(received)
    due = pd.Series(pd.NaT, index=timescales.index, dtype="datetime64[ns]")
    due[timescales == Timescale.IMMEDIATELY.value] = received
    due[timescales == Timescale.WITHIN_21_DAYS.value] = received + pd.Timedelta(days=21)
    for timescale, months in ((Timescale.WITHIN_3_MONTHS, 3), (Timescale.WITHIN_6_MONTHS, 6)):
        rows = (timescales == timescale.value) & received.notna()
        due[rows] = _add_months(received[rows], months)
    return due


def _add_months(days: pd.Series, months: int) -> pd.Series:
    """Calendar months later, clamped to the month's end, as ``domain.recommendations.add_months``."""
    values = days.to_numpy(dtype="datetime64[D]")
    month = values.astype("datetime64[M]")
    day_of_month = (values - month.astype("datetime64[D]")).astype(np.int64)
    target = month + np.timedelta64(months, "M")
    last_day = ((target + np.timedelta64(1, "M")).astype("datetime64[D]") - np.timedelta64(1, "D"))
    shifted = np.minimum(target.astype("datetime64[D]") + day_of_month.astype("timedelta64[D]"), last_day)
    return pd.Series(shifted.astype("datetime64[ns]"), index=days.index)


def _delivery(recs: pd.DataFrame, today: date) -> np.ndarray:
    """Open, met on time, met late or overdue, by ``domain.recommendations`` rules."""
    met_on = pd.to_datetime(recs["met_on"])
    due = recs["due"]
    status = recs["status"].astype(str)
    met = (status == RecommendationStatus.MET.value).to_numpy()
    late = met & (met_on > due).fillna(False).to_numpy()
    waiting = (status == RecommendationStatus.EVIDENCE_SUBMITTED.value).to_numpy()
    overdue = ~met & ~waiting & (due < pd.Timestamp(today)).fillna(False).to_numpy()
    return np.select([late, met, overdue], ["met_late", "met_on_time", "overdue"], default="open")
