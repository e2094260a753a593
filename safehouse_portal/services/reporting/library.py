"""The final reports stakeholders receive: issued reports only, never drafts."""

from dataclasses import dataclass

from sqlmodel import Session, select

from safehouse_portal.db import Inspection, InspectionGroup, Provider, ReportIssue
from safehouse_portal.domain.dates import format_date
from safehouse_portal.domain.enums import Role
from safehouse_portal.documents.labels import TYPE_LABELS
from safehouse_portal.services.core.access import require_role
from safehouse_portal.services.core.actor import Actor


@dataclass(frozen=True)
class IssuedReport:
    """One final report as the stakeholders' list shows it (the page links its ``report-final`` document)."""

    inspection_id: int = 0
    group_name: str = ""
    provider_name: str = ""
    type_label: str = ""
    issued_on: str = ""


def issued_reports(*, session: Session, actor: Actor | None) -> list[IssuedReport]:
    """Every final report issued, newest first (stakeholders and programme managers)."""
    require_role(actor, Role.STAKEHOLDER, Role.PROGRAMME_MANAGER)
    issued = select(ReportIssue.inspection_id).distinct()
    rows = session.exec(
        select(Inspection, InspectionGroup.name, Provider.name)
        .join(InspectionGroup, InspectionGroup.id == Inspection.group_id)
        .join(Provider, Provider.id == InspectionGroup.provider_id)
        .where(Inspection.id.in_(issued), Inspection.final_issued_on.is_not(None))
        .order_by(Inspection.final_issued_on.desc(), Inspection.id)
    ).all()
    return [IssuedReport(i.id, group, provider, TYPE_LABELS[i.type], format_date(i.final_issued_on))
            for i, group, provider in rows]
