"""The Provider Information Return (PIR): its questions and the rules its answers follow.

The questions are data the programme imports (a template of sections, each of questions
tagged with the KLOEs they inform); ``template_from_definition`` turns a validated
definition into the dataclasses here. Answers are kept as the provider entered them
(text and numbers as typed, rows of cells as typed, a file's id), so nothing a person
writes is lost even when it is not yet valid; they are checked whenever they are read
and again at submission, so an invalid answer is always shown with its problem.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from safehouse_portal.domain.dates import format_date
from safehouse_portal.domain.ids import parse_id
from safehouse_portal.domain.options import Option
from safehouse_portal.domain import pir_messages as messages
from safehouse_portal.domain.pir_values import REFUSED_DATE, date_error, number_error, parse_day, parse_number
from safehouse_portal.domain.text import text_problem

KLOE_CODES: frozenset[str] = frozenset(
    [f"S{n}" for n in range(1, 7)] + [f"E{n}" for n in range(1, 8)] + [f"C{n}" for n in range(1, 4)]
    + [f"R{n}" for n in range(1, 4)] + [f"W{n}" for n in range(1, 6)]
)
"""The KLOE codes of the Safehouse Inspection Framework a question may be tagged with."""

MAX_TEXT_CHARS = 30_000
"""Longest text kept for one answer or cell (far beyond any word limit; refuses abuse)."""


class QuestionType(StrEnum):
    """How a question is answered."""

    TEXT = "text"
    NUMBER = "number"
    DATE = "date"
    YES_NO = "yes_no"
    CHOICE = "choice"
    ROWS = "rows"
    FILE = "file"


class ColumnType(StrEnum):
    """How one cell of a repeating row is answered."""

    TEXT = "text"
    NUMBER = "number"
    CHOICE = "choice"


class SectionStatus(StrEnum):
    """How far a section of the return has got (the task list's status)."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETE = "complete"


SECTION_STATUS_LABELS: Mapping[SectionStatus, str] = {
    SectionStatus.NOT_STARTED: "Not started",
    SectionStatus.IN_PROGRESS: "In progress",
    SectionStatus.COMPLETE: "Complete",
}


class ReturnStatus(StrEnum):
    """Where the whole return stands. Only a submitted return is read-only."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    SUBMITTED = "submitted"
    REOPENED = "reopened"


RETURN_STATUS_LABELS: Mapping[ReturnStatus, str] = {
    ReturnStatus.NOT_STARTED: "Not started",
    ReturnStatus.IN_PROGRESS: "In progress",
    ReturnStatus.SUBMITTED: "Submitted",
    ReturnStatus.REOPENED: "Reopened for changes",
}


YES_NO_OPTIONS = (Option("yes", "Yes"), Option("no", "No"))


@dataclass(frozen=True)
class Column:
    """One column of a repeating-rows question."""

    code: str
    label: str
    type: ColumnType
    options: tuple[Option, ...] = ()
    required: bool = True
    error_name: str = ""


@dataclass(frozen=True)
class Question:
    """One question of the template; ``kloes`` are the KLOE codes its answer informs."""

    code: str
    text: str
    type: QuestionType
    hint: str = ""
    required: bool = True
    word_limit: int | None = None
    options: tuple[Option, ...] = ()
    columns: tuple[Column, ...] = ()
    min_rows: int = 0
    max_rows: int = 50
    kloes: tuple[str, ...] = ()
    error_name: str = ""

    @property
    def choices(self) -> tuple[Option, ...]:
        """The options a person picks from (yes and no for a yes/no question)."""
        return YES_NO_OPTIONS if self.type is QuestionType.YES_NO else self.options


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    description: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Template:
    version: str
    title: str
    sections: tuple[Section, ...]

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    def question(self, code: str) -> Question | None:
        return next((q for s in self.sections for q in s.questions if q.code == code), None)

    def section_of(self, code: str) -> Section | None:
        return next((s for s in self.sections if any(q.code == code for q in s.questions)), None)


@dataclass(frozen=True)
class StoredAnswer:
    """An answer as stored: its value and whether it is still an unconfirmed pre-fill."""

    value: Any
    prefilled: bool = False


@dataclass(frozen=True)
class Problem:
    """Why a return cannot be submitted yet: one question's message."""

    section_key: str
    question_code: str
    message: str


class AnswerRefused(ValueError):
    """A value no form of this question sends (forged, malformed), or text that cannot be kept.

    ``message``, when set, tells the person how to put their text right (it stays in the field).
    """

    def __init__(self, why: str, message: str = "") -> None:
        super().__init__(why)
        self.message = message


def template_from_definition(definition: Mapping[str, Any]) -> Template:
    """The template held in an already validated definition (see ``services/pir_template``)."""
    def options(items) -> tuple[Option, ...]:
        return tuple(Option(o["value"], o["label"]) for o in items or ())

    def question(q) -> Question:
        columns = tuple(Column(c["code"], c["label"], ColumnType(c["type"]), options(c.get("options")),
                               c.get("required", True), c.get("error_name", "")) for c in q.get("columns") or ())
        return Question(code=q["code"], text=q["text"], type=QuestionType(q["type"]), hint=q.get("hint", ""),
                        required=q.get("required", True), word_limit=q.get("word_limit"),
                        options=options(q.get("options")), columns=columns, min_rows=q.get("min_rows", 0),
                        max_rows=q.get("max_rows", 50), kloes=tuple(q.get("kloes") or ()),
                        error_name=q.get("error_name", ""))

    sections = tuple(Section(s["key"], s["title"], s.get("description", ""),
                             tuple(question(q) for q in s["questions"])) for s in definition["sections"])
    return Template(definition["version"], definition["title"], sections)


def normalise(question: Question, raw: Any) -> Any:
    """The value to store for what a form sent, or ``AnswerRefused`` for what no form sends.

    A date is typed as day/month/year and stored as ``YYYY-MM-DD``; one that is not a real
    one (31/02/2026) is refused with ``REFUSED_DATE``, so the stored date stays as it was
    rather than being replaced by something unreadable. Text is kept as typed (trailing spaces trimmed) even when it is not yet valid, so a
    long answer is never lost; a choice must be one of the options; rows are a list of
    cells by column code; a file is the stored file's id. Empty means no answer (None).
    """
    if question.type is QuestionType.FILE:
        if raw in (None, ""):
            return None
        file_id = parse_id(raw, text=False)
        if file_id is None:
            raise AnswerRefused("not a file")
        return file_id
    if question.type is QuestionType.ROWS:
        return _normalise_rows(question, raw)
    text = _text(raw)
    if not text:
        return None
    if question.type in (QuestionType.YES_NO, QuestionType.CHOICE) and text not in {o.value for o in question.choices}:
        raise AnswerRefused("not one of the options")
    if question.type is QuestionType.DATE:
        day = parse_day(text)
        if day is None:
            raise AnswerRefused("not a real date", REFUSED_DATE)
        return day.isoformat()
    return text


def _text(raw: Any) -> str:
    if raw is None:
        return ""
    if not isinstance(raw, str):
        raise AnswerRefused("not text")
    problem = text_problem(raw, most=MAX_TEXT_CHARS)
    if problem:
        raise AnswerRefused(problem, problem)
    return raw.strip()


def _normalise_rows(question: Question, raw: Any) -> list[dict[str, str]] | None:
    if raw in (None, ""):
        return None
    if not isinstance(raw, list) or len(raw) > question.max_rows:
        raise AnswerRefused("not rows")
    rows = []
    for row in raw:
        if not isinstance(row, dict) or set(row) - {c.code for c in question.columns}:
            raise AnswerRefused("not a row")
        cells = {c.code: _text(row.get(c.code)) for c in question.columns}
        for column in question.columns:
            if column.type is ColumnType.CHOICE and cells[column.code] and \
                    cells[column.code] not in {o.value for o in column.options}:
                raise AnswerRefused("not one of the options")
        rows.append(cells)
    return rows or None


def is_answered(value: Any) -> bool:
    """Whether a stored value holds anything (a rows answer needs a non-blank row)."""
    if isinstance(value, list):
        return any(any(cell for cell in row.values()) for row in value)
    return value not in (None, "")


def word_count(text: str) -> int:
    return len(text.split())


def answer_error(question: Question, answer: StoredAnswer | None, *, today: date) -> str | None:
    """What is wrong with an answer, in words a provider can act on, or None if it is fine."""
    value = answer.value if answer else None
    if not is_answered(value):
        return _missing_message(question) if question.required else None
    if answer.prefilled:
        return "Check this answer from your last return, then confirm it or change it"
    if question.type is QuestionType.TEXT and question.word_limit:
        words = word_count(value)
        if words > question.word_limit:
            return f"Use {question.word_limit} words or fewer (you have used {words})"
    if question.type is QuestionType.NUMBER:
        return number_error(value)
    if question.type is QuestionType.DATE:
        return date_error(value, today)
    if question.type is QuestionType.ROWS:
        return _rows_error(question, value)
    return None


def _missing_message(question: Question) -> str:
    """What to do about an unanswered question, naming it (``pir_messages``)."""
    text, name = question.text, question.error_name
    if question.type is QuestionType.ROWS:
        return messages.missing_rows_message(text, max(question.min_rows, 1))
    return {
        QuestionType.NUMBER: messages.missing_number_message,
        QuestionType.DATE: messages.missing_date_message,
        QuestionType.YES_NO: messages.missing_yes_no_message,
        QuestionType.CHOICE: messages.missing_choice_message,
        QuestionType.FILE: messages.missing_file_message,
    }.get(question.type, messages.missing_text_message)(text, name)


def _rows_error(question: Question, rows: list[dict[str, str]]) -> str | None:
    filled = [row for row in rows if any(row.values())]
    if len(filled) < question.min_rows:
        return messages.missing_rows_message(question.text, question.min_rows)
    for n, row in enumerate(filled, start=1):
        for column in question.columns:
            cell = row.get(column.code, "")
            if not cell and column.required:
                return messages.missing_cell_message(n, column.label, column.error_name)
            if cell and column.type is ColumnType.NUMBER and parse_number(cell) is None:
                return messages.number_cell_message(n, column.label, column.error_name)
    return None


def section_status(section: Section, answers: Mapping[str, StoredAnswer], *, today: date) -> SectionStatus:
    """Not started until something is answered; complete when every answer is valid."""
    if not any(is_answered(answers[q.code].value) for q in section.questions if q.code in answers):
        return SectionStatus.NOT_STARTED
    if any(answer_error(q, answers.get(q.code), today=today) for q in section.questions):
        return SectionStatus.IN_PROGRESS
    return SectionStatus.COMPLETE


def return_problems(template: Template, answers: Mapping[str, StoredAnswer], *, today: date) -> list[Problem]:
    """Every problem that stops submission, in the template's order."""
    return [
        Problem(section.key, question.code, message)
        for section in template.sections
        for question in section.questions
        if (message := answer_error(question, answers.get(question.code), today=today))
    ]


def value_text(question: Question, value: Any, file_names: Mapping[int, str] | None = None) -> str:
    """An answer in words, as an inspector reads it ("Not answered" when empty)."""
    if not is_answered(value):
        return "Not answered"
    if question.type is QuestionType.FILE:
        return (file_names or {}).get(value, "Uploaded file")
    if question.type in (QuestionType.YES_NO, QuestionType.CHOICE):
        return _label(question.choices, value)
    if question.type is QuestionType.DATE:
        day = parse_day(value)
        return format_date(day) if day else str(value)
    if question.type is QuestionType.ROWS:
        return "; ".join(_row_text(question.columns, row) for row in value if any(row.values()))
    return str(value)


def _row_text(columns: Sequence[Column], row: Mapping[str, str]) -> str:
    cells = [f"{c.label}: {_label(c.options, row[c.code]) if c.type is ColumnType.CHOICE else row[c.code]}"
             for c in columns if row.get(c.code)]
    return ", ".join(cells)


def _label(options: Iterable[Option], value: str) -> str:
    return next((o.label for o in options if o.value == value), str(value))
