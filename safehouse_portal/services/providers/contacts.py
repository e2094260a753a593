"""The provider's lead contact: the person CQC contacts, kept current by the provider.

A provider lead sees and changes their own provider's lead contact; every change is
kept (who, when, from what, to what). Inspectors and programme managers read the
current contact wherever they see the provider.
"""

import re
from dataclasses import dataclass, field

from pydantic import BaseModel, field_validator
from sqlmodel import Session, select

from safehouse_portal.db import LeadContactChange, Provider, User
from safehouse_portal.domain.dates import format_date
from safehouse_portal.domain.enums import Role
from safehouse_portal.services.core import access, audit
from safehouse_portal.services.core.access import Action, ProviderFacts
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.domain.ids import parse_id
from safehouse_portal.services.core.errors import InvalidInput, NotFound
from safehouse_portal.services.core.validation import parse

_EMAIL = re.compile(r"^[^@\s]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9-]{1,63})+$")
_PHONE_CHARACTERS = re.compile(r"^\+?[0-9 ()-]+$")
MIN_PHONE_DIGITS, MAX_PHONE_DIGITS = 10, 15
MAX_NAME, MAX_EMAIL, MAX_PHONE = 200, 254, 40
"""The longest name, email address and phone number kept (the page's ``maxlength`` too)."""


class LeadContactForm(BaseModel):
    """What a provider lead enters: the lead person's name, email and phone."""

    name: str
    email: str
    phone: str

    @field_validator("name", mode="before")
    @classmethod
    def _name(cls, value: object) -> str:
        text = " ".join(value.split()) if isinstance(value, str) else ""
        if not text:
            raise ValueError("Enter the lead person's full name")
        if len(text) > MAX_NAME:
            raise ValueError(f"Enter a name of {MAX_NAME} characters or fewer")
        return text

    @field_validator("email", mode="before")
    @classmethod
    def _email(cls, value: object) -> str:
        text = value.strip() if isinstance(value, str) else ""
        if not text:
            raise ValueError("Enter the lead person's email address")
        if len(text) > MAX_EMAIL or not _EMAIL.match(text):
            raise ValueError("Enter an email address in the correct format, like name@example.org")
        return text

    @field_validator("phone", mode="before")
    @classmethod
    def _phone(cls, value: object) -> str:
        text = " ".join(value.split()) if isinstance(value, str) else ""
        if not text:
            raise ValueError("Enter the lead person's phone number")
        digits = sum(ch.isdigit() for ch in text)
        if len(text) > MAX_PHONE or not _PHONE_CHARACTERS.match(text) or not MIN_PHONE_DIGITS <= digits <= MAX_PHONE_DIGITS:
            raise ValueError("Enter a phone number like 01632 960 001, 07700 900 982 or +44 808 157 0192")
        return text


@dataclass(frozen=True)
class ContactChangeRow:
    """One kept change: when, by whom, and the contact before and after."""

    changed_on: str = ""
    changed_by: str = ""
    before: str = ""
    after: str = ""


@dataclass(frozen=True)
class LeadContactView:
    """The current lead contact and every change to it, newest first."""

    provider_id: int = 0
    provider_name: str = ""
    name: str = ""
    email: str = ""
    phone: str = ""
    history: list[ContactChangeRow] = field(default_factory=list)


def lead_contact(*, session: Session, actor: Actor | None, provider_id: object = None) -> LeadContactView:
    """The lead contact of the actor's own provider (a lead) or of ``provider_id`` (staff).

    Raises:
        PermissionDenied: A lead asking for another provider, or a role that may not see it.
        InvalidInput: ``provider_id`` is not an id.
        NotFound: No such provider.
    """
    actor = access.admit(actor, Action.VIEW_PROVIDER)
    if actor.role is Role.PROVIDER_LEAD and provider_id is None:
        provider_id = actor.provider_id
    if parse_id(provider_id, text=False) is None:
        raise InvalidInput({"provider_id": "Unknown provider"})
    access.require(actor, Action.VIEW_PROVIDER, ProviderFacts(provider_id))
    provider = session.get(Provider, provider_id)
    if provider is None:
        raise NotFound("No such provider")
    return _view(session, provider)


def update_lead_contact(*, session: Session, actor: Actor | None, data: object) -> LeadContactView:
    """Change the actor's own provider's lead contact, keeping the old one in the history.

    Raises:
        PermissionDenied: The actor is not a provider lead.
        InvalidInput: A field is not valid, or nothing changed.
    """
    actor = access.admit(actor, Action.ACT_AS_PROVIDER)
    if actor.provider_id is None:
        raise NotFound("No such provider")
    form = _parse(data)
    provider = session.get(Provider, actor.provider_id)
    if provider is None:
        raise NotFound("No such provider")
    old = (provider.lead_name, provider.lead_email, provider.lead_phone)
    new = (form.name, form.email, form.phone)
    if old == new:
        raise InvalidInput({"name": "These are the details already kept: change at least one of them"})
    provider.lead_name, provider.lead_email, provider.lead_phone = new
    session.add(provider)
    session.add(LeadContactChange(provider_id=provider.id, changed_by_id=actor.user_id or None,
                                  old_name=old[0], old_email=old[1], old_phone=old[2],
                                  new_name=new[0], new_email=new[1], new_phone=new[2]))
    audit.record(session=session, actor=actor, action="provider.lead_contact_changed", entity_type="provider",
                 entity_id=provider.id, before=dict(zip(("name", "email", "phone"), old)),
                 after=dict(zip(("name", "email", "phone"), new)))
    session.flush()
    return _view(session, provider)


def _parse(data: object) -> LeadContactForm:
    """Every field checked, each with its own message (a missing field reads as empty)."""
    if not isinstance(data, dict):
        raise InvalidInput({"name": "The form could not be read. Try again."})
    return parse(LeadContactForm, {field: data.get(field) for field in ("name", "email", "phone")})


def _view(session: Session, provider: Provider) -> LeadContactView:
    rows = session.exec(
        select(LeadContactChange, User.name)
        .join(User, User.id == LeadContactChange.changed_by_id, isouter=True)
        .where(LeadContactChange.provider_id == provider.id)
        .order_by(LeadContactChange.changed_at.desc(), LeadContactChange.id.desc())
    ).all()
    history = [
        ContactChangeRow(
            changed_on=f"{format_date(row.changed_at.date())} at {row.changed_at:%H:%M}",
            changed_by=name or "Command-line operator",
            before=f"{row.old_name}, {row.old_email}, {row.old_phone}",
            after=f"{row.new_name}, {row.new_email}, {row.new_phone}",
        )
        for row, name in rows
    ]
    return LeadContactView(provider.id, provider.name, provider.lead_name, provider.lead_email,
                           provider.lead_phone, history)
