"""The PIR answers tagged with one KLOE, as the inspector's cross-reference panel shows them.

Read-only over the PIR tables (the provider portal owns them). Answers are shown as the
provider last saved them, submitted or not, so the panel follows the provider's edits.
"""

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import bindparam, func
from sqlmodel import Session, select

from safehouse_portal.db import PirAnswer, PirReturn, PirTemplate, StoredFile
from safehouse_portal.domain.dates import LONDON
from safehouse_portal.domain.options import Option
from safehouse_portal.services.core.pir_templates import template_by_id
from safehouse_portal.domain.pir import RETURN_STATUS_LABELS, ReturnStatus, Template, value_text
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.judgements.kloe_access import kloe_of, readable_inspection
from safehouse_portal.db.engine import read_rows


@dataclass(frozen=True)
class PirAnswerView:
    """One PIR question tagged with the KLOE, and the provider's answer in words."""

    question_code: str = ""
    question: str = ""
    section: str = ""
    answer: str = ""
    changed_at: str = ""


@dataclass(frozen=True)
class PirPanelView:
    """The PIR part of the panel; ``stamp`` changes whenever any answer of the return does."""

    started: bool = False
    status_label: str = ""
    answers: list[PirAnswerView] = field(default_factory=list)
    last_changed: str = ""
    stamp: str = ""


EMPTY_PANEL = PirPanelView()


def format_moment(moment: datetime | None) -> str:
    """``23 November 2026 at 10:05`` in England's time, or an empty string."""
    if moment is None:
        return ""
    local = moment.astimezone(LONDON)
    return f"{local.day} {local:%B %Y} at {local:%H:%M}"


@dataclass(frozen=True)
class ReturnRef:
    """The columns of a PIR return the KLOE page reads, with its template's stamp (version, import time)."""

    id: int
    provider_id: int
    template_id: int
    status: str
    template_stamp: tuple[int, datetime]
    """Finds the parsed template already kept, with no statement (``template_by_id``)."""


_RETURN = (select(PirReturn.id, PirReturn.provider_id, PirReturn.template_id, PirReturn.status,
                  PirTemplate.version, PirTemplate.imported_at)
           .join(PirTemplate, PirTemplate.id == PirReturn.template_id)
           .where(PirReturn.inspection_id == bindparam("inspection_id")))
_ANSWERS = (select(PirAnswer.question_code, PirAnswer.value, PirAnswer.updated_at)
            .where(PirAnswer.return_id == bindparam("return_id")))
_FILE_NAMES = select(StoredFile.id, StoredFile.original_name).where(StoredFile.provider_id == bindparam("provider_id"))
"""Statements every KLOE page's panel runs, built once (building one costs about as much as running it); plain
columns, not ORM objects (loading a return and every answer as objects was a fifth of the page's read)."""


def return_of(session: Session, inspection_id: int) -> ReturnRef | None:
    """The inspection's PIR, if the provider has one."""
    row = read_rows(session, _RETURN, {"inspection_id": inspection_id}).first()
    if row is None:
        return None
    return_id, provider_id, template_id, status, version, imported_at = row
    return ReturnRef(return_id, provider_id, template_id, status, (version, imported_at))


def template_of(session: Session, pir: ReturnRef) -> Template:
    """The template version the return was started with."""
    return template_by_id(session, pir.template_id, pir.template_stamp)


def last_changed(session: Session, pir: ReturnRef | None) -> datetime | None:
    """When any answer of the return was last saved (one cheap aggregate query)."""
    if pir is None:
        return None
    return session.exec(select(func.max(PirAnswer.updated_at)).where(PirAnswer.return_id == pir.id)).first()


def tagged_questions(template: Template, kloe_code: str) -> list[Option]:
    """The template's questions whose answers inform ``kloe_code``."""
    return [Option(q.code, f"{q.text} ({s.title})")
            for s in template.sections for q in s.questions if kloe_code in q.kloes]


def panel_for(session: Session, *, inspection_id: int, kloe_code: str) -> PirPanelView:
    """The answers tagged with ``kloe_code`` (the caller has authorised the reader)."""
    return panel_of(session, return_of(session, inspection_id), kloe_code)


def panel_of(session: Session, pir: ReturnRef | None, kloe_code: str) -> PirPanelView:
    """``panel_for`` the return its caller has just read (``return_of``)."""
    if pir is None:
        return EMPTY_PANEL
    template = template_of(session, pir)
    answers = {a.question_code: a for a in read_rows(session, _ANSWERS, {"return_id": pir.id}).all()}
    files = dict(read_rows(session, _FILE_NAMES, {"provider_id": pir.provider_id}).all())
    views = []
    for section in template.sections:
        for question in section.questions:
            if kloe_code not in question.kloes:
                continue
            answer = answers.get(question.code)
            views.append(PirAnswerView(
                question_code=question.code, question=question.text, section=section.title,
                answer=value_text(question, answer.value if answer else None, files),
                changed_at=format_moment(answer.updated_at) if answer else ""))
    changed = max((a.updated_at for a in answers.values()), default=None)  # ``last_changed``, from the rows read
    status = RETURN_STATUS_LABELS.get(ReturnStatus(pir.status), pir.status) if pir.status in ReturnStatus else pir.status
    return PirPanelView(True, status, views, format_moment(changed), changed.isoformat() if changed else "")


def pir_panel(*, session: Session, actor: Actor | None, inspection_id: object, kloe_code: object) -> PirPanelView:
    """The PIR answers tagged with one KLOE, for someone who may see the inspection."""
    inspection = readable_inspection(session, actor, inspection_id)
    kloe = kloe_of(session, inspection, kloe_code)
    return panel_for(session, inspection_id=inspection.id, kloe_code=kloe.code)


def pir_last_changed(*, session: Session, actor: Actor | None, inspection_id: object) -> str:
    """When the inspection's PIR answers last changed (ISO text, empty if never): cheap to poll."""
    inspection = readable_inspection(session, actor, inspection_id)
    changed = last_changed(session, return_of(session, inspection.id))
    return changed.isoformat() if changed else ""
