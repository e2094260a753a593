"""Loading the rows the analytics frames need, in a fixed number of queries.

Whatever the size of the programme: one query for inspections (with their group's
provider, region and service kind), one for KLOE rating counts per key question, one for
key-question overrides, one for recommendations, one for deadline extensions, and the
working calendar's closure days. The page's recommendations views need no rows at all:
``count_recommendations`` counts them in the database in one query (the lists of items
behind the numbers still read the rows). Only plain columns are read, never whole table rows, and
straight from the database driver's cursor into pandas: a row object per row, and a Python
enum or date per value, would cost more than everything else together at ten times today's
size (``bench/analytics.py``). Dates then arrive as ISO text (SQLite) or dates (PostgreSQL)
and enums as their stored values; pandas converts both.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import numpy as np
from sqlalchemy import Date, and_, case, cast, func, literal_column, type_coerce
from sqlmodel import Session, select

from safehouse_portal.lazy_modules import lazy_module
from safehouse_portal.db import (
    DeadlineExtension, FrameworkKeyQuestion, Inspection, InspectionGroup, KeyQuestionJudgement, Kloe,
    KloeAssessment, Location, Provider, Recommendation,
)
from safehouse_portal.domain.enums import Rating, ServiceKind, Timescale
from safehouse_portal.domain.recommendations import RecommendationStatus
from safehouse_portal.domain.working_days import WorkingCalendar
from safehouse_portal.documents.analytics import (
    ISSUED_STAGES, KLOE_COUNT_COLUMNS, OVERRIDE_COLUMNS, RECOMMENDATION_COLUMNS, REPORT_COLUMNS, Filters, frame, group_service_kind,
)
from safehouse_portal.documents.analytics_timeliness import DATE_COLUMNS, EXTENSION_COLUMNS
from safehouse_portal.services.core.calendar import working_calendar

pd = lazy_module("pandas")

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
    loaded: dict[str, object] = {"inspections": _inspections(session, issued_only,
                                                          with_dates="deadlines" in parts)}
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


def _groups():
    """Each group's region (its locations' first) and how many of its locations are safehouses."""
    return (
        select(Location.group_id.label("group_id"), func.min(Location.region).label("region"),
               func.sum(case((Location.kind == ServiceKind.SAFEHOUSE, 1), else_=0)).label("safehouses"))
        .group_by(Location.group_id).subquery()
    )


def _inspections(session: Session, issued_only: bool, *, with_dates: bool = True) -> pd.DataFrame:
    """The inspections; without ``with_dates`` the deadline columns are left empty (NaT), unread."""
    groups = _groups()
    dates = [getattr(Inspection, column) for column in DATE_COLUMNS] if with_dates else []
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
    read_dates = DATE_COLUMNS if with_dates else []
    columns = [*INSPECTION_COLUMNS[:5], "safehouses", "stage", "final_issued_on", *read_dates, "serious_concern"]
    inspections = _fetch(session, statement, columns, dates=("final_issued_on", *read_dates))
    if not with_dates:
        empty = np.full(len(inspections), np.datetime64("NaT", "ns"))
        for position, column in enumerate(DATE_COLUMNS):
            inspections.insert(len(REPORT_COLUMNS) + 1 + position, column, empty)
    safehouse, outreach = group_service_kind([ServiceKind.SAFEHOUSE.value]), group_service_kind([])
    kind = np.where(inspections["safehouses"].fillna(0).to_numpy() > 0, safehouse, outreach)
    inspections = inspections.drop(columns=["safehouses"])
    inspections.insert(5, "service_kind", kind)
    inspections["region"] = inspections["region"].fillna("")
    inspections["serious_concern"] = inspections["serious_concern"].astype(bool)
    return inspections


COUNTED_BY: dict[str, list[str]] = {
    "timescales": ["timescale", "service_kind"],
    "themes": ["theme", "key_question"],
    "delivery": ["provider_id", "provider_name", "delivery"],
}
"""What each recommendations view counts by (the columns of ``count_recommendations``, with ``n``)."""


def count_recommendations(*, session: Session, view: str, filters: Filters, today: date) -> pd.DataFrame:
    """The recommendations of the reports ``filters`` choose, counted in the database by ``COUNTED_BY[view]``.

    The same numbers as the row-wise frames (``documents.analytics.recommendation_frame`` narrowed
    by ``documents.analytics.narrow``) in one query whatever the size: the reports' scope (issued,
    the period, provider, service kind and region) and each recommendation's delivery (its due
    date by ``domain.recommendations``: calendar days and months from the final report's issue)
    are worked out in SQL, so only a few dozen counts leave the database.
    ``tests/integration/test_analytics_counts.py`` checks the two agree.
    """
    by = COUNTED_BY[view]
    groups = _groups()
    issued_on = Inspection.final_issued_on
    kind = case((func.coalesce(groups.c.safehouses, 0) > 0, ServiceKind.SAFEHOUSE.value),
                else_=ServiceKind.OUTREACH.value)
    status = Recommendation.status
    met = status == RecommendationStatus.MET.value
    waiting = status == RecommendationStatus.EVIDENCE_SUBMITTED.value
    dialect = session.get_bind().dialect.name
    due = _due(Recommendation.timescale, issued_on, dialect)
    delivery = case(
        (and_(met, Recommendation.met_on > due), "met_late"),
        (met, "met_on_time"),
        (and_(~waiting, due < today), "overdue"),
        else_="open",
    )
    scoped = (
        select(Recommendation.timescale.label("timescale"), Recommendation.theme.label("theme"),
               Recommendation.key_question.label("key_question"), kind.label("service_kind"),
               InspectionGroup.provider_id.label("provider_id"), Provider.name.label("provider_name"),
               delivery.label("delivery"))
        .join(Inspection, Inspection.id == _unindexed(Recommendation.inspection_id, dialect))
        .join(InspectionGroup, InspectionGroup.id == Inspection.group_id)
        .join(Provider, Provider.id == InspectionGroup.provider_id)
        .join(groups, groups.c.group_id == Inspection.group_id, isouter=True)
        .where(issued_on.is_not(None), Inspection.stage.in_(list(ISSUED_STAGES)))
    )
    if filters.date_from is not None:
        scoped = scoped.where(issued_on >= filters.date_from)
    if filters.date_to is not None:
        scoped = scoped.where(issued_on <= filters.date_to)
    if filters.provider_id is not None:
        scoped = scoped.where(InspectionGroup.provider_id == filters.provider_id)
    if filters.service_kind is not None:
        scoped = scoped.where(kind == filters.service_kind)
    if filters.region is not None:
        scoped = scoped.where(func.coalesce(groups.c.region, "") == filters.region)
    scoped = scoped.subquery()
    columns = [scoped.c[name] for name in by]
    counted = _fetch(session, select(*columns, func.count()).group_by(*columns), [*by, "n"])
    counted["n"] = counted["n"].astype(np.int64)
    return counted


def _unindexed(column, dialect: str):
    """``column``, kept from driving SQLite's plan: it then reads the recommendations in one pass and
    looks each inspection up by its key, twice as fast as an index lookup per inspection."""
    return column + 0 if dialect == "sqlite" else column


def _due(timescale, issued_on, dialect: str):
    """SQL: a recommendation's due date, as ``domain.recommendations.due_date`` gives it.

    Immediately is the issue day, within 21 days three weeks after it, within 3 or 6 months
    the same day that many calendar months later, or that month's last day when it is
    shorter. PostgreSQL's month arithmetic clamps so already; SQLite's rolls over into the
    next month, so there it is the earlier of that and the month's last day. (SQLite keeps
    dates as ISO text, which compares as dates do.)
    """
    if dialect == "sqlite":
        def later(months: int):
            return func.min(func.date(issued_on, f"+{months} months"),
                            func.date(issued_on, "start of month", f"+{months + 1} months", "-1 day"))
        three_weeks = func.date(issued_on, "+21 days")
    else:
        def later(months: int):
            return cast(issued_on + literal_column(f"interval '{months} months'"), Date)
        three_weeks = issued_on + literal_column("21")
    return type_coerce(case(
        (timescale == Timescale.IMMEDIATELY, issued_on),
        (timescale == Timescale.WITHIN_21_DAYS, three_weeks),
        (timescale == Timescale.WITHIN_3_MONTHS, later(3)),
        (timescale == Timescale.WITHIN_6_MONTHS, later(6)),
        else_=None,
    ), Date)


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
