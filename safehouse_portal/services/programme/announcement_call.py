"""The call announcing an inspection, recorded item by item as the guidance sets it out.

The inspection's announcement step (``Inspection.announcement_call_on``, one of
``schedule.RECORDABLE_STEPS``) says only the day; this records the call itself: who made
it, to whom, each item of ``domain.announcement.CALL_ITEMS`` with its outcome and notes,
and any follow-up call when the plan needs confirming. Recording the initial call records
the announcement step's day too, when it is not recorded yet.
"""

from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session, select

from safehouse_portal.db import AnnouncementCall, Inspection, InspectionGroup, InspectionTeamMember, Provider, User
from safehouse_portal.domain.announcement import (
    CALL_ITEMS, CALL_KIND_LABELS, OUTCOME_LABELS, CallKind, ItemOutcome, outstanding_items,
)
from safehouse_portal.domain.dates import format_date, format_date_range
from safehouse_portal.domain.enums import Role
from safehouse_portal.domain.ids import parse_id
from safehouse_portal.domain.milestones import ANNOUNCE_WORKING_DAYS_BEFORE
from safehouse_portal.domain.options import Option
from safehouse_portal.services.core import access, audit
from safehouse_portal.services.core.access import Action
from safehouse_portal.services.core.access_facts import inspection_facts
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.core.calendar import working_calendar
from safehouse_portal.services.core.errors import InvalidInput, NotFound
from safehouse_portal.services.core.validation import bounded_text

MAX_NOTE = 1000
MAX_NOTES = 4000
MAX_SPOKE_TO = 300


@dataclass(frozen=True)
class ItemRow:
    """One item of a recorded call."""

    key: str = ""
    text: str = ""
    outcome: str = ""
    outcome_label: str = ""
    note: str = ""


@dataclass(frozen=True)
class CallRow:
    id: int = 0
    kind_label: str = ""
    called_on: str = ""
    made_by: str = ""
    spoke_to: str = ""
    notes: str = ""
    item_rows: list[ItemRow] = field(default_factory=list)


@dataclass(frozen=True)
class AnnouncementCallView:
    """The inspection's calls, what is still outstanding, and the form's choices."""

    inspection_id: int = 0
    group_name: str = ""
    provider_name: str = ""
    planned_dates: str = ""
    call_due: str = ""
    calls: list[CallRow] = field(default_factory=list)
    outstanding: list[str] = field(default_factory=list)
    may_record: bool = False
    has_initial: bool = False
    checklist: list[Option] = field(default_factory=list)
    callers: list[Option] = field(default_factory=list)
    default_caller: str = ""
    outcomes: list[Option] = field(default_factory=list)


def call_view(*, session: Session, actor: Actor | None, inspection_id: object) -> AnnouncementCallView:
    """The announcement calls of an inspection, for its lead, team and programme managers."""
    actor = access.admit(actor, Action.VIEW_INSPECTION)
    inspection = _inspection(session, inspection_id)
    facts = inspection_facts(session, inspection)
    access.require(actor, Action.VIEW_INSPECTION, facts)
    group = session.get(InspectionGroup, inspection.group_id)
    calls = session.exec(select(AnnouncementCall).where(AnnouncementCall.inspection_id == inspection.id)
                         .order_by(AnnouncementCall.called_on, AnnouncementCall.id)).all()
    callers = _callers(session, inspection)
    names = dict(session.exec(select(User.id, User.name).where(
        User.id.in_({c.made_by_id for c in calls} or {0}))).all())
    due = ""
    if inspection.planned_start is not None:
        calendar = working_calendar(session=session)
        if calendar.covers(inspection.planned_start):
            due = format_date(calendar.add_working_days(inspection.planned_start, -ANNOUNCE_WORKING_DAYS_BEFORE))
    texts = {item.key: item.text for item in CALL_ITEMS}
    return AnnouncementCallView(
        inspection_id=inspection.id, group_name=group.name, provider_name=session.get(Provider, group.provider_id).name,
        planned_dates=format_date_range(inspection.planned_start, inspection.planned_end), call_due=due,
        calls=[_call_row(c, names) for c in reversed(calls)],
        outstanding=[texts[k] for k in outstanding_items([c.outcomes for c in calls])],
        may_record=access.may(actor, Action.RECORD_ANNOUNCEMENT_CALL, facts),
        has_initial=any(c.kind is CallKind.INITIAL for c in calls),
        checklist=[Option(item.key, item.text) for item in CALL_ITEMS],
        callers=[Option(str(i), name) for i, name in callers],
        default_caller=str(inspection.lead_inspector_id or ""),
        outcomes=[Option(o.value, label) for o, label in OUTCOME_LABELS.items()],
    )


def record_call(*, session: Session, actor: Actor | None, inspection_id: object, data: object,
                today: date) -> int:
    """Record an announcement call or a follow-up, item by item; returns its id.

    ``data`` holds ``kind`` (initial or follow_up), ``called_on``, ``made_by_id`` (the lead or
    a team member), ``spoke_to``, ``notes``, and per item ``outcome_<key>`` and ``note_<key>``.
    The initial call needs an outcome for every item and is recorded once; a follow-up
    needs at least one item, and items left out were not covered.

    Raises:
        PermissionDenied: Not the inspection's lead inspector or a programme manager.
        InvalidInput: Each wrong field, by name.
    """
    actor = access.admit(actor, Action.RECORD_ANNOUNCEMENT_CALL)
    inspection = _inspection(session, inspection_id)
    access.require(actor, Action.RECORD_ANNOUNCEMENT_CALL, inspection_facts(session, inspection))
    data = data if isinstance(data, dict) else {}
    errors: dict[str, str] = {}
    kind = data.get("kind")
    if not isinstance(kind, str) or kind not in CallKind:
        errors["kind"] = "Choose the announcement call or a follow-up call"
        kind = None
    else:
        kind = CallKind(kind)
    had_initial = session.exec(select(AnnouncementCall.id).where(
        AnnouncementCall.inspection_id == inspection.id, AnnouncementCall.kind == CallKind.INITIAL)).first()
    if kind is CallKind.INITIAL and had_initial is not None:
        errors["kind"] = "The announcement call is already recorded: record a follow-up call"
    if kind is CallKind.FOLLOW_UP and had_initial is None:
        errors["kind"] = "Record the announcement call first"
    called_on = _called_on(data.get("called_on"), today, errors)
    made_by = parse_id(data.get("made_by_id"))
    if made_by is None or made_by not in {i for i, _ in _callers(session, inspection)}:
        errors["made_by_id"] = "Choose who made the call: the lead inspector or a team member"
    spoke_to = _text(data.get("spoke_to"), "spoke_to", MAX_SPOKE_TO, errors, required=True,
                     message="Enter who you spoke to at the provider")
    notes = _text(data.get("notes"), "notes", MAX_NOTES, errors)
    outcomes, item_notes = _items(data, kind, errors)
    if errors:
        raise InvalidInput(errors)
    call = AnnouncementCall(inspection_id=inspection.id, kind=kind, called_on=called_on, made_by_id=made_by,
                            spoke_to=spoke_to, outcomes=outcomes, item_notes=item_notes, notes=notes,
                            recorded_by_id=actor.user_id)
    session.add(call)
    session.flush()
    after = {"call_id": call.id, "kind": kind.value, "called_on": called_on.isoformat(), "outcomes": outcomes}
    if kind is CallKind.INITIAL and inspection.announcement_call_on is None:
        inspection.announcement_call_on = called_on
        session.add(inspection)
        after["announcement_call_on"] = called_on.isoformat()
    audit.record(session=session, actor=actor, action="inspection.announcement_call_recorded",
                 entity_type="inspection", entity_id=inspection.id, after=after)
    session.flush()
    return call.id


def _items(data: dict, kind: CallKind | None, errors: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    outcomes, notes = {}, {}
    for n, item in enumerate(CALL_ITEMS, start=1):
        value = data.get(f"outcome_{item.key}")
        if value in (None, ""):
            if kind is CallKind.INITIAL:
                errors[f"outcome_{item.key}"] = f"Item {n}: choose what became of it on the call"
        elif not isinstance(value, str) or value not in ItemOutcome:
            errors[f"outcome_{item.key}"] = f"Item {n}: choose an outcome from the list"
        else:
            outcomes[item.key] = value
        note = _text(data.get(f"note_{item.key}"), f"note_{item.key}", MAX_NOTE, errors,
                     message=f"Item {n}: enter a note of at most {MAX_NOTE} characters")
        if note:
            notes[item.key] = note
    covered = [v for v in outcomes.values() if v != ItemOutcome.NOT_COVERED]
    if kind is CallKind.FOLLOW_UP and not covered and not any(k.startswith("outcome_") for k in errors):
        errors["outcome_" + CALL_ITEMS[0].key] = "Choose the outcome of at least one item the follow-up call covered"
    return outcomes, notes


def _text(value: object, name: str, most: int, errors: dict[str, str], *, required: bool = False,
          message: str = "") -> str:
    """``value`` as checked text; its message lands in ``errors[name]`` instead of raising."""
    message = message or f"Enter at most {most} characters"
    if value is not None and not isinstance(value, str):
        errors[name] = message
        return ""
    try:
        return bounded_text(value, most=most, required=required, message=message)
    except ValueError as exc:
        errors[name] = str(exc)
        return ""


def _called_on(value: object, today: date, errors: dict[str, str]) -> date | None:
    try:
        day = date.fromisoformat(value.strip()) if isinstance(value, str) else None
    except ValueError:
        day = None
    if day is None:
        errors["called_on"] = "Enter the date of the call, for example 2026-11-03"
    elif day > today:
        errors["called_on"] = "Enter today's date or an earlier one: record a call once it has been made"
    elif day.year < 2015:
        errors["called_on"] = "Enter a date from 2015 onwards"
    return day


def _callers(session: Session, inspection: Inspection) -> list[tuple[int, str]]:
    """The lead inspector and the team, who may have made the call."""
    team = set(session.exec(select(InspectionTeamMember.user_id).where(
        InspectionTeamMember.inspection_id == inspection.id)).all())
    ids = team | ({inspection.lead_inspector_id} if inspection.lead_inspector_id else set())
    if not ids:
        return []
    rows = session.exec(select(User.id, User.name).where(User.id.in_(ids), User.role == Role.INSPECTOR)).all()
    return sorted(rows, key=lambda row: (row[0] != inspection.lead_inspector_id, row[1]))


def _call_row(call: AnnouncementCall, names: dict[int, str]) -> CallRow:
    return CallRow(
        id=call.id, kind_label=CALL_KIND_LABELS[call.kind], called_on=format_date(call.called_on),
        made_by=names.get(call.made_by_id, ""), spoke_to=call.spoke_to, notes=call.notes,
        item_rows=[ItemRow(item.key, item.text, call.outcomes.get(item.key, ""),
                       OUTCOME_LABELS.get(call.outcomes.get(item.key, ItemOutcome.NOT_COVERED), ""),
                       call.item_notes.get(item.key, ""))
               for item in CALL_ITEMS if call.kind is CallKind.INITIAL or item.key in call.outcomes],
    )


def _inspection(session: Session, inspection_id: object) -> Inspection:
    if parse_id(inspection_id, text=False) is None:
        raise InvalidInput({"inspection_id": "Unknown inspection"})
    inspection = session.get(Inspection, inspection_id)
    if inspection is None:
        raise NotFound("No such inspection")
    return inspection
