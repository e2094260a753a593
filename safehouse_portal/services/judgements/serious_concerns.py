"""Serious concerns and the early outcome letter track.

Raising a serious concern marks the inspection (``Inspection.serious_concern``), so the
lifecycle adds the early outcome letter milestone, due 5 working days after the
inspection's last day. The letter sets the concerns out in detail and goes to the
provider, copied to the Home Office and the prime contractor; sending it is recorded
on each concern and as the inspection's step ``early_outcome_letter_on``.
"""

from dataclasses import dataclass, field
from datetime import date

from pydantic import BaseModel, field_validator
from sqlmodel import Session, select

from safehouse_portal.db import DeadlineExtension, Inspection, SeriousConcern, User
from safehouse_portal.domain.dates import format_date
from safehouse_portal.domain.notifications import LinkTarget, NotificationKind as Kind
from safehouse_portal.domain.judgements import CONCERN_STAGES
from safehouse_portal.domain.milestones import Milestone, MilestoneStatus, compute_schedule
from safehouse_portal.domain.options import Option
from safehouse_portal.services.core import audit, outbox
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.core.calendar import working_calendar
from safehouse_portal.services.core.errors import InvalidInput
from safehouse_portal.services.programme.deadlines import inspection_dates, state_text
from safehouse_portal.services.core.validation import bounded_text, parse
from safehouse_portal.services.judgements.workspace import Header, header, open_inspection

MAX_DETAILS_LENGTH = 8000
RECIPIENTS: dict[str, str] = {
    "provider": "The provider",
    "home_office": "The Home Office",
    "prime_contractor": "The prime contractor",
}
"""Who the early outcome letter goes to; all three must receive it."""


@dataclass(frozen=True)
class ConcernRow:
    id: int = 0
    details: str = ""
    raised: str = ""
    letter: str = ""


@dataclass(frozen=True)
class ConcernsView:
    header: Header = field(default_factory=Header)
    may_raise: bool = False
    may_record_letter: bool = False
    letter_due: str = ""
    letter_state: str = ""
    letter_sent: str = ""
    recipients: list[Option] = field(default_factory=list)
    concerns: list[ConcernRow] = field(default_factory=list)


class ConcernRequest(BaseModel):
    details: str

    @field_validator("details", mode="before")
    @classmethod
    def _details(cls, value: object) -> str:
        return bounded_text(value, most=MAX_DETAILS_LENGTH,
                            message=f"Describe the concern in detail, in 1 to {MAX_DETAILS_LENGTH} characters")


class LetterRequest(BaseModel):
    sent_on: date
    recipients: list[str]

    @field_validator("sent_on", mode="before")
    @classmethod
    def _sent_on(cls, value: object) -> date:
        try:
            return date.fromisoformat(value.strip()) if isinstance(value, str) else _not_a_date()
        except ValueError:
            raise ValueError("Enter the date the letter was sent, for example 2026-11-27") from None

    @field_validator("recipients", mode="before")
    @classmethod
    def _recipients(cls, value: object) -> list[str]:
        values = [value] if isinstance(value, str) else value
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values) \
                or set(values) != set(RECIPIENTS):
            raise ValueError("The letter goes to the provider, the Home Office and the prime contractor: "
                             "tick all three once it is sent to each")
        return list(RECIPIENTS)


def concerns(*, session: Session, actor: Actor | None, inspection_id: object, today: date) -> ConcernsView:
    """The inspection's serious concerns, and where the early outcome letter stands."""
    access = open_inspection(session, actor, inspection_id)
    inspection = access.inspection
    rows = session.exec(select(SeriousConcern).where(SeriousConcern.inspection_id == inspection.id)
                        .order_by(SeriousConcern.id)).all()
    names = {u.id: u.name for u in session.exec(select(User).where(
        User.id.in_({r.raised_by_id for r in rows}))).all()} if rows else {}
    milestone = _letter_milestone(session, inspection, today)
    unsent = any(r.letter_sent_on is None for r in rows)
    return ConcernsView(
        header=header(session, access),
        may_raise=access.may_edit and inspection.stage in CONCERN_STAGES,
        may_record_letter=access.is_lead and unsent,
        letter_due=format_date(milestone.due) if milestone else "",
        letter_state=state_text(milestone) if milestone else "",
        letter_sent=format_date(inspection.early_outcome_letter_on) if inspection.early_outcome_letter_on else "",
        recipients=[Option(k, v) for k, v in RECIPIENTS.items()],
        concerns=[ConcernRow(
            r.id, r.details, f"{names.get(r.raised_by_id, 'An inspector')} on {format_date(r.raised_at.date())}",
            f"Sent on {format_date(r.letter_sent_on)} to " + ", ".join("t" + RECIPIENTS[k][1:]
                                                                     for k in r.letter_recipients if k in RECIPIENTS)
            if r.letter_sent_on else "Not sent yet",
        ) for r in rows],
    )


def raise_concern(*, session: Session, actor: Actor | None, inspection_id: object, data: object) -> int:
    """Record a serious concern (a team member), which starts the early outcome letter track."""
    access = open_inspection(session, actor, inspection_id, edit=True, lock=True)
    inspection = access.inspection
    if inspection.stage not in CONCERN_STAGES:
        raise InvalidInput({"details": "A serious concern is raised from the first day of the inspection "
                                       "until the final report is issued"})
    request = parse(ConcernRequest, data)
    row = SeriousConcern(inspection_id=inspection.id, details=request.details, raised_by_id=access.actor.user_id)
    session.add(row)
    was_flagged = inspection.serious_concern
    inspection.serious_concern = True
    session.add(inspection)
    session.flush()
    audit.record(session=session, actor=access.actor, action="serious_concern.raised", entity_type="inspection",
                 entity_id=inspection.id, before={"serious_concern": was_flagged},
                 after={"serious_concern": True, "concern_id": row.id, "details": request.details})
    session.flush()
    return row.id


def record_letter(*, session: Session, actor: Actor | None, inspection_id: object, data: object,
                  today: date) -> date:
    """Record the early outcome letter as sent to all three recipients (the lead inspector)."""
    access = open_inspection(session, actor, inspection_id, lead=True, lock=True)
    inspection = access.inspection
    request = parse(LetterRequest, data)
    unsent = session.exec(select(SeriousConcern).where(SeriousConcern.inspection_id == inspection.id,
                                                       SeriousConcern.letter_sent_on.is_(None))).all()
    if not unsent:
        raise InvalidInput({"sent_on": "There is no serious concern waiting for its letter"})
    _check_sent_on(inspection, request.sent_on, today)
    for row in unsent:
        row.letter_sent_on, row.letter_recipients = request.sent_on, list(request.recipients)
        session.add(row)
    before = inspection.early_outcome_letter_on
    if before is None:
        inspection.early_outcome_letter_on = request.sent_on
        session.add(inspection)
    audit.record(session=session, actor=access.actor, action="serious_concern.letter_sent", entity_type="inspection",
                 entity_id=inspection.id, before={"early_outcome_letter_on": before.isoformat() if before else None},
                 after={"early_outcome_letter_on": inspection.early_outcome_letter_on.isoformat(),
                        "sent_on": request.sent_on.isoformat(), "recipients": list(request.recipients),
                        "concern_ids": [r.id for r in unsent]})
    outbox.notify(session=session, kind=Kind.EARLY_OUTCOME_LETTER_SENT, to_user_ids=[*outbox.provider_leads(session, inspection_id=inspection.id),
                  *outbox.stakeholders(session, "prime_contractor", "home_office")], inspection_id=inspection.id,
                  link=LinkTarget.REPORTS, link_id=inspection.id)
    session.flush()
    return request.sent_on


def _check_sent_on(inspection: Inspection, sent_on: date, today: date) -> None:
    if sent_on > today:
        raise InvalidInput({"sent_on": "Enter today's date or an earlier one: record the letter once it is sent"})
    first = inspection.ended_on or inspection.started_on
    if first is not None and sent_on < first:
        raise InvalidInput({"sent_on": f"Enter a date on or after {format_date(first)}: "
                                       "the letter follows the inspection"})


def _letter_milestone(session: Session, inspection: Inspection, today: date) -> MilestoneStatus | None:
    """The early outcome letter's deadline from the lifecycle, with any extension; None if it does not apply."""
    if not inspection.serious_concern or inspection.planned_start is None or inspection.planned_end is None \
            or inspection.planned_end < inspection.planned_start:
        return None
    extensions = {Milestone(row.milestone): row.new_due for row in session.exec(
        select(DeadlineExtension).where(DeadlineExtension.inspection_id == inspection.id)
        .order_by(DeadlineExtension.id)).all() if row.milestone in Milestone.__members__.values()}
    schedule = compute_schedule(inspection_dates(inspection, extensions), today=today,
                                calendar=working_calendar(session=session))
    return next((s for s in schedule if s.key is Milestone.EARLY_OUTCOME_LETTER_DUE), None)


def _not_a_date() -> date:
    raise ValueError("not a date")
