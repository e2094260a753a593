"""What an import of the programme spreadsheet would create, change and leave alone, or why it cannot.

``plan_import`` compares the checked rows with what the programme holds (a ``World`` read
in bulk) and writes nothing: the plan is what a dry run shows and what the import applies.
It also finds the problems only the database reveals, each by row and column: a designated
inspector who is not an inspector, a lead email that is someone else's account, a location
moved into or out of a group whose inspection is under way (an inspection keeps the
locations it started with).
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from safehouse_portal.db import InspectionGroup, Location, Provider, User
from safehouse_portal.domain.enums import ROLE_LABELS, Role
from safehouse_portal.domain.programme_rows import ProgrammeRow, RowError

PROVIDER_FIELDS = ("lead_name", "lead_email", "lead_phone", "designated_inspector_id")
LOCATION_FIELDS = ("kind", "region", "accommodates_children", "capacity", "active")
ADDRESS_FIELDS = ("address", "postcode")
"""Confidential: compared and written, but never shown or audited as text."""


@dataclass
class World:
    """What the programme holds that an import may touch."""

    providers: dict[str, Provider] = field(default_factory=dict)
    groups: list[InspectionGroup] = field(default_factory=list)
    locations: list[Location] = field(default_factory=list)
    users: dict[str, User] = field(default_factory=dict)
    """Accounts by lower-case email: the file's lead emails."""
    inspectors: dict[int, User] = field(default_factory=dict)
    busy_group_ids: frozenset[int] = frozenset()
    """Groups with an inspection that has not closed."""


@dataclass
class ProviderStep:
    """A provider to create (``existing`` None) or change."""

    name: str = ""
    existing: Provider | None = None
    values: dict[str, Any] = field(default_factory=dict)
    before: dict[str, Any] | None = None


@dataclass
class LocationStep:
    """A location to create (``existing`` None) or change, and the group it is to be in ("" for none)."""

    provider: str = ""
    group: str = ""
    existing: Location | None = None
    values: dict[str, Any] = field(default_factory=dict)
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None


@dataclass
class LeadStep:
    """A provider lead account to make."""

    email: str = ""
    name: str = ""
    provider: str = ""


@dataclass
class Plan:
    """The steps of an import and how they read; ``problems`` when it cannot go ahead."""

    problems: list[RowError] = field(default_factory=list)
    providers: list[ProviderStep] = field(default_factory=list)
    new_groups: list[tuple[str, str]] = field(default_factory=list)
    locations: list[LocationStep] = field(default_factory=list)
    leads: list[LeadStep] = field(default_factory=list)
    created: list[tuple[str, str, list[str]]] = field(default_factory=list)
    changed: list[tuple[str, str, list[str]]] = field(default_factory=list)
    unchanged: list[tuple[str, str, list[str]]] = field(default_factory=list)


def plan_import(rows: Sequence[ProgrammeRow], world: World) -> Plan:
    """The plan for ``rows`` against ``world``; nothing in ``world`` is changed."""
    plan = Plan()
    by_provider: dict[str, list[ProgrammeRow]] = defaultdict(list)
    for row in rows:
        by_provider[row.provider].append(row)
    inspectors = {u.email.lower(): u for u in world.inspectors.values()}
    groups = {(g.provider_id, g.name): g for g in world.groups}
    located: dict[tuple[int, str], list[Location]] = defaultdict(list)
    for location in world.locations:
        located[(location.provider_id, location.name)].append(location)
    group_names = {g.id: g.name for g in world.groups}
    new_lead_emails: dict[str, int] = {}
    for name, own_rows in by_provider.items():
        provider = world.providers.get(name)
        _plan_provider(plan, own_rows[0], provider, world, inspectors, new_lead_emails)
        for row in own_rows:
            _plan_location(plan, row, provider, groups, located, group_names, world.busy_group_ids)
    return plan


def _plan_provider(plan: Plan, row: ProgrammeRow, provider: Provider | None, world: World,
                   inspectors: dict[str, User], new_lead_emails: dict[str, int]) -> None:
    inspector_id = None
    if row.designated_inspector_email:
        inspector = inspectors.get(row.designated_inspector_email.lower())
        if inspector is None or not inspector.active:
            plan.problems.append(RowError(row.row, "designated_inspector_email",
                                          f"No active inspector has the email address {row.designated_inspector_email}"))
        else:
            inspector_id = inspector.id
    values = {"lead_name": row.lead_name, "lead_email": row.lead_email, "lead_phone": row.lead_phone,
              "designated_inspector_id": inspector_id}
    if provider is None or provider.lead_email.lower() != row.lead_email.lower():
        _plan_lead(plan, row, provider, world.users.get(row.lead_email.lower()), new_lead_emails)
    if provider is None:
        plan.providers.append(ProviderStep(row.provider, None, values))
        plan.created.append(("provider", row.provider, []))
        return
    before = {key: getattr(provider, key) for key in PROVIDER_FIELDS}
    changes = [_said(key, before[key], values[key], world.inspectors) for key in PROVIDER_FIELDS
               if before[key] != values[key]]
    if changes:
        plan.providers.append(ProviderStep(row.provider, provider, values, before))
        plan.changed.append(("provider", row.provider, changes))
    else:
        plan.unchanged.append(("provider", row.provider, []))


def _plan_lead(plan: Plan, row: ProgrammeRow, provider: Provider | None, user: User | None,
               new_lead_emails: dict[str, int]) -> None:
    """A lead email the provider did not have: a new account, unless it is already this provider's lead."""
    email = row.lead_email.lower()
    if user is not None:
        if not (user.role is Role.PROVIDER_LEAD and provider is not None and user.provider_id == provider.id):
            plan.problems.append(RowError(row.row, "lead_email", "This email address is already the account of a "
                                          f"{ROLE_LABELS[user.role].lower()} elsewhere: use the lead's own address"))
        return
    if email in new_lead_emails:
        plan.problems.append(RowError(row.row, "lead_email", f"Row {new_lead_emails[email]} gives this lead email "
                                      "to another provider: each provider lead has their own address"))
        return
    new_lead_emails[email] = row.row
    plan.leads.append(LeadStep(row.lead_email, row.lead_name, row.provider))


def _plan_location(plan: Plan, row: ProgrammeRow, provider: Provider | None,
                   groups: dict[tuple[int, str], InspectionGroup], located: dict[tuple[int, str], list[Location]],
                   group_names: dict[int, str], busy: frozenset[int]) -> None:
    label = f"{row.location} ({row.provider})"
    existing = located.get((provider.id, row.location), []) if provider is not None else []
    if len(existing) > 1:
        plan.problems.append(RowError(row.row, "location", f"{row.provider} has {len(existing)} locations named "
                                      f"'{row.location}': rename them in the app so that each name is used once"))
        return
    group = groups.get((provider.id, row.group)) if provider is not None and row.group else None
    if row.group and group is None and (row.provider, row.group) not in plan.new_groups:
        plan.new_groups.append((row.provider, row.group))
        plan.created.append(("group", f"{row.group} ({row.provider})", []))
    values = {"kind": row.kind, "region": row.region, "accommodates_children": row.accommodates_children,
              "capacity": row.capacity, "active": row.active}
    values |= {key: getattr(row, key) for key in ADDRESS_FIELDS if getattr(row, key)}
    location = existing[0] if existing else None
    new_group_id = group.id if group is not None else None
    moving = location is None or location.group_id != new_group_id or (row.group and group is None)
    if moving:
        _check_membership(plan, row, location, group, group_names, busy)
    if location is None:
        if not row.address:
            plan.problems.append(RowError(row.row, "address", "Enter the address of this new location"))
        plan.locations.append(LocationStep(row.provider, row.group, None, {**values, "name": row.location}))
        plan.created.append(("location", label, []))
        return
    before = {key: _plain(getattr(location, key)) for key in values if key not in ADDRESS_FIELDS}
    after = {key: _plain(values[key]) for key in before}
    changes = [f"{key}: {_word(before[key])} to {_word(after[key])}" for key in before if before[key] != after[key]]
    changes += [f"{key} changed" for key in ADDRESS_FIELDS if key in values and values[key] != getattr(location, key)]
    if moving:
        old_group = group_names.get(location.group_id, "") if location.group_id else ""
        before["group"], after["group"] = old_group, row.group
        changes.append(f"group: {_word(old_group)} to {_word(row.group)}")
    if not changes:
        plan.unchanged.append(("location", label, []))
        return
    after |= {f"{key}_changed": True for key in ADDRESS_FIELDS if f"{key} changed" in changes}
    plan.locations.append(LocationStep(row.provider, row.group, location, values, before, after))
    plan.changed.append(("location", label, changes))


def _check_membership(plan: Plan, row: ProgrammeRow, location: Location | None, group: InspectionGroup | None,
                      group_names: dict[int, str], busy: frozenset[int]) -> None:
    """An inspection under way keeps the locations it started with: none leaves its group, none joins it."""
    if location is not None and location.group_id in busy:
        plan.problems.append(RowError(row.row, "group", f"'{group_names.get(location.group_id, '')}' has an "
                                      "inspection under way: its locations stay in it until the inspection closes"))
    elif group is not None and group.id in busy:
        plan.problems.append(RowError(row.row, "group", f"'{group.name}' has an inspection under way: no location "
                                      "joins it until the inspection closes"))


def _said(key: str, before: Any, after: Any, inspectors: dict[int, User]) -> str:
    if key == "designated_inspector_id":
        def email(user_id):
            return inspectors[user_id].email if user_id in inspectors else ""
        return f"designated inspector: {_word(email(before))} to {_word(email(after))}"
    return f"{key}: {_word(before)} to {_word(after)}"


def _plain(value: Any) -> Any:
    """A value as the audit trail keeps it (JSON: an enum as its text)."""
    return value.value if hasattr(value, "value") else value


def _word(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value) if value not in ("", None) else "(none)"
