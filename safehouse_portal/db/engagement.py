"""Engagement between inspections (meetings, concerns) and each inspection's announcement calls."""

from datetime import date, datetime
from typing import Optional

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from safehouse_portal.db.types import StrEnumType, UTCDateTime, utcnow
from safehouse_portal.domain.announcement import CallKind
from safehouse_portal.domain.engagement import ConcernSeverity, ConcernSource, ConcernStatus, Recipient


class EngagementMeeting(SQLModel, table=True):
    """A meeting of the designated inspector with a provider.

    ``notes`` are shared with the provider's lead; ``internal_notes`` are CQC's own and
    never leave the server for a provider's browser.
    """

    __tablename__ = "engagement_meeting"

    id: Optional[int] = Field(default=None, primary_key=True)
    provider_id: int = Field(foreign_key="provider.id", index=True)
    held_on: date
    attendees: str = Field(max_length=500)
    notes: str = Field(default="", max_length=4000)
    internal_notes: str = Field(default="", max_length=4000)
    recorded_by_id: int = Field(foreign_key="user.id")
    recorded_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))


class EngagementAction(SQLModel, table=True):
    """An action agreed at an engagement meeting: what, who owns it, by when."""

    __tablename__ = "engagement_action"

    id: Optional[int] = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="engagement_meeting.id", index=True)
    action: str = Field(max_length=500)
    owner: str = Field(max_length=500)
    due_on: date
    done_on: Optional[date] = None
    """The day the designated inspector or a programme manager marked it done (None while open)."""
    done_by_id: Optional[int] = Field(default=None, foreign_key="user.id")


class Concern(SQLModel, table=True):
    """A concern heard between inspections, about a provider or one of its locations (confidential)."""

    id: Optional[int] = Field(default=None, primary_key=True)
    provider_id: int = Field(foreign_key="provider.id", index=True)
    location_id: Optional[int] = Field(default=None, foreign_key="location.id")
    source: ConcernSource = Field(sa_type=StrEnumType(ConcernSource))
    received_on: date
    summary: str = Field(max_length=4000)
    severity: ConcernSeverity = Field(sa_type=StrEnumType(ConcernSeverity))
    status: ConcernStatus = Field(default=ConcernStatus.OPEN, sa_type=StrEnumType(ConcernStatus), index=True)
    closed_on: Optional[date] = None
    closing_note: Optional[str] = Field(default=None, max_length=4000)
    inspection_id: Optional[int] = Field(default=None, foreign_key="inspection.id")
    """The focused inspection started from this concern, if any."""
    recorded_by_id: int = Field(foreign_key="user.id")
    recorded_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))


class ConcernEscalation(SQLModel, table=True):
    """Who a concern was told to (the prime contractor, the Home Office), when, and what was said."""

    __tablename__ = "concern_escalation"

    id: Optional[int] = Field(default=None, primary_key=True)
    concern_id: int = Field(foreign_key="concern.id", index=True)
    told: Recipient = Field(sa_type=StrEnumType(Recipient))
    told_on: date
    note: str = Field(default="", max_length=4000)
    recorded_by_id: int = Field(foreign_key="user.id")
    recorded_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))


class AnnouncementCall(SQLModel, table=True):
    """A call announcing an inspection (or a follow-up), with each guidance item's outcome.

    ``outcomes`` maps each item key of ``domain.announcement.CALL_ITEMS`` to its
    ``ItemOutcome`` value; ``item_notes`` maps an item key to what was said.
    """

    __tablename__ = "announcement_call"

    id: Optional[int] = Field(default=None, primary_key=True)
    inspection_id: int = Field(foreign_key="inspection.id", index=True)
    kind: CallKind = Field(sa_type=StrEnumType(CallKind))
    called_on: date
    made_by_id: int = Field(foreign_key="user.id")
    spoke_to: str = Field(max_length=500)
    outcomes: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    item_notes: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    notes: str = Field(default="", max_length=4000)
    recorded_by_id: int = Field(foreign_key="user.id")
    recorded_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
