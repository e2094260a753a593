"""The programme as it stands: shown (``safehouse programme show``), exported as the spreadsheet, its history.

Safehouse addresses are confidential: they are left out unless asked for, by someone who may
see them (``Action.EXPORT_PROGRAMME_ADDRESSES``), and every export or view with them is audited.
"""

from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, select

from safehouse_portal.db import AuditEvent, InspectionGroup, Location, Provider, User
from safehouse_portal.documents.programme_sheet import MEDIA_TYPES, programme_csv, programme_xlsx
from safehouse_portal.domain.dates import LONDON
from safehouse_portal.domain.programme_rows import COLUMNS, NO, YES
from safehouse_portal.services.core import access, audit
from safehouse_portal.services.core.access import Action
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.core.errors import InvalidInput


@dataclass(frozen=True)
class ProgrammeExport:
    """The spreadsheet, ready to send or save."""

    filename: str = ""
    media_type: str = ""
    content: bytes = b""


@dataclass(frozen=True)
class HistoryEntry:
    """One change of a provider, group or location: who, when, before and after."""

    at: str = ""
    by: str = ""
    action: str = ""
    before: dict[str, Any] = field(default_factory=dict)
    after: dict[str, Any] = field(default_factory=dict)


def programme_rows(*, session: Session, actor: Actor | None, with_addresses: bool = False) -> list[dict[str, str]]:
    """One row per location, in the import's columns, providers and locations by name.

    Addresses are blank unless ``with_addresses`` (refused to those who may not see them; audited).
    """
    _admit(actor, with_addresses)
    inspectors = dict(session.exec(select(User.id, User.email)).all())
    groups = dict(session.exec(select(InspectionGroup.id, InspectionGroup.name)).all())
    rows = session.exec(select(Location, Provider).join(Provider, Provider.id == Location.provider_id)
                        .order_by(Provider.name, Location.name, Location.id)).all()
    sheet = [{
        "provider": p.name, "lead_name": p.lead_name, "lead_email": p.lead_email, "lead_phone": p.lead_phone,
        "designated_inspector_email": inspectors.get(p.designated_inspector_id, ""),
        "location": loc.name, "kind": loc.kind.value, "region": loc.region,
        "address": loc.address if with_addresses else "", "postcode": loc.postcode if with_addresses else "",
        "accommodates_children": YES if loc.accommodates_children else NO, "capacity": str(loc.capacity),
        "group": groups.get(loc.group_id, ""), "active": YES if loc.active else NO,
    } for loc, p in rows]
    if with_addresses:
        audit.record(session=session, actor=actor, action="programme.addresses_viewed", entity_type="programme",
                     entity_id=None, after={"locations": len(sheet)})
        session.flush()
    return sheet


def show_programme(*, session: Session, actor: Actor | None, with_addresses: bool = False) -> dict[str, list]:
    """The programme as ``{"providers": [...]}`` (the shape ``safehouse programme show --json`` prints)."""
    providers: dict[str, dict[str, Any]] = {}
    for row in programme_rows(session=session, actor=actor, with_addresses=with_addresses):
        provider = providers.setdefault(row["provider"], {
            "name": row["provider"], "lead_email": row["lead_email"],
            "designated_inspector": row["designated_inspector_email"], "locations": []})
        location = {"name": row["location"], "kind": row["kind"], "region": row["region"], "group": row["group"],
                    "active": row["active"] == YES, "accommodates_children": row["accommodates_children"] == YES}
        if with_addresses:
            location |= {"address": row["address"], "postcode": row["postcode"]}
        provider["locations"].append(location)
    return {"providers": list(providers.values())}


def export_programme(*, session: Session, actor: Actor | None, fmt: object,
                     with_addresses: bool = False) -> ProgrammeExport:
    """The spreadsheet as CSV or XLSX; importing it back changes nothing. The export is audited."""
    if fmt not in MEDIA_TYPES:
        _admit(actor, False)
        raise InvalidInput({"format": "Choose CSV or XLSX"})
    rows = programme_rows(session=session, actor=actor, with_addresses=with_addresses)
    cells = [[row[column] for column in COLUMNS] for row in rows]
    content = programme_csv(COLUMNS, cells) if fmt == "csv" else programme_xlsx(COLUMNS, cells)
    audit.record(session=session, actor=actor, action="programme.exported", entity_type="programme", entity_id=None,
                 after={"format": fmt, "locations": len(rows), "with_addresses": with_addresses})
    session.flush()
    name = "programme-with-addresses" if with_addresses else "programme"
    return ProgrammeExport(f"{name}.{fmt}", MEDIA_TYPES[fmt], content)


def programme_history(*, session: Session, actor: Actor | None, entity_type: str, entity_id: object) -> list[HistoryEntry]:
    """Every recorded change of one provider, inspection group or location, oldest first."""
    access.admit(actor, Action.EXPORT_PROGRAMME)
    if entity_type not in ("provider", "inspection_group", "location") or not isinstance(entity_id, int):
        raise InvalidInput({"entity": "Choose a provider, group or location"})
    events = session.exec(select(AuditEvent, User.name).join(User, User.id == AuditEvent.actor_id, isouter=True)
                          .where(AuditEvent.entity_type == entity_type, AuditEvent.entity_id == entity_id)
                          .order_by(AuditEvent.id)).all()
    return [HistoryEntry(event.at.astimezone(LONDON).strftime("%d %B %Y %H:%M"), name or "Command-line operator",
                         event.action, dict(event.before or {}), dict(event.after or {})) for event, name in events]


def _admit(actor: Actor | None, with_addresses: bool) -> None:
    access.admit(actor, Action.EXPORT_PROGRAMME)
    if with_addresses:
        access.require(actor, Action.EXPORT_PROGRAMME_ADDRESSES)
