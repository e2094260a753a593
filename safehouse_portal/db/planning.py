"""Inspectors' availability for planning the year: home region, 4-week limit, skills, days off."""

from datetime import date
from typing import Optional

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel


class InspectorAvailability(SQLModel, table=True):
    """What the planner needs to know about one inspector (one row each, made on first save)."""

    __tablename__ = "inspector_availability"

    user_id: int = Field(foreign_key="user.id", primary_key=True)
    home_region: str = Field(default="", max_length=100)
    max_leads_per_4_weeks: int = Field(default=3, ge=0)
    skills: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class InspectorUnavailability(SQLModel, table=True):
    """Leave or another span of days an inspector cannot inspect (first to last, inclusive)."""

    __tablename__ = "inspector_unavailability"

    id: Optional[int] = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    first_day: date
    last_day: date
    reason: str = Field(default="Leave", max_length=200)
