"""The survivor survey: question-set versions, one link per inspection, and anonymous responses.

A response is anonymous by construction: it names the link (and so the inspection), the
question set, the language, the day (never a time), the channel and the answers. No
address, browser, cookie, token of a person or finer timestamp is a column, and its id
is random rather than a sequence, so not even the order in which answers arrived is kept.
"""

import secrets
from datetime import date, datetime
from typing import Any, Optional

from sqlalchemy import JSON, Column, Text
from sqlmodel import Field, SQLModel

from safehouse_portal.db.types import StrEnumType, UTCDateTime, utcnow
from safehouse_portal.domain.survey import Channel


def _random_id() -> str:
    return secrets.token_hex(16)


class SurveyQuestionSet(SQLModel, table=True):
    """One imported version of the survey's questions and translations; never rewritten."""

    __tablename__ = "survey_question_set"

    id: Optional[int] = Field(default=None, primary_key=True)
    version: str = Field(unique=True, max_length=50)
    title: str = Field(max_length=200)
    source: str = Field(max_length=500)
    is_current: bool = False
    definition: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    imported_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))


class SurveyLink(SQLModel, table=True):
    """An inspection's survey link: an unguessable token, open up to and including ``closes_on``."""

    __tablename__ = "survey_link"

    id: Optional[int] = Field(default=None, primary_key=True)
    inspection_id: int = Field(foreign_key="inspection.id", unique=True)
    token: str = Field(unique=True, max_length=64)
    question_set_id: int = Field(foreign_key="survey_question_set.id")
    closes_on: date
    created_by_id: Optional[int] = Field(default=None, foreign_key="user.id")
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))


class SurveyResponse(SQLModel, table=True):
    """One survivor's answers: question code -> option value or text. Nothing about who sent them."""

    __tablename__ = "survey_response"

    id: str = Field(default_factory=_random_id, primary_key=True, max_length=32)
    link_id: int = Field(foreign_key="survey_link.id", index=True)
    question_set_id: int = Field(foreign_key="survey_question_set.id")
    language: str = Field(max_length=20)
    day: date = Field(index=True)
    channel: Channel = Field(sa_type=StrEnumType(Channel))
    answers: dict[str, str] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class SurveyEvidence(SQLModel, table=True):
    """A survey comment or result an inspector added to a KLOE's evidence, and whether it may be quoted.

    The quote is the comment as the inspector kept it (they may take identifying details
    out when they check it); it never names the response it came from. A quote is used in
    a report only once someone has marked it checked for identifying details.
    """

    __tablename__ = "survey_evidence"

    id: Optional[int] = Field(default=None, primary_key=True)
    inspection_id: int = Field(foreign_key="inspection.id", index=True)
    evidence_item_id: int = Field(foreign_key="evidence_item.id", unique=True)
    kind: str = Field(max_length=20)
    question_code: str = Field(max_length=40)
    quote: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    identifying_checked: bool = False
    checked_by_id: Optional[int] = Field(default=None, foreign_key="user.id")
    checked_at: Optional[datetime] = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))
    in_report: bool = False
