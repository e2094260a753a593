"""Writing the programme spreadsheet (one row per location) as CSV or XLSX, the format the import reads.

Text that a spreadsheet would run as a formula gets a leading apostrophe (``neutralise``),
which the import takes off again, so export then import changes nothing.
"""

import csv
import io

from safehouse_portal.documents.exports import CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE, neutralise

MEDIA_TYPES = {"csv": CSV_MEDIA_TYPE, "xlsx": XLSX_MEDIA_TYPE}


def programme_csv(columns: tuple[str, ...], rows: list[list[str]]) -> bytes:
    """The rows under their header as UTF-8 CSV (with a byte-order mark so spreadsheets read it as UTF-8)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([[neutralise(cell) for cell in row] for row in rows])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def programme_xlsx(columns: tuple[str, ...], rows: list[list[str]]) -> bytes:
    """The rows under their header as a one-sheet XLSX workbook; every cell is text (neutralised, never a formula)."""
    from openpyxl import Workbook  # loaded by the first export, not by every worker at start (lazy_modules.py)

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Programme")
    sheet.append(list(columns))
    for row in rows:
        sheet.append([neutralise(cell) for cell in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
