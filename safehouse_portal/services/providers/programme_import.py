"""Importing the programme spreadsheet: providers, their inspection groups and locations, all or nothing.

A programme manager (or an admin) imports the spreadsheet they already keep. Every row is
checked, against the file and against what the programme holds, before anything is
written; one problem anywhere imports nothing and every problem is listed. Importing the
same file again changes nothing. A changed row changes that provider, location or group,
and each change is audited with who, when, before and after (``programme_history`` reads
it back) and kept in the programme's history (source ``import``, the file named in the
reason) that the provider and location pages show; addresses and postcodes go in neither as
text. A location missing from the file is left as it is, never deleted. A new lead
email gets a provider lead account whose password is shown once, to the importer.

What the programme holds is read in a handful of queries, whatever the file's size.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import func
from sqlmodel import Session, select

from safehouse_portal.db import Inspection, InspectionGroup, LeadContactChange, Location, Provider, User
from safehouse_portal.domain.enums import Role, Stage
from safehouse_portal.domain.programme_changes import CHANGED, NOT_KEPT
from safehouse_portal.domain.programme_rows import ProgrammeRow
from safehouse_portal.services.accounts.provider_leads import NewLead, create_provider_leads
from safehouse_portal.services.accounts.users import OneTimePassword
from safehouse_portal.services.core import access, audit
from safehouse_portal.services.core.access import Action
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.providers import history
from safehouse_portal.services.providers.programme_file import ProgrammeFileError, read_programme_file
from safehouse_portal.services.providers.programme_plan import (
    ADDRESS_FIELDS, LOCATION_FIELDS, PROVIDER_FIELDS, Plan, World, plan_import,
)

__all__ = ["ImportOutcome", "PlannedItem", "ProgrammeFileError", "import_programme"]


@dataclass(frozen=True)
class PlannedItem:
    """A provider, group, location or account the import creates, changes or leaves alone."""

    kind: str = ""
    """"provider", "group", "location" or "account"."""
    name: str = ""
    changes: list[str] = field(default_factory=list)
    """What changes, in words ("capacity: 8 to 10"); an address only ever as "address changed"."""


@dataclass(frozen=True)
class ImportOutcome:
    """What an import did, or (``dry_run``) would do."""

    dry_run: bool = True
    created: list[PlannedItem] = field(default_factory=list)
    changed: list[PlannedItem] = field(default_factory=list)
    unchanged: list[PlannedItem] = field(default_factory=list)
    accounts: list[OneTimePassword] = field(default_factory=list)
    """New provider lead accounts; their passwords only once imported (shown once, never kept)."""
    rows: int = 0


def import_programme(*, session: Session, actor: Actor | None, content: object, dry_run: bool,
                     file_name: object = "") -> ImportOutcome:
    """Import the programme spreadsheet ``content`` (CSV or XLSX bytes), or (``dry_run``) say what it would do.

    ``file_name`` (the uploaded or given file's name) goes in the history's reason for each change.

    Raises:
        PermissionDenied: The actor is not a programme manager or an admin.
        ProgrammeFileError: Anything wrong with the file: nothing is written, every problem is listed.
    """
    actor = access.admit(actor, Action.IMPORT_PROGRAMME)
    rows, errors = read_programme_file(content if isinstance(content, bytes) else b"")
    world = _world(session, rows)
    plan = plan_import(rows, world)
    if errors or plan.problems:
        raise ProgrammeFileError([str(problem) for problem in sorted({*errors, *plan.problems})])
    if dry_run:
        return _outcome(plan, rows, dry_run=True, accounts=[OneTimePassword(0, lead.email, "") for lead in plan.leads])
    accounts = _apply(session, actor, plan, world, _reason(file_name))
    audit.record(session=session, actor=actor, action="programme.imported", entity_type="programme", entity_id=None,
                 after={"rows": len(rows), "created": len(plan.created), "changed": len(plan.changed),
                        "unchanged": len(plan.unchanged), "accounts": len(accounts)})
    session.flush()
    return _outcome(plan, rows, dry_run=False, accounts=accounts)


def _world(session: Session, rows: Sequence[ProgrammeRow]) -> World:
    """What the programme holds that the file may touch, in six queries."""
    names = {row.provider for row in rows}
    providers = {p.name: p for p in session.exec(select(Provider).where(Provider.name.in_(names))).all()}
    ids = [p.id for p in providers.values()]
    emails = {row.lead_email.lower() for row in rows}
    return World(
        providers=providers,
        groups=list(session.exec(select(InspectionGroup).where(InspectionGroup.provider_id.in_(ids))).all()),
        locations=list(session.exec(select(Location).where(Location.provider_id.in_(ids))).all()),
        users={u.email.lower(): u for u in session.exec(select(User).where(func.lower(User.email).in_(emails))).all()},
        inspectors={u.id: u for u in session.exec(select(User).where(User.role == Role.INSPECTOR)).all()},
        busy_group_ids=frozenset(session.exec(
            select(Inspection.group_id).where(Inspection.stage != Stage.CLOSED).distinct()).all()),
    )


def _apply(session: Session, actor: Actor, plan: Plan, world: World, reason: str) -> list[OneTimePassword]:
    """Write the plan: new providers and groups first (for their ids), then locations; each audited and kept.

    Each thing is audited here once; its fields are kept in the history last, in one insert.
    """
    kept: list[tuple[int, str, int, dict]] = []
    providers = dict(world.providers)
    created: list[Provider] = []
    for step in plan.providers:
        if step.existing is None:
            providers[step.name] = Provider(name=step.name, **step.values)
            created.append(providers[step.name])
        else:
            for key, value in step.values.items():
                setattr(step.existing, key, value)
            _record_provider_change(session, actor, step.existing, step.before or {})
            kept.append((step.existing.id, "provider", step.existing.id,
                         _provider_changes(step.before or {}, step.values, world)))
    session.add_all(created)
    session.flush()
    groups = {(g.provider_id, g.name): g for g in world.groups}
    new_groups = [InspectionGroup(provider_id=providers[p].id, name=g) for p, g in plan.new_groups]
    session.add_all(new_groups)
    session.flush()
    groups |= {(g.provider_id, g.name): g for g in new_groups}
    new_locations: list[Location] = []
    for step in plan.locations:
        provider_id = providers[step.provider].id
        group_id = groups[(provider_id, step.group)].id if step.group else None
        if step.existing is None:
            new_locations.append(Location(provider_id=provider_id, group_id=group_id, **{"address": "", **step.values}))
        else:
            for key, value in {**step.values, "group_id": group_id}.items():
                setattr(step.existing, key, value)
            session.add(step.existing)
    session.add_all(new_locations)
    session.flush()
    for provider in created:
        _audit(session, actor, "programme.provider_created", "provider", provider.id, None,
               {"name": provider.name, **{k: getattr(provider, k) for k in PROVIDER_FIELDS}})
        kept.append((provider.id, "provider", provider.id, {"created": (None, provider.name)}))
    for group in new_groups:
        _audit(session, actor, "programme.group_created", "inspection_group", group.id, None,
               {"provider_id": group.provider_id, "name": group.name})
        kept.append((group.provider_id, "group", group.id, {"created": (None, group.name)}))
    for location in new_locations:
        _audit(session, actor, "programme.location_created", "location", location.id, None,
               {"provider_id": location.provider_id, "group_id": location.group_id, "name": location.name,
                **{k: _plain(getattr(location, k)) for k in LOCATION_FIELDS}})
        kept.append((location.provider_id, "location", location.id, {"created": (None, location.name)}))
    for step in plan.locations:
        if step.existing is not None:
            _audit(session, actor, "programme.location_changed", "location", step.existing.id, step.before, step.after)
            kept.append((step.existing.provider_id, "location", step.existing.id,
                         _location_changes(step.before or {}, step.after or {})))
    leads = [NewLead(lead.email, lead.name, providers[lead.provider].id) for lead in plan.leads]
    accounts = create_provider_leads(session=session, actor=actor, leads=leads) if leads else []
    history.record_all(session=session, actor=actor, things=kept, reason=reason, source="import")
    return accounts


def _record_provider_change(session: Session, actor: Actor, provider: Provider, before: dict) -> None:
    """A changed provider: audited, and a changed lead contact kept in its history as the lead's own change is."""
    session.add(provider)
    after = {key: getattr(provider, key) for key in before}
    if any(before.get(k) != after[k] for k in ("lead_name", "lead_email", "lead_phone")):
        session.add(LeadContactChange(
            provider_id=provider.id, changed_by_id=actor.user_id or None,
            old_name=before["lead_name"], old_email=before["lead_email"], old_phone=before["lead_phone"],
            new_name=provider.lead_name, new_email=provider.lead_email, new_phone=provider.lead_phone))
    _audit(session, actor, "programme.provider_changed", "provider", provider.id, before, after)


def _provider_changes(before: dict, values: dict, world: World) -> dict[str, tuple]:
    """A changed provider's fields as the history keeps them: the designated inspector by name, as the page does."""
    def named(user_id):
        return world.inspectors[user_id].name if user_id in world.inspectors else None

    changes = {key: (before.get(key), values.get(key)) for key in PROVIDER_FIELDS if key != "designated_inspector_id"}
    changes["designated_inspector"] = (named(before.get("designated_inspector_id")),
                                       named(values.get("designated_inspector_id")))
    return changes


def _location_changes(before: dict, after: dict) -> dict[str, tuple]:
    """A changed location's fields as the history keeps them; an address or postcode only as changed, never its text."""
    changes = {key: (before[key], after.get(key)) for key in before}
    changes |= {key: (NOT_KEPT, CHANGED) for key in ADDRESS_FIELDS if after.get(f"{key}_changed")}
    return changes


def _reason(file_name: object) -> str:
    """The history's reason: the import and the file's own name (no folders, one printable line)."""
    name = file_name.replace("\\", "/").rsplit("/", 1)[-1] if isinstance(file_name, str) else ""
    name = " ".join("".join(ch if ch.isprintable() else " " for ch in name).split())[:120]
    return f"Programme import: {name}" if name else "Programme import"


def _audit(session: Session, actor: Actor, action: str, entity: str, entity_id: int | None,
           before: dict | None, after: dict | None) -> None:
    audit.record(session=session, actor=actor, action=action, entity_type=entity, entity_id=entity_id,
                 before=before, after=after)


def _outcome(plan: Plan, rows: Sequence[ProgrammeRow], *, dry_run: bool,
             accounts: list[OneTimePassword]) -> ImportOutcome:
    def items(entries) -> list[PlannedItem]:
        return [PlannedItem(kind, name, list(changes)) for kind, name, changes in entries]

    return ImportOutcome(dry_run=dry_run, created=items(plan.created), changed=items(plan.changed),
                         unchanged=items(plan.unchanged), accounts=accounts, rows=len(rows))


def _plain(value):
    """A value as the audit trail keeps it (JSON: an enum as its text)."""
    return value.value if hasattr(value, "value") else value
