"""Reading the audit trail: filtered by person, provider, inspection, kind of change and dates.

For admins and programme managers only (``Action.VIEW_AUDIT_TRAIL``). Newest first, a page
at a time by keyset (the last row's time and id), never by offset, so a page costs the same
deep in a million rows; each filter, and a provider's or a person's changes of one kind, has
an index that starts with its columns and ends with ``(at, id)``. A page is one query, and
nothing counts the matching rows: the page only says whether there is a next one. Before and
after are given in words (``domain/audit_words``).
"""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache

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
    trail = parse_filter(query)
    _plan_for_these_values(session)
    events = session.exec(_page_statement(trail, _cursor(cursor), page_size + 1)).all()
    shown = events[:page_size]
    more = len(events) > page_size
    return TrailPage(rows=[_row(e) for e in shown], next_cursor=_cursor_text(shown[-1]) if more and shown else "")


def iter_rows(session: Session, trail: TrailFilter, batch: int = 1000) -> Iterator[TrailRow]:
    """Every event matching ``trail``, newest first, a keyset batch at a time (the export; caller has asked access)."""
    after: tuple[datetime, int] | None = None
    _plan_for_these_values(session)
    while True:
        events = session.exec(_page_statement(trail, after, batch)).all()
        yield from (_row(e) for e in events)
        if len(events) < batch:
            return
        after = (events[-1].at, events[-1].id)


def trail_options(*, session: Session, actor: Actor | None) -> TrailOptions:
    """The people, providers, inspections and kinds of change to filter by.

    The page loads these on every visit, and a programme has thousands of inspections: their
    rows are read without the ORM and each start day is put in words once, not once per inspection.
    """
    access.require(actor, Action.VIEW_AUDIT_TRAIL)
    people = session.exec(select(User.id, User.name, User.email).order_by(User.name)).all()
    providers = session.exec(select(Provider.id, Provider.name).order_by(Provider.name)).all()
    inspections = session.connection().execute(
        select(Inspection.id, InspectionGroup.name, Inspection.planned_start)
        .join(InspectionGroup, InspectionGroup.id == Inspection.group_id)
        .order_by(InspectionGroup.name, Inspection.planned_start.desc())).all()
    day_words = lru_cache(maxsize=None)(format_date)
    return TrailOptions(
        people=[Option(str(i), f"{name} ({email})") for i, name, email in people],
        providers=[Option(str(i), name) for i, name in providers],
        inspections=[Option(str(i), f"{name}, {day_words(start)} (inspection {i})" if start else
                            f"{name} (inspection {i})") for i, name, start in inspections],
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


def _page_statement(trail: TrailFilter, after: tuple[datetime, int] | None, limit: int):
    """One round trip for a page: the matching events' shown columns by keyset, then the names they need.

    The inner query alone touches the audit table (an index that ends with ``(at, id)`` gives the
    rows in order, so it stops after ``limit``); each name is then one primary-key look-up per row
    shown, so a page costs the same however many people, providers and inspections there are.
    The hashes are not read: the page does not show them.
    """
    page = select(*_SHOWN)
    for column, value in ((AuditEvent.actor_id, trail.person_id), (AuditEvent.provider_id, trail.provider_id),
                          (AuditEvent.inspection_id, trail.inspection_id), (AuditEvent.action, trail.action or None)):
        if value is not None:
            page = page.where(column == value)
    if trail.date_from:
        page = page.where(AuditEvent.at >= _london_midnight(trail.date_from))
    if trail.date_to:
        page = page.where(AuditEvent.at < _london_midnight(trail.date_to + timedelta(days=1)))
    if after is not None:
        page = page.where(tuple_(AuditEvent.at, AuditEvent.id) < tuple_(*after))
    rows = page.order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(limit).subquery("page")
    group = select(InspectionGroup.name).join(Inspection, Inspection.group_id == InspectionGroup.id)
    return select(rows, select(User.name).where(User.id == rows.c.actor_id).scalar_subquery().label("who"),
                  select(Provider.name).where(Provider.id == rows.c.provider_id).scalar_subquery().label("provider_name"),
                  group.where(Inspection.id == rows.c.inspection_id).scalar_subquery().label("group_name"),
                  ).order_by(rows.c.at.desc(), rows.c.id.desc())


_SHOWN = (AuditEvent.id, AuditEvent.at, AuditEvent.actor_id, AuditEvent.action, AuditEvent.entity_type,
          AuditEvent.entity_id, AuditEvent.provider_id, AuditEvent.inspection_id, AuditEvent.before, AuditEvent.after)
"""The columns the page and the export show (not the hashes)."""


def _plan_for_these_values(session: Session) -> None:
    """Make PostgreSQL plan each trail query for its own values, for the rest of this transaction.

    The trail is skewed (sign-ins and downloads are most of it; some kinds are rare), and the
    driver prepares a statement after a few runs, after which PostgreSQL may reuse one generic
    plan for any values. Measured on 1,000,000 rows before the person-and-kind index: a person's
    sign-ins went from ~8 ms to ~30 ms once the generic plan took over (a bitmap of every
    sign-in instead of the person's own index). That index fixes that pair; this keeps any other
    mix of filters from the same fate. Planning afresh costs well under a millisecond.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.connection().exec_driver_sql("SET LOCAL plan_cache_mode = force_custom_plan")


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


def _cursor_text(event) -> str:
    return f"{event.at.astimezone(UTC).isoformat()}~{event.id}"


def _row(e) -> TrailRow:
    """One event of ``_page_statement`` in words."""
    return TrailRow(
        id=e.id, when=e.at.astimezone(LONDON).strftime("%-d %B %Y, %H:%M:%S"),
        who=e.who or ("The system (nobody signed in)" if e.actor_id is None else f"User {e.actor_id}"),
        what=action_words(e.action), provider=e.provider_name or "",
        inspection=f"{e.inspection_id}: {e.group_name or ''}" if e.inspection_id else "",
        about=f"{e.entity_type.replace('_', ' ')} {e.entity_id}" if e.entity_id is not None else e.entity_type,
        changes=changes(e.before if isinstance(e.before, dict) else {"value": e.before} if e.before else None,
                        e.after if isinstance(e.after, dict) else {"value": e.after} if e.after else None),
    )
