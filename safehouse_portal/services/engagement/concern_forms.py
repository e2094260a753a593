"""A concern, an escalation and a closing as entered on their forms, each box checked with its own message."""

from datetime import date

from pydantic import BaseModel, field_validator

from safehouse_portal.domain.engagement import (
    MAX_TEXT, RECIPIENT_LABELS, SEVERITY_LABELS, SOURCE_LABELS, ConcernSeverity, ConcernSource, Recipient,
)
from safehouse_portal.domain.ids import parse_id
from safehouse_portal.services.core.validation import bounded_text, one_of
from safehouse_portal.services.engagement.meetings import iso_date


class ConcernForm(BaseModel):
    """A concern as entered; "who was told" are two boxes and the day they were told."""

    provider_id: int
    location_id: int | None = None
    source: ConcernSource
    received_on: date
    summary: str
    severity: ConcernSeverity
    told_prime_contractor: bool = False
    told_home_office: bool = False
    told_on: date | None = None

    @field_validator("provider_id", mode="before")
    @classmethod
    def _provider(cls, value: object) -> int:
        checked = parse_id(value)
        if checked is None:
            raise ValueError("Choose the provider the concern is about")
        return checked

    @field_validator("location_id", mode="before")
    @classmethod
    def _location(cls, value: object) -> int | None:
        if value in (None, ""):
            return None
        checked = parse_id(value)
        if checked is None:
            raise ValueError("Choose a location from the list, or none")
        return checked

    @field_validator("source", mode="before")
    @classmethod
    def _source(cls, value: object) -> str:
        return one_of(value, SOURCE_LABELS, "Choose where the concern came from")

    @field_validator("severity", mode="before")
    @classmethod
    def _severity(cls, value: object) -> str:
        return one_of(value, SEVERITY_LABELS, "Choose how serious the concern is")

    @field_validator("received_on", mode="before")
    @classmethod
    def _received(cls, value: object) -> date:
        return iso_date(value, "Enter the date the concern was received, for example 2026-11-03")

    @field_validator("told_on", mode="before")
    @classmethod
    def _told_on(cls, value: object) -> date | None:
        if value in (None, ""):
            return None
        return iso_date(value, "Enter the date they were told, for example 2026-11-03")

    @field_validator("told_prime_contractor", "told_home_office", mode="before")
    @classmethod
    def _box(cls, value: object) -> bool:
        return value not in (None, "", False)

    @field_validator("summary", mode="before")
    @classmethod
    def _summary(cls, value: object) -> str:
        return bounded_text(value, most=MAX_TEXT, message=f"Enter a summary of the concern, in 1 to {MAX_TEXT} "
                                                          "characters")


class EscalationForm(BaseModel):
    told: Recipient
    told_on: date
    note: str = ""

    @field_validator("told", mode="before")
    @classmethod
    def _told(cls, value: object) -> str:
        return one_of(value, RECIPIENT_LABELS, "Choose who was told")

    @field_validator("told_on", mode="before")
    @classmethod
    def _told_on(cls, value: object) -> date:
        return iso_date(value, "Enter the date they were told, for example 2026-11-03")

    @field_validator("note", mode="before")
    @classmethod
    def _note(cls, value: object) -> str:
        return bounded_text(value, most=MAX_TEXT, required=False, message=f"Enter at most {MAX_TEXT} characters")


class ClosingForm(BaseModel):
    closed_on: date
    closing_note: str

    @field_validator("closed_on", mode="before")
    @classmethod
    def _closed_on(cls, value: object) -> date:
        return iso_date(value, "Enter the date the concern was closed, for example 2026-11-03")

    @field_validator("closing_note", mode="before")
    @classmethod
    def _note(cls, value: object) -> str:
        return bounded_text(value, most=MAX_TEXT, message=f"Enter what was done about the concern, in 1 to "
                                                          f"{MAX_TEXT} characters")
