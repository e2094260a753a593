"""Demo data: inspections under way keep their locations, and one provider-notified change waits (issue 16).

The first provider's lead told CQC last week that one of its services has a new manager;
a programme manager has not yet decided. Every inspection under way keeps the locations
its group has today, as the migration does for an existing database.
"""

from datetime import UTC, date, datetime, time, timedelta

from sqlmodel import Session, select

from safehouse_portal.db import InspectionGroup, Location, Provider, ServiceChangeProposal, User
from safehouse_portal.domain.enums import Role
from safehouse_portal.domain.programme_changes import ProposalKind
from safehouse_portal.services.core.membership import keep_started_inspections


def seed(*, session: Session, today: date) -> None:
    keep_started_inspections(session, session.exec(select(InspectionGroup.id)).all())
    provider = session.exec(select(Provider).order_by(Provider.id)).first()
    if provider is None:
        return
    lead = session.exec(select(User).where(User.provider_id == provider.id, User.role == Role.PROVIDER_LEAD)).first()
    location = session.exec(select(Location).where(Location.provider_id == provider.id, Location.active)
                            .order_by(Location.id)).first()
    if lead is None or location is None:
        return
    session.add(ServiceChangeProposal(
        provider_id=provider.id, location_id=location.id, kind=ProposalKind.MANAGER,
        details={"manager_name": "Grace Mensah"}, note="Grace started as registered manager on Monday.",
        proposed_by_id=lead.id, proposed_at=datetime.combine(today - timedelta(days=6), time(10, 30), tzinfo=UTC)))
    session.flush()
