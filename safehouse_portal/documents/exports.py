"""Writing an analytics table as CSV or XLSX, safe to open in any spreadsheet.

The header row is the first row, so other tools import the table as it is. The protective
marking, the filters and the day it was made are in the file's name (``export_filename``), and
in an XLSX also in a "Notes" sheet, the workbook's properties and the printed page's header. A text cell that
starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is neutralised with a
leading apostrophe, so a spreadsheet shows it as text and never runs it as a formula
(names of providers and groups come from people, and a name is text, never a formula).
"""

import csv
import io
import re
from dataclasses import dataclass
from datetime import date


from safehouse_portal.domain.working_days import format_long_date

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

Value = str | int | float | None

UNNARROWED = frozenset({"All", "All inspections", "the start of the programme", "today"})
"""Filter values that narrow nothing, left out of an export's file name."""


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
    """What the export is: marking, title, filters and the date (an XLSX's "Notes" sheet)."""
    filters = "; ".join(f"{name}: {value}" for name, value in table.filters)
    return [[table.marking], [table.title], [f"Filters: {filters}"],
            [f"Made on {format_long_date(table.made_on)}"]]


def to_csv(table: ExportTable) -> bytes:
    """The table as UTF-8 CSV, header row first (with a byte-order mark so spreadsheets read it as UTF-8)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([neutralise(cell) for cell in table.columns])
    for row in table.rows:
        writer.writerow(["" if cell is None else neutralise(cell) for cell in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(table: ExportTable) -> bytes:
    """The table as an XLSX workbook: the data sheet (header row first) and a "Notes" sheet saying what it is."""
    from openpyxl import Workbook  # loaded by the first download, not by every worker at start (lazy_modules.py)
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Export"
    _append(sheet, list(table.columns))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table.rows:
        _append(sheet, list(row))
    sheet.freeze_panes = "A2"
    sheet.column_dimensions["A"].width = 42
    sheet.oddHeader.center.text = table.marking
    notes = book.create_sheet("Notes")
    for line in preamble(table):
        _append(notes, line)
    notes["A1"].font = Font(bold=True)
    notes.column_dimensions["A"].width = 80
    book.properties.title = table.title
    book.properties.keywords = table.marking
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def export_filename(table: ExportTable, view: str, fmt: str) -> str:
    """``official-sensitive-delivery-region-north-east-2026-03-11.csv``: marking, view, narrowing filters, day."""
    narrowed = [f"{name} {value}" for name, value in table.filters if value not in UNNARROWED]
    marking = table.marking.split(":")[0]
    stem = "-".join(_slug(part) for part in (marking, view, *narrowed, table.made_on.isoformat()) if _slug(part))
    return f"{stem[:180].rstrip('-')}.{fmt}"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _append(sheet, values: list[Value]) -> None:
    from openpyxl.cell.cell import TYPE_STRING

    sheet.append([neutralise(value) for value in values])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = TYPE_STRING
