"""Exports: the marking, filters and date come first, and no cell ever runs as a formula."""

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from safehouse_portal.documents.exports import ExportTable, neutralise, to_csv, to_xlsx

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


def test_the_csv_starts_with_the_marking_title_filters_and_date_then_the_header():
    rows = list(csv.reader(io.StringIO(to_csv(TABLE).decode("utf-8-sig"))))
    assert rows[0] == ["OFFICIAL-SENSITIVE"]
    assert rows[1] == ["Recommendations by timescale and service kind"]
    assert rows[2][0].startswith("Filters: Provider: =HYPERLINK")
    assert rows[3] == ["Made on Wednesday 11 March 2026"]
    assert rows[4] == ["Timescale", "Safehouse", "Outreach"]
    assert rows[5] == ["'=1+1", "2", "0"]
    assert rows[7] == ["'-2", "-3", ""]


def test_the_workbook_read_back_holds_formula_looking_cells_as_inert_text():
    sheet = load_workbook(io.BytesIO(to_xlsx(TABLE))).active
    assert sheet["A1"].value == "OFFICIAL-SENSITIVE"
    assert sheet["A3"].value.startswith("Filters: Provider: =HYPERLINK")
    assert sheet["A3"].data_type == "s"
    assert sheet["A4"].value == "Made on Wednesday 11 March 2026"
    first = sheet["A6"]
    assert first.value == "'=1+1" and first.data_type == "s"
    assert all(sheet.cell(row=r, column=1).data_type == "s" for r in range(1, sheet.max_row + 1))
    assert not any(isinstance(c.value, str) and c.value.startswith("=") for row in sheet.iter_rows() for c in row)
    assert sheet["B6"].value == 2 and sheet["B8"].value == -3


def test_the_workbook_keeps_numbers_as_numbers():
    sheet = load_workbook(io.BytesIO(to_xlsx(TABLE))).active
    assert sheet["B12"].value == 15 and sheet["B12"].data_type == "n"
