"""Provider-notified changes: a provider lead tells CQC of a new service, a closure, a new manager or address.

The guidance asks providers to "tell us about any changes to the services you provide".
A lead proposes a change for their own provider (and only their own locations); a
programme manager accepts it, which applies it with history, or declines it with a
reason; the lead sees the outcome. Addresses in proposals are shown only to those the
access policy lets see the provider's records, and each view is audited.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlmodel import Session, select

from safehouse_portal.db import Location, Provider, ServiceChangeProposal, User
from safehouse_portal.domain.dates import LONDON, format_date
from safehouse_portal.domain.enums import Role
from safehouse_portal.domain.ids import parse_id
from safehouse_portal.domain.notifications import LinkTarget, NotificationKind
from safehouse_portal.domain.programme_changes import (
    MAX_REASON, PROPOSAL_LABELS, PROPOSAL_STATUS_LABELS, ProposalKind, ProposalStatus,
)
from safehouse_portal.services.core import access, audit, outbox
from safehouse_portal.services.core.access import Action, ProviderFacts
from safehouse_portal.services.core.access_facts import provider_facts
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.core.errors import InvalidInput, NotFound
from safehouse_portal.services.core.validation import bounded_text
from safehouse_portal.services.providers import history
from safehouse_portal.services.providers.location_setup import (
    MAX_ADDRESS, MAX_NAME, LocationForm, apply_location, parse_location,
)
from safehouse_portal.services.providers.setup import Option

WITHHELD = "Withheld"
_DECIDED = {ProposalStatus.ACCEPTED: NotificationKind.SERVICE_CHANGE_ACCEPTED,
            ProposalStatus.DECLINED: NotificationKind.SERVICE_CHANGE_DECLINED}


@dataclass(frozen=True)
class ProposalRow:
    """One proposal as the lead's page and the manager's list show it."""

    id: int = 0
    provider_name: str = ""
    kind_label: str = ""
    location_name: str = ""
    summary: str = ""
    note: str = ""
    proposed_on: str = ""
    proposed_by: str = ""
    status: str = ""
    status_label: str = ""
    outcome: str = ""


@dataclass(frozen=True)
class ProviderChangesView:
    """The lead's page: their services to choose from and every change they told us of."""

    provider_name: str = ""
    locations: list[Option] = field(default_factory=list)
    proposals: list[ProposalRow] = field(default_factory=list)


def propose(*, session: Session, actor: Actor | None, data: object) -> int:
    """Tell CQC of a change to the actor's own provider's services; returns the proposal's id.

    Raises:
        PermissionDenied: Not a provider lead with a provider.
        InvalidInput: A field is wrong (another provider's location reads as not chosen); nothing is saved.
    """
    actor = access.require_own_provider(actor)
    access.require(actor, Action.PROPOSE_SERVICE_CHANGE, ProviderFacts(actor.provider_id))
    if not isinstance(data, dict):
        raise InvalidInput({"form": "The form could not be read. Try again."})
    kind = data.get("kind")
    if kind not in {k.value for k in ProposalKind}:
        raise InvalidInput({"kind": "Choose what has changed"})
    kind = ProposalKind(kind)
    errors: dict[str, str] = {}
    note = _text(errors, "note", data.get("note"), MAX_REASON, "Enter 2000 characters or fewer", required=False)
    location = None
    if kind is not ProposalKind.NEW_SERVICE:
        location = _own_location(session, actor.provider_id, data.get("location_id"))
        if location is None:
            errors["location_id"] = "Choose one of your services"
    details = _details(kind, data, errors)
    if errors:
        raise InvalidInput(errors)
    proposal = ServiceChangeProposal(provider_id=actor.provider_id, location_id=location.id if location else None,
                                     kind=kind, details=details, note=note, proposed_by_id=actor.user_id or None)
    session.add(proposal)
    session.flush()
    audit.record(session=session, actor=actor, action="programme.change_proposed", entity_type="service_change_proposal",
                 entity_id=proposal.id, after={"kind": kind.value, "location_id": proposal.location_id})
    outbox.notify(session=session, kind=NotificationKind.SERVICE_CHANGE_PROPOSED, actor_id=actor.user_id,
                  to_user_ids=outbox.people_with_role(session, Role.PROGRAMME_MANAGER), link=LinkTarget.SERVICE_CHANGES)
    return proposal.id


def provider_changes(*, session: Session, actor: Actor | None) -> ProviderChangesView:
    """The lead's own services and the changes they told us of, newest first, with their outcomes."""
    actor = access.require_own_provider(actor)
    access.require(actor, Action.PROPOSE_SERVICE_CHANGE, ProviderFacts(actor.provider_id))
    provider = session.get(Provider, actor.provider_id)
    if provider is None:
        raise NotFound("No such provider")
    locations = session.exec(select(Location).where(Location.provider_id == provider.id, Location.active)
                             .order_by(Location.name)).all()
    proposals = session.exec(select(ServiceChangeProposal).where(ServiceChangeProposal.provider_id == provider.id)
                             .order_by(ServiceChangeProposal.id.desc())).all()
    if any(p.kind in (ProposalKind.ADDRESS, ProposalKind.NEW_SERVICE) for p in proposals):
        history.audit_address_view(session=session, actor=actor, provider_id=provider.id, where="provider_changes")
    return ProviderChangesView(provider.name, [Option(str(loc.id), loc.name) for loc in locations],
                               _rows(session, proposals, show_addresses=True))


def pending_proposals(*, session: Session, actor: Actor | None) -> list[ProposalRow]:
    """Every change waiting for a decision, oldest first (addresses to those who may see them, audited)."""
    actor = access.admit(actor, Action.DECIDE_SERVICE_CHANGE)
    proposals = session.exec(select(ServiceChangeProposal).where(
        ServiceChangeProposal.status == ProposalStatus.PENDING).order_by(ServiceChangeProposal.id)).all()
    show = {p.provider_id for p in proposals
            if access.may(actor, Action.VIEW_PROVIDER_RECORDS, provider_facts(session, p.provider_id))}
    for provider_id in sorted({p.provider_id for p in proposals if p.kind in (ProposalKind.ADDRESS,
                                                                              ProposalKind.NEW_SERVICE)} & show):
        history.audit_address_view(session=session, actor=actor, provider_id=provider_id, where="service_changes")
    return [row for p in proposals for row in _rows(session, [p], show_addresses=p.provider_id in show)]


def accept(*, session: Session, actor: Actor | None, proposal_id: object) -> None:
    """Apply a pending change, with history (reason: the provider told us), and record who accepted it.

    Raises:
        PermissionDenied: Not a programme manager.
        NotFound: No such proposal, or it is decided already.
        InvalidInput: The change no longer applies (say, the location is already closed).
    """
    actor = access.admit(actor, Action.DECIDE_SERVICE_CHANGE)
    proposal = _pending(session, proposal_id)
    access.require(actor, Action.DECIDE_SERVICE_CHANGE, provider_facts(session, proposal.provider_id))
    reason = f"The provider told us (change {proposal.id})" + (f": {proposal.note}" if proposal.note else "")
    if proposal.kind is ProposalKind.NEW_SERVICE:
        _add_location(session, actor, proposal, reason)
    else:
        location = session.get(Location, proposal.location_id)
        form = _current(location)
        if proposal.kind is ProposalKind.CLOSURE:
            form.active, form.closed_on = False, datetime.fromisoformat(proposal.details["closed_on"]).date()
        elif proposal.kind is ProposalKind.MANAGER:
            form.manager_name = proposal.details["manager_name"]
        else:
            form.address = proposal.details["address"]
        try:
            apply_location(session=session, actor=actor, location=location, form=form, reason=reason, source="proposal")
        except InvalidInput:
            raise InvalidInput({"form": "This change is already in place: decline it instead"}) from None
    _decide(session, actor, proposal, ProposalStatus.ACCEPTED, "")


def decline(*, session: Session, actor: Actor | None, proposal_id: object, reason: object) -> None:
    """Decline a pending change with a reason the lead will see.

    Raises:
        PermissionDenied: Not a programme manager.
        NotFound: No such proposal, or it is decided already.
        InvalidInput: No reason given.
    """
    actor = access.admit(actor, Action.DECIDE_SERVICE_CHANGE)
    proposal = _pending(session, proposal_id)
    access.require(actor, Action.DECIDE_SERVICE_CHANGE, provider_facts(session, proposal.provider_id))
    errors: dict[str, str] = {}
    text = _text(errors, "reason", reason, MAX_REASON, "Say why you are declining this change")
    if errors:
        raise InvalidInput(errors)
    _decide(session, actor, proposal, ProposalStatus.DECLINED, text)


def _decide(session: Session, actor: Actor, proposal: ServiceChangeProposal, status: ProposalStatus,
            reason: str) -> None:
    proposal.status, proposal.decline_reason = status, reason
    proposal.decided_by_id, proposal.decided_at = actor.user_id or None, datetime.now(UTC)
    session.add(proposal)
    audit.record(session=session, actor=actor, action=f"programme.change_{status.value}",
                 entity_type="service_change_proposal", entity_id=proposal.id,
                 after={"status": status.value, "reason": reason})
    outbox.notify(session=session, kind=_DECIDED[status], actor_id=actor.user_id, link=LinkTarget.PROVIDER_CHANGES,
                  to_user_ids=outbox.provider_leads(session, provider_id=proposal.provider_id))
    session.flush()


def _add_location(session: Session, actor: Actor, proposal: ServiceChangeProposal, reason: str) -> None:
    d = proposal.details
    location = Location(provider_id=proposal.provider_id, name=d["name"], kind=d["kind"], region=d["region"],
                        address=d["address"], accommodates_children=d["accommodates_children"],
                        capacity=d["capacity"], manager_name=d.get("manager_name") or None)
    session.add(location)
    session.flush()
    history.record(session=session, actor=actor, provider_id=proposal.provider_id, entity_type="location",
                   entity_id=location.id, what=location.name, changes={"created": (None, location.name)},
                   reason=reason, source="proposal")


def _details(kind: ProposalKind, data: dict, errors: dict[str, str]) -> dict:
    """The proposal's own fields, checked; errors by field are added to ``errors``."""
    if kind is ProposalKind.NEW_SERVICE:
        fields = {**{k: data.get(k) for k in ("name", "kind_of_service", "region", "address", "manager_name",
                                              "accommodates_children", "capacity")}, "active": "yes"}
        fields["kind"] = fields.pop("kind_of_service")
        try:
            form, _ = parse_location(fields, with_address=True, reason=False)
        except InvalidInput as refused:
            errors.update({("kind_of_service" if k == "kind" else k): v for k, v in refused.errors.items()})
            return {}
        return {"name": form.name, "kind": form.kind.value, "region": form.region, "address": form.address,
                "manager_name": form.manager_name, "accommodates_children": form.accommodates_children,
                "capacity": form.capacity}
    if kind is ProposalKind.CLOSURE:
        try:
            closed_on = LocationForm._closed_on(data.get("closed_on"))
        except ValueError as exc:
            errors["closed_on"] = str(exc)
            return {}
        if closed_on is None:
            errors["closed_on"] = "Enter the date the service closed, or will close"
            return {}
        return {"closed_on": closed_on.isoformat()}
    if kind is ProposalKind.MANAGER:
        return {"manager_name": _text(errors, "manager_name", data.get("manager_name"), MAX_NAME,
                                      "Enter the new manager's full name")}
    return {"address": _text(errors, "address", data.get("address"), MAX_ADDRESS, "Enter the new address")}


def _rows(session: Session, proposals: list[ServiceChangeProposal], *, show_addresses: bool) -> list[ProposalRow]:
    locations = {loc.id: loc.name for loc in session.exec(select(Location).where(
        Location.id.in_({p.location_id for p in proposals if p.location_id}))).all()}
    providers = {p.id: p.name for p in session.exec(select(Provider).where(
        Provider.id.in_({p.provider_id for p in proposals}))).all()}
    users = {u.id: u.name for u in session.exec(select(User).where(
        User.id.in_({p.proposed_by_id for p in proposals if p.proposed_by_id}))).all()}
    return [ProposalRow(
        id=p.id, provider_name=providers.get(p.provider_id, ""), kind_label=PROPOSAL_LABELS[p.kind],
        location_name=locations.get(p.location_id, p.details.get("name", "")), summary=_summary(p, show_addresses),
        note=p.note, proposed_on=format_date(p.proposed_at.astimezone(LONDON).date()),
        proposed_by=users.get(p.proposed_by_id, ""), status=p.status.value,
        status_label=PROPOSAL_STATUS_LABELS[p.status], outcome=_outcome(p)) for p in proposals]


def _summary(p: ServiceChangeProposal, show_addresses: bool) -> str:
    d = p.details
    address = d.get("address", "") if show_addresses else WITHHELD
    if p.kind is ProposalKind.NEW_SERVICE:
        children = "accommodates children" if d.get("accommodates_children") else "no children"
        return f"{d.get('name')}: {d.get('kind')}, {d.get('region')}, {d.get('capacity')} places, {children}. " \
               f"Address: {address}"
    if p.kind is ProposalKind.CLOSURE:
        return f"Closes on {format_date(datetime.fromisoformat(d['closed_on']).date())}"
    if p.kind is ProposalKind.MANAGER:
        return f"New manager: {d.get('manager_name')}"
    return f"New address: {address}"


def _outcome(p: ServiceChangeProposal) -> str:
    if p.status is ProposalStatus.PENDING:
        return "A programme manager will look at it."
    when = format_date(p.decided_at.astimezone(LONDON).date()) if p.decided_at else ""
    if p.status is ProposalStatus.ACCEPTED:
        return f"Accepted on {when}: our records are updated."
    return f"Declined on {when}: {p.decline_reason}"


def _current(location: Location) -> LocationForm:
    return LocationForm.model_construct(
        name=location.name, kind=location.kind, region=location.region, address=location.address,
        manager_name=location.manager_name or "", accommodates_children=location.accommodates_children,
        capacity=location.capacity, active=location.active, closed_on=location.closed_on)


def _pending(session: Session, proposal_id: object) -> ServiceChangeProposal:
    parsed = parse_id(proposal_id)
    proposal = session.get(ServiceChangeProposal, parsed) if parsed is not None else None
    if proposal is None or proposal.status is not ProposalStatus.PENDING:
        raise NotFound("No such change waiting for a decision")
    return proposal


def _own_location(session: Session, provider_id: int, raw: object) -> Location | None:
    parsed = parse_id(raw)
    location = session.get(Location, parsed) if parsed is not None else None
    return location if location is not None and location.provider_id == provider_id and location.active else None


def _text(errors: dict[str, str], name: str, value: object, most: int, message: str, required: bool = True) -> str:
    try:
        return bounded_text(value, most=most, message=message, required=required)
    except ValueError as exc:
        errors[name] = str(exc)
        return ""
