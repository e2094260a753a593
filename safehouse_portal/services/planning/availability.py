"""Inspectors' availability for planning: programme managers keep everyone's, inspectors their own.

A CSV import sets many at once. Its columns: ``email``, ``home_region``,
``max_leads_per_4_weeks``, ``skills`` (separated by ``;``) and ``unavailable`` (days or spans
``2027-04-06..2027-04-10`` separated by ``;``). Every error is reported by row and column,
and nothing is saved unless every row is right; an imported inspector's days off are replaced.
"""

import csv
import io
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import delete
from sqlmodel import Session, select

from safehouse_portal.db import InspectorAvailability, InspectorUnavailability, User
from safehouse_portal.domain.dates import format_date
from safehouse_portal.domain.enums import Role
from safehouse_portal.domain.ids import parse_id
from safehouse_portal.domain.planning import DEFAULT_MAX_LEADS, SKILL_LABELS
from safehouse_portal.domain.regions import REGIONS, region_named
from safehouse_portal.services.core import access, audit
from safehouse_portal.services.core.access import Action
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.core.errors import InvalidInput, PermissionDenied

COLUMNS = ("email", "home_region", "max_leads_per_4_weeks", "skills", "unavailable")
MAX_LEADS = 20
MAX_ROWS = 1000
REASON_LENGTH = 200
"""The most characters a reason for days off may have."""
LIMIT_LENGTH = 2
"""The most digits a 4-week limit is typed with (it is at most ``MAX_LEADS``)."""
PASTE_LENGTH = 30_000
"""The most characters of CSV the page takes pasted (a few hundred inspectors); the CLI reads bigger files."""


@dataclass(frozen=True)
class DaysOff:
    """A span of days an inspector cannot inspect."""

    id: int = 0
    first_day: str = ""
    last_day: str = ""
    label: str = ""
    reason: str = ""


@dataclass(frozen=True)
class InspectorAvailabilityRow:
    """One inspector's availability, as the page and the planner read it."""

    user_id: int = 0
    name: str = ""
    email: str = ""
    home_region: str = ""
    max_leads: int = DEFAULT_MAX_LEADS
    skills: list[str] = field(default_factory=list)
    skill_labels: list[str] = field(default_factory=list)
    days_off: list[DaysOff] = field(default_factory=list)


@dataclass(frozen=True)
class ImportResult:
    """What an import did, or every error it found (then it saved nothing)."""

    saved: int = 0
    errors: list[str] = field(default_factory=list)


def availability(*, session: Session, actor: Actor | None) -> list[InspectorAvailabilityRow]:
    """Every active inspector's availability for a programme manager; an inspector's own for them."""
    actor = _admit_any(actor)
    query = select(User).where(User.role == Role.INSPECTOR, User.active == True)  # noqa: E712
    if not access.may(actor, Action.MANAGE_AVAILABILITY):
        query = query.where(User.id == actor.user_id)
    users = session.exec(query.order_by(User.name)).all()
    return [_row(session, user) for user in users]


def save_availability(*, session: Session, actor: Actor | None, user_id: object, home_region: object,
                      max_leads: object, skills: object) -> InspectorAvailabilityRow:
    """Set an inspector's home region, 4-week limit and skills."""
    user = _inspector(session, _admit_for(actor, user_id), user_id)
    errors, values = _validate(home_region, max_leads, skills)
    if errors:
        raise InvalidInput(errors)
    _store(session, actor, user, *values)
    session.flush()
    return _row(session, user)


def add_days_off(*, session: Session, actor: Actor | None, user_id: object, first_day: object, last_day: object,
                 reason: object = "Leave") -> InspectorAvailabilityRow:
    """Record leave or other days an inspector cannot inspect."""
    user = _inspector(session, _admit_for(actor, user_id), user_id)
    errors: dict[str, str] = {}
    first, last = _day(first_day), _day(last_day if last_day not in (None, "") else first_day)
    if first is None:
        errors["first_day"] = "Enter the first day as a real date, for example 2027-04-06"
    if last is None:
        errors["last_day"] = "Enter the last day as a real date, for example 2027-04-10"
    elif first is not None and last < first:
        errors["last_day"] = "Enter a last day on or after the first day"
    text = reason.strip() if isinstance(reason, str) else ""
    if not 1 <= len(text) <= REASON_LENGTH:
        errors["reason"] = f"Enter a reason of 1 to {REASON_LENGTH} characters"
    if errors:
        raise InvalidInput(errors)
    row = InspectorUnavailability(user_id=user.id, first_day=first, last_day=last, reason=text)
    session.add(row)
    session.flush()
    audit.record(session=session, actor=actor, action="availability.days_off_added", entity_type="user",
                 entity_id=user.id, after={"first_day": first.isoformat(), "last_day": last.isoformat(), "reason": text})
    return _row(session, user)


def remove_days_off(*, session: Session, actor: Actor | None, days_off_id: object) -> None:
    """Remove a span of days off."""
    if parse_id(days_off_id, text=False) is None:
        raise InvalidInput({"days_off_id": "Unknown days off"})
    row = session.get(InspectorUnavailability, days_off_id)
    if row is None:
        raise InvalidInput({"days_off_id": "Unknown days off"})
    _admit_for(actor, row.user_id)
    audit.record(session=session, actor=actor, action="availability.days_off_removed", entity_type="user",
                 entity_id=row.user_id, before={"first_day": row.first_day.isoformat(),
                                                 "last_day": row.last_day.isoformat()})
    session.delete(row)
    session.flush()


def import_availability(*, session: Session, actor: Actor | None, text: str) -> ImportResult:
    """Set availability from CSV text; every error by row and column, and nothing saved if any."""
    access.require(actor, Action.MANAGE_AVAILABILITY)
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        return ImportResult(errors=[f"Row 1: the header lacks the column{'s' if len(missing) > 1 else ''} "
                                    f"{', '.join(missing)}"])
    inspectors = {u.email.lower(): u for u in session.exec(select(User).where(User.role == Role.INSPECTOR)).all()}
    errors, parsed = [], []
    for number, line in enumerate(reader, start=2):
        if number > MAX_ROWS + 1:
            errors.append(f"Row {number}: at most {MAX_ROWS} rows at a time")
            break
        found, values = _validate(line.get("home_region"), line.get("max_leads_per_4_weeks"), line.get("skills"))
        user = inspectors.get((line.get("email") or "").strip().lower())
        if user is None:
            found["email"] = "No inspector has this email address"
        spans, span_error = _spans(line.get("unavailable") or "")
        if span_error:
            found["unavailable"] = span_error
        errors.extend(f"Row {number}, column {column}: {message}" for column, message in found.items())
        if not found:
            parsed.append((user, values, spans))
    if errors:
        return ImportResult(errors=errors)
    for user, values, spans in parsed:
        _store(session, actor, user, *values)
        session.exec(delete(InspectorUnavailability).where(InspectorUnavailability.user_id == user.id))
        session.add_all(InspectorUnavailability(user_id=user.id, first_day=a, last_day=b, reason="Imported")
                        for a, b in spans)
    session.flush()
    return ImportResult(saved=len(parsed))


def _admit_any(actor: Actor | None) -> Actor:
    if access.may(actor, Action.MANAGE_AVAILABILITY) or access.may(actor, Action.EDIT_OWN_AVAILABILITY):
        return actor
    raise PermissionDenied()


def _admit_for(actor: Actor | None, user_id: object) -> Actor:
    """A programme manager for anyone; an inspector only for themselves."""
    if access.may(actor, Action.MANAGE_AVAILABILITY):
        return actor
    actor = access.require(actor, Action.EDIT_OWN_AVAILABILITY)
    if parse_id(user_id, text=False) != actor.user_id:
        raise PermissionDenied()
    return actor


def _inspector(session: Session, _actor: Actor, user_id: object) -> User:
    user = session.get(User, user_id) if parse_id(user_id, text=False) is not None else None
    if user is None or user.role is not Role.INSPECTOR:
        raise InvalidInput({"user_id": "Choose an inspector"})
    return user


def _validate(home_region, max_leads, skills) -> tuple[dict[str, str], tuple]:
    errors: dict[str, str] = {}
    region = region_named(home_region) if isinstance(home_region, str) else None
    if region is None:
        errors["home_region"] = f"Choose a region: {', '.join(REGIONS)}"
    limit = str(max_leads).strip() if isinstance(max_leads, (str, int)) else ""
    if not limit.isdigit() or not 0 <= int(limit) <= MAX_LEADS:
        errors["max_leads_per_4_weeks"] = f"Enter a whole number from 0 to {MAX_LEADS}"
    names = skills if isinstance(skills, list) else [s for s in str(skills or "").split(";")]
    chosen = sorted({_skill(s) for s in names if str(s).strip()})
    if None in chosen or any(not isinstance(s, str) for s in names):
        errors["skills"] = f"Choose skills from: {', '.join(SKILL_LABELS)}"
    values = (region, int(limit) if limit.isdigit() else 0, [s for s in chosen if s])
    return errors, values


def _skill(text) -> str | None:
    text = str(text).strip().lower()
    for key, label in SKILL_LABELS.items():
        if text in (key, label.lower()):
            return key
    return None


def _spans(text: str) -> tuple[list[tuple[date, date]], str]:
    spans = []
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        first, _sep, last = part.partition("..")
        a, b = _day(first), _day(last or first)
        if a is None or b is None or b < a:
            return [], f"{part!r} is not a day (2027-04-06) or a span (2027-04-06..2027-04-10)"
        spans.append((a, b))
    return spans, ""


def _day(value: object) -> date | None:
    try:
        return date.fromisoformat(value.strip()) if isinstance(value, str) else None
    except ValueError:
        return None


def _store(session: Session, actor: Actor, user: User, region: str, limit: int, skills: list[str]) -> None:
    row = session.get(InspectorAvailability, user.id)
    before = None if row is None else {"home_region": row.home_region, "max_leads": row.max_leads_per_4_weeks,
                                       "skills": list(row.skills)}
    row = row or InspectorAvailability(user_id=user.id)
    row.home_region, row.max_leads_per_4_weeks, row.skills = region, limit, skills
    session.add(row)
    audit.record(session=session, actor=actor, action="availability.changed", entity_type="user", entity_id=user.id,
                 before=before, after={"home_region": region, "max_leads": limit, "skills": skills})


def _row(session: Session, user: User) -> InspectorAvailabilityRow:
    saved = session.get(InspectorAvailability, user.id)
    days = session.exec(select(InspectorUnavailability).where(InspectorUnavailability.user_id == user.id)
                        .order_by(InspectorUnavailability.first_day)).all()
    skills = list(saved.skills) if saved else []
    return InspectorAvailabilityRow(
        user_id=user.id, name=user.name, email=user.email, home_region=saved.home_region if saved else "",
        max_leads=saved.max_leads_per_4_weeks if saved else DEFAULT_MAX_LEADS, skills=skills,
        skill_labels=[SKILL_LABELS.get(s, s) for s in skills],
        days_off=[DaysOff(d.id, d.first_day.isoformat(), d.last_day.isoformat(),
                          format_date(d.first_day) if d.first_day == d.last_day
                          else f"{format_date(d.first_day)} to {format_date(d.last_day)}", d.reason) for d in days])
