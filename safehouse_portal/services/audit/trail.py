"""Reading the audit trail: filtered by person, provider, inspection, kind of change and dates.

For admins and programme managers only (``Action.VIEW_AUDIT_TRAIL``). Newest first, a page
at a time by keyset (the last row's time and id), never by offset, so a page costs the same
deep in a million rows; each filter has an index that starts with its column and ends with
``(at, id)``. Before and after are given in words (``domain/audit_words``).
"""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import tuple_
from sqlmodel import Session, select

from safehouse_portal.db import AuditEvent, Inspection, InspectionGroup, Provider, User
from safehouse_portal.domain.audit_words import ACTION_WORDS, FieldChange, action_words, changes
from safehouse_portal.domain.dates import LONDON, format_date
from safehouse_portal.domain.ids import parse_id
from safehouse_portal.domain.options import Option
from safehouse_portal.services.core import access
from safehouse_portal.services.core.access import Action
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.core.errors import InvalidInput

PAGE_SIZE = 50
FILTERS = ("person", "provider", "inspection", "kind", "from", "to")
"""The query keys the page, its links and the export understand."""


@dataclass(frozen=True)
class TrailFilter:
    """The trail narrowed: each None (or empty) means not narrowed by it."""

    person_id: int | None = None
    provider_id: int | None = None
    inspection_id: int | None = None
    action: str = ""
    date_from: date | None = None
    date_to: date | None = None


@dataclass(frozen=True)
class TrailRow:
    """One event as the audit page shows it."""

    id: int = 0
    when: str = ""
    who: str = ""
    what: str = ""
    provider: str = ""
    inspection: str = ""
    about: str = ""
    changes: list[FieldChange] = field(default_factory=list)


@dataclass(frozen=True)
class TrailPage:
    """A page of the trail and where the next one starts ("" when this is the last)."""

    rows: list[TrailRow] = field(default_factory=list)
    next_cursor: str = ""


@dataclass(frozen=True)
class TrailOptions:
    """The choices of each filter."""

    people: list[Option] = field(default_factory=list)
    providers: list[Option] = field(default_factory=list)
    inspections: list[Option] = field(default_factory=list)
    kinds: list[Option] = field(default_factory=list)


def parse_filter(query: Mapping[str, object]) -> TrailFilter:
    """The filters of a page's query string (anything a browser sends); InvalidInput names the field."""
    errors: dict[str, str] = {}

    def one_id(key: str, noun: str) -> int | None:
        value = query.get(key)
        if value in (None, ""):
            return None
        parsed = parse_id(value)
        if parsed is None:
            errors[key] = f"Choose a {noun} from the list"
        return parsed

    def one_day(key: str) -> date | None:
        value = query.get(key)
        if value in (None, ""):
            return None
        try:
            return date.fromisoformat(value) if isinstance(value, str) else _not_a_day()
        except ValueError:
            errors[key] = "Enter a real date, for example 2026-03-27"
            return None

    action = query.get("kind") or ""
    if action and action not in ACTION_WORDS:
        errors["kind"] = "Choose a kind of change from the list"
    found = TrailFilter(one_id("person", "person"), one_id("provider", "provider"),
                        one_id("inspection", "inspection"), action if isinstance(action, str) else "",
                        one_day("from"), one_day("to"))
    if found.date_from and found.date_to and found.date_to < found.date_from:
        errors["to"] = "The last day must be the same as or after the first day"
    if errors:
        raise InvalidInput(errors)
    return found


def _not_a_day() -> date:
    raise ValueError("not text")


def trail_page(*, session: Session, actor: Actor | None, query: Mapping[str, object], cursor: object = "",
               page_size: int = PAGE_SIZE) -> TrailPage:
    """The newest ``page_size`` events matching ``query``, after ``cursor`` (from the previous page)."""
    access.require(actor, Action.VIEW_AUDIT_TRAIL)
    events = session.exec(_statement(parse_filter(query), _cursor(cursor)).limit(page_size + 1)).all()
    shown = events[:page_size]
    more = len(events) > page_size
    return TrailPage(rows=_rows(session, shown), next_cursor=_cursor_text(shown[-1]) if more and shown else "")


def iter_rows(session: Session, trail: TrailFilter, batch: int = 1000) -> Iterator[TrailRow]:
    """Every event matching ``trail``, newest first, a keyset batch at a time (the export; caller has asked access)."""
    after: tuple[datetime, int] | None = None
    while True:
        events = session.exec(_statement(trail, after).limit(batch)).all()
        yield from _rows(session, events)
        if len(events) < batch:
            return
        after = (events[-1].at, events[-1].id)


def trail_options(*, session: Session, actor: Actor | None) -> TrailOptions:
    """The people, providers, inspections and kinds of change to filter by."""
    access.require(actor, Action.VIEW_AUDIT_TRAIL)
    people = session.exec(select(User.id, User.name, User.email).order_by(User.name)).all()
    providers = session.exec(select(Provider.id, Provider.name).order_by(Provider.name)).all()
    inspections = session.exec(select(Inspection.id, InspectionGroup.name, Inspection.planned_start)
                               .join(InspectionGroup, InspectionGroup.id == Inspection.group_id)
                               .order_by(InspectionGroup.name, Inspection.planned_start.desc())).all()
    return TrailOptions(
        people=[Option(str(i), f"{name} ({email})") for i, name, email in people],
        providers=[Option(str(i), name) for i, name in providers],
        inspections=[Option(str(i), _inspection_words(i, name, start)) for i, name, start in inspections],
        kinds=sorted((Option(k, v) for k, v in ACTION_WORDS.items()), key=lambda o: o.label),
    )


def filter_words(session: Session, trail: TrailFilter) -> list[tuple[str, str]]:
    """Each filter and its value in words ("All" when not narrowed), for the export's record."""
    person = session.get(User, trail.person_id) if trail.person_id else None
    provider = session.get(Provider, trail.provider_id) if trail.provider_id else None
    return [("Person", person.name if person else "All"), ("Provider", provider.name if provider else "All"),
            ("Inspection", str(trail.inspection_id) if trail.inspection_id else "All"),
            ("Kind of change", action_words(trail.action) if trail.action else "All"),
            ("From", format_date(trail.date_from) or "The start"), ("To", format_date(trail.date_to) or "Today")]


def _statement(trail: TrailFilter, after: tuple[datetime, int] | None):
    statement = select(AuditEvent)
    for column, value in ((AuditEvent.actor_id, trail.person_id), (AuditEvent.provider_id, trail.provider_id),
                          (AuditEvent.inspection_id, trail.inspection_id), (AuditEvent.action, trail.action or None)):
        if value is not None:
            statement = statement.where(column == value)
    if trail.date_from:
        statement = statement.where(AuditEvent.at >= _london_midnight(trail.date_from))
    if trail.date_to:
        statement = statement.where(AuditEvent.at < _london_midnight(trail.date_to + timedelta(days=1)))
    if after is not None:
        statement = statement.where(tuple_(AuditEvent.at, AuditEvent.id) < tuple_(*after))
    return statement.order_by(AuditEvent.at.desc(), AuditEvent.id.desc())


def _london_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=LONDON).astimezone(UTC)


def _cursor(value: object) -> tuple[datetime, int] | None:
    """The position a page's cursor names; a cursor that is not one of ours starts at the top."""
    if not isinstance(value, str) or "~" not in value:
        return None
    at_text, _, id_text = value.partition("~")
    row_id = parse_id(id_text)
    try:
        at = datetime.fromisoformat(at_text)
    except ValueError:
        return None
    if row_id is None or at.tzinfo is None:
        return None
    return at, row_id


def _cursor_text(event: AuditEvent) -> str:
    return f"{event.at.astimezone(UTC).isoformat()}~{event.id}"


def _rows(session: Session, events: list[AuditEvent]) -> list[TrailRow]:
    people = _names(session, User, {e.actor_id for e in events})
    providers = _names(session, Provider, {e.provider_id for e in events})
    inspection_ids = {e.inspection_id for e in events if e.inspection_id}
    groups = dict(session.exec(select(Inspection.id, InspectionGroup.name)
                               .join(InspectionGroup, InspectionGroup.id == Inspection.group_id)
                               .where(Inspection.id.in_(inspection_ids))).all()) if inspection_ids else {}
    return [TrailRow(
        id=e.id, when=e.at.astimezone(LONDON).strftime("%-d %B %Y, %H:%M:%S"),
        who=people.get(e.actor_id, "The system (nobody signed in)" if e.actor_id is None else f"User {e.actor_id}"),
        what=action_words(e.action), provider=providers.get(e.provider_id, ""),
        inspection=f"{e.inspection_id}: {groups.get(e.inspection_id, '')}" if e.inspection_id else "",
        about=f"{e.entity_type.replace('_', ' ')} {e.entity_id}" if e.entity_id is not None else e.entity_type,
        changes=changes(e.before if isinstance(e.before, dict) else {"value": e.before} if e.before else None,
                        e.after if isinstance(e.after, dict) else {"value": e.after} if e.after else None),
    ) for e in events]


def _names(session: Session, table, ids: set[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    return dict(session.exec(select(table.id, table.name).where(table.id.in_(wanted))).all())


def _inspection_words(inspection_id: int, group: str, start: date | None) -> str:
    return f"{group}, {format_date(start)} (inspection {inspection_id})" if start else \
        f"{group} (inspection {inspection_id})"
