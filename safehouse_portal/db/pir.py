"""The Provider Information Return, information requests and uploaded files."""

from datetime import date, datetime
from typing import Any, Optional

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from safehouse_portal.db.types import UTCDateTime, utcnow


class PirTemplate(SQLModel, table=True):
    """A version of the PIR questions (sections -> questions, each tagged with KLOE codes).

    ``definition`` holds the validated template document; returns keep the version
    they were started with.
    """

    __tablename__ = "pir_template"

    id: Optional[int] = Field(default=None, primary_key=True)
    version: str = Field(unique=True, max_length=50)
    title: str = Field(max_length=200)
    definition: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    is_current: bool = False
    imported_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))


class PirReturn(SQLModel, table=True):
    """One provider's return for one inspection."""

    __tablename__ = "pir_return"

    id: Optional[int] = Field(default=None, primary_key=True)
    inspection_id: int = Field(foreign_key="inspection.id", unique=True)
    provider_id: int = Field(foreign_key="provider.id", index=True)
    template_id: int = Field(foreign_key="pir_template.id")
    status: str = Field(default="not_started", max_length=20)
    requested_on: Optional[date] = None
    submitted_at: Optional[datetime] = Field(default=None, sa_column=Column(UTCDateTime))
    submitted_by_id: Optional[int] = Field(default=None, foreign_key="user.id")
    reopened_reason: Optional[str] = Field(default=None, max_length=2000)


class PirAnswer(SQLModel, table=True):
    """One answer. ``version`` rises with every save, so concurrent edits are caught."""

    __tablename__ = "pir_answer"
    __table_args__ = (UniqueConstraint("return_id", "question_code"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    return_id: int = Field(foreign_key="pir_return.id", index=True)
    question_code: str = Field(max_length=40)
    value: Any = Field(default=None, sa_column=Column(JSON))
    version: int = 1
    prefilled: bool = False
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
    updated_by_id: Optional[int] = Field(default=None, foreign_key="user.id")


class StoredFile(SQLModel, table=True):
    """An uploaded file, stored outside the web root under a random name."""

    __tablename__ = "stored_file"

    id: Optional[int] = Field(default=None, primary_key=True)
    provider_id: int = Field(foreign_key="provider.id", index=True)
    original_name: str = Field(max_length=255)
    content_type: str = Field(max_length=100)
    size: int
    sha256: str = Field(max_length=64)
    storage_key: str = Field(unique=True, max_length=64)
    purpose: str = Field(max_length=40)
    uploaded_by_id: Optional[int] = Field(default=None, foreign_key="user.id")
    uploaded_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))


class InfoRequest(SQLModel, table=True):
    """An inspector's additional information request, tracked so nothing is asked twice."""

    __tablename__ = "info_request"

    id: Optional[int] = Field(default=None, primary_key=True)
    inspection_id: int = Field(foreign_key="inspection.id", index=True)
    kloe_code: Optional[str] = Field(default=None, max_length=10)
    question: str = Field(max_length=4000)
    due_on: date
    status: str = Field(default="open", max_length=20)
    asked_by_id: int = Field(foreign_key="user.id")
    asked_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
    answer: Optional[str] = Field(default=None, max_length=10000)
    answered_by_id: Optional[int] = Field(default=None, foreign_key="user.id")
    answered_at: Optional[datetime] = Field(default=None, sa_column=Column(UTCDateTime))
    file_ids: list[int] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
