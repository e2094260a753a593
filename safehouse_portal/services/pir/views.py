"""Read models of the PIR: what the task list, a section page and the inspector's page show.

Frozen dataclasses of plain strings, numbers and lists, so a page can hand them to the
browser as they are. They never hold another provider's data.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from safehouse_portal.db import PirAnswer, StoredFile
from safehouse_portal.domain.options import Option
from safehouse_portal.domain.pir import (
    ColumnType, Question, QuestionType, StoredAnswer, answer_error, is_answered,
)
from safehouse_portal.domain.pir_values import typed_day
from safehouse_portal.services.pir.store import AnswerRow


@dataclass(frozen=True)
class CellView:
    """One cell of a repeating row: its column and what was entered."""

    column: str = ""
    label: str = ""
    type: str = ""
    value: str = ""
    options: list[Option] = field(default_factory=list)
    field_id: str = ""


@dataclass(frozen=True)
class RowView:
    index: int = 0
    number: int = 0
    cells: list[CellView] = field(default_factory=list)


@dataclass(frozen=True)
class QuestionView:
    """One question as a section page shows it, with its saved answer and any problem.

    ``value`` is the answer as typed (or the chosen option's value); ``rows`` hold a
    repeating-rows answer; ``file_*`` describe an uploaded file (``file_id`` None for none). ``problem`` is shown
    at the field; ``missing`` says it is a required answer not given yet (shown once
    the person asks to check the section).
    """

    code: str = ""
    field_id: str = ""
    text: str = ""
    hint: str = ""
    type: str = ""
    required: bool = False
    word_limit: int = 0
    options: list[Option] = field(default_factory=list)
    value: str = ""
    rows: list[RowView] = field(default_factory=list)
    file_name: str = ""
    file_id: int | None = None
    file_size: str = ""
    prefilled: bool = False
    problem: str = ""
    missing: bool = False
    version: int = 0
    kloes: str = ""


@dataclass(frozen=True)
class SectionLink:
    key: str = ""
    title: str = ""
    status: str = ""
    status_label: str = ""


@dataclass(frozen=True)
class ReturnChoice:
    """One of the provider's returns, to switch between them."""

    inspection_id: int = 0
    label: str = ""
    status_label: str = ""
    current: bool = False


@dataclass(frozen=True)
class TaskListView:
    """The task list: the return's state, its deadline and each section's status."""

    inspection_id: int = 0
    inspection_label: str = ""
    status: str = ""
    status_label: str = ""
    editable: bool = False
    due_text: str = ""
    due_explanation: str = ""
    late: bool = False
    submitted_text: str = ""
    reopened_reason: str = ""
    prefilled_count: int = 0
    sections: list[SectionLink] = field(default_factory=list)
    complete_sections: int = 0
    choices: list[ReturnChoice] = field(default_factory=list)


@dataclass(frozen=True)
class ProblemView:
    """One entry of an error summary: the message, and the section and field it links to."""

    message: str = ""
    inspection_id: int = 0
    section_key: str = ""
    field_id: str = ""


@dataclass(frozen=True)
class SectionView:
    """One section's page; ``next_key`` is the following section's ("" for the last)."""

    inspection_id: int = 0
    inspection_label: str = ""
    key: str = ""
    title: str = ""
    description: str = ""
    number: int = 0
    total: int = 0
    editable: bool = False
    status_label: str = ""
    questions: list[QuestionView] = field(default_factory=list)
    next_key: str = ""


@dataclass(frozen=True)
class AnswerView:
    """One answer as an inspector reads it (``file_id`` the uploaded file it names, if any)."""

    code: str = ""
    question: str = ""
    answer: str = ""
    file_id: int | None = None
    kloes: str = ""
    updated: str = ""


@dataclass(frozen=True)
class ReviewSection:
    title: str = ""
    answers: list[AnswerView] = field(default_factory=list)


@dataclass(frozen=True)
class ReviewView:
    """A return as the inspection team sees it, and whether the viewer may reopen it."""

    inspection_id: int = 0
    provider_name: str = ""
    group_name: str = ""
    status: str = ""
    status_label: str = ""
    submitted_text: str = ""
    timing_text: str = ""
    late: bool = False
    reopened_reason: str = ""
    sections: list[ReviewSection] = field(default_factory=list)
    may_reopen: bool = False


@dataclass(frozen=True)
class KloeAnswer:
    """A PIR answer to a question tagged with a KLOE (for the judgement builder)."""

    question_code: str = ""
    question: str = ""
    answer: str = ""
    file_id: int | None = None
    updated_at: str = ""


def field_id(code: str) -> str:
    return f"q-{code}"


def question_view(question: Question, row: PirAnswer | AnswerRow | None, files: Mapping[int, StoredFile], *,
                  today: date) -> QuestionView:
    """The question with its answer; problems of what was entered, and whether it is missing."""
    answer = StoredAnswer(row.value, row.prefilled) if row else None
    value = row.value if row else None
    problem = answer_error(question, answer, today=today) or ""
    missing = question.required and not is_answered(value)
    file_row = files.get(value) if question.type is QuestionType.FILE and isinstance(value, int) else None
    return QuestionView(
        code=question.code, field_id=field_id(question.code), text=question.text, hint=question.hint,
        type=question.type.value, required=question.required, word_limit=question.word_limit or 0,
        options=list(question.choices),
        value=(typed_day(value) if question.type is QuestionType.DATE else value) if isinstance(value, str) else "",
        rows=_rows(question, value if isinstance(value, list) else []),
        file_name=file_row.original_name if file_row else "", file_id=file_row.id if file_row else None,
        file_size=_size(file_row.size) if file_row else "",
        prefilled=bool(row and row.prefilled and is_answered(value)),
        problem=problem, missing=missing,
        version=row.version if row else 0, kloes=", ".join(question.kloes),
    )


def _rows(question: Question, value: list[dict[str, Any]]) -> list[RowView]:
    rows = value or ([{}] if question.type is QuestionType.ROWS else [])
    return [RowView(n, n + 1, [
        CellView(c.code, c.label, c.type.value, str(row.get(c.code) or ""),
                 list(c.options) if c.type is ColumnType.CHOICE else [],
                 f"q-{question.code}-{n}-{c.code}")
        for c in question.columns]) for n, row in enumerate(rows)]


def _size(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1024 / 1024:.1f} MB"
