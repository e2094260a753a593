"""Quality assurance, the factual-accuracy check and the issue of reports."""

from datetime import date, datetime
from typing import Any, Optional

from sqlalchemy import JSON, Column, Text
from sqlmodel import Field, SQLModel

from safehouse_portal.db.types import UTCDateTime, utcnow


class QaReview(SQLModel, table=True):
    """A second inspector's or programme manager's sign-off or return of the draft."""

    __tablename__ = "qa_review"

    id: Optional[int] = Field(default=None, primary_key=True)
    inspection_id: int = Field(foreign_key="inspection.id", index=True)
    reviewer_id: int = Field(foreign_key="user.id")
    outcome: str = Field(max_length=20)
    comments: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))


class ReportSnapshot(SQLModel, table=True):
    """The report's content as sent (draft) or issued (final), for comparison."""

    __tablename__ = "report_snapshot"

    id: Optional[int] = Field(default=None, primary_key=True)
    inspection_id: int = Field(foreign_key="inspection.id", index=True)
    kind: str = Field(max_length=10)
    content: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))


class FactualAccuracyComment(SQLModel, table=True):
    """A provider's comment on a section of the draft, and the inspector's decision."""

    __tablename__ = "fa_comment"

    id: Optional[int] = Field(default=None, primary_key=True)
    inspection_id: int = Field(foreign_key="inspection.id", index=True)
    section_key: str = Field(max_length=40)
    kind: str = Field(max_length=30)
    text_concerned: str = Field(sa_column=Column(Text, nullable=False))
    proposed_correction: str = Field(sa_column=Column(Text, nullable=False))
    file_ids: list[int] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    submitted_by_id: int = Field(foreign_key="user.id")
    submitted_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
    decision: Optional[str] = Field(default=None, max_length=20)
    decision_reason: str = Field(default="", max_length=4000)
    changes_judgement: bool = False
    decided_by_id: Optional[int] = Field(default=None, foreign_key="user.id")
    decided_at: Optional[datetime] = Field(default=None, sa_column=Column(UTCDateTime))


class ReportIssue(SQLModel, table=True):
    """The final report sent to one recipient on one date."""

    __tablename__ = "report_issue"

    id: Optional[int] = Field(default=None, primary_key=True)
    inspection_id: int = Field(foreign_key="inspection.id", index=True)
    recipient: str = Field(max_length=40)
    issued_on: date
    issued_by_id: int = Field(foreign_key="user.id")
