"""Who may quality assure an inspection's draft: its team, and the inspectors a programme manager names.

Being named is the only way an inspector outside the team reaches the draft report, its
letters and the sign-off (``access.Relation.QA_REVIEWER``); the lead inspector is never
named, since nobody quality assures their own report.
"""

from dataclasses import dataclass

from sqlmodel import Session, select

from safehouse_portal.db import Inspection, InspectionQaReviewer, InspectionTeamMember, User
from safehouse_portal.domain.enums import Role
from safehouse_portal.domain.ids import parse_id
from safehouse_portal.domain.options import Option
from safehouse_portal.services.core import access, audit
from safehouse_portal.services.core.access import Action
from safehouse_portal.services.core.access_facts import inspection_facts
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.core.errors import InvalidInput
from safehouse_portal.services.reporting.data import load

CHOOSE = "Choose an inspector from the list"


@dataclass(frozen=True)
class ReviewerRow:
    """A named reviewer as the report page lists them."""

    user_id: int = 0
    name: str = ""


def reviewers(session: Session, inspection_id: int) -> list[ReviewerRow]:
    """The inspectors named to quality assure the inspection's draft, by name."""
    rows = session.exec(select(User.id, User.name).join(InspectionQaReviewer, InspectionQaReviewer.user_id == User.id)
                        .where(InspectionQaReviewer.inspection_id == inspection_id).order_by(User.name, User.id)).all()
    return [ReviewerRow(user_id, name) for user_id, name in rows]


def reviewer_choices(session: Session, inspection: Inspection) -> list[Option]:
    """Active inspectors who could be named: not the lead, not on the team, not named already."""
    team = select(InspectionTeamMember.user_id).where(InspectionTeamMember.inspection_id == inspection.id)
    named = select(InspectionQaReviewer.user_id).where(InspectionQaReviewer.inspection_id == inspection.id)
    query = select(User.id, User.name).where(User.role == Role.INSPECTOR, User.active.is_(True),
                                             User.id.not_in(team),
                                             User.id.not_in(named))
    if inspection.lead_inspector_id is not None:
        query = query.where(User.id != inspection.lead_inspector_id)
    return [Option(str(user_id), name) for user_id, name in session.exec(query.order_by(User.name, User.id)).all()]


def name_reviewer(*, session: Session, actor: Actor | None, inspection_id: object,
                  data: object) -> list[ReviewerRow]:
    """Name an inspector (``data["reviewer"]``, a user id) to quality assure the inspection's draft.

    Raises:
        PermissionDenied: Not a programme manager.
        InvalidInput: Not an active inspector, the lead inspector, on the team or named already.
    """
    inspection = _open(session, actor, inspection_id)
    value = data.get("reviewer") if isinstance(data, dict) else None
    user_id = parse_id(value) if isinstance(value, str) else None
    user = session.get(User, user_id) if user_id is not None else None
    if user is None or user.role != Role.INSPECTOR or not user.active:
        raise InvalidInput({"reviewer": CHOOSE})
    if user.id == inspection.lead_inspector_id:
        raise InvalidInput({"reviewer": "The lead inspector cannot quality assure their own report"})
    if user.id in inspection_facts(session, inspection).team_ids:
        raise InvalidInput({"reviewer": f"{user.name} is on the inspection's team, so may review it already"})
    if session.get(InspectionQaReviewer, (inspection.id, user.id)) is not None:
        raise InvalidInput({"reviewer": f"{user.name} is named already"})
    session.add(InspectionQaReviewer(inspection_id=inspection.id, user_id=user.id))
    audit.record(session=session, actor=actor, action="report.qa_reviewer_named", entity_type="inspection",
                 entity_id=inspection.id, after={"reviewer_id": user.id})
    session.flush()
    return reviewers(session, inspection.id)


def remove_reviewer(*, session: Session, actor: Actor | None, inspection_id: object,
                    user_id: object) -> list[ReviewerRow]:
    """Stop naming an inspector: they lose the draft and the sign-off unless they are on the team.

    Raises:
        PermissionDenied: Not a programme manager.
        InvalidInput: The inspector is not named.
    """
    inspection = _open(session, actor, inspection_id)
    reviewer_id = parse_id(user_id) if isinstance(user_id, str) else None
    row = session.get(InspectionQaReviewer, (inspection.id, reviewer_id)) if reviewer_id is not None else None
    if row is None:
        raise InvalidInput({"reviewer": "That inspector is not named to review this draft"})
    session.delete(row)
    audit.record(session=session, actor=actor, action="report.qa_reviewer_removed", entity_type="inspection",
                 entity_id=inspection.id, before={"reviewer_id": reviewer_id})
    session.flush()
    return reviewers(session, inspection.id)


def _open(session: Session, actor: Actor | None, inspection_id: object) -> Inspection:
    """The inspection, for a programme manager (refused before anything is looked up for anyone else)."""
    actor = access.admit(actor, Action.NAME_QA_REVIEWERS)
    inspection = load(session, inspection_id, lock=True).inspection
    access.require(actor, Action.NAME_QA_REVIEWERS, inspection_facts(session, inspection))
    return inspection
