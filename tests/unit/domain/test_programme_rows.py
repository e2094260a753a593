"""The programme spreadsheet's rows, checked cell by cell with no database."""

from safehouse_portal.domain.enums import ServiceKind
from safehouse_portal.domain.programme_rows import COLUMNS, RowError, read_table

GOOD = {
    "provider": "Harbourlight Support Trust", "lead_name": "Eleanor Haddow", "lead_email": "lead1@example.test",
    "lead_phone": "01632 960107", "designated_inspector_email": "inspector1@example.test",
    "location": "Rowan House", "kind": "safehouse", "region": "North East", "address": "12 Example Road, Testford",
    "postcode": "ZZ99 3AB", "accommodates_children": "no", "capacity": "8", "group": "Testford services",
    "active": "yes",
}


def sheet(*rows: dict, header: tuple[str, ...] = COLUMNS) -> list[list[str]]:
    return [list(header), *([str(row.get(c, "")) for c in header] for row in rows)]


def errors_of(*rows: dict, header: tuple[str, ...] = COLUMNS) -> list[str]:
    return [str(e) for e in read_table(sheet(*rows, header=header))[1]]


def test_a_good_row_is_read_with_its_values():
    rows, errors = read_table(sheet(GOOD))
    assert errors == []
    (row,) = rows
    assert (row.row, row.provider, row.kind, row.capacity, row.active) == (
        2, "Harbourlight Support Trust", ServiceKind.SAFEHOUSE, 8, True)


def test_columns_may_come_in_any_order():
    rows, errors = read_table(sheet(GOOD, header=tuple(reversed(COLUMNS))))
    assert errors == [] and rows[0].location == "Rowan House"


def test_an_extra_column_is_refused_by_its_name_and_a_missing_one_is_named():
    header = tuple(c for c in COLUMNS if c != "postcode") + ("notes",)
    found = errors_of(GOOD, header=header)
    assert any(e.startswith("row 1, column notes: 'notes' is not a column") for e in found)
    assert any(e.startswith("row 1, column postcode: The column 'postcode' is missing") for e in found)


def test_every_error_is_listed_with_its_spreadsheet_row_and_column():
    bad_kind = {**GOOD, "location": "A", "kind": "hostel"}
    bad_region = {**GOOD, "location": "B", "region": "Narnia", "capacity": "six"}
    found = errors_of(GOOD, bad_kind, bad_region)
    assert found[0] == "row 3, column kind: Enter safehouse or outreach (not 'hostel')"
    assert "row 4, column capacity: Enter a whole number from 0 to 10000" in found
    assert any(e.startswith("row 4, column region: Enter one of the regions: North East") for e in found)
    assert len(found) == 3


def test_blank_active_means_yes_and_yes_no_is_read_in_any_case():
    rows, errors = read_table(sheet({**GOOD, "active": "", "accommodates_children": "Yes"}))
    assert errors == [] and rows[0].active is True and rows[0].accommodates_children is True


def test_a_yes_no_cell_with_another_word_is_an_error():
    assert errors_of({**GOOD, "accommodates_children": "maybe"}) == [
        "row 2, column accommodates_children: Enter yes or no"]


def test_capacity_may_be_blank_for_outreach_but_not_for_a_safehouse():
    rows, errors = read_table(sheet({**GOOD, "kind": "outreach", "capacity": ""}))
    assert errors == [] and rows[0].capacity == 0
    assert errors_of({**GOOD, "capacity": ""}) == [
        "row 2, column capacity: Enter how many people the safehouse accommodates, as a whole number"]
    assert errors_of({**GOOD, "capacity": "2.5"}) == ["row 2, column capacity: Enter a whole number from 0 to 10000"]


def test_a_formula_is_read_as_the_text_it_is():
    rows, errors = read_table(sheet({**GOOD, "location": "=HYPERLINK(\"http://x\",\"Rowan\")"}))
    assert errors == [] and rows[0].location == "=HYPERLINK(\"http://x\",\"Rowan\")"
    assert errors_of({**GOOD, "capacity": "=2+2"}) == ["row 2, column capacity: Enter a whole number from 0 to 10000"]


def test_a_location_given_twice_is_an_error_on_the_second_row():
    assert errors_of(GOOD, GOOD) == ["row 3, column location: 'Rowan House' of Harbourlight Support Trust is "
                                     "already on row 2: give each location one row"]


def test_a_provider_described_two_ways_is_an_error_on_the_row_that_differs():
    other = {**GOOD, "location": "Hazel House", "lead_phone": "01632 960999"}
    assert errors_of(GOOD, other) == ["row 3, column lead_phone: This differs from row 2 for Harbourlight Support "
                                      "Trust: give the same on every row of one provider"]


def test_blank_rows_are_skipped_but_still_counted():
    found = errors_of(GOOD, {}, {**GOOD, "location": "B", "lead_email": "not-an-email"})
    assert found == ["row 4, column lead_email: Enter an email address in the correct format, like name@example.org"]


def test_a_cell_beyond_the_header_is_an_error_by_its_letter():
    table = sheet(GOOD)
    table[1].append("stray")
    assert [str(e) for e in read_table(table)[1]] == ["row 2, column O: This cell is under no column: remove it"]


def test_an_empty_file_or_one_without_locations_says_so():
    assert [str(e) for e in read_table([])[1]] == [
        "row 1: The first row must name the columns: " + ", ".join(COLUMNS)]
    assert errors_of() == ["row 2: The file has no locations: add one row per location under the header"]


def test_row_errors_read_as_the_issue_asks():
    assert str(RowError(7, "kind", "Enter safehouse or outreach")) == "row 7, column kind: Enter safehouse or outreach"


def test_one_postcode_rule_tidies_a_postcode_and_refuses_what_is_not_one():
    from safehouse_portal.domain.programme_rows import POSTCODE_MESSAGE, clean_postcode

    assert clean_postcode("  zz99   3ab ") == "ZZ99 3AB" and clean_postcode("") == ""
    assert clean_postcode("LS1") is None and clean_postcode("ZZ99 3AB 4") is None
    assert errors_of({**GOOD, "postcode": "LS1"}) == [f"row 2, column postcode: {POSTCODE_MESSAGE}"]
