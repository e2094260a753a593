"""The inspection framework as versioned data: KQ -> KLOE -> prompts, and clauses."""

from datetime import datetime
from typing import Optional

from sqlalchemy import Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from safehouse_portal.db.types import UTCDateTime, utcnow


class FrameworkVersion(SQLModel, table=True):
    """One imported version of the framework. Inspections keep the one they began with."""

    __tablename__ = "framework_version"

    id: Optional[int] = Field(default=None, primary_key=True)
    version: str = Field(unique=True, max_length=50)
    title: str = Field(max_length=200)
    source: str = Field(max_length=500)
    is_current: bool = False
    imported_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))


class FrameworkKeyQuestion(SQLModel, table=True):
    """A key question within one framework version."""

    __tablename__ = "framework_key_question"
    __table_args__ = (UniqueConstraint("version_id", "key"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    version_id: int = Field(foreign_key="framework_version.id", index=True)
    key: str = Field(max_length=20)
    title: str = Field(max_length=200)
    position: int


class Kloe(SQLModel, table=True):
    """A key line of enquiry, e.g. S1, with its question."""

    __table_args__ = (UniqueConstraint("version_id", "code"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    version_id: int = Field(foreign_key="framework_version.id", index=True)
    key_question_id: int = Field(foreign_key="framework_key_question.id", index=True)
    code: str = Field(max_length=10)
    title: str = Field(max_length=200)
    question: str = Field(max_length=1000)
    position: int


class KloePrompt(SQLModel, table=True):
    """A prompt (sub-question) inspectors may choose to use under a KLOE."""

    __tablename__ = "kloe_prompt"
    __table_args__ = (UniqueConstraint("kloe_id", "code"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    kloe_id: int = Field(foreign_key="kloe.id", index=True)
    code: str = Field(max_length=20)
    text: str = Field(max_length=1000)
    position: int


class ContractClause(SQLModel, table=True):
    """A contract (MSVCC) requirement that KLOEs cross-reference."""

    __tablename__ = "contract_clause"
    __table_args__ = (UniqueConstraint("version_id", "reference"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    version_id: int = Field(foreign_key="framework_version.id", index=True)
    reference: str = Field(max_length=50)
    title: str = Field(max_length=200)
    text: str = Field(max_length=4000)
    illustrative: bool = True


class KloeClauseLink(SQLModel, table=True):
    """A cross-reference between a KLOE and a contract clause."""

    __tablename__ = "kloe_clause_link"

    kloe_id: int = Field(foreign_key="kloe.id", primary_key=True)
    clause_id: int = Field(foreign_key="contract_clause.id", primary_key=True, index=True)
