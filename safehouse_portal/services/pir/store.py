"""The PIR's persistence and the checks every PIR service shares (no authorisation of its own).

A return is created the first time someone opens it, with the template that is current
then, and pre-filled from the provider's latest submitted return: every copied answer
is marked until a person confirms or changes it. The due date is the programme's
timeline's (5 working days after the request, with any extension).
"""

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import bindparam, insert, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from safehouse_portal.db.engine import expire_held, read_rows
from safehouse_portal.db import (
    DeadlineExtension, Inspection, InspectionGroup, PirAnswer, PirReturn, PirTemplate, StoredFile, User,
)
from safehouse_portal.domain.dates import format_date
from safehouse_portal.domain.ids import parse_id
from safehouse_portal.domain.dates import LONDON
from safehouse_portal.domain.milestones import Milestone, compute_schedule
from safehouse_portal.domain.pir import AnswerRefused, ReturnStatus, StoredAnswer, Template, normalise
from safehouse_portal.domain.pir_timing import PirTiming, pir_timing
from safehouse_portal.services.core import audit
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.core.calendar import working_calendar
from safehouse_portal.services.core.errors import InvalidInput, NotFound
from safehouse_portal.services.pir.template import ensure_default_template, load_template
from safehouse_portal.services.programme.deadlines import inspection_dates


_INSPECTION_AND_GROUP = (select(Inspection, InspectionGroup)
                         .join(InspectionGroup, InspectionGroup.id == Inspection.group_id)
                         .where(Inspection.id == bindparam("inspection_id")))
_RETURN_AND_STAMP = (select(PirReturn, PirTemplate.version, PirTemplate.imported_at)
                     .join(PirTemplate, PirTemplate.id == PirReturn.template_id)
                     .where(PirReturn.inspection_id == bindparam("inspection_id")))
_RETURN_AND_STAMP_LOCKED = _RETURN_AND_STAMP.with_for_update(of=PirReturn)
_SAVING = (select(InspectionGroup.provider_id.label("group_provider_id"), PirReturn.id.label("return_id"),
                  PirReturn.status, PirReturn.template_id,
                  PirTemplate.version.label("template_version"), PirTemplate.imported_at,
                  PirAnswer.id.label("answer_id"), PirAnswer.value, PirAnswer.version, PirAnswer.prefilled,
                  PirAnswer.updated_at, PirAnswer.updated_by_id)
           .select_from(Inspection)
           .join(InspectionGroup, InspectionGroup.id == Inspection.group_id)
           .join(PirReturn, PirReturn.inspection_id == Inspection.id)
           .join(PirTemplate, PirTemplate.id == PirReturn.template_id)
           .outerjoin(PirAnswer, (PirAnswer.return_id == PirReturn.id) & (PirAnswer.question_code == bindparam("code")))
           .where(Inspection.id == bindparam("inspection_id"))
           .with_for_update(of=PirReturn))
_NEW_ANSWER = insert(PirAnswer.__table__)
_CHANGE_ANSWER = (update(PirAnswer.__table__).where(PirAnswer.__table__.c.id == bindparam("answer_id"))
                  .values(value=bindparam("value"), version=bindparam("version"), prefilled=False,
                          updated_at=bindparam("updated_at"), updated_by_id=bindparam("updated_by_id")))
_RETURN_STATUS = (update(PirReturn.__table__).where(PirReturn.__table__.c.id == bindparam("return_id"))
                  .values(status=bindparam("new_status")))
"""Statements every save runs, built once (building one costs about as much as running it)."""


@dataclass(frozen=True)
class Due:
    """When the return is due, how that date was worked out, and whether it is late."""

    due_on: date | None = None
    explanation: str = ""
    timing: PirTiming | None = None


def checked_id(value: object, field: str = "inspection_id") -> int:
    """A database id as a browser may send one, or InvalidInput."""
    checked = parse_id(value, text=False)
    if checked is None:
        raise InvalidInput({field: "Unknown item"})
    return checked


def inspection_of(session: Session, inspection_id: object) -> tuple[Inspection, InspectionGroup]:
    """The inspection and its group, in one statement."""
    found = session.exec(_INSPECTION_AND_GROUP, params={"inspection_id": checked_id(inspection_id)}).first()
    if found is None:
        raise NotFound("No such inspection")
    return found[0], found[1]


def return_of(session: Session, inspection_id: int, lock: bool = False) -> PirReturn | None:
    query = select(PirReturn).where(PirReturn.inspection_id == inspection_id)
    return session.exec(query.with_for_update() if lock else query).first()


def open_return(session: Session, actor: Actor, inspection: Inspection, group: InspectionGroup,
                lock: bool = False) -> tuple[PirReturn, Template]:
    """The inspection's return (locked when ``lock``) and its template, created and pre-filled on
    first opening once it was requested.

    One statement when the return exists: its row with its template's version stamp, which
    finds the parsed template already kept (``load_template``).
    """
    found = _return_and_stamp(session, inspection.id, lock)
    if found is None:
        _create_return(session, actor, inspection, group)
        found = _return_and_stamp(session, inspection.id, lock)
    row, version, imported_at = found
    return row, load_template(session=session, template_id=row.template_id, stamp=(version, imported_at))


@dataclass(frozen=True)
class AnswerRow:
    """One stored answer as a save reads and writes it: plain values, not an ORM object (building one of
    those, twice a save, cost as much as the save's UPDATE)."""

    id: int | None
    question_code: str
    value: Any
    version: int
    prefilled: bool
    updated_at: datetime
    updated_by_id: int | None


@dataclass(frozen=True)
class Saving:
    """What saving one answer reads, in one statement: the return (locked), its template and the answer."""

    inspection_id: int
    provider_id: int
    """The inspection's provider (whose lead may save)."""
    return_id: int
    status: str
    template: Template
    answer: AnswerRow | None
    """The stored answer, or None before the first save."""


def saving(session: Session, inspection_id: int, code: str) -> Saving | None:
    """The return and answer that a save of ``code`` changes, the return locked; None before the return exists.

    Core rows, not ORM objects: a save runs this on every keystroke pause, and loading the
    inspection, its group, the return and the answer as objects cost three times as much.
    """
    row = read_rows(session, _SAVING, {"inspection_id": inspection_id, "code": code}).first()
    if row is None:
        return None
    answer = AnswerRow(row.answer_id, code, row.value, row.version, row.prefilled, row.updated_at,
                       row.updated_by_id) if row.answer_id is not None else None
    template = load_template(session=session, template_id=row.template_id,
                             stamp=(row.template_version, row.imported_at))
    return Saving(inspection_id, row.group_provider_id, row.return_id, row.status, template, answer)


def write_answer(session: Session, target: Saving, answer: AnswerRow) -> AnswerRow:
    """Store ``answer`` (new, or a new version of ``target.answer``); a return not started is then in progress.
    Returns it as stored (with its id).

    Plain statements on the session's connection; any copy of the rows the session holds is
    expired, so a later read in the same unit of work sees what was written.
    """
    values = {"value": answer.value, "version": answer.version, "updated_at": answer.updated_at,
              "updated_by_id": answer.updated_by_id}
    connection = session.connection()
    if target.answer is None:
        answer = replace(answer, id=connection.execute(_NEW_ANSWER, {
            **values, "return_id": target.return_id, "question_code": answer.question_code,
            "prefilled": False}).inserted_primary_key[0])
    else:
        connection.execute(_CHANGE_ANSWER, {**values, "answer_id": target.answer.id})
        expire_held(session, PirAnswer, target.answer.id)
    if target.status == ReturnStatus.NOT_STARTED.value:
        connection.execute(_RETURN_STATUS, {"return_id": target.return_id,
                                            "new_status": ReturnStatus.IN_PROGRESS.value})
        expire_held(session, PirReturn, target.return_id)
    return answer


def _return_and_stamp(session: Session, inspection_id: int, lock: bool):
    query = _RETURN_AND_STAMP_LOCKED if lock else _RETURN_AND_STAMP
    return session.exec(query, params={"inspection_id": inspection_id}).first()


def _create_return(session: Session, actor: Actor, inspection: Inspection, group: InspectionGroup) -> None:
    """Start the inspection's return with the current template (unless someone else just did)."""
    if inspection.pir_requested_on is None:
        raise NotFound("No information return has been asked for this inspection yet")
    template_id = ensure_default_template(session=session)
    row = PirReturn(inspection_id=inspection.id, provider_id=group.provider_id, template_id=template_id,
                    status=ReturnStatus.NOT_STARTED.value, requested_on=inspection.pir_requested_on)
    session.add(row)
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        return
    copied = prefill(session, row, load_template(session=session, template_id=template_id))
    audit.record(session=session, actor=actor, action="pir.opened", entity_type="pir_return", entity_id=row.id,
                 after={"inspection_id": inspection.id, "prefilled_answers": copied})
    session.flush()


def prefill(session: Session, row: PirReturn, template: Template) -> int:
    """Copy the answers of the provider's latest submitted return that still fit; how many."""
    previous = session.exec(
        select(PirReturn).where(PirReturn.provider_id == row.provider_id, PirReturn.id != row.id,
                                PirReturn.submitted_at.is_not(None))
        .order_by(PirReturn.submitted_at.desc(), PirReturn.id.desc())
    ).first()
    if previous is None:
        return 0
    copied = 0
    for answer in session.exec(select(PirAnswer).where(PirAnswer.return_id == previous.id)):
        question = template.question(answer.question_code)
        if question is None or answer.value is None:
            continue
        try:
            value = normalise(question, answer.value)
        except AnswerRefused:
            continue
        if value is None:
            continue
        session.add(PirAnswer(return_id=row.id, question_code=question.code, value=value, prefilled=True,
                              version=1, updated_by_id=answer.updated_by_id))
        copied += 1
    return copied


def answers_of(session: Session, return_id: int) -> dict[str, PirAnswer]:
    return {a.question_code: a for a in session.exec(select(PirAnswer).where(PirAnswer.return_id == return_id))}


def stored(answers: Mapping[str, PirAnswer]) -> dict[str, StoredAnswer]:
    return {code: StoredAnswer(row.value, row.prefilled) for code, row in answers.items()}


def file_names(session: Session, provider_id: int,
               answers: Mapping[str, PirAnswer | AnswerRow]) -> dict[int, StoredFile]:
    """The provider's own files that answers point at (others are left out)."""
    ids = [a.value for a in answers.values() if isinstance(a.value, int) and not isinstance(a.value, bool)]
    if not ids:
        return {}
    rows = session.exec(select(StoredFile).where(StoredFile.id.in_(ids), StoredFile.provider_id == provider_id))
    return {row.id: row for row in rows}


def due(session: Session, inspection: Inspection, today: date) -> Due:
    """The PIR's due date from the timeline (with any extension) and how the return stands against it."""
    if inspection.planned_start is None or inspection.planned_end is None:
        return Due(None, "The inspection's dates are not set yet.", None)
    calendar = working_calendar(session=session)
    extended = {Milestone(r.milestone): r.new_due
                for r in session.exec(select(DeadlineExtension).where(DeadlineExtension.inspection_id == inspection.id)
                                      .order_by(DeadlineExtension.id))
                if r.milestone in Milestone}
    statuses = compute_schedule(inspection_dates(inspection, extended), today=today, calendar=calendar)
    status = next((s for s in statuses if s.key is Milestone.PIR_DUE), None)
    if status is None:
        return Due(None, "", None)
    return Due(status.due, status.explanation.text,
               pir_timing(status.due, inspection.pir_received_on, today=today, calendar=calendar))


def submitted_text(session: Session, row: PirReturn) -> str:
    if row.submitted_at is None:
        return ""
    who = session.get(User, row.submitted_by_id) if row.submitted_by_id else None
    at = row.submitted_at.astimezone(LONDON)
    return f"Submitted by {who.name if who else 'the provider'} at {at.strftime('%H:%M')} on {format_date(at.date())}"
