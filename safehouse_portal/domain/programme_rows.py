"""The programme spreadsheet: one row per location, checked cell by cell before anything is written.

A programme manager's spreadsheet has a header row naming ``COLUMNS`` (in any order, no
others) and one row per location. Every problem is reported at once, each where a
spreadsheet shows it: ``row N, column C: message``, the header being row 1. Cells arrive
as text; a cell holding a formula (``=SUM(A1:A3)``) is that text, never a value computed
from it. Checks that need the database (is that an inspector, does that lead belong to
another provider) are the service's; everything that the file alone decides is here.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from safehouse_portal.domain.enums import ServiceKind
from safehouse_portal.domain.regions import REGIONS, region_named

COLUMNS: tuple[str, ...] = (
    "provider", "lead_name", "lead_email", "lead_phone", "designated_inspector_email", "location", "kind",
    "region", "address", "postcode", "accommodates_children", "capacity", "group", "active",
)
"""The header, in the order an export writes it."""
PROVIDER_COLUMNS = ("lead_name", "lead_email", "lead_phone", "designated_inspector_email")
"""Columns that describe the provider, so are the same on every row of one provider."""

MAX_MEGABYTES = 5
MAX_FILE_BYTES = MAX_MEGABYTES * 1024 * 1024
MAX_ROWS = 20_000
"""The most location rows one file may hold (the header not counted)."""
MAX_NAME, MAX_EMAIL, MAX_PHONE, MAX_ADDRESS, MAX_POSTCODE, MAX_CAPACITY = 200, 254, 40, 500, 10, 10_000

YES, NO = "yes", "no"
_EMAIL = re.compile(r"^[^@\s]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9-]{1,63})+$")
_PHONE_CHARACTERS = re.compile(r"^\+?[0-9 ()-]+$")
_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$")
MIN_PHONE_DIGITS, MAX_PHONE_DIGITS = 10, 15


@dataclass(frozen=True, order=True)
class RowError:
    """One problem, where a spreadsheet shows it (the header is row 1)."""

    row: int = 0
    column: str = ""
    message: str = ""

    def __str__(self) -> str:
        return f"row {self.row}, column {self.column}: {self.message}" if self.column else \
            f"row {self.row}: {self.message}"


@dataclass(frozen=True)
class ProgrammeRow:
    """One location row, checked: the provider it belongs to, and the location itself.

    ``address`` and ``postcode`` may be blank: an export made without addresses leaves them
    blank, and importing it back keeps the addresses already held.
    """

    row: int
    provider: str
    lead_name: str
    lead_email: str
    lead_phone: str
    designated_inspector_email: str
    location: str
    kind: ServiceKind
    region: str
    address: str
    postcode: str
    accommodates_children: bool
    capacity: int
    group: str
    active: bool


def read_table(table: Iterable[Sequence[str]]) -> tuple[list[ProgrammeRow], list[RowError]]:
    """Every row of the sheet checked: the good rows, and every problem of the others (and of the rows together).

    Args:
        table: The sheet's rows of cell text, the header first; blank rows are skipped
            (they still count in the numbering, as in a spreadsheet).
    """
    rows = iter(table)
    header = next(rows, None)
    if header is None or not any(cell.strip() for cell in header):
        return [], [RowError(1, "", "The first row must name the columns: " + ", ".join(COLUMNS))]
    columns, errors = read_header(header)
    if errors:
        return [], errors
    found: list[ProgrammeRow] = []
    for number, cells in enumerate(rows, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        row, problems = read_row(number, cells, columns)
        errors.extend(problems)
        if row is not None:
            found.append(row)
    if not found and not errors:
        errors.append(RowError(2, "", "The file has no locations: add one row per location under the header"))
    errors.extend(check_together(found))
    return found, sorted(errors)


def read_header(cells: Sequence[str]) -> tuple[dict[str, int], list[RowError]]:
    """Where each column is; every unknown, repeated or missing column named."""
    columns: dict[str, int] = {}
    errors: list[RowError] = []
    for index, cell in enumerate(cells):
        name = cell.strip()
        key = name.lower()
        if not name:
            continue
        if key not in COLUMNS:
            errors.append(RowError(1, name, f"'{name}' is not a column of the programme spreadsheet: "
                                            "remove it, or rename it to one of " + ", ".join(COLUMNS)))
        elif key in columns:
            errors.append(RowError(1, key, f"The column '{key}' appears more than once"))
        else:
            columns[key] = index
    for missing in (c for c in COLUMNS if c not in columns):
        errors.append(RowError(1, missing, f"The column '{missing}' is missing: add it to the first row"))
    return columns, errors


def read_row(number: int, cells: Sequence[str], columns: dict[str, int]) -> tuple[ProgrammeRow | None, list[RowError]]:
    """One location row checked cell by cell: the row, or None and what is wrong with it."""
    width = max(columns.values()) + 1
    extra = [i for i, cell in enumerate(cells) if i >= width and cell.strip()]
    errors = [RowError(number, _letter(extra[0]), "This cell is under no column: remove it")] if extra else []
    cell = _Cells(number, cells, columns, errors)
    kind = cell.choice("kind", {k.value: k for k in ServiceKind}, "Enter safehouse or outreach")
    row = ProgrammeRow(
        row=number,
        provider=cell.name("provider", "Enter the provider's name"),
        lead_name=cell.name("lead_name", "Enter the lead person's full name"),
        lead_email=cell.email("lead_email", required=True),
        lead_phone=cell.phone("lead_phone"),
        designated_inspector_email=cell.email("designated_inspector_email", required=False),
        location=cell.name("location", "Enter the location's name"),
        kind=kind or ServiceKind.SAFEHOUSE,
        region=cell.region("region"),
        address=cell.text("address", MAX_ADDRESS),
        postcode=cell.postcode("postcode"),
        accommodates_children=cell.yes_no("accommodates_children", blank=None),
        capacity=cell.capacity("capacity", kind),
        group=cell.name("group", "Enter the inspection group's name", required=False),
        active=cell.yes_no("active", blank=True),
    )
    return (None, errors) if errors else (row, [])


def check_together(rows: list[ProgrammeRow]) -> list[RowError]:
    """What only the rows together show: a location twice, a provider described two ways."""
    errors: list[RowError] = []
    seen_location: dict[tuple[str, str], int] = {}
    first_of_provider: dict[str, ProgrammeRow] = {}
    for row in rows:
        key = (row.provider, row.location)
        if key in seen_location:
            errors.append(RowError(row.row, "location", f"'{row.location}' of {row.provider} is already on row "
                                                        f"{seen_location[key]}: give each location one row"))
        else:
            seen_location[key] = row.row
        first = first_of_provider.setdefault(row.provider, row)
        for column in PROVIDER_COLUMNS:
            if getattr(row, column) != getattr(first, column):
                errors.append(RowError(row.row, column, f"This differs from row {first.row} for {row.provider}: "
                                                        "give the same on every row of one provider"))
    return errors


class _Cells:
    """Reads one row's cells by column name, adding each problem to ``errors``."""

    def __init__(self, number: int, cells: Sequence[str], columns: dict[str, int], errors: list[RowError]) -> None:
        self.number, self.cells, self.columns, self.errors = number, cells, columns, errors

    def raw(self, column: str) -> str:
        index = self.columns[column]
        return plain_text(self.cells[index]) if index < len(self.cells) else ""

    def fail(self, column: str, message: str) -> None:
        self.errors.append(RowError(self.number, column, message))

    def text(self, column: str, longest: int) -> str:
        value = self.raw(column)
        if len(value) > longest:
            self.fail(column, f"Enter {longest} characters or fewer")
        return value

    def name(self, column: str, missing: str, required: bool = True) -> str:
        value = " ".join(self.raw(column).split())
        if not value and required:
            self.fail(column, missing)
        elif len(value) > MAX_NAME:
            self.fail(column, f"Enter a name of {MAX_NAME} characters or fewer")
        return value

    def email(self, column: str, *, required: bool) -> str:
        value = self.raw(column)
        if not value:
            if required:
                self.fail(column, "Enter an email address")
        elif len(value) > MAX_EMAIL or not _EMAIL.match(value):
            self.fail(column, "Enter an email address in the correct format, like name@example.org")
        return value

    def phone(self, column: str) -> str:
        value = " ".join(self.raw(column).split())
        digits = sum(ch.isdigit() for ch in value)
        if not value:
            self.fail(column, "Enter the lead person's phone number")
        elif len(value) > MAX_PHONE or not _PHONE_CHARACTERS.match(value) or not (
                MIN_PHONE_DIGITS <= digits <= MAX_PHONE_DIGITS):
            self.fail(column, "Enter a phone number like 01632 960 001, 07700 900 982 or +44 808 157 0192")
        return value

    def choice(self, column: str, options: dict, message: str):
        value = self.raw(column).lower()
        if value not in options:
            self.fail(column, message + (f" (not '{self.raw(column)}')" if value else ""))
            return None
        return options[value]

    def region(self, column: str) -> str:
        region = region_named(self.raw(column))
        if region is None:
            self.fail(column, "Enter one of the regions: " + ", ".join(REGIONS))
        return region or ""

    def postcode(self, column: str) -> str:
        value = clean_postcode(self.raw(column))
        if value is None:
            self.fail(column, POSTCODE_MESSAGE)
        return value or ""

    def yes_no(self, column: str, *, blank: bool | None) -> bool:
        value = self.raw(column).lower()
        if not value and blank is not None:
            return blank
        if value not in (YES, NO):
            self.fail(column, "Enter yes or no" + ("" if blank is None else ", or leave it blank for yes"))
        return value == YES

    def capacity(self, column: str, kind: ServiceKind | None) -> int:
        value = self.raw(column)
        if not value:
            if kind is ServiceKind.SAFEHOUSE:
                self.fail(column, "Enter how many people the safehouse accommodates, as a whole number")
            return 0
        if not (value.isascii() and value.isdigit()) or int(value) > MAX_CAPACITY:
            self.fail(column, f"Enter a whole number from 0 to {MAX_CAPACITY}")
            return 0
        number = int(value)
        if kind is ServiceKind.SAFEHOUSE and number < 1:
            self.fail(column, "A safehouse accommodates at least 1 person")
        return number


POSTCODE_MESSAGE = "Enter a postcode like ZZ99 1AB, or leave it blank"


def clean_postcode(text: str) -> str | None:
    """A postcode in capitals with single spaces ("" when blank), or None when it is not a postcode.

    The one postcode rule: the import's column and the location page's box both use it.
    """
    value = " ".join(text.upper().split())
    if value and (len(value) > MAX_POSTCODE or not _POSTCODE.match(value)):
        return None
    return value


def plain_text(cell: str) -> str:
    """A cell's text, trimmed, without the apostrophe an export puts before formula-like text.

    An export writes ``'=Rowan`` so that no spreadsheet runs ``=Rowan`` as a formula; read
    back, it is ``=Rowan`` again, so that export then import changes nothing.
    """
    text = cell.strip()
    return text[1:] if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_CHARACTERS else text


FORMULA_CHARACTERS = "=+-@"
"""What a spreadsheet would take as the start of a formula."""


def _letter(index: int) -> str:
    """The spreadsheet's letter for the column at ``index`` (0 is A, 26 is AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
