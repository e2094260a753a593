"""The good-practice library: nominations from KLOEs, their anonymising, and providers' trials."""

from datetime import datetime
from typing import Optional

from sqlalchemy import JSON, Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from safehouse_portal.db.types import UTCDateTime, utcnow


class GoodPracticeEntry(SQLModel, table=True):
    """An example of good practice nominated from one KLOE of one inspection; published once anonymised.

    ``year`` and ``service_kind`` are kept when it is nominated: what the library shows
    instead of the provider, and never recomputed from a programme that changes later.
    """

    __tablename__ = "good_practice_entry"

    id: Optional[int] = Field(default=None, primary_key=True)
    inspection_id: int = Field(foreign_key="inspection.id", index=True)
    key_question: str = Field(max_length=20, index=True)
    kloe_code: str = Field(max_length=10, index=True)
    kloe_title: str = Field(default="", max_length=300)
    title: str = Field(max_length=200)
    what_they_do: str = Field(sa_column=Column(Text, nullable=False))
    why_it_works: str = Field(sa_column=Column(Text, nullable=False))
    themes: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    year: str = Field(max_length=10)
    service_kind: str = Field(max_length=40)
    status: str = Field(default="nominated", max_length=20, index=True)
    returned_reason: str = Field(default="", max_length=1000)
    nominated_by_id: int = Field(foreign_key="user.id")
    nominated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
    reviewed_by_id: Optional[int] = Field(default=None, foreign_key="user.id")
    published_at: Optional[datetime] = Field(default=None, sa_column=Column(UTCDateTime))


class GoodPracticeClearance(SQLModel, table=True):
    """A flagged name a programme manager marked as not identifying in one entry, with the reason."""

    __tablename__ = "good_practice_clearance"
    __table_args__ = (UniqueConstraint("entry_id", "term"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    entry_id: int = Field(foreign_key="good_practice_entry.id", index=True)
    term: str = Field(max_length=200)
    reason: str = Field(max_length=1000)
    cleared_by_id: int = Field(foreign_key="user.id")
    cleared_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))


class GoodPracticeTrial(SQLModel, table=True):
    """A provider's "we tried this", and how it went (inspectors see it; other providers never do)."""

    __tablename__ = "good_practice_trial"
    __table_args__ = (UniqueConstraint("entry_id", "provider_id"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    entry_id: int = Field(foreign_key="good_practice_entry.id", index=True)
    provider_id: int = Field(foreign_key="provider.id", index=True)
    how_it_went: str = Field(sa_column=Column(Text, nullable=False))
    recorded_by_id: int = Field(foreign_key="user.id")
    recorded_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
