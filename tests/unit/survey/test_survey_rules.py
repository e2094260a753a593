"""The survivor survey's rules: which questions apply, what an answer may be, what may be shown."""

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from safehouse_portal.domain import survey as rules
from safehouse_portal.domain.survey import Question
from safehouse_portal.services.survey.schema import SurveyFileError, parse_definition, parse_json

SMALL = Path(__file__).resolve().parents[2] / "support" / "survey_small.json"
TODAY = date(2026, 11, 24)


@pytest.fixture
def data() -> dict:
    return json.loads(SMALL.read_text(encoding="utf-8"))


@pytest.fixture
def question_set(data):
    return parse_definition(data)


def _codes(questions) -> list[str]:
    return [q.code for q in questions]


def test_the_small_fixture_is_a_valid_question_set_with_arabic_right_to_left(question_set):
    assert question_set.language("ar").dir == "rtl"
    assert question_set.language("en").status == "reviewed"
    assert rules.definition_problems(question_set) == []


def test_a_safehouse_inspection_asks_the_safehouse_questions_and_not_the_outreach_one(question_set):
    codes = _codes(rules.applicable(question_set.questions, {"safehouse"}))
    assert "safe_safehouse" in codes and "accommodation" in codes and "safe_outreach" not in codes


def test_an_outreach_inspection_is_not_asked_about_accommodation(question_set):
    codes = _codes(rules.applicable(question_set.questions, {"outreach"}))
    assert "safe_outreach" in codes and "accommodation" not in codes and "safe_safehouse" not in codes


def test_an_inspection_of_both_kinds_asks_both_safety_questions(question_set):
    codes = _codes(rules.applicable(question_set.questions, {"safehouse", "outreach"}))
    assert {"safe_safehouse", "safe_outreach", "accommodation"} <= set(codes)
    assert len(codes) == len(question_set.questions)


def test_a_translation_missing_a_text_is_refused_naming_the_language_and_key(data):
    del data["languages"][1]["texts"]["q.support"]
    with pytest.raises(SurveyFileError) as refused:
        parse_definition(data)
    assert any("language ar" in e and "q.support" in e for e in refused.value.errors)


def test_a_translation_that_loses_a_placeholder_is_refused(data):
    data["languages"][0]["texts"]["progress"] = "Question n of total"
    with pytest.raises(SurveyFileError) as refused:
        parse_definition(data)
    assert any("progress must keep {n} {total}" in e for e in refused.value.errors)


def test_a_question_set_without_english_or_with_a_repeated_code_is_refused(data):
    data["languages"] = data["languages"][1:]
    data["questions"].append(dict(data["questions"][0]))
    with pytest.raises(SurveyFileError) as refused:
        parse_definition(data)
    assert "languages: English (en) is required" in refused.value.errors
    assert "question support: the code is used twice" in refused.value.errors


def test_a_file_of_the_wrong_shape_is_refused_with_its_path():
    with pytest.raises(SurveyFileError) as refused:
        parse_json('{"version": "2026.1", "title": "t", "source": "s", "questions": [{"code": "x"}], "languages": []}')
    assert any(e.startswith("questions.0.kind") for e in refused.value.errors)


def test_choices_prefer_not_to_say_and_text_are_kept_and_unanswered_questions_left_out(question_set):
    kept = rules.normalise_answers(question_set.questions, {
        "support": "yes", "respect": "prefer_not_to_say", "involved": "", "good": "  Kind staff  "})
    assert kept.errors == {}
    assert kept.answers == {"support": "yes", "respect": "prefer_not_to_say", "good": "Kind staff"}


def test_an_unknown_question_code_is_dropped_and_an_unknown_option_refused(question_set):
    result = rules.normalise_answers(question_set.questions, {"name": "Alice", "support": "maybe"})
    assert "name" not in result.answers
    assert result.errors == {"support": "error_title"}


def test_an_answer_that_is_not_text_is_refused(question_set):
    assert rules.normalise_answers(question_set.questions, {"support": ["yes"]}).errors == {"support": "error_title"}
    assert rules.normalise_answers(question_set.questions, "support=yes").errors == {"answers": "error_title"}


def test_text_over_two_thousand_characters_is_refused_as_too_long_and_exactly_that_many_kept(question_set):
    assert rules.normalise_answers(question_set.questions, {"good": "a" * 2001}).errors == {"good": "too_long"}
    assert rules.normalise_answers(question_set.questions, {"good": "a" * 2000}).answers == {"good": "a" * 2000}


def test_control_characters_are_stripped_but_newlines_and_tabs_kept():
    assert rules.clean_text("one\x00 two\x1b\r\nthree\tfour\x7f") == "one two\nthree\tfour"


def test_a_question_with_a_smaller_limit_refuses_past_it():
    short = Question(code="note", kind="text", service_kinds=frozenset({"safehouse"}), max_chars=10)
    assert rules.normalise_answers([short], {"note": "x" * 11}).errors == {"note": "too_long"}


def test_a_link_takes_answers_up_to_and_including_its_closing_day():
    assert not rules.is_closed(TODAY, TODAY)
    assert rules.is_closed(date(2026, 11, 23), TODAY)


def test_a_closing_date_must_be_a_date_after_today():
    assert rules.closing_date_problem(date(2026, 11, 25), TODAY) is None
    assert rules.closing_date_problem(TODAY, TODAY) == "The closing date must be after today"
    assert rules.closing_date_problem(None, TODAY).startswith("Enter the closing date")


def test_the_daily_limit_is_reached_at_the_limit_not_before():
    assert not rules.rate_limited(199, 200)
    assert rules.rate_limited(200, 200)


@pytest.mark.parametrize(("count", "hidden"), [(0, True), (1, True), (4, True), (5, False), (563, False)])
def test_counts_under_five_are_suppressed(count, hidden):
    assert rules.suppressed(count) is hidden


def test_shown_counts_hide_only_the_small_ones():
    assert rules.shown_counts({"yes": 546, "no": 3}) == {"yes": 546, "no": None}


def test_a_choice_question_may_not_list_prefer_not_to_say_itself(question_set):
    q = replace(question_set.questions[0], options=("yes", "prefer_not_to_say"))
    broken = replace(question_set, questions=(q, *question_set.questions[1:]))
    assert any("prefer_not_to_say is offered anyway" in p for p in rules.definition_problems(broken))
