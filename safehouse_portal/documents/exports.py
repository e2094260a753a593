"""Writing an analytics table as CSV or XLSX, safe to open in any spreadsheet.

Every export starts with the protective marking, the table's title, the filters it was
narrowed by and the day it was made, then a header row and the data. A text cell that
starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is neutralised with a
leading apostrophe, so a spreadsheet shows it as text and never runs it as a formula
(names of providers and groups come from people, and a name is text, never a formula).
"""

import csv
import io
from dataclasses import dataclass
from datetime import date

from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.styles import Font

from safehouse_portal.domain.working_days import format_long_date

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

Value = str | int | float | None


@dataclass(frozen=True)
class ExportTable:
    """A table ready to export.

    Attributes:
        title: What the table shows, e.g. "Recommendations by timescale and service kind".
        marking: The protective marking, printed first.
        filters: Each filter's name and its value in words ("All" when not narrowed).
        made_on: The day the export was made.
        columns: Column headings.
        rows: The cells, row by row (numbers stay numbers).
    """

    title: str
    marking: str
    filters: tuple[tuple[str, str], ...]
    made_on: date
    columns: tuple[str, ...]
    rows: tuple[tuple[Value, ...], ...]


def neutralise(value: Value) -> Value:
    """``value`` as a spreadsheet may safely show it: formula-like text gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def preamble(table: ExportTable) -> list[list[str]]:
    """The rows before the header: marking, title, filters and the date."""
    filters = "; ".join(f"{name}: {value}" for name, value in table.filters)
    return [[table.marking], [table.title], [f"Filters: {filters}"],
            [f"Made on {format_long_date(table.made_on)}"]]


def to_csv(table: ExportTable) -> bytes:
    """The table as UTF-8 CSV (with a byte-order mark so spreadsheets read it as UTF-8)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for line in preamble(table):
        writer.writerow([neutralise(cell) for cell in line])
    writer.writerow([neutralise(cell) for cell in table.columns])
    for row in table.rows:
        writer.writerow(["" if cell is None else neutralise(cell) for cell in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(table: ExportTable) -> bytes:
    """The table as an XLSX workbook of one sheet; every text cell is stored as text."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Export"
    for line in preamble(table):
        _append(sheet, line)
    sheet.cell(row=1, column=1).font = Font(bold=True)
    _append(sheet, list(table.columns))
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for row in table.rows:
        _append(sheet, list(row))
    sheet.column_dimensions["A"].width = 42
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _append(sheet, values: list[Value]) -> None:
    sheet.append([neutralise(value) for value in values])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = TYPE_STRING
