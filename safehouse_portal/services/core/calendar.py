"""The programme's working calendar: bank holidays plus closure days admins add.

Bank holidays come from the ``holidays`` package and never change while the process
runs, so they are computed once. Closure days live in the database and are read on
every call, so a closure an admin adds counts in the very next computation.
"""

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from pydantic import BaseModel, field_validator
from sqlmodel import Session, select

from safehouse_portal.db import ClosureDay, User
from safehouse_portal.domain.enums import Role
from safehouse_portal.domain.ids import parse_id
from safehouse_portal.domain.working_days import WorkingCalendar, format_long_date
from safehouse_portal.services.core import audit
from safehouse_portal.services.core.access import require_role
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.core.errors import InvalidInput, NotFound
from safehouse_portal.services.core.validation import bounded_text, parse
from safehouse_portal.db.engine import read_rows

MAX_REASON_LENGTH = 200


_CLOSURES = select(ClosureDay.day, ClosureDay.reason)
"""Every closure day, as plain values (read at every deadline computation, so built once)."""


@lru_cache(maxsize=1)
def _bank_holiday_calendar() -> WorkingCalendar:
    """Bank holidays of England and Wales for the default span of years, built once."""
    return WorkingCalendar.for_years()


def working_calendar(*, session: Session) -> WorkingCalendar:
    """Bank holidays and every programme closure day recorded now.

    Closures in years the calendar does not cover cannot be added (see
    ``add_closure_day``) and are ignored here rather than breaking every deadline.
    """
    base = _bank_holiday_calendar()
    closures = {day: reason for day, reason in read_rows(session, _CLOSURES).all() if base.covers(day)}
    if not closures:
        return base
    return WorkingCalendar(
        first_year=base.first_year,
        last_year=base.last_year,
        bank_holidays=base.bank_holidays,
        closures=closures,
    )


class NewClosureDay(BaseModel):
    """What an admin enters to close the programme for a day."""

    day: date
    reason: str

    @field_validator("day", mode="before")
    @classmethod
    def _iso_date(cls, value: object) -> date:
        if not isinstance(value, str):
            raise ValueError("Enter the date as a real date, for example 2026-12-24")
        try:
            day = date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError("Enter the date as a real date, for example 2026-12-24") from None
        calendar = _bank_holiday_calendar()
        if not calendar.covers(day):
            raise ValueError(
                f"Enter a date from {calendar.first_year} to {calendar.last_year}"
            )
        return day

    @field_validator("reason", mode="before")
    @classmethod
    def _reason(cls, value: object) -> str:
        return bounded_text(value, most=MAX_REASON_LENGTH,
                            message=f"Enter a reason of 1 to {MAX_REASON_LENGTH} characters")


@dataclass(frozen=True)
class ClosureDayRow:
    """A closure day as the admin page lists it."""

    id: int = 0
    day: str = ""
    day_label: str = ""
    reason: str = ""
    added_by: str = ""
    is_weekend_or_bank_holiday: bool = False


def list_closure_days(*, session: Session, actor: Actor | None) -> list[ClosureDayRow]:
    """Every closure day, earliest first, for staff."""
    require_role(actor, Role.ADMIN, Role.PROGRAMME_MANAGER, Role.INSPECTOR)
    rows = session.exec(
        select(ClosureDay, User.name)
        .join(User, User.id == ClosureDay.added_by_id, isouter=True)
        .order_by(ClosureDay.day)
    ).all()
    bank = _bank_holiday_calendar()
    return [
        ClosureDayRow(
            id=row.id,
            day=row.day.isoformat(),
            day_label=format_long_date(row.day),
            reason=row.reason,
            added_by=name or "Command-line operator",
            is_weekend_or_bank_holiday=bank.covers(row.day) and not bank.is_working_day(row.day),
        )
        for row, name in rows
    ]


def add_closure_day(*, session: Session, actor: Actor | None, data: object) -> ClosureDayRow:
    """Close the programme on one day, so no deadline counts it (admins only).

    Raises:
        PermissionDenied: The actor is not an admin.
        InvalidInput: The date or reason is not valid, or the day is already closed.
    """
    actor = require_role(actor, Role.ADMIN)
    new = parse(NewClosureDay, data)
    if session.exec(select(ClosureDay).where(ClosureDay.day == new.day)).first():
        raise InvalidInput({"day": f"{format_long_date(new.day)} is already a closure day"})
    row = ClosureDay(day=new.day, reason=new.reason, added_by_id=actor.user_id or None)
    session.add(row)
    session.flush()
    audit.record(session=session, actor=actor, action="closure_day.added", entity_type="closure_day",
                 entity_id=row.id, after={"day": row.day.isoformat(), "reason": row.reason})
    session.flush()
    bank = _bank_holiday_calendar()
    return ClosureDayRow(row.id, row.day.isoformat(), format_long_date(row.day), row.reason, actor.name,
                         not bank.is_working_day(row.day))


def remove_closure_day(*, session: Session, actor: Actor | None, closure_id: object) -> None:
    """Reopen a closed day (admins only); deadlines count it again from now on.

    Raises:
        PermissionDenied: The actor is not an admin.
        InvalidInput: ``closure_id`` is not an id.
        NotFound: No such closure day.
    """
    actor = require_role(actor, Role.ADMIN)
    if parse_id(closure_id, text=False) is None:
        raise InvalidInput({"closure_id": "Unknown closure day"})
    row = session.get(ClosureDay, closure_id)
    if row is None:
        raise NotFound("No such closure day")
    before = {"day": row.day.isoformat(), "reason": row.reason}
    session.delete(row)
    audit.record(session=session, actor=actor, action="closure_day.removed", entity_type="closure_day",
                 entity_id=closure_id, before=before)
    session.flush()
