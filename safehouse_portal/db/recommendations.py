"""Recommendations, serious concerns and the threads that follow them to done."""

from datetime import date, datetime
from typing import Optional

from sqlalchemy import JSON, Column, Text
from sqlmodel import Field, SQLModel

from safehouse_portal.db.types import StrEnumType, UTCDateTime, utcnow
from safehouse_portal.domain.enums import Theme, Timescale


class Recommendation(SQLModel, table=True):
    """A time-bound recommendation; its due date runs from receipt of the final report."""

    id: Optional[int] = Field(default=None, primary_key=True)
    inspection_id: int = Field(foreign_key="inspection.id", index=True)
    kloe_codes: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    key_question: str = Field(max_length=20)
    text: str = Field(sa_column=Column(Text, nullable=False))
    theme: Theme = Field(sa_type=StrEnumType(Theme))
    timescale: Timescale = Field(sa_type=StrEnumType(Timescale))
    status: str = Field(default="open", max_length=30, index=True)
    met_on: Optional[date] = None
    created_by_id: Optional[int] = Field(default=None, foreign_key="user.id")
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))


class RecommendationUpdate(SQLModel, table=True):
    """One dated entry in a recommendation's thread: progress, evidence, acceptance or return."""

    __tablename__ = "recommendation_update"

    id: Optional[int] = Field(default=None, primary_key=True)
    recommendation_id: int = Field(foreign_key="recommendation.id", index=True)
    kind: str = Field(max_length=30)
    text: str = Field(sa_column=Column(Text, nullable=False))
    file_ids: list[int] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    author_id: int = Field(foreign_key="user.id")
    at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))


class SeriousConcern(SQLModel, table=True):
    """A serious concern that starts the early outcome letter track."""

    __tablename__ = "serious_concern"

    id: Optional[int] = Field(default=None, primary_key=True)
    inspection_id: int = Field(foreign_key="inspection.id", index=True)
    details: str = Field(sa_column=Column(Text, nullable=False))
    raised_by_id: int = Field(foreign_key="user.id")
    raised_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
    letter_sent_on: Optional[date] = None
    letter_recipients: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
