"""PIR messages name the question, in the GOV.UK way, whatever the template says."""

import json
from datetime import date
from importlib import resources

import pytest

from safehouse_portal.domain.pir import (
    Column, ColumnType, Question, QuestionType, StoredAnswer, answer_error, normalise, template_from_definition,
)

TODAY = date(2026, 6, 1)


@pytest.mark.parametrize(("question", "expected"), [
    (Question("a", "How do you arrange interpretation?", QuestionType.TEXT, word_limit=9),
     "Enter how you arrange interpretation"),
    (Question("b", "Describe your staffing arrangements", QuestionType.TEXT, word_limit=9),
     "Describe your staffing arrangements"),
    (Question("c", "Number of complaints received", QuestionType.NUMBER), "Enter the number of complaints received"),
    (Question("d", "Do you accept admissions out of hours?", QuestionType.YES_NO),
     "Select yes if you accept admissions out of hours"),
    (Question("e", "Can you give the survey in other languages?", QuestionType.YES_NO),
     "Select yes if you can give the survey in other languages"),
    (Question("f", "How often do support workers receive supervision?", QuestionType.CHOICE),
     "Select how often support workers receive supervision"),
    (Question("g", "Fire safety: date last reviewed", QuestionType.DATE),
     "Enter the date the fire safety policy was last reviewed"),
    (Question("h", "Fire safety: policy document", QuestionType.FILE), "Upload the fire safety policy document"),
    (Question("i", "What changed last year?", QuestionType.TEXT, word_limit=9),
     "Enter your answer to “What changed last year?”"),
    (Question("j", "Survivors", QuestionType.NUMBER, error_name="how many survivors you supported"),
     "Enter how many survivors you supported"),
])
def test_an_unanswered_question_is_named_in_its_message(question, expected):
    assert answer_error(question, None, today=TODAY) == expected


def test_a_rows_cell_uses_its_columns_name():
    rows = Question("s", "Survivors supported", QuestionType.ROWS, min_rows=1, columns=(
        Column("survivors", "Survivors", ColumnType.NUMBER, error_name="how many survivors you supported"),))
    empty = StoredAnswer(normalise(rows, [{"survivors": ""}, {"survivors": "x"}]))
    assert answer_error(rows, empty, today=TODAY) == \
        "Row 1: enter how many survivors you supported as a whole number, 0 or more"


def test_no_question_of_the_default_template_gets_a_message_that_does_not_name_it():
    definition = json.loads(resources.files("safehouse_portal.data").joinpath("pir_template_default.json").read_text())
    template = template_from_definition(definition)
    for section in template.sections:
        for question in section.questions:
            if not question.required:
                continue
            message = answer_error(question, None, today=TODAY)
            assert message not in ("Enter your answer", "Select yes or no", "Select an option", "Enter a date",
                                   "Upload a file", "Enter a whole number, 0 or more"), question.code
            assert "Enter your answer to" not in message, (question.code, message)
