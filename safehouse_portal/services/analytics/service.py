"""Programme analytics: the five views, their exports and the command line's tables.

Programme managers and admins see everything. Stakeholders (the prime contractor and
the Home Office) see final-report data only: issued reports, their judgements and
recommendations, and the deadlines of those reports; never work in progress. Everyone
else is refused. The rows are loaded in a fixed number of queries
(``analytics_load``) and shaped by the pure frames of ``reports/analytics*.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session

from safehouse_portal.lazy_modules import lazy_module
from safehouse_portal.domain.enums import Role
from safehouse_portal.domain.options import Option
from safehouse_portal.documents import analytics as frames
from safehouse_portal.documents import analytics_timeliness as timeliness
from safehouse_portal.documents import exports
from safehouse_portal.services.core import audit
from safehouse_portal.services.core.access import Action, require, require_role
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.analytics.load import (
    COUNTED_BY, AnalyticsRows, count_recommendations, load_rows,
)
from safehouse_portal.services.analytics.query import VIEWS, AnalyticsQuery, parse_query
from safehouse_portal.services.core.errors import InvalidInput
from safehouse_portal.services.analytics.views import (
    KIND_LABELS, Shaped, ViewTable, export_table, shape_delivery, shape_judgements, shape_themes, shape_timeliness, shape_timescales, view_table,
)

pd = lazy_module("pandas")

MARKING = "OFFICIAL-SENSITIVE: not for publication. Confidential to CQC, the provider, the prime contractor " \
          "and the Home Office."
_PART_OF_VIEW = {"judgements": "judgements", "timescales": "recommendations", "themes": "recommendations",
                 "delivery": "recommendations", "timeliness": "deadlines"}
FORMATS = {"csv": (exports.to_csv, exports.CSV_MEDIA_TYPE), "xlsx": (exports.to_xlsx, exports.XLSX_MEDIA_TYPE)}


@dataclass(frozen=True)
class ViewLink:
    """A view in the page's list of views; ``query`` is its link's: the view with the current filters."""

    key: str = ""
    title: str = ""
    query: dict[str, str] = field(default_factory=dict)
    current: bool = False


@dataclass(frozen=True)
class AnalyticsPage:
    """The analytics page: the chosen view, the filters as chosen, and the choices.

    ``query`` is the request's own (view and filters), for the exports' links.
    """

    view: str = ""
    views: list[ViewLink] = field(default_factory=list)
    chosen: dict[str, str] = field(default_factory=dict)
    filter_summary: str = ""
    providers: list[Option] = field(default_factory=list)
    regions: list[Option] = field(default_factory=list)
    kinds: list[Option] = field(default_factory=list)
    table: ViewTable = field(default_factory=ViewTable)
    query: dict[str, str] = field(default_factory=dict)
    final_reports_only: bool = False


@dataclass(frozen=True)
class ExportFile:
    """An export ready to send."""

    filename: str = ""
    media_type: str = ""
    content: bytes = b""


@dataclass(frozen=True)
class Computed:
    """The frames behind one request, kept for the views, items and exports."""

    rows: AnalyticsRows
    query: AnalyticsQuery
    reports: pd.DataFrame
    final_reports_only: bool
    today: date
    counted: pd.DataFrame | None = None
    """The chosen recommendations view's counts from the database (``count_recommendations``), if counted."""

    def recommendations(self) -> pd.DataFrame:
        return frames.recommendation_frame(self.rows.recommendations, self.reports, today=self.today)

    def judgements(self) -> pd.DataFrame:
        chosen = frames.key_question_judgements(self.rows.kloe_counts, self.rows.overrides)
        return chosen[chosen["inspection_id"].isin(self.reports["inspection_id"])]

    def milestones(self) -> pd.DataFrame:
        source = self.rows.inspections
        if self.final_reports_only:
            source = frames.issued(source)
        inspections = frames.narrow(source, self.query.filters, by_period=False)
        every = timeliness.milestone_frame(inspections, self.rows.extensions, calendar=self.rows.calendar,
                                           today=self.today)
        return timeliness.narrow_milestones(every, inspections["inspection_id"], self.query.filters)


def compute(*, session: Session, actor: Actor | None, query: object, today: date, items: bool = False,
            whole_programme: bool = False) -> Computed:
    """Authorise, validate the request, load the rows and narrow the reports.

    A recommendations view is counted in the database unless ``items`` asks for the rows
    behind its numbers (the same numbers either way). ``whole_programme`` is for the annual
    programme report, which everyone who receives it gets whole (stakeholders too): the
    actor must then be allowed that report, and the deadlines count every inspection's.

    Raises:
        PermissionDenied: The actor is not a programme manager, an admin or a stakeholder.
        InvalidInput: A filter or view is not valid.
    """
    if whole_programme:
        actor = require(actor, Action.VIEW_PROGRAMME_REPORT)
    else:
        actor = require_role(actor, Role.PROGRAMME_MANAGER, Role.ADMIN, Role.STAKEHOLDER)
    parsed = query if isinstance(query, AnalyticsQuery) else parse_query(query)
    final_only = actor.role is Role.STAKEHOLDER and not whole_programme
    counting = parsed.view in COUNTED_BY and not items
    parts = frozenset() if counting else frozenset({_PART_OF_VIEW[parsed.view]})
    rows = load_rows(session=session, issued_only=final_only, parts=parts)
    reports = frames.narrow(frames.issued(rows.inspections), parsed.filters)
    counted = count_recommendations(session=session, view=parsed.view, filters=parsed.filters,
                                    today=today) if counting else None
    return Computed(rows, parsed, reports, final_only, today, counted)


def shape(computed: Computed) -> Shaped:
    """The chosen view's numbers, labelled."""
    view = computed.query.view
    if view == "judgements":
        return shape_judgements(frames.judgements_table(computed.judgements(), computed.reports))
    if view == "timeliness":
        return shape_timeliness(timeliness.timeliness_table(computed.milestones()))
    recs = computed.counted if computed.counted is not None else computed.recommendations()
    if view == "timescales":
        return shape_timescales(frames.timescale_table(recs))
    if view == "themes":
        return shape_themes(frames.themes_table(recs))
    return shape_delivery(frames.delivery_table(recs), frames.provider_ids(recs))


def analytics_page(*, session: Session, actor: Actor | None, query: object, today: date) -> AnalyticsPage:
    """The analytics page for ``query`` (a mapping of URL parameters)."""
    computed = compute(session=session, actor=actor, query=query, today=today)
    q = computed.query
    inspections = computed.rows.inspections
    providers = inspections[["provider_id", "provider_name"]].drop_duplicates().sort_values("provider_name")
    return AnalyticsPage(
        view=q.view,
        views=[ViewLink(key, title, q.params(view=key), key == q.view) for key, title in VIEWS.items()],
        chosen={key: q.filter_params().get(key, "") for key in ("from", "to", "provider", "kind", "region")},
        filter_summary=describe_filters(computed),
        providers=[Option(str(pid), name) for pid, name in zip(providers["provider_id"], providers["provider_name"])],
        regions=[Option(r, r) for r in sorted(set(inspections["region"])) if r],
        kinds=[Option(k, label) for k, label in KIND_LABELS.items()],
        table=view_table(shape(computed), q, links=True),
        query=q.params(),
        final_reports_only=computed.final_reports_only,
    )


def export_view(*, session: Session, actor: Actor | None, query: object, fmt: object, today: date) -> ExportFile:
    """The chosen view as CSV or XLSX, with the marking, filters and date; the export is audited."""
    computed = compute(session=session, actor=actor, query=query, today=today)
    if fmt not in FORMATS:
        raise InvalidInput({"format": "Choose CSV or XLSX"})
    writer, media_type = FORMATS[fmt]
    table = export_table(shape(computed), marking=MARKING, filters=filter_pairs(computed), made_on=today)
    audit.record(session=session, actor=actor, action="analytics.exported", entity_type="analytics",
                 entity_id=None, after={"view": computed.query.view, "format": fmt,
                                        "filters": computed.query.filter_params(),
                                        "final_reports_only": computed.final_reports_only})
    session.flush()
    return ExportFile(exports.export_filename(table, computed.query.view, fmt), media_type, writer(table))


def counts(*, session: Session, actor: Actor | None, view: str, date_from: date | None = None,
           date_to: date | None = None, today: date,
           whole_programme: bool = False) -> dict[str, dict[str, int | float | None]]:
    """A view's table as plain numbers (for ``safehouse stats`` and the programme report); a missing figure is None.

    ``whole_programme``: as ``compute``'s, for the annual programme report.
    """
    query = AnalyticsQuery(view=view, filters=frames.Filters(date_from=date_from, date_to=date_to))
    computed = compute(session=session, actor=actor, query=query, today=today, whole_programme=whole_programme)
    table = shape(computed).table
    return {str(row): {str(col): _plain(table.at[row, col]) for col in table.columns} for row in table.index}


def _plain(value) -> int | float | None:
    if pd.isna(value):
        return None
    return int(value) if float(value).is_integer() else float(value)


def filter_pairs(computed: Computed) -> tuple[tuple[str, str], ...]:
    """Each filter and its value in words, for an export's header."""
    f = computed.query.filters
    names = dict(zip(computed.rows.inspections["provider_id"], computed.rows.inspections["provider_name"]))
    return (
        ("Period from", f.date_from.isoformat() if f.date_from else "the start of the programme"),
        ("Period to", f.date_to.isoformat() if f.date_to else "today"),
        ("Provider", str(names.get(f.provider_id, "Unknown provider")) if f.provider_id is not None else "All"),
        ("Service kind", KIND_LABELS.get(f.service_kind, "All") if f.service_kind else "All"),
        ("Region", f.region or "All"),
        ("Data", "Final reports only" if computed.final_reports_only else "All inspections"),
    )


def describe_filters(computed: Computed) -> str:
    """The filters in one sentence."""
    return "; ".join(f"{name}: {value}" for name, value in filter_pairs(computed))
