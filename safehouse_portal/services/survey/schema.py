"""Reading a survey question-set file (JSON) into a validated ``QuestionSet``.

The questions and their translations are data (``data/survey_default.json``; format in
``SURVEY_FORMAT.md``): pydantic checks the shape here, the domain's ``definition_problems``
checks the rest (every language has every text, placeholders kept), and every problem is
reported at once, before anything is written.
"""

import json
from importlib import resources
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from safehouse_portal.domain.survey import MAX_TEXT, Language, Question, QuestionSet, definition_problems
from safehouse_portal.services.core.errors import ServiceError
from safehouse_portal.services.core.validation import file_error_message

DEFAULT_FILE = "survey_default.json"
CODE = r"^[a-z][a-z0-9_]*$"
LANGUAGE_CODE = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$"


def _text(max_length: int, pattern: str | None = None) -> StringConstraints:
    return StringConstraints(strip_whitespace=True, min_length=1, max_length=max_length, pattern=pattern)


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class QuestionSpec(_Spec):
    """One question as the file gives it."""

    code: Annotated[str, _text(40, CODE)]
    kind: Literal["choice", "text"]
    options: list[Annotated[str, _text(40, CODE)]] = []
    service_kinds: list[Literal["safehouse", "outreach"]] = Field(min_length=1)
    max_chars: int = Field(MAX_TEXT, ge=1, le=MAX_TEXT)


class LanguageSpec(_Spec):
    """One translation: its code (BCP 47), its name in itself, direction, review status and texts."""

    code: Annotated[str, _text(20, LANGUAGE_CODE)]
    name: Annotated[str, _text(60)]
    dir: Literal["ltr", "rtl"] = "ltr"
    status: Literal["draft", "reviewed"] = "draft"
    texts: dict[Annotated[str, _text(60)], Annotated[str, _text(2000)]]


class QuestionSetSpec(_Spec):
    """A whole question set as the file gives it."""

    version: Annotated[str, _text(50, r"^\d{4}\.\d{1,3}(-[a-z0-9]+)*$")]
    title: Annotated[str, _text(200)]
    source: Annotated[str, _text(500)]
    questions: list[QuestionSpec] = Field(min_length=1)
    languages: list[LanguageSpec] = Field(min_length=1)


class SurveyFileError(ServiceError):
    """A question-set file has problems; ``errors`` lists each, naming where it is."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__(f"{len(errors)} problem(s) in the question set")
        self.errors = errors


def parse_definition(data: Any) -> QuestionSet:
    """The question set ``data`` (parsed JSON) describes, or ``SurveyFileError`` naming every problem."""
    try:
        spec = QuestionSetSpec.model_validate(data)
    except ValidationError as exc:
        raise SurveyFileError([f"{'.'.join(str(p) for p in e['loc']) or 'file'}: {file_error_message(e)}"
                               for e in exc.errors()]) from None
    question_set = to_domain(spec)
    problems = definition_problems(question_set)
    if problems:
        raise SurveyFileError(problems)
    return question_set


def parse_json(text: str) -> QuestionSet:
    """Parse and validate a question-set JSON file's text."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SurveyFileError([f"line {exc.lineno}, column {exc.colno}: not valid JSON ({exc.msg})"]) from None
    return parse_definition(data)


def to_domain(spec: QuestionSetSpec) -> QuestionSet:
    """The domain's view of a validated file."""
    return QuestionSet(
        version=spec.version, title=spec.title, source=spec.source,
        questions=tuple(Question(code=q.code, kind=q.kind, service_kinds=frozenset(q.service_kinds),
                                 options=tuple(q.options), max_chars=q.max_chars) for q in spec.questions),
        languages=tuple(Language(code=lang.code, name=lang.name, dir=lang.dir, status=lang.status,
                                 texts=dict(lang.texts)) for lang in spec.languages),
    )


def to_definition(question_set: QuestionSet) -> dict[str, Any]:
    """The JSON stored with a version: the same shape as the file, so it reads back through ``parse_definition``."""
    return {
        "version": question_set.version, "title": question_set.title, "source": question_set.source,
        "questions": [{"code": q.code, "kind": q.kind, "options": list(q.options),
                       "service_kinds": sorted(q.service_kinds), "max_chars": q.max_chars}
                      for q in question_set.questions],
        "languages": [{"code": lang.code, "name": lang.name, "dir": lang.dir, "status": lang.status,
                       "texts": dict(lang.texts)} for lang in question_set.languages],
    }


def default_question_set() -> QuestionSet:
    """The packaged default question set."""
    return parse_json(resources.files("safehouse_portal").joinpath("data", DEFAULT_FILE).read_text("utf-8"))
