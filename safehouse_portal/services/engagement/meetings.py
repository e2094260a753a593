"""Engagement meetings of a provider with its designated inspector, and the actions agreed.

The designated inspector (or a programme manager) records a meeting: when, who attended,
notes, notes marked internal, and the actions agreed with owners and due dates; either
of them later marks an agreed action done. The provider's own lead sees its meetings and actions, never the internal notes: they are left
out of the read model here, so they never reach a provider's browser.
"""

from dataclasses import dataclass, field
from datetime import date

from pydantic import BaseModel, field_validator
from sqlmodel import Session, select

from safehouse_portal.db import EngagementAction, EngagementMeeting, Provider, User
from safehouse_portal.domain.dates import format_date
from safehouse_portal.domain.engagement import MAX_ACTIONS, MAX_SHORT_TEXT, MAX_TEXT
from safehouse_portal.domain.ids import parse_id
from safehouse_portal.services.core import access, audit
from safehouse_portal.services.core.access import Action
from safehouse_portal.services.core.access_facts import provider_facts
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.core.errors import InvalidInput, NotFound, PermissionDenied
from safehouse_portal.services.core.validation import bounded_text, holds_unkept_text, parse
from safehouse_portal.domain.text import HIDDEN_CHARACTERS

ACTION_ROWS = 3
"""Blank action rows the meeting form offers (a service accepts up to ``MAX_ACTIONS``)."""


@dataclass(frozen=True)
class AgreedAction:
    """One agreed action as shown; ``done_on`` in words once it is done."""

    action: str = ""
    owner: str = ""
    due: str = ""
    id: int = 0
    done: bool = False
    done_on: str = ""


@dataclass(frozen=True)
class MeetingRow:
    """One meeting as shown; ``internal_notes`` is empty for anyone who may not see it."""

    id: int = 0
    held_on: str = ""
    attendees: str = ""
    notes: str = ""
    internal_notes: str = ""
    recorded_by: str = ""
    actions: list[AgreedAction] = field(default_factory=list)


@dataclass(frozen=True)
class MeetingsView:
    """A provider's meetings, newest first, and what the viewer may do."""

    visible: bool = False
    provider_id: int = 0
    provider_name: str = ""
    designated_inspector: str = ""
    meetings: list[MeetingRow] = field(default_factory=list)
    may_record: bool = False
    shows_internal: bool = False
    may_mark_done: bool = False


class MeetingForm(BaseModel):
    """A meeting as entered (the actions are checked row by row in ``_actions``)."""

    held_on: date
    attendees: str
    notes: str = ""
    internal_notes: str = ""

    @field_validator("held_on", mode="before")
    @classmethod
    def _held_on(cls, value: object) -> date:
        return iso_date(value, "Enter the date of the meeting, for example 2026-11-03")

    @field_validator("attendees", mode="before")
    @classmethod
    def _attendees(cls, value: object) -> str:
        return bounded_text(value, most=MAX_SHORT_TEXT,
                            message=f"Enter who attended, in 1 to {MAX_SHORT_TEXT} characters")

    @field_validator("notes", "internal_notes", mode="before")
    @classmethod
    def _notes(cls, value: object) -> str:
        return bounded_text(value, most=MAX_TEXT, required=False,
                            message=f"Enter notes of at most {MAX_TEXT} characters")


def iso_date(value: object, message: str) -> date:
    """``value`` as a date from ``YYYY-MM-DD`` text; a ValueError saying ``message`` otherwise."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value.strip()) if isinstance(value, str) else date.fromisoformat("")
    except ValueError:
        raise ValueError(message) from None


def provider_meetings(*, session: Session, actor: Actor | None, provider_id: object) -> MeetingsView:
    """The provider's meetings for its own lead and for CQC staff (internal notes for staff only).

    Raises:
        PermissionDenied: Not the provider's lead, an inspector or a programme manager.
        NotFound: No such provider.
    """
    actor = access.admit(actor, Action.VIEW_ENGAGEMENT)
    provider = _provider(session, provider_id)
    facts = provider_facts(session, provider.id)
    access.require(actor, Action.VIEW_ENGAGEMENT, facts)
    internal = access.may(actor, Action.VIEW_INTERNAL_ENGAGEMENT_NOTES, facts)
    meetings = session.exec(select(EngagementMeeting).where(EngagementMeeting.provider_id == provider.id)
                            .order_by(EngagementMeeting.held_on.desc(), EngagementMeeting.id.desc())).all()
    ids = [m.id for m in meetings]
    actions: dict[int, list[AgreedAction]] = {i: [] for i in ids}
    for row in session.exec(select(EngagementAction).where(EngagementAction.meeting_id.in_(ids))
                            .order_by(EngagementAction.due_on, EngagementAction.id)).all() if ids else []:
        actions[row.meeting_id].append(AgreedAction(row.action, row.owner, format_date(row.due_on), row.id,
                                                    row.done_on is not None,
                                                    format_date(row.done_on) if row.done_on else ""))
    names = _names(session, {m.recorded_by_id for m in meetings} | {provider.designated_inspector_id or 0})
    return MeetingsView(
        visible=True, provider_id=provider.id, provider_name=provider.name,
        designated_inspector=names.get(provider.designated_inspector_id or 0, "Not yet allocated"),
        meetings=[MeetingRow(m.id, format_date(m.held_on), m.attendees, m.notes,
                             m.internal_notes if internal else "", names.get(m.recorded_by_id, ""), actions[m.id])
                  for m in meetings],
        may_record=access.may(actor, Action.RECORD_ENGAGEMENT_MEETING, facts),
        shows_internal=internal,
        may_mark_done=access.may(actor, Action.MARK_ENGAGEMENT_ACTION_DONE, facts),
    )


def provider_meetings_section(*, session: Session, actor: Actor | None, provider_id: object) -> MeetingsView:
    """The meetings for the provider page: an empty, invisible section for anyone who may not see them.

    The provider page is open to more people (admins) than its meetings are, so a refusal
    here hides the section instead of the page.
    """
    try:
        return provider_meetings(session=session, actor=actor, provider_id=provider_id)
    except (PermissionDenied, NotFound, InvalidInput):
        return MeetingsView()


def meeting_form(*, session: Session, actor: Actor | None, provider_id: object) -> MeetingsView:
    """The provider a new meeting is recorded for (no meetings), for those who may record one.

    Raises:
        PermissionDenied: Neither the provider's designated inspector nor a programme manager.
    """
    actor = access.admit(actor, Action.RECORD_ENGAGEMENT_MEETING)
    provider = _provider(session, provider_id)
    access.require(actor, Action.RECORD_ENGAGEMENT_MEETING, provider_facts(session, provider.id))
    return MeetingsView(provider_id=provider.id, provider_name=provider.name, may_record=True)


def record_meeting(*, session: Session, actor: Actor | None, provider_id: object, data: object,
                   today: date) -> int:
    """Record a meeting with its agreed actions (the designated inspector or a programme manager).

    ``data`` holds ``held_on``, ``attendees``, ``notes``, ``internal_notes`` and, for each
    agreed action n (from 1), ``action_n``, ``owner_n`` and ``due_n``; a row left blank is
    skipped. Returns the meeting's id.

    Raises:
        PermissionDenied: Neither the provider's designated inspector nor a programme manager.
        InvalidInput: Each wrong field, by name (an action's by its row).
    """
    actor = access.admit(actor, Action.RECORD_ENGAGEMENT_MEETING)
    provider = _provider(session, provider_id)
    access.require(actor, Action.RECORD_ENGAGEMENT_MEETING, provider_facts(session, provider.id))
    errors: dict[str, str] = {}
    form = None
    fields = {k: data.get(k) for k in MeetingForm.model_fields} if isinstance(data, dict) else data
    try:
        form = parse(MeetingForm, fields)
    except InvalidInput as exc:
        errors.update(exc.errors)
    if form is not None and form.held_on > today:
        errors["held_on"] = "Enter today's date or an earlier one: record a meeting once it has taken place"
    agreed = _actions(data if isinstance(data, dict) else {}, form.held_on if form else None, errors)
    if errors or form is None:
        raise InvalidInput(errors)
    meeting = EngagementMeeting(provider_id=provider.id, held_on=form.held_on, attendees=form.attendees,
                                notes=form.notes, internal_notes=form.internal_notes, recorded_by_id=actor.user_id)
    session.add(meeting)
    session.flush()
    session.add_all(EngagementAction(meeting_id=meeting.id, action=a, owner=o, due_on=d) for a, o, d in agreed)
    audit.record(session=session, actor=actor, action="engagement.meeting_recorded", entity_type="provider",
                 entity_id=provider.id, after={"meeting_id": meeting.id, "held_on": form.held_on.isoformat(),
                                               "actions": len(agreed)})
    session.flush()
    return meeting.id


def mark_action_done(*, session: Session, actor: Actor | None, action_id: object, done: object, today: date) -> None:
    """Mark an agreed action done today (``done`` True) or not done after all (False); audited when it changes.

    Raises:
        PermissionDenied: Neither the provider's designated inspector nor a programme manager.
        NotFound: No such agreed action.
        InvalidInput: ``done`` is not True or False.
    """
    actor = access.admit(actor, Action.MARK_ENGAGEMENT_ACTION_DONE)
    parsed = parse_id(action_id)
    row = session.get(EngagementAction, parsed) if parsed is not None else None
    meeting = session.get(EngagementMeeting, row.meeting_id) if row is not None else None
    if row is None or meeting is None:
        raise NotFound("No such agreed action")
    access.require(actor, Action.MARK_ENGAGEMENT_ACTION_DONE, provider_facts(session, meeting.provider_id))
    if not isinstance(done, bool):
        raise InvalidInput({"form": "Choose whether the action is done"})
    if (row.done_on is not None) == done:
        return
    row.done_on, row.done_by_id = (today, actor.user_id or None) if done else (None, None)
    session.add(row)
    audit.record(session=session, actor=actor, action="engagement.action_done" if done else "engagement.action_reopened",
                 entity_type="provider", entity_id=meeting.provider_id,
                 after={"meeting_id": meeting.id, "action_id": row.id, "done_on": today.isoformat() if done else None})
    session.flush()


def _actions(data: dict, held_on: date | None, errors: dict[str, str]) -> list[tuple[str, str, date]]:
    """Each filled action row, checked; errors keyed ``action_n``, ``owner_n``, ``due_n``."""
    found = []
    for n in range(1, MAX_ACTIONS + 1):
        raw = {name: data.get(f"{name}_{n}") for name in ("action", "owner", "due")}
        if all(value in (None, "") or (isinstance(value, str) and not value.strip()) for value in raw.values()):
            continue
        if holds_unkept_text(list(raw.values())):
            errors[f"action_{n}"] = HIDDEN_CHARACTERS
            continue
        row_errors = {}
        try:
            action = bounded_text(raw["action"], most=MAX_SHORT_TEXT,
                                  message=f"Action {n}: enter what was agreed, in 1 to {MAX_SHORT_TEXT} characters")
        except ValueError as exc:
            row_errors[f"action_{n}"] = str(exc)
        try:
            owner = bounded_text(raw["owner"], most=MAX_SHORT_TEXT, message=f"Action {n}: enter who owns it")
        except ValueError as exc:
            row_errors[f"owner_{n}"] = str(exc)
        try:
            due = iso_date(raw["due"], f"Action {n}: enter the date it is due, for example 2026-12-01")
            if held_on is not None and due < held_on:
                row_errors[f"due_{n}"] = f"Action {n}: enter a due date on or after the day of the meeting"
        except ValueError as exc:
            row_errors[f"due_{n}"] = str(exc)
        if row_errors:
            errors.update(row_errors)
        else:
            found.append((action, owner, due))
    return found


def _provider(session: Session, provider_id: object) -> Provider:
    if parse_id(provider_id, text=False) is None:
        raise InvalidInput({"provider_id": "Unknown provider"})
    provider = session.get(Provider, provider_id)
    if provider is None:
        raise NotFound("No such provider")
    return provider


def _names(session: Session, user_ids: set[int]) -> dict[int, str]:
    return dict(session.exec(select(User.id, User.name).where(User.id.in_(user_ids))).all()) if user_ids else {}
