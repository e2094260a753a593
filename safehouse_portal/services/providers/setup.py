"""The programme pages' provider: its lead contact, designated inspector and copy list, changed with a reason.

Programme managers and admins change them (``Action.EDIT_PROGRAMME``); each change is
kept in the programme's history and the lead contact's own history.
"""

from dataclasses import dataclass, field

from pydantic import field_validator
from sqlmodel import Session, func, select

from safehouse_portal.db import (
    InspectionGroup, LeadContactChange, Location, Provider, ProviderCopyRecipient, ServiceChangeProposal, User,
)
from safehouse_portal.domain.enums import Role
from safehouse_portal.domain.ids import parse_id
from safehouse_portal.domain.programme_changes import MAX_REASON, ProposalStatus
from safehouse_portal.services.core import access
from safehouse_portal.services.core.access import Action
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.core.errors import InvalidInput, NotFound
from safehouse_portal.services.core.validation import bounded_text, parse
from safehouse_portal.services.providers import history
from safehouse_portal.services.providers.contacts import LeadContactForm
from safehouse_portal.services.providers.history import HistoryRow

MAX_COPY_RECIPIENTS = 20
MAX_COPY_LIST = MAX_COPY_RECIPIENTS * 256
"""The longest copy list kept as typed: 20 addresses of the longest length, one a line."""


@dataclass(frozen=True)
class ProviderListRow:
    id: int = 0
    name: str = ""
    lead_name: str = ""
    designated_inspector: str = ""
    locations: int = 0
    open_locations: int = 0
    pending_changes: int = 0


@dataclass(frozen=True)
class LocationSummary:
    id: int = 0
    name: str = ""
    kind: str = ""
    region: str = ""
    group_name: str = ""
    status: str = ""


@dataclass(frozen=True)
class Option:
    value: str = ""
    label: str = ""


@dataclass(frozen=True)
class ProviderSetup:
    """One provider as the programme page shows and edits it."""

    id: int = 0
    name: str = ""
    lead_name: str = ""
    lead_email: str = ""
    lead_phone: str = ""
    designated_inspector_id: str = ""
    designated_inspector: str = ""
    inspectors: list[Option] = field(default_factory=list)
    copy_list: str = ""
    locations: list[LocationSummary] = field(default_factory=list)
    history: list[HistoryRow] = field(default_factory=list)


class ProviderForm(LeadContactForm):
    """The lead contact (validated as the lead's own form is), the designated inspector, the copy list, a reason."""

    designated_inspector_id: int | None = None
    copy_list: list[str] = []
    reason: str

    @field_validator("designated_inspector_id", mode="before")
    @classmethod
    def _inspector(cls, value: object) -> int | None:
        if value in (None, ""):
            return None
        parsed = parse_id(value)
        if parsed is None:
            raise ValueError("Choose an inspector from the list")
        return parsed

    @field_validator("copy_list", mode="before")
    @classmethod
    def _copy_list(cls, value: object) -> list[str]:
        text = value if isinstance(value, str) else ""
        if len(text) > MAX_COPY_LIST:
            raise ValueError(f"Enter {MAX_COPY_RECIPIENTS} email addresses or fewer")
        emails = [line.strip() for line in text.replace(",", "\n").splitlines() if line.strip()]
        if len(emails) > MAX_COPY_RECIPIENTS:
            raise ValueError(f"Enter {MAX_COPY_RECIPIENTS} email addresses or fewer")
        for email in emails:
            try:
                LeadContactForm._email(email)
            except ValueError:
                raise ValueError(f"Enter each email address in the correct format: '{email[:60]}' is not") from None
        return list(dict.fromkeys(emails))

    @field_validator("reason", mode="before")
    @classmethod
    def _reason(cls, value: object) -> str:
        return bounded_text(value, most=MAX_REASON, message="Say why you are making this change")


def providers_list(*, session: Session, actor: Actor | None) -> list[ProviderListRow]:
    """Every provider with its counts of locations and of changes waiting for a decision."""
    access.admit(actor, Action.EDIT_PROGRAMME)
    counts = dict(session.exec(select(Location.provider_id, func.count()).group_by(Location.provider_id)).all())
    open_counts = dict(session.exec(select(Location.provider_id, func.count()).where(Location.active)
                                    .group_by(Location.provider_id)).all())
    pending = dict(session.exec(select(ServiceChangeProposal.provider_id, func.count())
                                .where(ServiceChangeProposal.status == ProposalStatus.PENDING)
                                .group_by(ServiceChangeProposal.provider_id)).all())
    rows = session.exec(select(Provider, User.name).join(User, User.id == Provider.designated_inspector_id,
                                                         isouter=True).order_by(Provider.name)).all()
    return [ProviderListRow(p.id, p.name, p.lead_name, inspector or "Not yet allocated", counts.get(p.id, 0),
                            open_counts.get(p.id, 0), pending.get(p.id, 0)) for p, inspector in rows]


def provider_setup(*, session: Session, actor: Actor | None, provider_id: object) -> ProviderSetup:
    """The provider as its programme page shows it, with its history.

    Raises:
        PermissionDenied: Not a programme manager or admin.
        NotFound: No such provider.
    """
    access.admit(actor, Action.EDIT_PROGRAMME)
    provider = _provider(session, provider_id)
    inspectors = session.exec(select(User).where(User.role == Role.INSPECTOR, User.active)
                              .order_by(User.name)).all()
    designated = next((u.name for u in inspectors if u.id == provider.designated_inspector_id), "Not yet allocated")
    copies = session.exec(select(ProviderCopyRecipient.email).where(ProviderCopyRecipient.provider_id == provider.id)
                          .order_by(ProviderCopyRecipient.id)).all()
    locations = session.exec(select(Location, InspectionGroup.name)
                             .join(InspectionGroup, InspectionGroup.id == Location.group_id, isouter=True)
                             .where(Location.provider_id == provider.id).order_by(Location.name)).all()
    names = {("provider", provider.id): provider.name,
             **{("location", loc.id): loc.name for loc, _ in locations},
             **{("group", g.id): g.name for g in session.exec(select(InspectionGroup).where(
                 InspectionGroup.provider_id == provider.id)).all()}}
    return ProviderSetup(
        id=provider.id, name=provider.name, lead_name=provider.lead_name, lead_email=provider.lead_email,
        lead_phone=provider.lead_phone,
        designated_inspector_id=str(provider.designated_inspector_id or ""), designated_inspector=designated,
        inspectors=[Option(str(u.id), u.name) for u in inspectors], copy_list="\n".join(copies),
        locations=[LocationSummary(loc.id, loc.name, loc.kind.value.capitalize(), loc.region, group or "No group",
                                   status_of(loc)) for loc, group in locations],
        history=history.provider_history(session=session, actor=actor, provider_id=provider.id, names=names),
    )


def update_provider(*, session: Session, actor: Actor | None, provider_id: object, data: object) -> None:
    """Change the lead contact, designated inspector and copy list, keeping each change with the reason.

    Raises:
        PermissionDenied: Not a programme manager or admin.
        NotFound: No such provider.
        InvalidInput: A field is wrong, or nothing changed; nothing is saved.
    """
    actor = access.admit(actor, Action.EDIT_PROGRAMME)
    provider = _provider(session, provider_id)
    if not isinstance(data, dict):
        raise InvalidInput({"form": "The form could not be read. Try again."})
    form = parse(ProviderForm, {k: data.get(k) for k in ("name", "email", "phone", "designated_inspector_id",
                                                          "copy_list", "reason")})
    inspector = session.get(User, form.designated_inspector_id) if form.designated_inspector_id else None
    if form.designated_inspector_id is not None and (inspector is None or inspector.role is not Role.INSPECTOR):
        raise InvalidInput({"designated_inspector_id": "Choose an inspector from the list"})
    old_copies = list(session.exec(select(ProviderCopyRecipient).where(
        ProviderCopyRecipient.provider_id == provider.id).order_by(ProviderCopyRecipient.id)).all())
    old_inspector = session.get(User, provider.designated_inspector_id) if provider.designated_inspector_id else None
    changes = {
        "lead_name": (provider.lead_name, form.name), "lead_email": (provider.lead_email, form.email),
        "lead_phone": (provider.lead_phone, form.phone),
        "designated_inspector": (old_inspector.name if old_inspector else None, inspector.name if inspector else None),
        "copy_list": (", ".join(c.email for c in old_copies) or None, ", ".join(form.copy_list) or None),
    }
    if all(before == after for before, after in changes.values()):
        raise InvalidInput({"name": "These are the details already kept: change at least one of them"})
    old_contact = (provider.lead_name, provider.lead_email, provider.lead_phone)
    if old_contact != (form.name, form.email, form.phone):
        session.add(LeadContactChange(provider_id=provider.id, changed_by_id=actor.user_id or None,
                                      old_name=old_contact[0], old_email=old_contact[1], old_phone=old_contact[2],
                                      new_name=form.name, new_email=form.email, new_phone=form.phone))
    provider.lead_name, provider.lead_email, provider.lead_phone = form.name, form.email, form.phone
    provider.designated_inspector_id = form.designated_inspector_id
    session.add(provider)
    if changes["copy_list"][0] != changes["copy_list"][1]:
        for row in old_copies:
            session.delete(row)
        session.add_all(ProviderCopyRecipient(provider_id=provider.id, email=e) for e in form.copy_list)
    history.record(session=session, actor=actor, provider_id=provider.id, entity_type="provider",
                   entity_id=provider.id, what=provider.name, changes=changes, reason=form.reason)
    session.flush()


def status_of(location: Location) -> str:
    """``Open``, or ``Closed on 31 March 2027``."""
    if location.active:
        return "Open"
    return f"Closed on {location.closed_on:%-d %B %Y}" if location.closed_on else "Closed"


def _provider(session: Session, provider_id: object) -> Provider:
    parsed = parse_id(provider_id, text=False)
    provider = session.get(Provider, parsed) if parsed is not None else None
    if provider is None:
        raise NotFound("No such provider")
    return provider
