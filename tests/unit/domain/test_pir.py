"""The PIR's rules: answers kept as typed, checked with messages a provider can act on, lateness in working days."""

from datetime import date

import pytest

from safehouse_portal.domain.pir import (
    AnswerRefused, Column, ColumnType, Option, Question, QuestionType, Section, SectionStatus, StoredAnswer, Template,
    answer_error, normalise, return_problems, section_status, template_from_definition, value_text,
)
from safehouse_portal.domain.pir_values import typed_day
from safehouse_portal.domain.pir_timing import pir_timing
from safehouse_portal.domain.working_days import WorkingCalendar

TODAY = date(2026, 11, 23)
TEXT = Question("about", "About you", QuestionType.TEXT, word_limit=5, kloes=("R1",))
NUMBER = Question("staff", "Staff", QuestionType.NUMBER)
DAY = Question("reviewed", "Reviewed", QuestionType.DATE)
YES_NO = Question("children", "Children", QuestionType.YES_NO)
ROWS = Question("agencies", "Agencies", QuestionType.ROWS, min_rows=1, columns=(
    Column("kind", "Kind", ColumnType.CHOICE, (Option("gp", "GP"), Option("police", "Police"))),
    Column("count", "Count", ColumnType.NUMBER),
    Column("note", "Note", ColumnType.TEXT, required=False),
))
OPTIONAL_FILE = Question("policy", "Policy", QuestionType.FILE, required=False)


def _error(question, value, prefilled=False):
    return answer_error(question, StoredAnswer(value, prefilled), today=TODAY)


def test_text_is_kept_as_typed_even_over_its_word_limit_and_the_problem_says_by_how_much():
    value = normalise(TEXT, "one two three four five six  ")
    assert value == "one two three four five six"
    assert _error(TEXT, value) == "Use 5 words or fewer (you have used 6)"


@pytest.mark.parametrize("typed,problem", [
    ("12", None), ("1,200", None), ("0", None), ("-1", "Enter a whole number, 0 or more, like 12"),
    ("2.5", "Enter a whole number, 0 or more, like 12"), ("twelve", "Enter a whole number, 0 or more, like 12"),
])
def test_a_number_must_be_whole_and_not_negative(typed, problem):
    assert _error(NUMBER, normalise(NUMBER, typed)) == problem


@pytest.mark.parametrize("typed,problem", [
    ("2026-11-20", None), ("2026-11-24", "Enter today's date or an earlier one"),
    ("1999-12-31", "Enter a date from 1 January 2000 onwards"),
])
def test_a_date_must_be_real_and_not_in_the_future(typed, problem):
    assert _error(DAY, normalise(DAY, typed)) == problem


@pytest.mark.parametrize("typed", ["2026-02-30", "2026-02-31", "31/02/2026", "tomorrow"])
def test_a_date_that_is_not_real_is_refused_before_it_is_stored(typed):
    with pytest.raises(AnswerRefused) as refused:
        normalise(DAY, typed)
    assert refused.value.message == "Enter a real date, like 31/3/2026"


@pytest.mark.parametrize("typed", ["20/11/2026", "20/11/2026 ", "20 11 2026", "20-11-2026", "2026-11-20"])
def test_a_date_typed_day_month_year_is_stored_as_the_day_it_names(typed):
    assert normalise(DAY, typed) == "2026-11-20"


def test_a_stored_date_is_shown_as_a_person_types_one():
    assert typed_day("2026-03-07") == "7/3/2026" and typed_day("") == ""


def test_text_over_the_longest_answer_is_refused_with_the_limit_stated():
    from safehouse_portal.domain.pir import MAX_TEXT_CHARS

    with pytest.raises(AnswerRefused) as refused:
        normalise(TEXT, "x" * (MAX_TEXT_CHARS + 1))
    assert refused.value.message == f"Keep this to {MAX_TEXT_CHARS:,} characters or fewer"


@pytest.mark.parametrize("forged", ["maybe", 1, {"yes": True}, ["yes"]])
def test_a_choice_no_form_offers_is_refused(forged):
    with pytest.raises(AnswerRefused):
        normalise(YES_NO, forged)


def test_rows_are_checked_row_by_row_and_blank_rows_do_not_count():
    rows = normalise(ROWS, [{"kind": "gp", "count": "2"}, {"kind": "", "count": ""}])
    assert _error(ROWS, rows) is None
    assert _error(ROWS, normalise(ROWS, [{"kind": "gp", "count": "x"}])) == \
        "Row 1: enter the count as a whole number, 0 or more"
    assert _error(ROWS, normalise(ROWS, [{"kind": "", "count": "3"}])) == "Row 1: enter the kind"
    with pytest.raises(AnswerRefused):
        normalise(ROWS, [{"kind": "gp", "secret_column": "x"}])


def test_a_required_answer_missing_and_a_prefilled_answer_not_confirmed_both_stop_submission():
    assert answer_error(YES_NO, None, today=TODAY) == "Select yes or no for “Children”"
    assert _error(YES_NO, "yes", prefilled=True) == \
        "Check this answer from your last return, then confirm it or change it"
    assert answer_error(OPTIONAL_FILE, None, today=TODAY) is None


def test_a_section_is_not_started_then_in_progress_then_complete():
    section = Section("s", "S", "", (YES_NO, NUMBER))
    assert section_status(section, {}, today=TODAY) is SectionStatus.NOT_STARTED
    assert section_status(section, {"children": StoredAnswer("no")}, today=TODAY) is SectionStatus.IN_PROGRESS
    answers = {"children": StoredAnswer("no"), "staff": StoredAnswer("4")}
    assert section_status(section, answers, today=TODAY) is SectionStatus.COMPLETE
    template = Template("1", "T", (section,))
    assert [p.question_code for p in return_problems(template, {"staff": StoredAnswer("x")}, today=TODAY)] == \
        ["children", "staff"]


def test_answers_read_in_words_for_inspectors():
    assert value_text(YES_NO, "yes") == "Yes"
    assert value_text(ROWS, [{"kind": "police", "count": "1", "note": ""}]) == "Kind: Police, Count: 1"
    assert value_text(DAY, "2026-03-31") == "31 March 2026"
    assert value_text(OPTIONAL_FILE, 7, {7: "policy.pdf"}) == "policy.pdf"
    assert value_text(NUMBER, None) == "Not answered"


def test_a_return_is_late_by_the_working_days_after_its_due_date():
    calendar = WorkingCalendar(first_year=2025, last_year=2027, bank_holidays={})
    due = date(2026, 11, 18)
    assert pir_timing(due, None, today=date(2026, 11, 16), calendar=calendar).text == \
        "Due in 2 working days, on 18 November 2026"
    late = pir_timing(due, None, today=date(2026, 11, 23), calendar=calendar)
    assert late.late and late.working_days_late == 3 and late.text.startswith("Late by 3 working days")
    assert pir_timing(due, date(2026, 11, 18), today=TODAY, calendar=calendar).text == "Submitted on time"
    assert pir_timing(due, date(2026, 11, 20), today=TODAY, calendar=calendar).text == \
        "Submitted 2 working days late: it was due on 18 November 2026"


def test_the_template_keeps_each_questions_kloe_tags():
    template = template_from_definition({"version": "2026.1", "title": "T", "sections": [
        {"key": "s", "title": "S", "questions": [{"code": "about", "text": "About", "type": "text",
                                                   "word_limit": 10, "kloes": ["R1", "E1"]}]}]})
    assert template.question("about").kloes == ("R1", "E1")
    assert template.section_of("about").key == "s"
