"""The items behind one number of an analytics table: reports, recommendations or deadlines.

Programme managers and admins get each item's inspection, for a link to its page. Stakeholders
get final-report items only, as the views do, and no inspection to link into pages they may not open.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session

from safehouse_portal.lazy_modules import lazy_module
from safehouse_portal.domain.enums import (
    KEY_QUESTION_LABELS, RATING_LABELS, THEME_LABELS, TIMESCALE_LABELS, KeyQuestion, Rating, Theme, Timescale,
)
from safehouse_portal.domain.working_days import format_long_date
from safehouse_portal.documents import analytics as frames
from safehouse_portal.documents import analytics_timeliness as timeliness
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.analytics.service import Computed, compute, describe_filters
from safehouse_portal.services.analytics.query import VIEWS
from safehouse_portal.services.analytics.views import KIND_LABELS

pd = lazy_module("pandas")

MAX_ITEMS = 500


@dataclass(frozen=True)
class ItemRow:
    """One item: its cells in words, and the inspection it links to (None for no link)."""

    cells: list[str] = field(default_factory=list)
    inspection_id: int | None = None
    link_text: str = ""


@dataclass(frozen=True)
class ItemList:
    """The items behind a number, with what they were chosen by; ``back_query`` is the analytics page's."""

    title: str = ""
    chosen_by: str = ""
    filter_summary: str = ""
    columns: list[str] = field(default_factory=list)
    rows: list[ItemRow] = field(default_factory=list)
    count: int = 0
    shown: int = 0
    back_query: dict[str, str] = field(default_factory=dict)


def analytics_items(*, session: Session, actor: Actor | None, query: object, today: date) -> ItemList:
    """The items behind the cell ``query`` names (view, filters and cell keys, as URL parameters).

    Raises:
        PermissionDenied: The actor may not see analytics.
        InvalidInput: The view, a filter or a cell key is not valid.
    """
    computed = compute(session=session, actor=actor, query=query, today=today, items=True)
    links = not computed.final_reports_only
    view = computed.query.view
    if view == "judgements":
        columns, rows = _reports(computed, links)
    elif view == "timeliness":
        columns, rows = _milestones(computed, links)
    else:
        columns, rows = _recommendations(computed, links)
    q = computed.query
    return ItemList(title=VIEWS[view], chosen_by=_chosen_by(q.cell), filter_summary=describe_filters(computed),
                    columns=columns, rows=rows[:MAX_ITEMS], count=len(rows), shown=min(len(rows), MAX_ITEMS),
                    back_query=q.params(**{key: None for key in q.cell}))


def _reports(computed: Computed, links: bool) -> tuple[list[str], list[ItemRow]]:
    cell = computed.query.cell
    judged = computed.judgements()
    if "kq" in cell:
        judged = judged[judged["key_question"] == cell["kq"]]
    if "rating" in cell:
        judged = judged[judged["rating"] == cell["rating"]]
    merged = judged.merge(computed.reports, on="inspection_id").sort_values(["final_issued_on", "inspection_id"])
    rows = [
        ItemRow([r.provider_name, r.group_name, KIND_LABELS[r.service_kind], _day(r.final_issued_on),
                 KEY_QUESTION_LABELS[KeyQuestion(r.key_question)], RATING_LABELS[Rating(r.rating)]],
                _inspection(links, r.inspection_id), f"Inspection {r.inspection_id}")
        for r in merged.itertuples()
    ]
    return ["Provider", "Group", "Service kind", "Report issued", "Key question", "Judgement"], rows


def _recommendations(computed: Computed, links: bool) -> tuple[list[str], list[ItemRow]]:
    cell = computed.query.cell
    recs = computed.recommendations()
    for key, column in (("timescale", "timescale"), ("theme", "theme"), ("kq", "key_question"),
                        ("delivery", "delivery")):
        if key in cell:
            recs = recs[recs[column] == cell[key]]
    recs = recs.sort_values(["due", "recommendation_id"])
    rows = [
        ItemRow([r.provider_name, r.group_name, KIND_LABELS[r.service_kind],
                 _key_question(r.key_question),
                 THEME_LABELS[Theme(r.theme)], TIMESCALE_LABELS[Timescale(r.timescale)], _day(r.due),
                 frames.DELIVERY_LABELS[r.delivery]],
                _inspection(links, r.inspection_id), f"Recommendation {r.recommendation_id}")
        for r in recs.itertuples()
    ]
    return ["Provider", "Group", "Service kind", "Key question", "Theme", "Timescale", "Due", "Delivery"], rows


def _milestones(computed: Computed, links: bool) -> tuple[list[str], list[ItemRow]]:
    cell = computed.query.cell
    milestones = computed.milestones()
    if "milestone" in cell:
        milestones = milestones[milestones["milestone"] == cell["milestone"]]
    state = cell.get("state")
    if state == "fallen_due":
        milestones = milestones[milestones["state"] != "pending"]
    elif state:
        milestones = milestones[milestones["state"] == state]
    info = computed.rows.inspections[["inspection_id", "provider_name", "group_name"]]
    merged = milestones.merge(info, on="inspection_id").sort_values(["due", "inspection_id"])
    rows = [
        ItemRow([r.provider_name, r.group_name, timeliness.milestone_label(r.milestone), _day(r.due),
                 _day(r.done_on) or "Not done", timeliness.STATE_LABELS[r.state], str(int(r.days_late))],
                _inspection(links, r.inspection_id), f"Inspection {r.inspection_id}")
        for r in merged.itertuples()
    ]
    return ["Provider", "Group", "Deadline", "Due", "Done", "State", "Working days late"], rows


def _inspection(links: bool, inspection_id) -> int | None:
    return int(inspection_id) if links else None


def _key_question(value: str) -> str:
    known = {kq.value: label for kq, label in KEY_QUESTION_LABELS.items()}
    return known.get(value, value)


def _day(value) -> str:
    if value is None or pd.isna(value):
        return ""
    return format_long_date(pd.Timestamp(value).date())


def _chosen_by(cell: dict[str, str]) -> str:
    words = {
        "kq": lambda v: KEY_QUESTION_LABELS[KeyQuestion(v)], "rating": lambda v: RATING_LABELS[Rating(v)],
        "timescale": lambda v: TIMESCALE_LABELS[Timescale(v)], "theme": lambda v: THEME_LABELS[Theme(v)],
        "milestone": timeliness.milestone_label,
        "state": lambda v: timeliness.STATE_LABELS.get(v, "Fallen due"),
        "delivery": lambda v: frames.DELIVERY_LABELS[v],
    }
    chosen = [words[key](value) for key, value in cell.items()]
    return ", ".join(chosen) if chosen else "All"
