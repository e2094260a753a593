"""Importing the survey's question sets, and reading the current one.

Like the framework, a question set is versioned data: each version is imported once and
never rewritten (a reviewed translation arrives as a new version), and a link keeps the
version it was opened with, so every response is read against the questions it answered.
Importing is an admin or programme manager task; the ``safehouse`` CLI acts as
``CLI_OPERATOR``.
"""

from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session, select

from safehouse_portal.db import SurveyQuestionSet
from safehouse_portal.domain.enums import Role
from safehouse_portal.domain.survey import QuestionSet
from safehouse_portal.services.core import audit
from safehouse_portal.services.core.access import require_role
from safehouse_portal.services.core.actor import CLI_OPERATOR, Actor
from safehouse_portal.services.core.errors import InvalidInput, NotFound
from safehouse_portal.services.survey.schema import (
    default_question_set, parse_definition, parse_json, to_definition,
)


@dataclass(frozen=True)
class QuestionSetSummary:
    """One stored question set and what it holds."""

    version_id: int = 0
    version: str = ""
    title: str = ""
    is_current: bool = False
    questions: int = 0
    languages: tuple[str, ...] = ()


def import_question_set(*, session: Session, question_set: QuestionSet, actor: Actor | None,
                        make_current: bool = True) -> QuestionSetSummary:
    """Store a validated question set as a new version, in the caller's unit of work.

    Raises:
        PermissionDenied: The actor may not import question sets.
        InvalidInput: The version already exists (versions are never overwritten).
    """
    require_role(actor, Role.ADMIN, Role.PROGRAMME_MANAGER)
    if not isinstance(question_set, QuestionSet):
        raise InvalidInput({"question_set": "Give a validated question set"})
    if _row(session, question_set.version) is not None:
        raise InvalidInput({"version": f"Version {question_set.version} has already been imported; "
                                       "give the new question set a new version"})
    if make_current:
        for current in session.exec(select(SurveyQuestionSet).where(SurveyQuestionSet.is_current == True)):  # noqa: E712
            current.is_current = False
            session.add(current)
    row = SurveyQuestionSet(version=question_set.version, title=question_set.title, source=question_set.source,
                            is_current=make_current, definition=to_definition(question_set))
    session.add(row)
    session.flush()
    audit.record(session=session, actor=actor, action="survey.question_set_imported",
                 entity_type="survey_question_set", entity_id=row.id,
                 after={"version": row.version, "is_current": row.is_current,
                        "languages": [lang.code for lang in question_set.languages]})
    return _summary(row, question_set)


def import_question_set_file(*, session: Session, path: Path, actor: Actor | None) -> QuestionSetSummary:
    """Read, validate and import a JSON question-set file (made current): all of it or nothing.

    Raises:
        SurveyFileError: The file has problems; each is named.
        InvalidInput: The file is missing or not JSON, or its version exists.
    """
    require_role(actor, Role.ADMIN, Role.PROGRAMME_MANAGER)
    path = Path(path)
    if path.suffix.lower() != ".json":
        raise InvalidInput({"path": f"Use a .json file, not '{path.suffix}'"})
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InvalidInput({"path": f"Cannot read {path}: {exc.strerror or exc}"}) from None
    return import_question_set(session=session, question_set=parse_json(text), actor=actor)


def ensure_default_question_set(*, session: Session) -> int:
    """Import the packaged default if no version exists yet; return the current version's id.

    Raises:
        NotFound: Versions exist but none is marked current.
    """
    if session.exec(select(SurveyQuestionSet.id)).first() is None:
        import_question_set(session=session, question_set=default_question_set(), actor=CLI_OPERATOR)
    row = session.exec(select(SurveyQuestionSet).where(SurveyQuestionSet.is_current == True)).first()  # noqa: E712
    if row is None:
        raise NotFound("No survey question set is marked current")
    return row.id


def question_set(session: Session, question_set_id: int) -> QuestionSet:
    """The stored question set with ``question_set_id``, read back through the same validation.

    Raises:
        NotFound: No such version.
    """
    row = session.get(SurveyQuestionSet, question_set_id)
    if row is None:
        raise NotFound("No such survey question set")
    key = (row.id, row.version, row.imported_at)
    parsed = _PARSED.get(key)
    if parsed is None:
        parsed = parse_definition(row.definition)
        if len(_PARSED) >= _PARSED_MAX:
            _PARSED.clear()
        _PARSED[key] = parsed
    return parsed


_PARSED: dict[tuple, QuestionSet] = {}
"""Validated question sets by (id, version, import time): a version is never rewritten, so each is
validated once per process, not on every survivor's page and answer (it took 6 ms each time)."""
_PARSED_MAX = 64


def _row(session: Session, version: str) -> SurveyQuestionSet | None:
    return session.exec(select(SurveyQuestionSet).where(SurveyQuestionSet.version == version)).first()


def _summary(row: SurveyQuestionSet, question_set: QuestionSet) -> QuestionSetSummary:
    return QuestionSetSummary(version_id=row.id, version=row.version, title=row.title, is_current=row.is_current,
                              questions=len(question_set.questions),
                              languages=tuple(lang.code for lang in question_set.languages))
