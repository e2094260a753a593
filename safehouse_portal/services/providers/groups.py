"""A provider's inspection groups: create one, move a location between them, split one, merge two.

Each change has a reason and is kept in the programme's history (per location moved, and
per group). Before any membership changes, the inspections under way of the groups
involved keep the locations they started with (``services/core/membership``).
"""

from dataclasses import dataclass, field

from pydantic import BaseModel, field_validator
from sqlmodel import Session, select

from safehouse_portal.db import Inspection, InspectionGroup, Location, Provider
from safehouse_portal.domain.enums import STAGE_LABELS, Stage
from safehouse_portal.domain.ids import parse_id
from safehouse_portal.domain.programme_changes import MAX_REASON, membership_frozen, merge_problem, split_problem
from safehouse_portal.services.core import access
from safehouse_portal.services.core.access import Action
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.core.errors import InvalidInput, NotFound
from safehouse_portal.services.core.membership import covered_by, keep_started_inspections
from safehouse_portal.services.core.validation import bounded_text, parse
from safehouse_portal.services.providers import history
from safehouse_portal.services.providers.history import HistoryRow
from safehouse_portal.services.providers.setup import Option

MAX_GROUP_NAME = 200


@dataclass(frozen=True)
class GroupRow:
    id: int = 0
    name: str = ""
    locations: str = ""
    inspection: str = ""
    """The latest inspection and, when under way, the locations it keeps."""


@dataclass(frozen=True)
class GroupsView:
    provider_id: int = 0
    provider_name: str = ""
    groups: list[GroupRow] = field(default_factory=list)
    group_options: list[Option] = field(default_factory=list)
    location_options: list[Option] = field(default_factory=list)
    history: list[HistoryRow] = field(default_factory=list)


class _Reason(BaseModel):
    reason: str

    @field_validator("reason", mode="before")
    @classmethod
    def _reason(cls, value: object) -> str:
        return bounded_text(value, most=MAX_REASON, message="Say why you are making this change")


class _Named(_Reason):
    name: str

    @field_validator("name", mode="before")
    @classmethod
    def _name(cls, value: object) -> str:
        return bounded_text(value, most=MAX_GROUP_NAME, message=f"Enter the group's name ({MAX_GROUP_NAME} characters or fewer)")


def groups_view(*, session: Session, actor: Actor | None, provider_id: object) -> GroupsView:
    """The provider's groups, their locations and latest inspections, and the history of its groups."""
    access.admit(actor, Action.EDIT_PROGRAMME)
    provider = _provider(session, provider_id)
    groups = session.exec(select(InspectionGroup).where(InspectionGroup.provider_id == provider.id)
                          .order_by(InspectionGroup.name)).all()
    locations = session.exec(select(Location).where(Location.provider_id == provider.id).order_by(Location.name)).all()
    rows = []
    for group in groups:
        members = [loc.name + ("" if loc.active else " (closed)") for loc in locations if loc.group_id == group.id]
        rows.append(GroupRow(group.id, group.name, ", ".join(members) or "No locations",
                             _inspection_note(session, group)))
    names = {**{("location", loc.id): loc.name for loc in locations}, **{("group", g.id): g.name for g in groups}}
    changes = [row for row in history.provider_history(session=session, actor=actor, provider_id=provider.id,
                                                       names=names)
               if row.entity_type == "group" or row.field == "Inspection group"]
    by_id = {g.id: g.name for g in groups}
    return GroupsView(
        provider.id, provider.name, rows, [Option(str(g.id), g.name) for g in groups],
        [Option(str(loc.id), f"{loc.name} ({by_id.get(loc.group_id, 'no group')})") for loc in locations],
        changes)


def create_group(*, session: Session, actor: Actor | None, provider_id: object, data: object) -> int:
    """A new, empty inspection group of the provider; returns its id."""
    actor = access.admit(actor, Action.EDIT_PROGRAMME)
    provider = _provider(session, provider_id)
    form = parse(_Named, _fields(data, "name", "reason"))
    group = _new_group(session, provider.id, form.name)
    history.record(session=session, actor=actor, provider_id=provider.id, entity_type="group", entity_id=group.id,
                   what=group.name, changes={"created": (None, group.name)}, reason=form.reason)
    session.flush()
    return group.id


def move_location(*, session: Session, actor: Actor | None, provider_id: object, data: object) -> None:
    """Move one of the provider's locations into another of its groups."""
    actor = access.admit(actor, Action.EDIT_PROGRAMME)
    provider = _provider(session, provider_id)
    fields = _fields(data, "location_id", "group_id", "reason")
    errors = {}
    location = _own(session, Location, provider.id, fields["location_id"])
    group = _own(session, InspectionGroup, provider.id, fields["group_id"])
    if location is None:
        errors["location_id"] = "Choose a location of this provider"
    if group is None:
        errors["group_id"] = "Choose a group of this provider"
    elif location is not None and location.group_id == group.id:
        errors["group_id"] = "The location is already in that group: choose another"
    form = _reason_or(errors, fields)
    _move(session, actor, provider.id, [location], group, form.reason)


def split_group(*, session: Session, actor: Actor | None, provider_id: object, data: object) -> int:
    """Move some of a group's locations into a new group; returns the new group's id."""
    actor = access.admit(actor, Action.EDIT_PROGRAMME)
    provider = _provider(session, provider_id)
    fields = _fields(data, "group_id", "name", "reason")
    chosen = data.get("location_ids") if isinstance(data, dict) else None
    errors: dict[str, str] = {}
    group = _own(session, InspectionGroup, provider.id, fields["group_id"])
    if group is None:
        errors["group_id"] = "Choose the group to split"
    moving_ids = {parse_id(x) for x in chosen} if isinstance(chosen, list) and len(chosen) <= 1000 else set()
    members = session.exec(select(Location).where(Location.group_id == group.id)).all() if group else []
    if group is not None:
        problem = split_problem({m.id for m in members}, moving_ids)
        if problem:
            errors["location_ids"] = problem
    try:
        form = parse(_Named, {"name": fields["name"], "reason": fields["reason"]})
    except InvalidInput as refused:
        errors = {**errors, **refused.errors}
    if errors:
        raise InvalidInput(errors)
    new_group = _new_group(session, provider.id, form.name)
    history.record(session=session, actor=actor, provider_id=provider.id, entity_type="group", entity_id=new_group.id,
                   what=new_group.name, changes={"created": (None, f"{new_group.name}, split from {group.name}")},
                   reason=form.reason)
    _move(session, actor, provider.id, [m for m in members if m.id in moving_ids], new_group, form.reason)
    return new_group.id


def merge_groups(*, session: Session, actor: Actor | None, provider_id: object, data: object) -> None:
    """Move every location of one group into another of the provider's groups (the first is left empty)."""
    actor = access.admit(actor, Action.EDIT_PROGRAMME)
    provider = _provider(session, provider_id)
    fields = _fields(data, "source", "target", "reason")
    source = _own(session, InspectionGroup, provider.id, fields["source"])
    target = _own(session, InspectionGroup, provider.id, fields["target"])
    errors = merge_problem(source.id if source else None, target.id if target else None, True)
    form = _reason_or(errors, fields)
    members = session.exec(select(Location).where(Location.group_id == source.id)).all()
    if not members:
        raise InvalidInput({"source": f"{source.name} has no locations to merge"})
    history.record(session=session, actor=actor, provider_id=provider.id, entity_type="group", entity_id=source.id,
                   what=source.name, changes={"merged": (source.name, f"into {target.name}")}, reason=form.reason)
    _move(session, actor, provider.id, members, target, form.reason)


def _move(session: Session, actor: Actor, provider_id: int, locations: list[Location], group: InspectionGroup,
          reason: str) -> None:
    """Move ``locations`` into ``group``, after the inspections under way of every group involved keep theirs."""
    names = {g.id: g.name for g in session.exec(select(InspectionGroup).where(
        InspectionGroup.provider_id == provider_id)).all()}
    keep_started_inspections(session, {loc.group_id for loc in locations} | {group.id})
    for location in locations:
        before = names.get(location.group_id)
        location.group_id = group.id
        session.add(location)
        history.record(session=session, actor=actor, provider_id=provider_id, entity_type="location",
                       entity_id=location.id, what=location.name, changes={"group": (before, group.name)},
                       reason=reason)
    session.flush()


def _inspection_note(session: Session, group: InspectionGroup) -> str:
    latest = session.exec(select(Inspection).where(Inspection.group_id == group.id)
                          .order_by(Inspection.id.desc())).first()
    if latest is None:
        return "Not yet inspected"
    label = STAGE_LABELS[latest.stage]
    if not membership_frozen(latest.stage) or latest.stage is Stage.CLOSED:
        return label
    kept = session.exec(select(Location.name).where(covered_by(session, latest.id, group.id))
                        .order_by(Location.name)).all()
    return f"{label}: covers {', '.join(kept) or 'no locations'}"


def _new_group(session: Session, provider_id: int, name: str) -> InspectionGroup:
    taken = session.exec(select(InspectionGroup.id).where(InspectionGroup.provider_id == provider_id,
                                                          InspectionGroup.name == name)).first()
    if taken is not None:
        raise InvalidInput({"name": "The provider already has a group of that name: choose another"})
    group = InspectionGroup(provider_id=provider_id, name=name)
    session.add(group)
    session.flush()
    return group


def _reason_or(errors: dict[str, str], fields: dict) -> _Reason:
    try:
        form = parse(_Reason, {"reason": fields["reason"]})
    except InvalidInput as refused:
        raise InvalidInput({**errors, **refused.errors}) from None
    if errors:
        raise InvalidInput(errors)
    return form


def _fields(data: object, *names: str) -> dict:
    if not isinstance(data, dict):
        raise InvalidInput({"form": "The form could not be read. Try again."})
    return {name: data.get(name) for name in names}


def _own(session: Session, table, provider_id: int, raw: object):
    """The row of ``table`` that ``raw`` names, only if it is the provider's (else None: nothing leaks)."""
    parsed = parse_id(raw)
    row = session.get(table, parsed) if parsed is not None else None
    return row if row is not None and row.provider_id == provider_id else None


def _provider(session: Session, provider_id: object) -> Provider:
    parsed = parse_id(provider_id, text=False)
    provider = session.get(Provider, parsed) if parsed is not None else None
    if provider is None:
        raise NotFound("No such provider")
    return provider
