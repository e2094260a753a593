"""The inspection team's side of the PIR: read a return, reopen it with a reason, answers by KLOE.

Programme managers, the inspection's lead and team, and the provider's designated
inspector may read a return; only the lead and team may reopen a submitted one (``access``).
"""

from datetime import date

from pydantic import BaseModel, field_validator
from sqlmodel import Session

from safehouse_portal.db import PirReturn, Provider
from safehouse_portal.domain.pir import RETURN_STATUS_LABELS, ReturnStatus, value_text
from safehouse_portal.services.core import access, audit
from safehouse_portal.services.core.access import Action
from safehouse_portal.services.core.access_facts import inspection_facts
from safehouse_portal.services.pir import store as pir_store
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.core.errors import InvalidInput
from safehouse_portal.services.pir.template import load_template
from safehouse_portal.services.pir.views import AnswerView, KloeAnswer, ReviewSection, ReviewView
from safehouse_portal.services.core.validation import bounded_text, parse

MAX_REASON = 2000


class ReopenRequest(BaseModel):
    reason: str

    @field_validator("reason", mode="before")
    @classmethod
    def _reason(cls, value: object) -> str:
        return bounded_text(value, most=MAX_REASON,
                            message=f"Enter why the return is reopened, in 1 to {MAX_REASON} characters")


def review(*, session: Session, actor: Actor | None, inspection_id: object, today: date) -> ReviewView:
    """The return as submitted (or as it stands), read-only, with its timing."""
    actor = access.admit(actor, Action.READ_PIR)
    inspection, group = pir_store.inspection_of(session, inspection_id)
    facts = inspection_facts(session, inspection)
    access.require(actor, Action.READ_PIR, facts)
    row = pir_store.return_of(session, inspection.id)
    due = pir_store.due(session, inspection, today)
    status = ReturnStatus(row.status) if row else ReturnStatus.NOT_STARTED
    return ReviewView(
        inspection_id=inspection.id, provider_name=session.get(Provider, group.provider_id).name,
        group_name=group.name, status=status.value, status_label=RETURN_STATUS_LABELS[status],
        submitted_text=pir_store.submitted_text(session, row) if row else "",
        timing_text=due.timing.text if due.timing and inspection.pir_requested_on else "",
        late=bool(due.timing and due.timing.late and inspection.pir_requested_on),
        reopened_reason=(row.reopened_reason or "") if row else "",
        sections=_sections(session, row) if row else [],
        may_reopen=bool(row) and status is ReturnStatus.SUBMITTED
        and access.may(actor, Action.WORK_ON_INSPECTION, facts),
    )


def reopen(*, session: Session, actor: Actor | None, inspection_id: object, data: object) -> None:
    """Let the provider change a submitted return again (the inspection's lead or team, with a reason).

    The date the PIR was received and the stage stay as they are: the return was
    received; the provider is asked to correct or add to it.

    Raises:
        InvalidInput: No reason, or the return is not submitted.
    """
    actor = access.admit(actor, Action.WORK_ON_INSPECTION)
    inspection, _group = pir_store.inspection_of(session, inspection_id)
    access.require(actor, Action.WORK_ON_INSPECTION, inspection_facts(session, inspection))
    request = parse(ReopenRequest, data)
    row = pir_store.return_of(session, inspection.id, lock=True)
    if row is None or row.status != ReturnStatus.SUBMITTED.value:
        raise InvalidInput({"reason": "Only a submitted return can be reopened"})
    row.status, row.reopened_reason = ReturnStatus.REOPENED.value, request.reason
    session.add(row)
    audit.record(session=session, actor=actor, action="pir.reopened", entity_type="pir_return", entity_id=row.id,
                 before={"status": ReturnStatus.SUBMITTED.value},
                 after={"status": row.status, "reason": request.reason})
    session.flush()


def pir_answers_for_kloe(*, session: Session, actor: Actor | None, inspection_id: object,
                         kloe_code: object) -> list[KloeAnswer]:
    """The answered PIR questions tagged with ``kloe_code``, for those who may read the return.

    Answers are given whatever the return's status, since inspectors plan from a
    return in progress too; an empty list when there is no return or no such tag.
    """
    actor = access.admit(actor, Action.READ_PIR)
    inspection, _group = pir_store.inspection_of(session, inspection_id)
    access.require(actor, Action.READ_PIR, inspection_facts(session, inspection))
    if not isinstance(kloe_code, str) or len(kloe_code) > 10:
        raise InvalidInput({"kloe_code": "Unknown KLOE"})
    row = pir_store.return_of(session, inspection.id)
    if row is None:
        return []
    template = load_template(session=session, template_id=row.template_id)
    answers = pir_store.answers_of(session, row.id)
    files = pir_store.file_names(session, row.provider_id, answers)
    names = {i: f.original_name for i, f in files.items()}
    found = []
    for section in template.sections:
        for question in section.questions:
            answer = answers.get(question.code)
            if kloe_code not in question.kloes or answer is None or answer.value is None:
                continue
            found.append(KloeAnswer(question.code, question.text, value_text(question, answer.value, names),
                                    _file_id(answer.value, files),
                                    answer.updated_at.astimezone(pir_store.LONDON).strftime("%-d %B %Y %H:%M")))
    return found


def _sections(session: Session, row: PirReturn) -> list[ReviewSection]:
    template = load_template(session=session, template_id=row.template_id)
    answers = pir_store.answers_of(session, row.id)
    files = pir_store.file_names(session, row.provider_id, answers)
    names = {i: f.original_name for i, f in files.items()}
    sections = []
    for section in template.sections:
        views = []
        for question in section.questions:
            answer = answers.get(question.code)
            value = answer.value if answer else None
            updated = answer.updated_at.astimezone(pir_store.LONDON).strftime("%-d %B %Y") if answer else ""
            views.append(AnswerView(question.code, question.text, value_text(question, value, names),
                                    _file_id(value, files), ", ".join(question.kloes), updated))
        sections.append(ReviewSection(section.title, views))
    return sections


def _file_id(value: object, files: dict) -> int | None:
    return value if isinstance(value, int) and value in files else None
