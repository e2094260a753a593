"""Shaping each analytics view for people: labels, a chart's data, and a link's query behind every number.

``shape_view`` turns the frames of ``reports/analytics*.py`` into a ``Shaped`` table (row and
column keys, labels and the links' parameters); ``view_table`` makes the page's read model
from it and ``export_table`` the spreadsheet's rows.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date


from safehouse_portal.lazy_modules import lazy_module
from safehouse_portal.domain.enums import (
    KEY_QUESTION_LABELS, RATING_LABELS, THEME_LABELS, TIMESCALE_LABELS, KeyQuestion, Rating, Theme, Timescale,
)
from safehouse_portal.documents import analytics as frames
from safehouse_portal.documents import analytics_timeliness as timeliness
from safehouse_portal.documents.exports import ExportTable
from safehouse_portal.services.analytics.query import VIEWS, AnalyticsQuery

pd = lazy_module("pandas")

KIND_LABELS = {"safehouse": "Safehouse", "outreach": "Outreach"}
TOTAL_LABEL = "Total"
COLOURS = {
    "meeting": "#00703c", "requires_improvement": "#f47738", "not_meeting": "#d4351c",
    "safehouse": "#1d70b8", "outreach": "#912b88",
    "safe": "#1d70b8", "effective": "#00703c", "caring": "#912b88", "responsive": "#f47738", "well_led": "#505a5f",
    "open": "#505a5f", "met_on_time": "#00703c", "met_late": "#f47738", "overdue": "#d4351c",
}


@dataclass(frozen=True)
class Cell:
    """One number of a table, with the query of the items behind it (empty when nothing is behind it)."""

    text: str = ""
    query: dict[str, str] = field(default_factory=dict)
    label: str = ""


@dataclass(frozen=True)
class TableRow:
    """One row: its label and its cells; ``total`` marks the totals row."""

    label: str = ""
    cells: list[Cell] = field(default_factory=list)
    total: bool = False


@dataclass(frozen=True)
class Series:
    """One coloured series of the chart (its key in the chart data, and its words)."""

    key: str = ""
    label: str = ""
    colour: str = ""


@dataclass(frozen=True)
class ViewTable:
    """A view as the page shows it: a chart and the table it is drawn from."""

    key: str = ""
    title: str = ""
    row_heading: str = ""
    columns: list[str] = field(default_factory=list)
    rows: list[TableRow] = field(default_factory=list)
    chart: list[dict[str, str | int]] = field(default_factory=list)
    series: list[Series] = field(default_factory=list)
    note: str = ""


@dataclass(frozen=True)
class Shaped:
    """A view's numbers with everything needed to label them and link them to their items."""

    key: str
    row_heading: str
    table: pd.DataFrame
    row_labels: Mapping[str, str]
    column_labels: Mapping[str, str]
    row_links: Mapping[str, Mapping[str, str]]
    column_links: Mapping[str, Mapping[str, str]]
    chart_columns: list[str]
    note: str
    formats: Mapping[str, Callable[[float], str]] = field(default_factory=dict)


def shape_judgements(table: pd.DataFrame) -> Shaped:
    kqs = {kq.value: KEY_QUESTION_LABELS[kq] for kq in KeyQuestion}
    ratings = {r.value: RATING_LABELS[r] for r in Rating}
    return Shaped("judgements", "Key question", table, kqs, ratings, {k: {"kq": k} for k in kqs},
                  {r: {"rating": r} for r in ratings}, list(ratings),
                  "Reports issued in the period, by each key question's judgement (the lead inspector's "
                  "decision where one was recorded, otherwise worked out from the KLOE judgements).")


def shape_timescales(table: pd.DataFrame) -> Shaped:
    rows = {**{t.value: TIMESCALE_LABELS[t] for t in Timescale}, frames.TOTAL: TOTAL_LABEL}
    columns = {**KIND_LABELS, frames.TOTAL: TOTAL_LABEL}
    return Shaped("timescales", "Timescale", table, rows, columns, _links("timescale", rows),
                  _links("kind", columns), list(KIND_LABELS),
                  "Recommendations in reports issued in the period. A report's service kind is safehouse when "
                  "any of its locations is a safehouse, outreach when all of them are outreach services.")


def shape_themes(table: pd.DataFrame) -> Shaped:
    rows = {**{t.value: THEME_LABELS[t] for t in Theme}, frames.TOTAL: TOTAL_LABEL}
    columns = {**{kq.value: KEY_QUESTION_LABELS[kq] for kq in KeyQuestion}, frames.TOTAL: TOTAL_LABEL}
    return Shaped("themes", "Theme", table, rows, columns, _links("theme", rows), _links("kq", columns),
                  [kq.value for kq in KeyQuestion], "Recommendations in reports issued in the period.")


def shape_delivery(table: pd.DataFrame, provider_ids: Mapping[str, int]) -> Shaped:
    rows = {name: name for name in table.index if name != frames.TOTAL} | {frames.TOTAL: TOTAL_LABEL}
    row_links = {name: {"provider": str(pid)} for name, pid in provider_ids.items()} | {frames.TOTAL: {}}
    columns = {**frames.DELIVERY_LABELS, frames.TOTAL: TOTAL_LABEL}
    return Shaped("delivery", "Provider", table, rows, columns, row_links, _links("delivery", columns),
                  list(frames.DELIVERY),
                  "Recommendations in reports issued in the period. Due dates run from the day the final report "
                  "was issued; a recommendation whose evidence awaits a decision is not overdue.")


def shape_timeliness(table: pd.DataFrame) -> Shaped:
    rows = {key.value: timeliness.milestone_label(key.value) for key in timeliness.TRACKED}
    columns = {"fallen_due": "Fallen due", "met_on_time": "Met on time", "met_late": "Met late",
               "share_on_time": "Share met on time", "median_days_late": "Median working days late, when late",
               "overdue": "Overdue now"}
    column_links = {"fallen_due": {"state": "fallen_due"}, "met_on_time": {"state": "met_on_time"},
                    "met_late": {"state": "met_late"}, "share_on_time": {"state": "fallen_due"},
                    "median_days_late": {"state": "met_late"}, "overdue": {"state": "overdue"}}
    return Shaped("timeliness", "Deadline", table, rows, columns, {k: {"milestone": k} for k in rows},
                  column_links, ["met_on_time", "met_late", "overdue"],
                  "Deadlines falling due in the period, counted in working days; a deadline that was extended "
                  "counts from its new date.",
                  {"share_on_time": lambda v: f"{v:.0f}%", "median_days_late": lambda v: f"{v:g}"})


def view_table(shaped: Shaped, query: AnalyticsQuery, *, links: bool) -> ViewTable:
    """The page's read model of ``shaped``; with ``links`` every number has its items' query."""
    rows = []
    values = shaped.table.to_dict("index")
    for key, row in values.items():
        label = shaped.row_labels.get(key, str(key))
        cells = [_cell(shaped, query, key, column, row[column], label, links) for column in shaped.table.columns]
        rows.append(TableRow(label=label, cells=cells, total=key == frames.TOTAL))
    chart = [
        {"name": shaped.row_labels.get(key, str(key)), **{column: int(row[column]) for column in shaped.chart_columns}}
        for key, row in values.items() if key != frames.TOTAL
    ]
    series = [Series(column, shaped.column_labels[column], COLOURS.get(column, "#1d70b8"))
              for column in shaped.chart_columns]
    return ViewTable(shaped.key, VIEWS[shaped.key], shaped.row_heading,
                     [shaped.column_labels[c] for c in shaped.table.columns], rows, chart, series, shaped.note)


def export_table(shaped: Shaped, *, marking: str, filters: tuple[tuple[str, str], ...], made_on: date) -> ExportTable:
    """The spreadsheet rows of ``shaped``: numbers stay numbers, a missing figure is empty."""
    rows = tuple(
        (shaped.row_labels.get(key, str(key)),
         *(_number(shaped.table.at[key, column]) for column in shaped.table.columns))
        for key in shaped.table.index
    )
    columns = (shaped.row_heading, *(shaped.column_labels[c] for c in shaped.table.columns))
    return ExportTable(VIEWS[shaped.key], marking, filters, made_on, columns, rows)


def _links(param: str, keys: Mapping[str, str]) -> dict[str, dict[str, str]]:
    return {key: ({} if key == frames.TOTAL else {param: key}) for key in keys}


def _cell(shaped: Shaped, query: AnalyticsQuery, row: str, column: str, value, row_label: str,
          links: bool) -> Cell:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return Cell("None", {}, "")
    text = shaped.formats.get(column, lambda v: str(int(v)))(value)
    label = f"{text}: {row_label}, {shaped.column_labels[column]}"
    if not links:
        return Cell(text, {}, label)
    params = {**shaped.row_links.get(row, {}), **shaped.column_links.get(column, {})}
    return Cell(text, query.params(view=shaped.key, **params), label)


def _number(value) -> int | float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return int(value) if float(value).is_integer() else float(value)
