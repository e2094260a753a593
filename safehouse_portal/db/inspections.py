"""Inspections of inspection groups, their teams, and deadline extensions."""

from datetime import date, datetime
from typing import Optional

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from safehouse_portal.db.types import StrEnumType, UTCDateTime, utcnow
from safehouse_portal.domain.enums import InspectionMode, InspectionReason, InspectionType, Stage


class Inspection(SQLModel, table=True):
    """One inspection of one inspection group.

    The ``*_on`` columns are the actual dates of the lifecycle's steps, set as
    they happen; the deadlines are computed from them (or from the plan).
    """

    id: Optional[int] = Field(default=None, primary_key=True)
    group_id: int = Field(foreign_key="inspection_group.id", index=True)
    type: InspectionType = Field(sa_type=StrEnumType(InspectionType))
    mode: InspectionMode = Field(sa_type=StrEnumType(InspectionMode))
    key_questions: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    planned_start: Optional[date] = None
    planned_end: Optional[date] = None
    lead_inspector_id: Optional[int] = Field(default=None, foreign_key="user.id", index=True)
    stage: Stage = Field(default=Stage.PLANNED, sa_type=StrEnumType(Stage), index=True)
    framework_version_id: int = Field(foreign_key="framework_version.id")
    serious_concern: bool = False
    announcement_call_on: Optional[date] = None
    announcement_letter_on: Optional[date] = None
    pir_requested_on: Optional[date] = None
    pir_received_on: Optional[date] = None
    started_on: Optional[date] = None
    ended_on: Optional[date] = None
    early_outcome_letter_on: Optional[date] = None
    draft_sent_on: Optional[date] = None
    fa_closed_on: Optional[date] = None
    final_issued_on: Optional[date] = None
    closed_on: Optional[date] = None
    fa_declined: bool = False
    quality_panel_flag: bool = False
    quality_panel_reason: Optional[str] = Field(default=None, max_length=4000)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
    reason: InspectionReason = Field(default=InspectionReason.ANNUAL, sa_type=StrEnumType(InspectionReason))
    """Why it was allocated (new service, annual, follow-up, concern, Home Office request)."""
    short_notice_reason: Optional[str] = Field(default=None, max_length=1000)
    """Why it starts fewer than 10 working days after allocation (the call and letter come late)."""
    fa_responded_on: Optional[date] = None
    """The day the provider first sent a factual accuracy comment or said it will not comment."""


class InspectionTeamMember(SQLModel, table=True):
    """An inspector on an inspection's team besides its lead."""

    __tablename__ = "inspection_team_member"

    inspection_id: int = Field(foreign_key="inspection.id", primary_key=True)
    user_id: int = Field(foreign_key="user.id", primary_key=True, index=True)


class InspectionQaReviewer(SQLModel, table=True):
    """An inspector a programme manager named to quality assure the inspection's draft.

    With the team (but never the lead), the only inspectors who may open the draft
    report and its letters and sign it off (``access.Relation.QA_REVIEWER``).
    """

    __tablename__ = "inspection_qa_reviewer"

    inspection_id: int = Field(foreign_key="inspection.id", primary_key=True)
    user_id: int = Field(foreign_key="user.id", primary_key=True, index=True)


class DeadlineExtension(SQLModel, table=True):
    """A programme manager's extension of one milestone, keeping the original date."""

    __tablename__ = "deadline_extension"

    id: Optional[int] = Field(default=None, primary_key=True)
    inspection_id: int = Field(foreign_key="inspection.id", index=True)
    milestone: str = Field(max_length=40)
    original_due: date
    new_due: date
    reason: str = Field(max_length=2000)
    extended_by_id: int = Field(foreign_key="user.id")
    extended_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))


class ClosureDay(SQLModel, table=True):
    """A programme closure day that is not a working day (added by an admin)."""

    __tablename__ = "closure_day"

    id: Optional[int] = Field(default=None, primary_key=True)
    day: date = Field(unique=True)
    reason: str = Field(max_length=200)
    added_by_id: Optional[int] = Field(default=None, foreign_key="user.id")
