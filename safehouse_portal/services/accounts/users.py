"""Admin use cases: people, roles, provider scope, deactivation and password resets."""

import re
from dataclasses import dataclass
from datetime import datetime

from pydantic import BaseModel, Field, ValidationInfo, field_validator
from sqlmodel import Session, select

from safehouse_portal.db import Provider, StakeholderOrganisation, User
from safehouse_portal.domain.enums import ROLE_LABELS, Role
from safehouse_portal.domain.notifications import LinkTarget, NotificationKind as Kind
from safehouse_portal.services.core import audit, outbox
from safehouse_portal.services.core.access import require_role
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.accounts.sessions import revoke_all_sessions
from safehouse_portal.services.core.errors import InvalidInput, NotFound
from safehouse_portal.services.accounts.passwords import MIN_PASSWORD_LENGTH, generate_password, hash_password
from safehouse_portal.services.core.validation import parse

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_NAME, MAX_EMAIL = 200, 254
"""The longest name and email address kept (the page's ``maxlength`` too)."""


class NewUser(BaseModel):
    """What an admin enters to create a user."""

    email: str
    name: str
    role: Role
    provider_id: int | None = Field(default=None, validate_default=True)

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
        value = value.strip().lower()
        if not _EMAIL.match(value) or len(value) > MAX_EMAIL:
            raise ValueError("Enter an email address in the correct format, like name@example.org")
        return value

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        value = value.strip()
        if not value or len(value) > MAX_NAME:
            raise ValueError(f"Enter a name of 1 to {MAX_NAME} characters")
        return value

    @field_validator("provider_id")
    @classmethod
    def _provider_for_leads(cls, value: int | None, info: ValidationInfo) -> int | None:
        role = info.data.get("role")
        if role == Role.PROVIDER_LEAD and value is None:
            raise ValueError("Choose the provider this lead works for")
        return value if role == Role.PROVIDER_LEAD else None


@dataclass(frozen=True)
class UserRow:
    """A user as the admin page shows them (never the hash)."""

    id: int = 0
    email: str = ""
    name: str = ""
    role: str = ""
    role_label: str = ""
    provider_id: int | None = None
    provider_name: str = ""
    active: bool = False


@dataclass(frozen=True)
class OneTimePassword:
    """A password shown once to the admin and never stored in clear."""

    user_id: int = 0
    email: str = ""
    password: str = ""


def list_users(*, session: Session, actor: Actor | None) -> list[UserRow]:
    """Every user, for an admin."""
    require_role(actor, Role.ADMIN)
    rows = session.exec(
        select(User, Provider.name).join(Provider, Provider.id == User.provider_id, isouter=True).order_by(User.email)
    ).all()
    return [
        UserRow(u.id, u.email, u.name, u.role.value, ROLE_LABELS[u.role], u.provider_id, pname or "", u.active)
        for u, pname in rows
    ]


def create_user(
    *, session: Session, actor: Actor | None, data: object, password: str | None = None
) -> OneTimePassword:
    """Create a user; the password is generated unless one is given (CLI)."""
    require_role(actor, Role.ADMIN)
    new = parse(NewUser, data)
    if new.provider_id is not None and session.get(Provider, new.provider_id) is None:
        raise InvalidInput({"provider_id": "Choose a provider from the list"})
    if session.exec(select(User).where(User.email == new.email)).first():
        raise InvalidInput({"email": "A user with this email address already exists"})
    if password is not None and len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput({"password": f"Use a password of at least {MIN_PASSWORD_LENGTH} characters"})
    secret = password or generate_password()
    user = User(email=new.email, name=new.name, role=new.role, provider_id=new.provider_id,
                password_hash=hash_password(secret), must_change_password=password is None)
    session.add(user)
    session.flush()
    audit.record(session=session, actor=actor, action="user.created", entity_type="user", entity_id=user.id,
                 after={"email": user.email, "role": user.role.value, "provider_id": user.provider_id})
    outbox.notify(session=session, kind=Kind.ACCOUNT_CREATED, to_user_ids=[user.id], link=LinkTarget.SIGN_IN)
    session.flush()
    return OneTimePassword(user.id, user.email, "" if password else secret)


def change_role(*, session: Session, actor: Actor | None, user_id: object, data: object) -> None:
    """Set a user's role and provider scope."""
    require_role(actor, Role.ADMIN)
    user = _user(session, user_id)
    change = parse(NewUser, {"email": user.email, "name": user.name, **(data if isinstance(data, dict) else {})})
    if change.provider_id is not None and session.get(Provider, change.provider_id) is None:
        raise InvalidInput({"provider_id": "Choose a provider from the list"})
    before = {"role": user.role.value, "provider_id": user.provider_id}
    user.role, user.provider_id = change.role, change.provider_id
    session.add(user)
    audit.record(session=session, actor=actor, action="user.role_changed", entity_type="user", entity_id=user.id,
                 before=before, after={"role": user.role.value, "provider_id": user.provider_id})
    session.flush()


def set_active(*, session: Session, actor: Actor | None, user_id: object, active: object, now: datetime) -> None:
    """Deactivate (ending every session at once) or reactivate a user."""
    require_role(actor, Role.ADMIN)
    if not isinstance(active, bool):
        raise InvalidInput({"active": "Choose active or deactivated"})
    user = _user(session, user_id)
    if user.id == actor.user_id and not active:
        raise InvalidInput({"active": "You cannot deactivate your own account"})
    user.active = active
    session.add(user)
    if not active:
        revoke_all_sessions(session=session, user_id=user.id, now=now)
    audit.record(session=session, actor=actor, action="user.activated" if active else "user.deactivated",
                 entity_type="user", entity_id=user.id)
    session.flush()


def reset_password(*, session: Session, actor: Actor | None, user_id: object, now: datetime) -> OneTimePassword:
    """Give a user a new random password (shown once) and end their sessions."""
    require_role(actor, Role.ADMIN)
    user = _user(session, user_id)
    secret = generate_password()
    user.password_hash = hash_password(secret)
    user.must_change_password = True
    user.failed_attempts, user.locked_until = 0, None
    session.add(user)
    revoke_all_sessions(session=session, user_id=user.id, now=now)
    audit.record(session=session, actor=actor, action="user.password_reset", entity_type="user", entity_id=user.id)
    outbox.notify(session=session, kind=Kind.PASSWORD_RESET, to_user_ids=[user.id], link=LinkTarget.SIGN_IN)
    session.flush()
    return OneTimePassword(user.id, user.email, secret)


def user_detail(*, session: Session, actor: Actor | None, user_id: object) -> UserRow:
    """One user, for the admin's change-role page."""
    require_role(actor, Role.ADMIN)
    user = _user(session, user_id)
    provider = session.get(Provider, user.provider_id) if user.provider_id else None
    return UserRow(user.id, user.email, user.name, user.role.value, ROLE_LABELS[user.role], user.provider_id,
                   provider.name if provider else "", user.active)


def provider_choices(*, session: Session, actor: Actor | None) -> list[tuple[int, str]]:
    """Providers an admin can scope a lead to."""
    require_role(actor, Role.ADMIN)
    return [(p.id, p.name) for p in session.exec(select(Provider).order_by(Provider.name)).all()]


def _user(session: Session, user_id: object) -> User:
    if not isinstance(user_id, int) or isinstance(user_id, bool):
        raise InvalidInput({"user_id": "Unknown user"})
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("No such user")
    return user


def stakeholder_organisations(*, session: Session) -> list[StakeholderOrganisation]:
    """The report recipients (for the CLI and seed)."""
    return list(session.exec(select(StakeholderOrganisation)).all())
