"""The programme's history of changes, the locations an inspection covers, provider-notified changes, copy lists."""

from datetime import datetime
from typing import Any, Optional

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from safehouse_portal.db.types import StrEnumType, UTCDateTime, utcnow
from safehouse_portal.domain.programme_changes import ProposalKind, ProposalStatus


class ProgrammeChange(SQLModel, table=True):
    """One field of a provider, location or inspection group changed: who, when, before, after and why.

    Written by every way the programme changes (the programme pages, an accepted
    provider-notified change, a spreadsheet import); read by ``services/providers/history``.
    """

    __tablename__ = "programme_change"

    id: Optional[int] = Field(default=None, primary_key=True)
    provider_id: int = Field(foreign_key="provider.id", index=True)
    entity_type: str = Field(max_length=20, index=True)
    """``provider``, ``location`` or ``group``."""
    entity_id: int = Field(index=True)
    field: str = Field(max_length=60)
    before: Optional[str] = Field(default=None, max_length=4000)
    after: Optional[str] = Field(default=None, max_length=4000)
    reason: str = Field(max_length=2000)
    source: str = Field(default="page", max_length=20)
    """``page``, ``proposal`` or ``import``."""
    changed_by_id: Optional[int] = Field(default=None, foreign_key="user.id")
    changed_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))


class InspectionLocation(SQLModel, table=True):
    """A location an inspection covers, kept from the day the inspection was under way.

    An inspection without rows here is still planned and covers its group's active locations.
    """

    __tablename__ = "inspection_location"

    inspection_id: int = Field(foreign_key="inspection.id", primary_key=True)
    location_id: int = Field(foreign_key="location.id", primary_key=True, index=True)


class ServiceChangeProposal(SQLModel, table=True):
    """A change a provider lead told CQC about; a programme manager accepts (applies) or declines it."""

    __tablename__ = "service_change_proposal"

    id: Optional[int] = Field(default=None, primary_key=True)
    provider_id: int = Field(foreign_key="provider.id", index=True)
    location_id: Optional[int] = Field(default=None, foreign_key="location.id")
    kind: ProposalKind = Field(sa_type=StrEnumType(ProposalKind))
    details: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    note: str = Field(default="", max_length=2000)
    status: ProposalStatus = Field(default=ProposalStatus.PENDING, sa_type=StrEnumType(ProposalStatus), index=True)
    proposed_by_id: Optional[int] = Field(default=None, foreign_key="user.id")
    proposed_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
    decided_by_id: Optional[int] = Field(default=None, foreign_key="user.id")
    decided_at: Optional[datetime] = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))
    decline_reason: str = Field(default="", max_length=2000)


class ProviderCopyRecipient(SQLModel, table=True):
    """Someone at the provider (besides the lead) copied into reports and letters: the stakeholder copy list."""

    __tablename__ = "provider_copy_recipient"

    id: Optional[int] = Field(default=None, primary_key=True)
    provider_id: int = Field(foreign_key="provider.id", index=True)
    email: str = Field(max_length=254)
