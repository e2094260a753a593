"""Home-page read models for inspectors, programme managers and stakeholders."""

from collections import Counter
from dataclasses import dataclass

from sqlmodel import Session, func, or_, select

from safehouse_portal.db import Inspection, InspectionGroup, InspectionTeamMember, Provider
from safehouse_portal.domain.enums import STAGE_LABELS, Role, Stage
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


@dataclass(frozen=True)
class StageCount:
    stage: str
    label: str
    count: int


@dataclass(frozen=True)
class ProgrammeOverview:
    stage_counts: list[StageCount]
    inspections: list[InspectionRow]
    providers: int
    groups: int


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


def programme_overview(*, session: Session, actor: Actor | None) -> ProgrammeOverview:
    """Every group's current (latest) inspection with counts per stage, for programme managers and admins."""
    require_role(actor, Role.PROGRAMME_MANAGER, Role.ADMIN)
    current = select(func.max(Inspection.id)).group_by(Inspection.group_id)
    rows = inspection_rows(session, select(Inspection).where(Inspection.id.in_(current)))
    counts = Counter(r.stage for r in rows)
    return ProgrammeOverview(
        stage_counts=[StageCount(s.value, STAGE_LABELS[s], counts.get(s.value, 0)) for s in Stage],
        inspections=rows,
        providers=len(session.exec(select(Provider.id)).all()),
        groups=len(session.exec(select(InspectionGroup.id)).all()),
    )


def issued_reports(*, session: Session, actor: Actor | None) -> list[InspectionRow]:
    """Inspections whose final report has been issued: all a stakeholder may see."""
    require_role(actor, Role.STAKEHOLDER, Role.PROGRAMME_MANAGER, Role.ADMIN)
    return inspection_rows(
        session, select(Inspection).where(Inspection.stage.in_([s.value for s in ISSUED_STAGES]))
    )
