"""Reading the programme spreadsheet's bytes (CSV, or the first sheet of an XLSX workbook) into checked rows.

Size is checked before anything is parsed: a file over 5 MB is refused unread, and reading
stops, and refuses, at the first row past the 20,000th. Cells are read as they are stored:
a formula is its text (``data_only=False``), never a value computed from it.
"""

import csv
import io
import zipfile
from collections.abc import Iterator
from datetime import date, datetime, time


from safehouse_portal.domain.programme_rows import (
    MAX_FILE_BYTES, MAX_MEGABYTES, MAX_ROWS, ProgrammeRow, RowError, read_table,
)
from safehouse_portal.domain.uploads import FileKind, sniff
from safehouse_portal.services.core.errors import InvalidInput

TOO_LARGE = f"The file is larger than {MAX_MEGABYTES} MB: split the programme into smaller files"
TOO_MANY_ROWS = f"The file has more than {MAX_ROWS:,} rows: split the programme into smaller files"
NOT_A_SPREADSHEET = "The file is not a CSV file or an Excel (XLSX) workbook: save it as one of these"


class ProgrammeFileError(InvalidInput):
    """The file cannot be imported; ``problems`` lists every reason, each by row and column."""

    def __init__(self, problems: list[str]) -> None:
        errors: dict[str, str] = {}
        for problem in problems:
            where, _, message = problem.partition(": ") if problem.startswith("row ") else ("file", "", problem)
            errors[where] = f"{errors[where]}; {message}" if where in errors else message
        super().__init__(errors)
        self.problems = problems


def read_programme_file(content: bytes) -> tuple[list[ProgrammeRow], list[RowError]]:
    """The file's good location rows, and every problem of the others.

    Raises:
        ProgrammeFileError: The file cannot be read at all (too large, too long, not a spreadsheet).
    """
    if not isinstance(content, bytes) or not content:
        raise ProgrammeFileError(["The file is empty: choose the programme spreadsheet"])
    if len(content) > MAX_FILE_BYTES:
        raise ProgrammeFileError([TOO_LARGE])
    return read_table(_limited(_xlsx_cells(content) if _is_xlsx(content) else _csv_cells(content)))


def _is_xlsx(content: bytes) -> bool:
    if content.startswith(b"\xd0\xcf\x11\xe0"):
        raise ProgrammeFileError(["The file is an old Excel (XLS) workbook: save it as XLSX or CSV"])
    if content.startswith(b"PK\x03\x04"):
        if sniff(content) is not FileKind.XLSX:
            raise ProgrammeFileError([NOT_A_SPREADSHEET])
        return True
    return False


def _limited(table: Iterator[list[str]]) -> Iterator[list[str]]:
    """The rows, refusing as soon as one passes the limit (the header is row 1)."""
    for number, row in enumerate(table, start=1):
        if number > MAX_ROWS + 1:
            raise ProgrammeFileError([TOO_MANY_ROWS])
        yield row


def _csv_cells(content: bytes) -> Iterator[list[str]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")
    if "\x00" in text:
        raise ProgrammeFileError([NOT_A_SPREADSHEET])
    try:
        yield from csv.reader(io.StringIO(text, newline=""))
    except csv.Error as exc:
        raise ProgrammeFileError([f"The CSV file cannot be read: {exc}"]) from None


def _xlsx_cells(content: bytes) -> Iterator[list[str]]:
    from openpyxl import load_workbook  # loaded by the first workbook read, not at start (lazy_modules.py)

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ProgrammeFileError([f"The workbook cannot be read: {type(exc).__name__}"]) from None
    try:
        sheet = book.worksheets[0]
        for row in sheet.iter_rows(values_only=True):
            yield [_text(value) for value in row]
    finally:
        book.close()


def _text(value: object) -> str:
    """A cell's value as the text it shows; a formula as its own text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    text = getattr(value, "text", None)
    return text if isinstance(text, str) else str(value)
