"""Finding an inspection's KLOEs, for the people the access policy lets see or change them.

Inspectors see and edit only inspections they lead or are on the team of; programme
managers see every inspection's KLOEs, read-only; nobody else reaches them (provider
leads, stakeholders and admins are refused). ``access`` decides; this module asks it.
"""

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam
from sqlmodel import Session, select

from safehouse_portal.db.engine import read_rows
from safehouse_portal.db import FrameworkVersion, Inspection
from safehouse_portal.services.core import access
from safehouse_portal.services.core.access import Action, InspectionFacts
from safehouse_portal.services.core.access_facts import inspection_facts
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.core.errors import InvalidInput, NotFound
from safehouse_portal.domain.ids import parse_id
from safehouse_portal.services.judgements.kloe_framework import FrameworkKloe, framework_kloe

KLOE_CODE = re.compile(r"^[A-Z][0-9]{1,2}$")


@dataclass(frozen=True)
class InspectionRef:
    """The columns of an inspection that finding, checking and saving to one of its KLOEs reads.

    Not the whole row: loading an ``Inspection`` (thirty columns, fourteen of them dates) was
    a fifth of a KLOE text save.
    """

    id: int
    group_id: int
    lead_inspector_id: int | None
    framework_version_id: int
    key_questions: list[str]
    framework_imported_at: datetime
    """Its framework version's stamp, which finds the version's KLOEs already kept (``version_kloes``)."""


_REF = (select(Inspection.id, Inspection.group_id, Inspection.lead_inspector_id, Inspection.framework_version_id,
               Inspection.key_questions, FrameworkVersion.imported_at)
        .join(FrameworkVersion, FrameworkVersion.id == Inspection.framework_version_id)
        .where(Inspection.id == bindparam("inspection_id")))


def inspection_id_of(value: object) -> int:
    """An inspection id as a browser may send it, or InvalidInput."""
    checked = parse_id(value, text=False)
    if checked is None:
        raise InvalidInput({"inspection_id": "Choose an inspection"})
    return checked


def readable_inspection(session: Session, actor: Actor | None, inspection_id: object,
                        action: Action = Action.VIEW_INSPECTION) -> Inspection:
    """The inspection, if ``actor`` may see its KLOEs (or do ``action`` to it).

    Raises:
        PermissionDenied: Wrong role, or an inspector not on this inspection.
        InvalidInput: The id is not an id.
        NotFound: No such inspection.
    """
    return readable_with_facts(session, actor, inspection_id, action)[0]


def readable_with_facts(session: Session, actor: Actor | None, inspection_id: object,
                        action: Action = Action.VIEW_INSPECTION) -> tuple[Inspection, InspectionFacts]:
    """``readable_inspection``, and the access facts it was decided on, for a caller asking the policy again."""
    actor = access.admit(actor, action)
    return _decided(session, actor, action, session.get(Inspection, inspection_id_of(inspection_id)))


def readable_ref(session: Session, actor: Actor | None, inspection_id: object,
                 action: Action = Action.VIEW_INSPECTION) -> tuple[InspectionRef, InspectionFacts]:
    """``readable_with_facts`` for a caller that reads only an ``InspectionRef``'s columns (as stored)."""
    actor = access.admit(actor, action)
    row = read_rows(session, _REF, {"inspection_id": inspection_id_of(inspection_id)}).first()
    return _decided(session, actor, action, InspectionRef(*row) if row is not None else None)


def _decided(session: Session, actor: Actor, action: Action, inspection):
    if inspection is None:
        raise NotFound("No such inspection")
    facts = inspection_facts(session, inspection)
    access.require(actor, action, facts)
    return inspection, facts


def editable_inspection(session: Session, actor: Actor | None, inspection_id: object) -> Inspection:
    """The inspection, if ``actor`` may change its KLOEs (its lead or a team member)."""
    return readable_inspection(session, actor, inspection_id, Action.WORK_ON_INSPECTION)


def kloe_of(session: Session, inspection: Inspection | InspectionRef, code: object) -> FrameworkKloe:
    """The KLOE with ``code`` in the framework version the inspection began with.

    Raises:
        NotFound: The code is malformed or names no KLOE of that version.
    """
    if not isinstance(code, str) or not KLOE_CODE.match(code):
        raise NotFound("No such KLOE")
    kloe = framework_kloe(session, inspection.framework_version_id, code,
                          inspection.framework_imported_at if isinstance(inspection, InspectionRef) else None)
    if kloe is None:
        raise NotFound("No such KLOE")
    return kloe


def in_scope(inspection: Inspection | InspectionRef, kloe: FrameworkKloe) -> bool:
    """Whether the KLOE's key question is in the inspection's (possibly widened) scope."""
    return kloe.key_question in (inspection.key_questions or [])
