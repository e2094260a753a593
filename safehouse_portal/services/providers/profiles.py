"""Provider read models, scoped: a provider lead sees only their own provider.

Safehouse addresses are the most sensitive data here, so a location's address
is included only for those who must see it: the provider's own lead, programme
managers, and inspectors designated to or inspecting that provider. Each time addresses
are shown, the view is recorded in the audit trail (``address.viewed``).
"""

from dataclasses import dataclass, field

from sqlmodel import Session, select

from safehouse_portal.db import Inspection, InspectionGroup, Location, Provider, User
from safehouse_portal.domain.dates import format_date_range
from safehouse_portal.domain.enums import STAGE_LABELS, InspectionMode
from safehouse_portal.services.core import access
from safehouse_portal.services.core.access import Action, ProviderFacts
from safehouse_portal.services.core.access_facts import provider_facts
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.core.errors import InvalidInput, NotFound
from safehouse_portal.services.providers.history import audit_address_view

ADDRESS_WITHHELD = "Withheld: only the provider and its inspectors see addresses"


@dataclass(frozen=True)
class LocationRow:
    id: int = 0
    name: str = ""
    kind: str = ""
    region: str = ""
    address: str = ""
    accommodates_children: bool = False
    capacity: int = 0
    group_name: str = ""


@dataclass(frozen=True)
class InspectionRow:
    id: int = 0
    group_name: str = ""
    provider_name: str = ""
    type: str = ""
    mode: str = ""
    stage: str = ""
    stage_label: str = ""
    planned_start: str = ""
    planned_end: str = ""
    dates: str = ""
    lead_inspector: str = ""


@dataclass(frozen=True)
class ProviderDetail:
    id: int = 0
    name: str = ""
    lead_name: str = ""
    lead_email: str = ""
    lead_phone: str = ""
    designated_inspector: str = ""
    locations: list[LocationRow] = field(default_factory=list)
    inspections: list[InspectionRow] = field(default_factory=list)


def provider_detail(*, session: Session, actor: Actor | None, provider_id: object) -> ProviderDetail:
    """One provider with its locations and current inspections, if the actor may see it."""
    if not isinstance(provider_id, int) or isinstance(provider_id, bool):
        raise InvalidInput({"provider_id": "Unknown provider"})
    access.require(actor, Action.VIEW_PROVIDER, ProviderFacts(provider_id))
    provider = session.get(Provider, provider_id)
    if provider is None:
        raise NotFound("No such provider")
    designated = session.get(User, provider.designated_inspector_id) if provider.designated_inspector_id else None
    show_addresses = access.may(actor, Action.VIEW_PROVIDER_RECORDS, provider_facts(session, provider.id))
    locations = _locations(session, provider.id, show_addresses)
    if show_addresses and locations:
        audit_address_view(session=session, actor=actor, provider_id=provider.id, where="provider",
                           location_ids=[loc.id for loc in locations])
    return ProviderDetail(
        id=provider.id,
        name=provider.name,
        lead_name=provider.lead_name,
        lead_email=provider.lead_email,
        lead_phone=provider.lead_phone,
        designated_inspector=designated.name if designated else "Not yet allocated",
        locations=locations,
        inspections=inspection_rows(session, select(Inspection).join(InspectionGroup).where(
            InspectionGroup.provider_id == provider.id)),
    )


def own_provider(*, session: Session, actor: Actor | None) -> ProviderDetail:
    """The signed-in provider lead's own provider."""
    actor = access.admit(actor, Action.ACT_AS_PROVIDER)
    return provider_detail(session=session, actor=actor, provider_id=actor.provider_id)


def _locations(session: Session, provider_id: int, show_addresses: bool) -> list[LocationRow]:
    rows = session.exec(
        select(Location, InspectionGroup.name)
        .join(InspectionGroup, InspectionGroup.id == Location.group_id, isouter=True)
        .where(Location.provider_id == provider_id)
        .order_by(Location.name)
    ).all()
    return [
        LocationRow(loc.id, loc.name, loc.kind.value, loc.region,
                    loc.address if show_addresses else ADDRESS_WITHHELD, loc.accommodates_children,
                    loc.capacity, group or "")
        for loc, group in rows
    ]


def inspection_rows(session: Session, query) -> list[InspectionRow]:
    """Inspection rows for ``query`` (a select of Inspection), newest first, in 2 queries."""
    inspections = session.exec(query.order_by(Inspection.planned_start.desc())).all()
    group_ids = {i.group_id for i in inspections}
    user_ids = {i.lead_inspector_id for i in inspections if i.lead_inspector_id}
    groups = {g.id: g for g in session.exec(select(InspectionGroup).where(InspectionGroup.id.in_(group_ids))).all()}
    providers = {p.id: p.name for p in session.exec(
        select(Provider).where(Provider.id.in_({g.provider_id for g in groups.values()}))).all()}
    users = {u.id: u.name for u in session.exec(select(User).where(User.id.in_(user_ids))).all()}
    return [
        InspectionRow(
            id=i.id,
            group_name=groups[i.group_id].name,
            provider_name=providers.get(groups[i.group_id].provider_id, ""),
            type=i.type.value.capitalize(),
            mode="On site" if i.mode == InspectionMode.ON_SITE else "Remote",
            stage=i.stage.value,
            stage_label=STAGE_LABELS[i.stage],
            planned_start=i.planned_start.isoformat() if i.planned_start else "",
            planned_end=i.planned_end.isoformat() if i.planned_end else "",
            dates=format_date_range(i.planned_start, i.planned_end),
            lead_inspector=users.get(i.lead_inspector_id, "Not allocated"),
        )
        for i in inspections
    ]
