"""The provider's side of the PIR: the task list, one section at a time, autosave, submission.

Only a provider lead works on a return, and only on their own provider's returns; every
function checks that first. Each answer carries a version that rises with every save:
a save made against an older version is refused with the newer answer and who made it,
so two people of the same provider never overwrite each other without knowing.
"""

from dataclasses import dataclass, field, replace
from datetime import date

from sqlmodel import Session, select

from safehouse_portal.db import Inspection, InspectionGroup, PirReturn, User
from safehouse_portal.db.types import utcnow
from safehouse_portal.domain.dates import format_date_range
from safehouse_portal.domain.autosave import refused_as_conflict
from safehouse_portal.domain.enums import Stage
from safehouse_portal.domain.lifecycle import check_move
from safehouse_portal.domain.pir import (
    RETURN_STATUS_LABELS, SECTION_STATUS_LABELS, AnswerRefused, QuestionType, ReturnStatus, Template, normalise,
    return_problems, section_status,
)
from safehouse_portal.services.core import access, audit
from safehouse_portal.services.core import files
from safehouse_portal.services.core.access import Action, ProviderFacts
from safehouse_portal.services.pir import store as pir_store
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.core.errors import InvalidInput, NotFound, ServiceError
from safehouse_portal.services.pir.views import (
    ProblemView, QuestionView, ReturnChoice, SectionLink, SectionView, TaskListView, field_id, question_view,
)
from safehouse_portal.services.programme.stage_facts import facts_for

EDITABLE = {ReturnStatus.NOT_STARTED.value, ReturnStatus.IN_PROGRESS.value, ReturnStatus.REOPENED.value}


class AnswerConflict(ServiceError):
    """Someone else saved this answer since the person loaded it; ``current`` is their answer."""

    def __init__(self, current: QuestionView, by: str, at: str) -> None:
        super().__init__(f"{by} changed this answer at {at}")
        self.current, self.by, self.at = current, by, at


@dataclass(frozen=True)
class SubmitOutcome:
    """Submitted, or the problems that stop it (each linking to its field)."""

    submitted: bool = False
    problems: list[ProblemView] = field(default_factory=list)
    message: str = ""


@dataclass(frozen=True)
class _Open:
    inspection: Inspection
    group: InspectionGroup
    row: PirReturn
    template: Template


def task_list(*, session: Session, actor: Actor | None, inspection_id: object = None, today: date) -> TaskListView:
    """The return's task list; without an id, the provider's most pressing return."""
    opened = _open(session, actor, inspection_id)
    answers = pir_store.stored(pir_store.answers_of(session, opened.row.id))
    statuses = [section_status(s, answers, today=today) for s in opened.template.sections]
    due = pir_store.due(session, opened.inspection, today)
    row = opened.row
    return TaskListView(
        inspection_id=opened.inspection.id, inspection_label=_label(opened),
        status=row.status, status_label=RETURN_STATUS_LABELS[ReturnStatus(row.status)],
        editable=row.status in EDITABLE,
        due_text=due.timing.text if due.timing else "", due_explanation=due.explanation,
        late=bool(due.timing and due.timing.late), submitted_text=pir_store.submitted_text(session, row),
        reopened_reason=row.reopened_reason or "" if row.status == ReturnStatus.REOPENED.value else "",
        prefilled_count=sum(1 for a in answers.values() if a.prefilled and a.value is not None),
        sections=[SectionLink(s.key, s.title, st.value, SECTION_STATUS_LABELS[st])
                  for s, st in zip(opened.template.sections, statuses)],
        complete_sections=sum(1 for st in statuses if st.value == "complete"),
        choices=_choices(session, actor, opened.inspection.id),
    )


def section_page(*, session: Session, actor: Actor | None, inspection_id: object, section_key: object,
                 today: date) -> SectionView:
    """One section with every question and its saved answer.

    Raises:
        NotFound: No such section in the return's template.
    """
    opened = _open(session, actor, inspection_id)
    template = opened.template
    section = template.section(section_key) if isinstance(section_key, str) else None
    if section is None:
        raise NotFound("No such section")
    rows = pir_store.answers_of(session, opened.row.id)
    files_by_id = pir_store.file_names(session, opened.row.provider_id, rows)
    status = section_status(section, pir_store.stored(rows), today=today)
    index = template.sections.index(section)
    following = template.sections[index + 1] if index + 1 < len(template.sections) else None
    return SectionView(
        inspection_id=opened.inspection.id, inspection_label=_label(opened), key=section.key, title=section.title,
        description=section.description, number=index + 1, total=len(template.sections),
        editable=opened.row.status in EDITABLE, status_label=SECTION_STATUS_LABELS[status],
        questions=[question_view(q, rows.get(q.code), files_by_id, today=today) for q in section.questions],
        next_key=following.key if following else "",
    )


def save_answer(*, session: Session, actor: Actor | None, inspection_id: object, question_code: object,
                value: object, expected_version: object, today: date, confirm: bool = False) -> QuestionView:
    """Save one answer if nobody else changed it since ``expected_version``; its new view.

    A newer answer this same person saved last is theirs, not a conflict (``refused_as_conflict``).

    Saving a value (or confirming it) clears its pre-filled mark.

    Raises:
        AnswerConflict: The answer changed since the person loaded it.
        InvalidInput: The return is submitted, or the value is not one this question takes.
    """
    target = _saving(session, actor, inspection_id, question_code)
    question = target.template.question(question_code) if isinstance(question_code, str) else None
    if question is None:
        raise InvalidInput({"question": "Unknown question"})
    _check_editable(target.status)
    if not isinstance(expected_version, int) or isinstance(expected_version, bool) or expected_version < 0:
        raise InvalidInput({question.code: "Reload the page and try again"})
    stored = _stored_value(session, target.provider_id, question, value)
    answer = target.answer
    if refused_as_conflict(answer.version if answer else 0, expected_version,
                           answer.updated_by_id if answer else None, actor.user_id):
        raise _conflict(session, target.provider_id, question, answer, today)
    if confirm and answer is None:
        raise InvalidInput({question.code: "There is no answer to confirm"})
    if not confirm and (answer.value if answer else None) == stored:
        return question_view(question, answer, pir_store.file_names(
            session, target.provider_id, {question.code: answer} if answer else {}), today=today)
    saved = pir_store.write_answer(session, target, pir_store.AnswerRow(
        answer.id if answer else None, question.code, answer.value if confirm else stored,
        (answer.version if answer else 0) + 1, False, utcnow(), actor.user_id))
    audit.record(session=session, actor=actor, action="pir.answer_confirmed" if confirm else "pir.answer_saved",
                 entity_type="pir_return", entity_id=target.return_id,
                 before={"question": question.code, "value": answer.value if answer else None},
                 after={"question": question.code, "value": saved.value, "version": saved.version},
                 scope=(target.provider_id, target.inspection_id))
    return question_view(question, saved, pir_store.file_names(session, target.provider_id,
                                                               {question.code: saved}), today=today)


def attach_file(*, session: Session, actor: Actor | None, inspection_id: object, question_code: object,
                name: object, content: object, expected_version: object, today: date) -> QuestionView:
    """Check and keep an uploaded file, and make it the answer to a file question.

    Raises:
        InvalidInput: Keyed by the question's code: the file is empty, too big or not
            an allowed kind (judged by its content), or the question takes no file.
    """
    opened = _open(session, actor, inspection_id)
    question = opened.template.question(question_code) if isinstance(question_code, str) else None
    if question is None or question.type is not QuestionType.FILE:
        raise InvalidInput({"question": "Unknown question"})
    _check_editable(opened.row.status)
    try:
        row = files.store(session=session, actor=actor, name=name, content=content, purpose="pir")
    except InvalidInput as exc:
        raise InvalidInput({question.code: exc.errors.get("file", "The file could not be read")}) from None
    return save_answer(session=session, actor=actor, inspection_id=opened.inspection.id, question_code=question.code,
                       value=row.id, expected_version=expected_version, today=today)


def submit_return(*, session: Session, actor: Actor | None, inspection_id: object, today: date) -> SubmitOutcome:
    """Submit when every required answer is valid: record who and when, lock it, mark the PIR received.

    The inspection moves from announced to PIR received through the lifecycle's gate.
    """
    opened = _open(session, actor, inspection_id, lock=True)
    _check_editable(opened.row.status)
    answers = pir_store.stored(pir_store.answers_of(session, opened.row.id))
    problems = return_problems(opened.template, answers, today=today)
    if problems:
        return SubmitOutcome(False, [ProblemView(
            f"{opened.template.section(p.section_key).title}: {p.message}", opened.inspection.id, p.section_key,
            field_id(p.question_code)) for p in problems], "")
    row, inspection = opened.row, opened.inspection
    before = {"status": row.status, "stage": inspection.stage.value}
    row.status, row.submitted_at, row.submitted_by_id = ReturnStatus.SUBMITTED.value, utcnow(), actor.user_id
    session.add(row)
    moved = _mark_received(session, inspection, today)
    audit.record(session=session, actor=actor, action="pir.submitted", entity_type="pir_return", entity_id=row.id,
                 before=before, after={"status": row.status, "stage": inspection.stage.value,
                                       "pir_received_on": inspection.pir_received_on.isoformat()})
    if moved:
        audit.record(session=session, actor=actor, action="inspection.stage_moved", entity_type="inspection",
                     entity_id=inspection.id, before={"stage": Stage.ANNOUNCED.value},
                     after={"stage": Stage.PIR_RECEIVED.value, "reason": "PIR submitted by the provider",
                            "pir_received_on": inspection.pir_received_on.isoformat()})
    session.flush()
    return SubmitOutcome(True, [], f"Your information return was submitted. {pir_store.submitted_text(session, row)}.")


def _mark_received(session: Session, inspection: Inspection, today: date) -> bool:
    """Record the PIR as received today (unless recorded already) and move announced -> PIR received."""
    if inspection.pir_received_on is None:
        inspection.pir_received_on = max(today, inspection.pir_requested_on or today)
    moved = False
    if inspection.stage is Stage.ANNOUNCED:
        facts = replace(facts_for(session, inspection, today), pir_submitted=True)
        if check_move(Stage.ANNOUNCED, Stage.PIR_RECEIVED, facts).allowed:
            inspection.stage, moved = Stage.PIR_RECEIVED, True
    session.add(inspection)
    return moved


def _saving(session: Session, actor: Actor | None, inspection_id: object, code: object) -> pir_store.Saving:
    """What a save of ``code`` changes, as ``_open`` checks it (the return locked, and created on first opening)."""
    actor = access.require_own_provider(actor)
    if inspection_id is not None and isinstance(code, str):
        target = pir_store.saving(session, pir_store.checked_id(inspection_id), code)
        if target is not None:
            access.require(actor, Action.ACT_AS_PROVIDER, ProviderFacts(target.provider_id))
            return target
    opened = _open(session, actor, inspection_id, lock=True)  # not opened yet: opened (and checked) here
    return pir_store.saving(session, opened.inspection.id, code if isinstance(code, str) else "")


def _open(session: Session, actor: Actor | None, inspection_id: object, lock: bool = False) -> _Open:
    """The actor's own provider's return for the inspection (created on first opening)."""
    actor = access.require_own_provider(actor)
    if inspection_id is None:
        inspection_id = _default_inspection(session, actor)
    inspection, group = pir_store.inspection_of(session, inspection_id)
    access.require(actor, Action.ACT_AS_PROVIDER, ProviderFacts(group.provider_id))
    row, template = pir_store.open_return(session, actor, inspection, group, lock=lock)
    return _Open(inspection, group, row, template)


def _requested(session: Session, provider_id: int) -> list[tuple[Inspection, InspectionGroup]]:
    return list(session.exec(
        select(Inspection, InspectionGroup).join(InspectionGroup, InspectionGroup.id == Inspection.group_id)
        .where(InspectionGroup.provider_id == provider_id, Inspection.pir_requested_on.is_not(None))
        .order_by(Inspection.pir_requested_on.desc(), Inspection.id.desc())
    ).all())


def _default_inspection(session: Session, actor: Actor) -> int:
    """The open return asked for first, else the latest request."""
    requested = _requested(session, actor.provider_id)
    if not requested:
        raise NotFound("No information return has been asked for yet")
    statuses = _statuses(session, [i.id for i, _ in requested])
    open_ones = [i for i, _ in requested if statuses.get(i.id, "not_started") in EDITABLE
                 and i.pir_received_on is None]
    return (open_ones[-1] if open_ones else requested[0][0]).id


def _statuses(session: Session, inspection_ids: list[int]) -> dict[int, str]:
    rows = session.exec(select(PirReturn.inspection_id, PirReturn.status)
                        .where(PirReturn.inspection_id.in_(inspection_ids))).all()
    return dict(rows)


def _choices(session: Session, actor: Actor, current: int) -> list[ReturnChoice]:
    requested = _requested(session, actor.provider_id)
    statuses = _statuses(session, [i.id for i, _ in requested])
    choices = []
    for inspection, group in requested:
        status = statuses.get(inspection.id) or ("submitted" if inspection.pir_received_on else "not_started")
        label = f"{group.name}: {format_date_range(inspection.planned_start, inspection.planned_end)}"
        choices.append(ReturnChoice(inspection.id, label, RETURN_STATUS_LABELS[ReturnStatus(status)],
                                    inspection.id == current))
    return choices


def _stored_value(session: Session, provider_id: int, question, value: object):
    try:
        stored = normalise(question, value)
    except AnswerRefused as refused:
        raise InvalidInput({question.code: refused.message or "This answer could not be read. Enter it again."}) \
            from None
    if question.type is QuestionType.FILE and stored is not None:
        files.owned_ids(session, provider_id, [stored], field=question.code)
    return stored


def _check_editable(status: str) -> None:
    if status not in EDITABLE:
        raise InvalidInput({"return": "This return has been submitted and can no longer be changed. "
                                      "Ask your inspector to reopen it if something must change."})


def _conflict(session: Session, provider_id: int, question, answer: pir_store.AnswerRow | None,
              today: date) -> AnswerConflict:
    who = session.get(User, answer.updated_by_id) if answer and answer.updated_by_id else None
    at = answer.updated_at.astimezone(pir_store.LONDON).strftime("%H:%M on %-d %B %Y") if answer else ""
    current = question_view(question, answer, pir_store.file_names(session, provider_id,
                                                                   {question.code: answer} if answer else {}),
                            today=today)
    return AnswerConflict(current, who.name if who else "Someone else", at)


def _label(opened: _Open) -> str:
    inspection = opened.inspection
    return f"{opened.group.name}, inspection {format_date_range(inspection.planned_start, inspection.planned_end)}"
