"""Home-page read models for inspectors and stakeholders (the programme board is ``services.board``)."""

from dataclasses import dataclass

from sqlmodel import Session, or_, select

from safehouse_portal.db import Inspection, InspectionTeamMember, Provider
from safehouse_portal.domain.enums import Role, Stage
from safehouse_portal.services.actor import Actor, require_role
from safehouse_portal.services.providers import InspectionRow, inspection_rows

ISSUED_STAGES = (Stage.REPORT_ISSUED, Stage.RECOMMENDATIONS_OPEN, Stage.CLOSED)


@dataclass(frozen=True)
class DesignatedProvider:
    id: int
    name: str
    lead_name: str
    lead_email: str
    lead_phone: str


@dataclass(frozen=True)
class InspectorHome:
    inspections: list[InspectionRow]
    providers: list[DesignatedProvider]


def inspector_home(*, session: Session, actor: Actor | None) -> InspectorHome:
    """The inspector's own inspections (lead or team) and designated providers."""
    actor = require_role(actor, Role.INSPECTOR)
    team = select(InspectionTeamMember.inspection_id).where(InspectionTeamMember.user_id == actor.user_id)
    mine = select(Inspection).where(or_(Inspection.lead_inspector_id == actor.user_id, Inspection.id.in_(team)))
    providers = session.exec(
        select(Provider).where(Provider.designated_inspector_id == actor.user_id).order_by(Provider.name)
    ).all()
    return InspectorHome(
        inspections=inspection_rows(session, mine),
        providers=[DesignatedProvider(p.id, p.name, p.lead_name, p.lead_email, p.lead_phone) for p in providers],
    )


def issued_reports(*, session: Session, actor: Actor | None) -> list[InspectionRow]:
    """Inspections whose final report has been issued: all a stakeholder may see."""
    require_role(actor, Role.STAKEHOLDER, Role.PROGRAMME_MANAGER, Role.ADMIN)
    return inspection_rows(
        session, select(Inspection).where(Inspection.stage.in_([s.value for s in ISSUED_STAGES]))
    )
