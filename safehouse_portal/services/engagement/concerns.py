"""Concerns and intelligence heard between inspections: record, escalate, close, inspect.

A programme manager, or an inspector designated to or inspecting the provider, records a
concern about a provider or one of its locations: where it came from, when it was
received, what it is, how serious, and who was told (the prime contractor, the Home
Office). Later escalations are added the same way. While open it raises the provider's
groups in the revisit priorities (``services/programme/coverage``). A programme manager can
start a focused inspection from it through the ordinary allocation (reason: concern).

Concerns are confidential to CQC staff: the access policy never lets a provider's lead
see one, and every read asks it.
"""

from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session, select

from safehouse_portal.db import Concern, ConcernEscalation, Inspection, InspectionGroup, Location, Provider, User
from safehouse_portal.domain.dates import format_date
from safehouse_portal.domain.engagement import (
    RECIPIENT_LABELS, SEVERITY_LABELS, SOURCE_LABELS, ConcernStatus,
    Recipient,
)
from safehouse_portal.domain.enums import InspectionReason, InspectionType
from safehouse_portal.domain.ids import parse_id
from safehouse_portal.domain.options import Option
from safehouse_portal.services.core import access, audit
from safehouse_portal.services.core.access import Action
from safehouse_portal.services.core.access_facts import provider_facts
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.core.errors import InvalidInput, NotFound, PermissionDenied
from safehouse_portal.services.core.validation import parse
from safehouse_portal.services.engagement.concern_forms import ClosingForm, ConcernForm, EscalationForm
from safehouse_portal.services.programme import allocation


@dataclass(frozen=True)
class EscalationRow:
    told: str = ""
    told_on: str = ""
    note: str = ""
    recorded_by: str = ""


@dataclass(frozen=True)
class ConcernRow:
    """A concern as listed and as its page shows it."""

    id: int = 0
    provider_id: int = 0
    provider_name: str = ""
    location_name: str = ""
    source: str = ""
    received_on: str = ""
    summary: str = ""
    severity: str = ""
    open: bool = True
    status_text: str = ""
    closing_note: str = ""
    told: str = ""
    inspection_id: int = 0
    recorded_by: str = ""
    escalations: list[EscalationRow] = field(default_factory=list)


@dataclass(frozen=True)
class ConcernPage:
    """One concern and what the viewer may do with it."""

    concern: ConcernRow = field(default_factory=ConcernRow)
    may_record: bool = False
    may_start_inspection: bool = False
    groups: list[Option] = field(default_factory=list)
    """The provider's groups that may get a new inspection (for a focused one)."""


@dataclass(frozen=True)
class ConcernChoices:
    """The options of the new concern form."""

    providers: list[Option] = field(default_factory=list)
    locations: list[Option] = field(default_factory=list)
    sources: list[Option] = field(default_factory=list)
    severities: list[Option] = field(default_factory=list)


def concern_choices(*, session: Session, actor: Actor | None) -> ConcernChoices:
    """Providers and locations the actor may record a concern about, and the fixed choices."""
    actor = access.admit(actor, Action.RECORD_CONCERN)
    providers = [p for p in session.exec(select(Provider).order_by(Provider.name)).all()
                 if access.may(actor, Action.RECORD_CONCERN, provider_facts(session, p.id))]
    names = {p.id: p.name for p in providers}
    locations = session.exec(select(Location.id, Location.name, Location.provider_id)
                             .where(Location.provider_id.in_(list(names))).order_by(Location.name)).all()
    return ConcernChoices(
        providers=[Option(str(p.id), p.name) for p in providers],
        locations=[Option(str(i), f"{name} ({names[pid]})") for i, name, pid in locations],
        sources=[Option(k.value, v) for k, v in SOURCE_LABELS.items()],
        severities=[Option(k.value, v) for k, v in SEVERITY_LABELS.items()],
    )


def record_concern(*, session: Session, actor: Actor | None, data: object, today: date) -> int:
    """Record a concern (and who was told); returns its id.

    Raises:
        PermissionDenied: May not record concerns about this provider.
        InvalidInput: Each wrong field, by name.
    """
    actor = access.admit(actor, Action.RECORD_CONCERN)
    form = parse(ConcernForm, data)
    provider = session.get(Provider, form.provider_id)
    if provider is None:
        raise InvalidInput({"provider_id": "Choose the provider the concern is about"})
    access.require(actor, Action.RECORD_CONCERN, provider_facts(session, provider.id))
    errors = {}
    if form.location_id is not None:
        location = session.get(Location, form.location_id)
        if location is None or location.provider_id != provider.id:
            errors["location_id"] = f"Choose a location of {provider.name}, or none"
    if form.received_on > today:
        errors["received_on"] = "Enter today's date or an earlier one"
    told = [r for r, ticked in ((Recipient.PRIME_CONTRACTOR, form.told_prime_contractor),
                                (Recipient.HOME_OFFICE, form.told_home_office)) if ticked]
    if told and form.told_on is None:
        errors["told_on"] = "Enter the date they were told"
    elif form.told_on is not None and not told:
        errors["told_on"] = "Tick who was told, or leave the date empty"
    elif form.told_on is not None and not form.received_on <= form.told_on <= today:
        errors["told_on"] = "Enter a date from the day the concern was received to today"
    if errors:
        raise InvalidInput(errors)
    concern = Concern(provider_id=provider.id, location_id=form.location_id, source=form.source,
                      received_on=form.received_on, summary=form.summary, severity=form.severity,
                      recorded_by_id=actor.user_id)
    session.add(concern)
    session.flush()
    session.add_all(ConcernEscalation(concern_id=concern.id, told=r, told_on=form.told_on, recorded_by_id=actor.user_id)
                    for r in told)
    audit.record(session=session, actor=actor, action="concern.recorded", entity_type="concern", entity_id=concern.id,
                 after={"provider_id": provider.id, "location_id": form.location_id, "source": form.source.value,
                        "severity": form.severity.value, "told": [r.value for r in told]})
    session.flush()
    return concern.id


def list_concerns(*, session: Session, actor: Actor | None, provider_id: object = None) -> list[ConcernRow]:
    """Concerns the actor may see (every one for a programme manager), open first, newest first.

    Raises:
        PermissionDenied: A provider lead, a stakeholder, an admin.
    """
    actor = access.admit(actor, Action.VIEW_CONCERNS)
    query = select(Concern)
    if provider_id is not None:
        query = query.where(Concern.provider_id == parse_id(provider_id, text=False))
    concerns = session.exec(query.order_by(Concern.received_on.desc(), Concern.id.desc())).all()
    allowed: dict[int, bool] = {}
    for c in concerns:
        if c.provider_id not in allowed:
            allowed[c.provider_id] = access.may(actor, Action.VIEW_CONCERNS, provider_facts(session, c.provider_id))
    visible = [c for c in concerns if allowed[c.provider_id]]
    rows = _rows(session, visible)
    return sorted(rows, key=lambda r: not r.open)


def concern_page(*, session: Session, actor: Actor | None, concern_id: object) -> ConcernPage:
    """One concern with its escalations, and the groups a focused inspection could be allocated to."""
    actor = access.admit(actor, Action.VIEW_CONCERNS)
    concern = _concern(session, actor, concern_id, Action.VIEW_CONCERNS)
    facts = provider_facts(session, concern.provider_id)
    may_start = (concern.status is ConcernStatus.OPEN and concern.inspection_id is None
                 and access.may(actor, Action.MANAGE_PROGRAMME))
    return ConcernPage(concern=_rows(session, [concern], escalations=True)[0],
                       may_record=access.may(actor, Action.RECORD_CONCERN, facts),
                       may_start_inspection=may_start,
                       groups=_open_groups(session, actor, concern) if may_start else [])


def escalate(*, session: Session, actor: Actor | None, concern_id: object, data: object, today: date) -> None:
    """Record that a concern was told to the prime contractor or the Home Office."""
    actor = access.admit(actor, Action.RECORD_CONCERN)
    concern = _concern(session, actor, concern_id, Action.RECORD_CONCERN)
    form = parse(EscalationForm, data)
    if not concern.received_on <= form.told_on <= today:
        raise InvalidInput({"told_on": "Enter a date from the day the concern was received to today"})
    session.add(ConcernEscalation(concern_id=concern.id, told=form.told, told_on=form.told_on, note=form.note,
                                  recorded_by_id=actor.user_id))
    audit.record(session=session, actor=actor, action="concern.escalated", entity_type="concern",
                 entity_id=concern.id, after={"told": form.told.value, "told_on": form.told_on.isoformat()})
    session.flush()


def close_concern(*, session: Session, actor: Actor | None, concern_id: object, data: object, today: date) -> None:
    """Close an open concern with what was done; it stops counting in the revisit priorities."""
    actor = access.admit(actor, Action.RECORD_CONCERN)
    concern = _concern(session, actor, concern_id, Action.RECORD_CONCERN)
    if concern.status is not ConcernStatus.OPEN:
        raise InvalidInput({"closed_on": "This concern is already closed"})
    form = parse(ClosingForm, data)
    if not concern.received_on <= form.closed_on <= today:
        raise InvalidInput({"closed_on": "Enter a date from the day the concern was received to today"})
    concern.status, concern.closed_on, concern.closing_note = ConcernStatus.CLOSED, form.closed_on, form.closing_note
    session.add(concern)
    audit.record(session=session, actor=actor, action="concern.closed", entity_type="concern", entity_id=concern.id,
                 before={"status": "open"}, after={"status": "closed", "closed_on": form.closed_on.isoformat()})
    session.flush()


def start_focused_inspection(*, session: Session, actor: Actor | None, concern_id: object, data: object,
                             today: date) -> int:
    """Allocate a focused inspection of one of the provider's groups for this concern; returns its id.

    The allocation is the ordinary one (programme managers and admins, every check and
    warning of ``allocation.create_inspection``), with the type focused and the reason
    concern fixed; the concern remembers the inspection.

    Raises:
        PermissionDenied: May not see the concern, or may not allocate.
        InvalidInput: The concern is closed or already has an inspection; a group of
            another provider; any allocation field.
    """
    actor = access.admit(actor, Action.MANAGE_PROGRAMME)
    concern = _concern(session, actor, concern_id, Action.VIEW_CONCERNS)
    if concern.status is not ConcernStatus.OPEN or concern.inspection_id is not None:
        raise InvalidInput({"form": "This concern is closed or already has an inspection"})
    fields = dict(data) if isinstance(data, dict) else {}
    group = session.get(InspectionGroup, parse_id(fields.get("group_id")) or 0)
    if group is None or group.provider_id != concern.provider_id:
        raise InvalidInput({"group_id": "Choose one of this provider's inspection groups"})
    fields.update(type=InspectionType.FOCUSED.value, reason=InspectionReason.CONCERN.value)
    inspection_id = allocation.create_inspection(session=session, actor=actor, data=fields, today=today)
    concern.inspection_id = inspection_id
    session.add(concern)
    audit.record(session=session, actor=actor, action="concern.inspection_started", entity_type="concern",
                 entity_id=concern.id, after={"inspection_id": inspection_id})
    session.flush()
    return inspection_id


def _concern(session: Session, actor: Actor, concern_id: object, action: Action) -> Concern:
    """The concern, if ``actor`` may do ``action`` to its provider; the same refusal whether or not it exists."""
    if parse_id(concern_id, text=False) is None:
        raise InvalidInput({"concern_id": "Unknown concern"})
    concern = session.get(Concern, concern_id)
    if concern is None:
        raise NotFound("No such concern")
    try:
        access.require(actor, action, provider_facts(session, concern.provider_id))
    except PermissionDenied:
        raise NotFound("No such concern") from None
    return concern


def _open_groups(session: Session, actor: Actor, concern: Concern) -> list[Option]:
    """The provider's groups that may get a new inspection (the location's own group listed first)."""
    own = {str(g) for g in session.exec(select(InspectionGroup.id).where(
        InspectionGroup.provider_id == concern.provider_id)).all()}
    groups = [o for o in allocation.allocation_choices(session=session, actor=actor).groups if o.value in own]
    location = session.get(Location, concern.location_id) if concern.location_id else None
    first = str(location.group_id) if location and location.group_id else ""
    return sorted(groups, key=lambda o: o.value != first)


def _rows(session: Session, concerns: list[Concern], escalations: bool = False) -> list[ConcernRow]:
    if not concerns:
        return []
    ids = [c.id for c in concerns]
    told = session.exec(select(ConcernEscalation).where(ConcernEscalation.concern_id.in_(ids))
                        .order_by(ConcernEscalation.told_on, ConcernEscalation.id)).all()
    by_concern: dict[int, list[ConcernEscalation]] = {i: [] for i in ids}
    for row in told:
        by_concern[row.concern_id].append(row)
    users = {c.recorded_by_id for c in concerns} | {e.recorded_by_id for e in told}
    names = dict(session.exec(select(User.id, User.name).where(User.id.in_(users))).all())
    providers = dict(session.exec(select(Provider.id, Provider.name).where(
        Provider.id.in_({c.provider_id for c in concerns}))).all())
    location_ids = {c.location_id for c in concerns if c.location_id}
    locations = dict(session.exec(select(Location.id, Location.name).where(
        Location.id.in_(location_ids))).all()) if location_ids else {}
    inspection_ids = {c.inspection_id for c in concerns if c.inspection_id}
    existing = set(session.exec(select(Inspection.id).where(Inspection.id.in_(inspection_ids))).all()) \
        if inspection_ids else set()
    return [ConcernRow(
        id=c.id, provider_id=c.provider_id, provider_name=providers.get(c.provider_id, ""),
        location_name=locations.get(c.location_id, "") if c.location_id else "The provider as a whole",
        source=SOURCE_LABELS[c.source], received_on=format_date(c.received_on), summary=c.summary,
        severity=SEVERITY_LABELS[c.severity], open=c.status is ConcernStatus.OPEN,
        status_text="Open" if c.status is ConcernStatus.OPEN else f"Closed on {format_date(c.closed_on)}",
        closing_note=c.closing_note or "",
        told=", ".join(sorted({RECIPIENT_LABELS[e.told] for e in by_concern[c.id]})) or "Nobody yet",
        inspection_id=c.inspection_id if c.inspection_id in existing else 0,
        recorded_by=names.get(c.recorded_by_id, ""),
        escalations=[EscalationRow(RECIPIENT_LABELS[e.told], format_date(e.told_on), e.note,
                                   names.get(e.recorded_by_id, "")) for e in by_concern[c.id]] if escalations else [],
    ) for c in concerns]


@dataclass(frozen=True)
class ProviderConcerns:
    """A provider's concerns for its page: nothing at all for anyone who may not see them."""

    visible: bool = False
    may_record: bool = False
    concerns: list[ConcernRow] = field(default_factory=list)


def provider_concerns(*, session: Session, actor: Actor | None, provider_id: object) -> ProviderConcerns:
    """The provider's concerns for CQC staff who may see them; an empty, invisible section for everyone else."""
    if parse_id(provider_id, text=False) is None or session.get(Provider, provider_id) is None:
        return ProviderConcerns()
    facts = provider_facts(session, provider_id)
    if not access.may(actor, Action.VIEW_CONCERNS, facts):
        return ProviderConcerns()
    return ProviderConcerns(visible=True, may_record=access.may(actor, Action.RECORD_CONCERN, facts),
                            concerns=list_concerns(session=session, actor=actor, provider_id=provider_id))
