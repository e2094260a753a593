"""Loading the rows the analytics frames need, in a fixed number of queries.

Whatever the size of the programme: one query for inspections (with their group's
provider, region and service kind), one for KLOE rating counts per key question, one for
key-question overrides, one for recommendations, one for deadline extensions, and the
working calendar's closure days. Only plain columns are read, never whole table rows, and
straight from the database driver's cursor into pandas: a row object per row, and a Python
enum or date per value, would cost more than everything else together at ten times today's
size (``bench/analytics.py``). Dates then arrive as ISO text (SQLite) or dates (PostgreSQL)
and enums as their stored values; pandas converts both.
"""

from dataclasses import dataclass, replace
import numpy as np
import pandas as pd
from sqlalchemy import case, func
from sqlmodel import Session, select

from safehouse_portal.db import (
    DeadlineExtension, FrameworkKeyQuestion, Inspection, InspectionGroup, KeyQuestionJudgement, Kloe,
    KloeAssessment, Location, Provider, Recommendation,
)
from safehouse_portal.domain.enums import Rating, ServiceKind
from safehouse_portal.domain.working_days import WorkingCalendar
from safehouse_portal.reports.analytics import (
    KLOE_COUNT_COLUMNS, OVERRIDE_COLUMNS, RECOMMENDATION_COLUMNS, REPORT_COLUMNS, frame, group_service_kind,
)
from safehouse_portal.reports.analytics_timeliness import DATE_COLUMNS, EXTENSION_COLUMNS
from safehouse_portal.services.calendar import working_calendar

INSPECTION_COLUMNS = [*REPORT_COLUMNS, *DATE_COLUMNS, "serious_concern"]


@dataclass(frozen=True)
class AnalyticsRows:
    """Everything the analytics are computed from, as DataFrames."""

    inspections: pd.DataFrame
    kloe_counts: pd.DataFrame
    overrides: pd.DataFrame
    recommendations: pd.DataFrame
    extensions: pd.DataFrame
    calendar: WorkingCalendar | None


PARTS = frozenset({"judgements", "recommendations", "deadlines"})
"""What a view may need beyond the inspections: each is loaded only when asked for."""


def load_rows(*, session: Session, issued_only: bool = False, parts: frozenset[str] = PARTS) -> AnalyticsRows:
    """Read the programme's analytics rows; ``issued_only`` skips what is not final-report data.

    ``parts`` names what to load besides the inspections (the rest stay empty), so one
    view costs at most four queries and the calendar's closure days.
    """
    empty = AnalyticsRows(frame([], INSPECTION_COLUMNS), frame([], KLOE_COUNT_COLUMNS), frame([], OVERRIDE_COLUMNS),
                          frame([], RECOMMENDATION_COLUMNS), frame([], EXTENSION_COLUMNS), None)
    loaded: dict[str, object] = {"inspections": _inspections(session, issued_only)}
    if "judgements" in parts:
        loaded["kloe_counts"] = _kloe_counts(session)
        loaded["overrides"] = _fetch(session, select(
            KeyQuestionJudgement.inspection_id, KeyQuestionJudgement.key_question, KeyQuestionJudgement.override_rating)
            .where(KeyQuestionJudgement.override_rating.is_not(None)), OVERRIDE_COLUMNS)
    if "recommendations" in parts:
        loaded["recommendations"] = _fetch(session, select(
            Recommendation.id, Recommendation.inspection_id, Recommendation.key_question, Recommendation.theme,
            Recommendation.timescale, Recommendation.status, Recommendation.met_on), RECOMMENDATION_COLUMNS,
            dates=("met_on",))
    if "deadlines" in parts:
        if not issued_only:
            loaded["extensions"] = _fetch(session, select(
                DeadlineExtension.inspection_id, DeadlineExtension.milestone, DeadlineExtension.new_due)
                .order_by(DeadlineExtension.id), EXTENSION_COLUMNS, dates=("new_due",))
        loaded["calendar"] = working_calendar(session=session)
    return replace(empty, **loaded)


def _inspections(session: Session, issued_only: bool) -> pd.DataFrame:
    groups = (
        select(Location.group_id.label("group_id"), func.min(Location.region).label("region"),
               func.sum(case((Location.kind == ServiceKind.SAFEHOUSE, 1), else_=0)).label("safehouses"))
        .group_by(Location.group_id).subquery()
    )
    dates = [getattr(Inspection, column) for column in DATE_COLUMNS]
    statement = (
        select(Inspection.id, InspectionGroup.provider_id, Provider.name, InspectionGroup.name, groups.c.region,
               groups.c.safehouses, Inspection.stage, Inspection.final_issued_on, *dates,
               Inspection.serious_concern)
        .join(InspectionGroup, InspectionGroup.id == Inspection.group_id)
        .join(Provider, Provider.id == InspectionGroup.provider_id)
        .join(groups, groups.c.group_id == Inspection.group_id, isouter=True)
    )
    if issued_only:
        statement = statement.where(Inspection.final_issued_on.is_not(None))
    columns = [*INSPECTION_COLUMNS[:5], "safehouses", *INSPECTION_COLUMNS[6:]]
    inspections = _fetch(session, statement, columns, dates=("final_issued_on", *DATE_COLUMNS))
    safehouse, outreach = group_service_kind([ServiceKind.SAFEHOUSE.value]), group_service_kind([])
    kind = np.where(inspections["safehouses"].fillna(0).to_numpy() > 0, safehouse, outreach)
    inspections = inspections.drop(columns=["safehouses"])
    inspections.insert(5, "service_kind", kind)
    inspections["region"] = inspections["region"].fillna("")
    inspections["serious_concern"] = inspections["serious_concern"].astype(bool)
    return inspections


def _kloe_counts(session: Session) -> pd.DataFrame:
    rating = KloeAssessment.rating
    statement = (
        select(KloeAssessment.inspection_id, FrameworkKeyQuestion.key,
               func.sum(case((rating == Rating.NOT_MEETING, 1), else_=0)),
               func.sum(case((rating == Rating.REQUIRES_IMPROVEMENT, 1), else_=0)),
               func.count(rating))
        .join(Kloe, Kloe.id == KloeAssessment.kloe_id)
        .join(FrameworkKeyQuestion, FrameworkKeyQuestion.id == Kloe.key_question_id)
        .where(rating.is_not(None))
        .group_by(KloeAssessment.inspection_id, FrameworkKeyQuestion.key)
    )
    return _fetch(session, statement, KLOE_COUNT_COLUMNS)


def _fetch(session: Session, statement, columns: list[str], dates: tuple[str, ...] = ()) -> pd.DataFrame:
    """Run ``statement`` and read its raw rows from the driver's cursor into a DataFrame."""
    result = session.connection().execute(statement)
    try:
        rows = result.cursor.fetchall()
    finally:
        result.close()
    table = pd.DataFrame.from_records(rows, columns=columns)
    for column in dates:
        table[column] = pd.to_datetime(table[column], format="ISO8601") if len(table) else table[column]
    return table
