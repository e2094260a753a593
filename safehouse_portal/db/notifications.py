"""Notifications (the outbox), each person's email choices, and the lease of the background job."""

from datetime import date, datetime
from typing import Optional

from sqlalchemy import Column
from sqlmodel import Field, SQLModel

from safehouse_portal.db.types import UTCDateTime, utcnow


class Notification(SQLModel, table=True):
    """One thing one person is told: shown in the app at once, and emailed by the sender.

    Written in the same transaction as the change that causes it, so a change rolled back
    leaves no notification, and one committed always has its notification (the outbox).
    It holds ids, a kind, a date and a count only; the words are made from those
    (``domain.notifications``), so nothing confidential can reach an email.

    ``email_status`` is ``pending`` until the sender takes it (``sending``, since ``claimed_at``),
    then ``sent``, ``off`` (the person turned this kind's emails off), ``dead`` after too many
    failed tries, or ``uncertain`` when the sender stopped mid-send and nobody knows whether it went.
    ``dedupe_key`` is set on reminders: one row per person, item and step, ever.
    """

    id: Optional[int] = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    kind: str = Field(max_length=40)
    inspection_id: Optional[int] = Field(default=None, foreign_key="inspection.id", index=True)
    link_target: str = Field(max_length=40)
    link_id: Optional[int] = None
    due_on: Optional[date] = None
    item_count: Optional[int] = None
    dedupe_key: Optional[str] = Field(default=None, max_length=120, unique=True)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
    read_at: Optional[datetime] = Field(default=None, sa_column=Column(UTCDateTime))
    email_status: str = Field(default="pending", max_length=20, index=True)
    attempts: int = 0
    next_attempt_at: Optional[datetime] = Field(default=None, sa_column=Column(UTCDateTime))
    claimed_at: Optional[datetime] = Field(default=None, sa_column=Column(UTCDateTime))
    sent_at: Optional[datetime] = Field(default=None, sa_column=Column(UTCDateTime))
    last_error: Optional[str] = Field(default=None, max_length=500)


class NotificationPreference(SQLModel, table=True):
    """Whether one person wants emails of one kind (no row: they do). In-app is always on."""

    __tablename__ = "notification_preference"

    user_id: int = Field(foreign_key="user.id", primary_key=True)
    kind: str = Field(max_length=40, primary_key=True)
    email: bool = True


class JobLease(SQLModel, table=True):
    """Who runs a background job until when: one holder at a time across every worker."""

    __tablename__ = "job_lease"

    name: str = Field(max_length=40, primary_key=True)
    holder: str = Field(max_length=80)
    expires_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
