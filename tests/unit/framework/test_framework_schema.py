"""Reading framework files: the default is valid, and every problem is named where it is."""

import json
from collections import Counter
from importlib import resources

import pytest
import yaml
from pydantic import ValidationError

from safehouse_portal.services.framework.schema import (
    CSV_COLUMNS, FrameworkDocument, FrameworkFileError, default_document, parse_csv, parse_json, parse_yaml,
)

HEADER = ",".join(CSV_COLUMNS)
CLAUSE_TEXT = "Illustrative reference; replace it when the programme imports the contract's own schedule."


def _data_file(name: str) -> str:
    return resources.files("safehouse_portal").joinpath("data", name).read_text("utf-8")


def _default_data() -> dict:
    return json.loads(_data_file("framework_default.json"))


def _csv(*rows: str) -> str:
    return "\n".join([HEADER, *rows]) + "\n"


def _kq_row(key: str, code: str, prompt: str = "", ref: str = "", first: bool = False) -> str:
    doc = '2026.3-test,Test framework,Written for a test' if first else ",,"
    prompt_cells = f"{prompt},Is {prompt} met?" if prompt else ","
    return f"{doc},{key},{key.title()},{code},Title {code},Question {code}?,{prompt_cells},{ref},,,"


def _valid_rows() -> list[str]:
    return [
        _kq_row("safe", "S1", "S1.1", "Ref A", first=True),
        _kq_row("effective", "E1", "E1.1"),
        _kq_row("caring", "C1", "C1.1"),
        _kq_row("responsive", "R1", "R1.1", "Ref A"),
        _kq_row("well_led", "W1", "W1.1"),
        f",,,,,,,,,,Ref A,Clause A,{CLAUSE_TEXT},true",
    ]


def _errors(parse, text: str) -> list[str]:
    with pytest.raises(FrameworkFileError) as caught:
        parse(text)
    return caught.value.errors


def test_the_packaged_default_framework_is_valid_and_follows_the_published_structure():
    document = default_document()

    codes = {kq.key.value: [k.code for k in kq.kloes] for kq in document.key_questions}
    assert codes == {
        "safe": ["S1", "S2", "S3", "S4", "S5", "S6"],
        "effective": ["E1", "E2", "E3", "E4", "E5", "E6", "E7"],
        "caring": ["C1", "C2", "C3"],
        "responsive": ["R1", "R2", "R3"],
        "well_led": ["W1", "W2", "W3", "W4", "W5"],
    }
    assert all(3 <= len(k.prompts) <= 6 for kq in document.key_questions for k in kq.kloes)
    assert "not the official" in document.source


def test_every_default_clause_is_marked_illustrative_and_says_it_will_be_replaced():
    document = default_document()

    assert document.clauses
    for clause in document.clauses:
        assert clause.illustrative
        assert "Illustrative reference" in clause.text
        assert "replace it when the programme imports the contract's own schedule" in clause.text


def test_several_default_clauses_are_cited_by_more_than_one_kloe():
    document = default_document()
    citations = Counter(ref for kq in document.key_questions for k in kq.kloes for ref in k.clauses)

    assert sum(1 for n in citations.values() if n > 1) >= 5
    assert {"Sch 2.2 KPI 10", "Sch 2.2 KPI 11"} <= set(citations)


def test_the_example_csv_is_a_valid_new_version():
    document = parse_csv(_data_file("framework_example.csv"))

    assert document.version == "2026.2-example"
    assert [kq.key.value for kq in document.key_questions] == ["safe", "effective", "caring", "responsive", "well_led"]
    assert all(clause.illustrative for clause in document.clauses)


def test_yaml_reads_the_same_framework_as_json():
    assert parse_yaml(yaml.safe_dump(_default_data())) == default_document()


def test_a_valid_csv_folds_rows_into_kloes_prompts_and_citations():
    document = parse_csv(_csv(*_valid_rows()))

    assert document.key_questions[0].kloes[0].clauses == ["Ref A"]
    assert document.clauses[0].reference == "Ref A"


def test_a_broken_csv_row_is_reported_with_its_line_and_column():
    rows = _valid_rows()
    rows[2] = rows[2].replace("Is C1.1 met?", "")

    assert _errors(parse_csv, _csv(*rows)) == ["line 4, prompt_text: must not be empty"]


def test_every_problem_in_a_csv_file_is_reported_not_just_the_first():
    rows = _valid_rows()
    rows[0] = rows[0].replace("2026.3-test", "version three")
    rows[1] = rows[1].replace("E1.1", "S1.1")
    rows[3] = rows[3].replace("responsive", "responsiv")
    rows[5] = rows[5].replace(",true", ",perhaps")

    errors = _errors(parse_csv, _csv(*rows))

    assert errors == [
        "line 2, version: must look like 2026.1 or 2026.1-default",
        "line 3, prompt_code: prompt code 'S1.1' is used more than once",
        "line 5, key_question: must be one of safe, effective, caring, responsive, well_led",
        "line 7, clause_illustrative: must be true or false",
        "all rows, key_question: key question(s) missing: responsive",
    ]


def test_an_undefined_clause_reference_is_named_with_the_row_citing_it():
    rows = _valid_rows()
    rows[1] = _kq_row("effective", "E1", "E1.1", "Sch 9 para 99")

    assert _errors(parse_csv, _csv(*rows)) == [
        "line 3, clause_reference: clause reference 'Sch 9 para 99' is not defined in clauses"]


def test_csv_rows_that_disagree_about_a_kloe_title_are_reported():
    rows = [*_valid_rows(), _kq_row("safe", "S1", "S1.2").replace("Title S1", "Another title")]

    assert _errors(parse_csv, _csv(*rows)) == ["line 8, kloe_title: 'Another title' differs from line 2"]


def test_a_csv_with_the_wrong_columns_is_refused_at_the_header():
    assert _errors(parse_csv, "version,title\n2026.1,x\n") == [
        "line 1, header: columns do not match (missing " + ", ".join(CSV_COLUMNS[2:]) + ")"]


def test_json_errors_name_the_path_and_field_of_each_problem():
    data = _default_data()
    data["key_questions"][0]["kloes"][2]["prompts"][1]["text"] = "x" * 1001
    data["key_questions"][1]["kloes"][0]["code"] = "S1"
    data["key_questions"][1]["kloes"][3]["clauses"].append("Sch 2.3 para 1")
    data["clauses"][0]["title"] = ""

    errors = _errors(parse_json, json.dumps(data))

    assert errors == [
        "key_questions[0].kloes[2].prompts[1].text: must be at most 1000 characters",
        "clauses[0].title: must not be empty",
        "key_questions[1].kloes[0].code: KLOE code 'S1' is used more than once",
        "key_questions[1].kloes[3].clauses[1]: clause reference 'Sch 2.3 para 1' is not defined in clauses",
    ]


def test_each_key_question_must_appear_exactly_once():
    data = _default_data()
    data["key_questions"][4]["key"] = "safe"

    errors = _errors(parse_json, json.dumps(data))

    assert errors == ["key_questions[4].key: key question 'safe' appears more than once",
                      "key_questions: key question(s) missing: well_led"]


def test_an_unquoted_yaml_version_is_reported_as_not_text():
    data = _default_data()
    data["version"] = 2026.1

    assert _errors(parse_yaml, yaml.safe_dump(data)) == ["version: must be text (quote it in YAML)"]


def test_unreadable_json_is_reported_with_its_line_and_column():
    assert _errors(parse_json, '{\n  "version": }') == ["line 2, column 14: Expecting value"]


def test_a_document_built_in_code_is_checked_for_consistency_too():
    data = _default_data()
    data["clauses"] = []

    with pytest.raises(ValidationError, match="is not defined in clauses"):
        FrameworkDocument.model_validate(data)
