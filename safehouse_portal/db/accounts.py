"""People who sign in, their sessions, and the audit trail of what they did."""

from datetime import datetime
from typing import Any, Optional

from sqlalchemy import JSON, Column, Index
from sqlmodel import Field, SQLModel

from safehouse_portal.db.types import StrEnumType, UTCDateTime, utcnow
from safehouse_portal.domain.enums import Role


class User(SQLModel, table=True):
    """A person with a role. Provider leads belong to exactly one provider."""

    id: Optional[int] = Field(default=None, primary_key=True)
    email: str = Field(unique=True, index=True, max_length=254)
    name: str = Field(max_length=200)
    password_hash: str = Field(max_length=200)
    role: Role = Field(sa_type=StrEnumType(Role))
    provider_id: Optional[int] = Field(default=None, foreign_key="provider.id", index=True)
    stakeholder_organisation_id: Optional[int] = Field(
        default=None, foreign_key="stakeholder_organisation.id"
    )
    active: bool = True
    failed_attempts: int = 0
    locked_until: Optional[datetime] = Field(default=None, sa_column=Column(UTCDateTime))
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
    must_change_password: bool = False
    """Set when an admin gives the person a one-time password; cleared when they choose their own."""


class AuthSession(SQLModel, table=True):
    """A signed-in session. Only the SHA-256 of its token is stored."""

    __tablename__ = "auth_session"

    id: Optional[int] = Field(default=None, primary_key=True)
    token_sha256: str = Field(unique=True, index=True, max_length=64)
    user_id: int = Field(foreign_key="user.id", index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
    expires_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    revoked_at: Optional[datetime] = Field(default=None, sa_column=Column(UTCDateTime))


class AuditEvent(SQLModel, table=True):
    """Something a person did, with the entity's state before and after.

    ``provider_id`` and ``inspection_id`` say whose trail the event belongs to (the audit
    page filters on them); ``row_hash`` is the SHA-256 of the row's content and
    ``previous_hash``, the hash of the row before it, so the trail is a chain that an edit
    or a removal breaks (``domain/audit_chain.py``, ``safehouse audit verify``).
    """

    __tablename__ = "audit_event"
    __table_args__ = (
        Index("ix_audit_event_at_id", "at", "id"),
        Index("ix_audit_event_actor_at_id", "actor_id", "at", "id"),
        Index("ix_audit_event_provider_at_id", "provider_id", "at", "id"),
        Index("ix_audit_event_inspection_at_id", "inspection_id", "at", "id"),
        Index("ix_audit_event_action_at_id", "action", "at", "id"),
        Index("ix_audit_event_provider_action_at_id", "provider_id", "action", "at", "id"),
        Index("ix_audit_event_actor_action_at_id", "actor_id", "action", "at", "id"),
    )

    id: Optional[int] = Field(default=None, primary_key=True)
    actor_id: Optional[int] = Field(default=None, foreign_key="user.id", index=True)
    at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
    action: str = Field(max_length=80, index=True)
    entity_type: str = Field(max_length=40)
    entity_id: Optional[int] = Field(default=None, index=True)
    before: Optional[dict[str, Any]] = Field(default=None, sa_column=Column(JSON))
    after: Optional[dict[str, Any]] = Field(default=None, sa_column=Column(JSON))
    provider_id: Optional[int] = None
    inspection_id: Optional[int] = None
    previous_hash: str = Field(default="", max_length=64)
    row_hash: str = Field(default="", max_length=64)


class KnownDevice(SQLModel, table=True):
    """A browser that signed in as this user recently; only the SHA-256 of its cookie is stored.

    The account's lockout does not apply to it, so nobody can lock the owner out.
    """

    __tablename__ = "known_device"

    id: Optional[int] = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    token_sha256: str = Field(unique=True, index=True, max_length=64)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
    expires_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))


class SignInThrottle(SQLModel, table=True):
    """One client's streak of failed sign-ins (``domain.sign_in_throttle``), shared by every worker.

    ``client_sha256`` is the SHA-256 of the client (an address or a known device), so no
    address is kept as such; ``forget_at`` is when the row may be deleted.
    """

    __tablename__ = "sign_in_throttle"

    id: Optional[int] = Field(default=None, primary_key=True)
    client_sha256: str = Field(unique=True, index=True, max_length=64)
    failures: int = 0
    started_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    blocked_until: Optional[datetime] = Field(default=None, sa_column=Column(UTCDateTime))
    forget_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False, index=True))
