"""The programme's history: every change to a provider, location or inspection group, who, when, before, after, why.

``record`` is how every writer keeps a change (the programme pages, accepted
provider-notified changes, a spreadsheet import); ``provider_history`` reads it back.
Addresses are confidential: their values are shown only to those the access policy lets
see a provider's records, and each such view is audited.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert
from sqlmodel import Session, select

from safehouse_portal.db import ProgrammeChange, User
from safehouse_portal.db.types import utcnow
from safehouse_portal.domain.dates import LONDON, format_date
from safehouse_portal.domain.programme_changes import CONFIDENTIAL_FIELDS, FIELD_LABELS, format_value
from safehouse_portal.services.core import access, audit
from safehouse_portal.services.core.access import Action, ProviderFacts
from safehouse_portal.services.core.access_facts import provider_facts
from safehouse_portal.services.core.actor import Actor

WITHHELD = "Withheld"
SOURCES = {"page": "Programme page", "proposal": "Provider told us", "import": "Spreadsheet import"}


@dataclass(frozen=True)
class HistoryRow:
    """One kept change as the history tables show it."""

    changed_on: str = ""
    changed_by: str = ""
    entity_type: str = ""
    entity_id: int = 0
    what: str = ""
    field: str = ""
    before: str = ""
    after: str = ""
    reason: str = ""
    source: str = ""


def record(*, session: Session, actor: Actor | None, provider_id: int, entity_type: str, entity_id: int,
           what: str, changes: Mapping[str, tuple[object, object]], reason: str, source: str = "page") -> int:
    """Keep each field of ``changes`` (``field: (before, after)``) whose value changed; returns how many.

    ``what`` names the thing changed (a location's name, say) for the audit trail. The
    caller has already asked the access policy; this only writes.
    """
    changed = {name: (before, after) for name, (before, after) in changes.items() if before != after}
    session.add_all(ProgrammeChange(**row) for row in _rows(actor, provider_id, entity_type, entity_id, changed,
                                                            reason, source))
    if changed:
        audit.record(session=session, actor=actor, action=f"programme.{entity_type}_changed", entity_type=entity_type,
                     entity_id=entity_id,
                     before={"what": what, **{k: _audited(k, b) for k, (b, _) in changed.items()}},
                     after={"reason": reason, "source": source, **{k: _audited(k, a) for k, (_, a) in changed.items()}})
    return len(changed)


def record_all(*, session: Session, actor: Actor | None,
               things: Iterable[tuple[int, str, int, Mapping[str, tuple[object, object]]]], reason: str,
               source: str) -> int:
    """Keep the changes of many things at once, as ``record`` keeps each, in one insert; returns how many fields.

    Each of ``things`` is ``(provider_id, entity_type, entity_id, changes)``. Nothing is
    audited here: the caller audits each thing itself (the programme import does), and a
    thousand things are kept in one statement rather than a thousand.
    """
    rows = [row for provider_id, entity_type, entity_id, changes in things
            for row in _rows(actor, provider_id, entity_type, entity_id,
                             {k: (b, a) for k, (b, a) in changes.items() if b != a}, reason, source)]
    if rows:
        session.execute(insert(ProgrammeChange), rows)
    return len(rows)


def _rows(actor: Actor | None, provider_id: int, entity_type: str, entity_id: int,
          changed: Mapping[str, tuple[object, object]], reason: str, source: str) -> list[dict[str, Any]]:
    """The ``programme_change`` rows of one thing's changed fields."""
    by = actor.user_id if actor and actor.user_id else None
    at = utcnow()
    return [{"provider_id": provider_id, "entity_type": entity_type, "entity_id": entity_id, "field": name,
             "before": None if before is None else format_value(before),
             "after": None if after is None else format_value(after),
             "reason": reason, "source": source, "changed_by_id": by, "changed_at": at}
            for name, (before, after) in changed.items()]


def provider_history(*, session: Session, actor: Actor | None, provider_id: int, entity_type: str | None = None,
                     entity_id: int | None = None, names: Mapping[tuple[str, int], str] | None = None,
                     limit: int = 200) -> list[HistoryRow]:
    """The provider's kept changes, newest first (of one entity when ``entity_type`` and ``entity_id`` are given).

    ``names`` maps ``(entity_type, entity_id)`` to the words the page shows for it.

    Raises:
        PermissionDenied: The actor may not see the provider.
    """
    access.require(actor, Action.VIEW_PROVIDER, ProviderFacts(provider_id))
    query = select(ProgrammeChange, User.name).join(User, User.id == ProgrammeChange.changed_by_id, isouter=True) \
        .where(ProgrammeChange.provider_id == provider_id)
    if entity_type is not None:
        query = query.where(ProgrammeChange.entity_type == entity_type, ProgrammeChange.entity_id == entity_id)
    rows = session.exec(query.order_by(ProgrammeChange.changed_at.desc(), ProgrammeChange.id.desc()).limit(limit)).all()
    confidential = any(row.field in CONFIDENTIAL_FIELDS for row, _ in rows)
    show = confidential and access.may(actor, Action.VIEW_PROVIDER_RECORDS, provider_facts(session, provider_id))
    if show:
        audit_address_view(session=session, actor=actor, provider_id=provider_id, where="history")
    names = names or {}
    return [
        HistoryRow(
            changed_on=f"{format_date(row.changed_at.astimezone(LONDON).date())} at {row.changed_at.astimezone(LONDON):%H:%M}",
            changed_by=name or "Command-line operator", entity_type=row.entity_type, entity_id=row.entity_id,
            what=names.get((row.entity_type, row.entity_id), ""), field=FIELD_LABELS.get(row.field, row.field),
            before=_shown(row.field, row.before, show), after=_shown(row.field, row.after, show),
            reason=row.reason, source=SOURCES.get(row.source, row.source))
        for row, name in rows
    ]


def audit_address_view(*, session: Session, actor: Actor | None, provider_id: int, where: str,
                       location_ids: list[int] | None = None) -> None:
    """Audit that ``actor`` was shown addresses of ``provider_id``'s locations (on page ``where``)."""
    audit.record(session=session, actor=actor, action="address.viewed", entity_type="provider",
                 entity_id=provider_id, after={"where": where, "locations": location_ids or []})


def _shown(field: str, value: str | None, show_confidential: bool) -> str:
    if field in CONFIDENTIAL_FIELDS and not show_confidential:
        return WITHHELD
    return value if value is not None else "-"


def _audited(field: str, value: object) -> object:
    """What the audit trail keeps of a value: never an address itself."""
    if field in CONFIDENTIAL_FIELDS:
        return "(changed)"
    return format_value(value)
