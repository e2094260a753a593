"""The independent quality panel that reviews a significant judgement change after factual accuracy."""

from datetime import datetime
from typing import Optional

from sqlalchemy import Column, Text
from sqlmodel import Field, SQLModel

from safehouse_portal.db.types import UTCDateTime, utcnow


class QualityPanelReview(SQLModel, table=True):
    """One review of an inspection's judgement change: open until an outcome closes it."""

    __tablename__ = "quality_panel_review"

    id: Optional[int] = Field(default=None, primary_key=True)
    inspection_id: int = Field(foreign_key="inspection.id", index=True)
    reason: str = Field(sa_column=Column(Text, nullable=False))
    opened_by_id: int = Field(foreign_key="user.id")
    opened_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
    outcome: Optional[str] = Field(default=None, max_length=20)
    outcome_reason: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    outcome_by_id: Optional[int] = Field(default=None, foreign_key="user.id")
    outcome_at: Optional[datetime] = Field(default=None, sa_column=Column(UTCDateTime))
    closed: bool = Field(default=False, index=True)


class QualityPanelMember(SQLModel, table=True):
    """Someone a programme manager named to a review (never on the inspection's team)."""

    __tablename__ = "quality_panel_member"

    review_id: int = Field(foreign_key="quality_panel_review.id", primary_key=True)
    user_id: int = Field(foreign_key="user.id", primary_key=True, index=True)
    inspection_id: int = Field(foreign_key="inspection.id", index=True)
    named_by_id: int = Field(foreign_key="user.id")
    named_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
    view: Optional[str] = Field(default=None, max_length=20)
    view_reasons: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    viewed_at: Optional[datetime] = Field(default=None, sa_column=Column(UTCDateTime))
