"""A framework version's KLOEs as the KLOE page reads them, kept once per process.

A framework version is written once, when it is imported, and never changed afterwards
(``services/framework/versions.py``: a new version is new rows; only ``is_current`` moves,
and nothing here reads it). So each version's KLOEs, key questions, prompts and clauses are
read once and kept, keyed by the database, the version's id and its import time (one cheap
query per use): another database, or a version replaced under the same id (tests emptying
the database), is never confused with the one kept. Nothing here decides who may read
what: callers authorise first (``kloe_access``).
"""

from dataclasses import dataclass, field, replace
from datetime import datetime
from threading import Lock

from sqlalchemy import bindparam
from sqlmodel import Session, select

from safehouse_portal.db import FrameworkKeyQuestion, FrameworkVersion, Kloe, KloePrompt
from safehouse_portal.services.framework.cross_reference import ClauseView, clauses_for_kloe
from safehouse_portal.db.engine import read_rows


@dataclass(frozen=True)
class PromptRef:
    """A prompt of the framework: its id, its code (``S1.2``) and its text."""

    id: int = 0
    code: str = ""
    text: str = ""


@dataclass(frozen=True)
class FrameworkKloe:
    """One KLOE of one framework version, with its key question, prompts and clauses.

    ``clauses`` link other KLOEs to no inspection yet (``clauses_for`` adds the reader's).
    """

    id: int = 0
    version_id: int = 0
    code: str = ""
    title: str = ""
    question: str = ""
    key_question_id: int = 0
    key_question: str = ""
    key_question_title: str = ""
    prompts: tuple[PromptRef, ...] = ()
    clauses: tuple[ClauseView, ...] = field(default_factory=tuple)


_KEPT: dict[tuple, dict[str, FrameworkKloe]] = {}
_LOCK = Lock()
_MAX = 16


_IMPORTED_AT = select(FrameworkVersion.imported_at).where(FrameworkVersion.id == bindparam("version_id"))
"""The version's stamp, read at every KLOE page or save whose caller has not read it (built once)."""


def framework_kloe(session: Session, version_id: int, code: str,
                   imported: datetime | None = None) -> FrameworkKloe | None:
    """The KLOE ``code`` of framework version ``version_id``, or None when the version has none."""
    return version_kloes(session, version_id, imported).get(code)


def version_kloes(session: Session, version_id: int, imported: datetime | None = None) -> dict[str, FrameworkKloe]:
    """Every KLOE of the version by code (empty for no such version).

    ``imported`` is the version's ``imported_at`` when the caller read it already (with the inspection).
    """
    if imported is None:
        imported = read_rows(session, _IMPORTED_AT, {"version_id": version_id}).scalar()
    if imported is None:
        return {}
    key = (str(session.get_bind().url), version_id, imported)
    found = _KEPT.get(key)
    if found is not None:
        return found
    kloes = _read(session, version_id)
    with _LOCK:
        if len(_KEPT) >= _MAX:
            _KEPT.clear()
        _KEPT[key] = kloes
    return kloes


def clauses_for(kloe: FrameworkKloe, inspection_id: int) -> list[ClauseView]:
    """The KLOE's clauses, the other KLOEs citing each linking to ``inspection_id``'s pages of them."""
    return [replace(c, citing=[replace(k, inspection_id=inspection_id) for k in c.citing]) for c in kloe.clauses]


def _read(session: Session, version_id: int) -> dict[str, FrameworkKloe]:
    questions = {q.id: q for q in session.exec(select(FrameworkKeyQuestion)
                                                .where(FrameworkKeyQuestion.version_id == version_id)).all()}
    rows = session.exec(select(Kloe).where(Kloe.version_id == version_id).order_by(Kloe.position)).all()
    prompts: dict[int, list[PromptRef]] = {}
    for prompt in session.exec(select(KloePrompt).join(Kloe).where(Kloe.version_id == version_id)
                               .order_by(KloePrompt.position, KloePrompt.id)).all():
        prompts.setdefault(prompt.kloe_id, []).append(PromptRef(prompt.id, prompt.code, prompt.text))
    kloes = {}
    for row in rows:
        question = questions.get(row.key_question_id)
        kloes[row.code] = FrameworkKloe(
            id=row.id, version_id=row.version_id, code=row.code, title=row.title, question=row.question,
            key_question_id=row.key_question_id, key_question=question.key if question else "",
            key_question_title=question.title if question else "", prompts=tuple(prompts.get(row.id, [])),
            clauses=tuple(clauses_for_kloe(session, kloe=row, inspection_id=0)))
    return kloes
