"""Judgements per KLOE and key question, the evidence behind them, and the workspace."""

from datetime import date, datetime
from typing import Optional

from sqlalchemy import JSON, Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from safehouse_portal.db.types import StrEnumType, UTCDateTime, utcnow
from safehouse_portal.domain.enums import Rating


class KloeAssessment(SQLModel, table=True):
    """The inspectors' work on one KLOE in one inspection.

    ``version`` rises with every save so that two inspectors never overwrite each other.
    ``text_versions`` holds one version per autosaving box (``findings``, ``note-<slug>``...),
    rising each time that box's text changes, so a box's save is refused only when someone
    changed that very text since the box was drawn.
    """

    __tablename__ = "kloe_assessment"
    __table_args__ = (UniqueConstraint("inspection_id", "kloe_id"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    inspection_id: int = Field(foreign_key="inspection.id", index=True)
    kloe_id: int = Field(foreign_key="kloe.id")
    status: str = Field(default="not_started", max_length=20)
    rating: Optional[Rating] = Field(default=None, sa_type=StrEnumType(Rating))
    findings: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    good_practice: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    justification: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    conflict_resolution: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    version: int = 1
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
    updated_by_id: Optional[int] = Field(default=None, foreign_key="user.id")
    text_versions: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False, server_default="{}"))


class PromptNote(SQLModel, table=True):
    """A prompt the inspectors chose to use under a KLOE, with their note."""

    __tablename__ = "prompt_note"

    assessment_id: int = Field(foreign_key="kloe_assessment.id", primary_key=True)
    prompt_id: int = Field(foreign_key="kloe_prompt.id", primary_key=True)
    note: str = Field(default="", max_length=4000)


class EvidenceItem(SQLModel, table=True):
    """One piece of evidence for a KLOE: its source, robustness and direction."""

    __tablename__ = "evidence_item"

    id: Optional[int] = Field(default=None, primary_key=True)
    assessment_id: int = Field(foreign_key="kloe_assessment.id", index=True)
    source: str = Field(max_length=40)
    summary: str = Field(max_length=4000)
    relates_to: Optional[date] = None
    robustness: str = Field(max_length=20)
    supports: bool = True
    pir_question_code: Optional[str] = Field(default=None, max_length=40)
    file_id: Optional[int] = Field(default=None, foreign_key="stored_file.id")
    recorded_by_id: int = Field(foreign_key="user.id")
    recorded_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))


class KeyQuestionJudgement(SQLModel, table=True):
    """The lead inspector's override of a key question's suggested judgement."""

    __tablename__ = "key_question_judgement"
    __table_args__ = (UniqueConstraint("inspection_id", "key_question"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    inspection_id: int = Field(foreign_key="inspection.id", index=True)
    key_question: str = Field(max_length=20)
    override_rating: Optional[Rating] = Field(default=None, sa_type=StrEnumType(Rating))
    override_reason: str = Field(default="", max_length=4000)
    decided_by_id: Optional[int] = Field(default=None, foreign_key="user.id")
    decided_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))


class ChecklistItem(SQLModel, table=True):
    """An item of the announcement call's checklist, ticked with a note."""

    __tablename__ = "checklist_item"
    __table_args__ = (UniqueConstraint("inspection_id", "item_key"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    inspection_id: int = Field(foreign_key="inspection.id", index=True)
    item_key: str = Field(max_length=40)
    ticked: bool = False
    note: str = Field(default="", max_length=2000)
    updated_by_id: Optional[int] = Field(default=None, foreign_key="user.id")
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
