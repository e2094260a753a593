"""Exports: the marking, filters and date come first, and no cell ever runs as a formula."""

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from safehouse_portal.documents.exports import ExportTable, export_filename, neutralise, to_csv, to_xlsx

TABLE = ExportTable(
    title="Recommendations by timescale and service kind",
    marking="OFFICIAL-SENSITIVE",
    filters=(("Provider", "=HYPERLINK(\"http://evil.test\",\"x\")"), ("Region", "All")),
    made_on=date(2026, 3, 11),
    columns=("Timescale", "Safehouse", "Outreach"),
    rows=(("=1+1", 2, 0), ("+SUM(A1)", 9, 1), ("-2", -3, None), ("@cmd", 1, 1), ("\tTab", 0, 0),
          ("\rReturn", 0, 0), ("Within 6 months", 15, 1)),
)


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_text_that_looks_like_a_formula_gets_a_leading_apostrophe(text):
    assert neutralise(text) == "'" + text


def test_plain_text_and_numbers_are_left_alone():
    assert neutralise("Within 21 days") == "Within 21 days"
    assert neutralise(-3) == -3


def test_the_csv_header_row_is_the_first_row_so_other_tools_import_it():
    rows = list(csv.reader(io.StringIO(to_csv(TABLE).decode("utf-8-sig"))))
    assert rows[0] == ["Timescale", "Safehouse", "Outreach"]
    assert rows[1] == ["'=1+1", "2", "0"]
    assert rows[3] == ["'-2", "-3", ""]
    assert len(rows) == 1 + len(TABLE.rows)


def test_the_marking_filters_and_day_are_in_the_file_name():
    narrowed = ExportTable(**{**TABLE.__dict__, "filters": (("Region", "North East"), ("Provider", "All"))})
    assert export_filename(narrowed, "delivery", "csv") == "official-sensitive-delivery-region-north-east-2026-03-11.csv"


def test_the_workbook_has_its_header_first_and_a_notes_sheet_with_marking_title_filters_and_date():
    book = load_workbook(io.BytesIO(to_xlsx(TABLE)))
    sheet, notes = book["Export"], book["Notes"]
    assert [c.value for c in sheet[1]] == ["Timescale", "Safehouse", "Outreach"]
    assert notes["A1"].value == "OFFICIAL-SENSITIVE"
    assert notes["A2"].value == "Recommendations by timescale and service kind"
    assert notes["A3"].value.startswith("Filters: Provider: =HYPERLINK") and notes["A3"].data_type == "s"
    assert notes["A4"].value == "Made on Wednesday 11 March 2026"
    first = sheet["A2"]
    assert first.value == "'=1+1" and first.data_type == "s"
    for page in (sheet, notes):
        assert all(page.cell(row=r, column=1).data_type == "s" for r in range(1, page.max_row + 1))
        assert not any(isinstance(c.value, str) and c.value.startswith("=") for row in page.iter_rows() for c in row)
    assert sheet["B2"].value == 2 and sheet["B4"].value == -3


def test_the_workbook_keeps_numbers_as_numbers():
    sheet = load_workbook(io.BytesIO(to_xlsx(TABLE))).active
    assert sheet["B8"].value == 15 and sheet["B8"].data_type == "n"
