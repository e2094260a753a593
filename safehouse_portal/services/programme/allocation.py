"""Allocating inspections: create one for a group, and change it while it is still planned.

An inspection's type decides which key questions are in scope: comprehensive covers all
five, assurance covers safe and well-led, focused covers the ones chosen. Only
programme managers and admins allocate; once an inspection is announced its plan is
fixed here (its deadlines are extended on its own page instead).

Every allocation says why the inspection is happening (``InspectionReason``). A first day
that leaves fewer than 10 working days for the announcement call and letter is allowed
only with a written reason (``domain.announcement.short_notice``): the allocation warns
and waits for it.
"""

from dataclasses import dataclass, field
from datetime import date

from pydantic import BaseModel, field_validator, model_validator
from sqlalchemy import delete
from sqlmodel import Session, func, select

from safehouse_portal.db import Inspection, InspectionGroup, InspectionTeamMember, Provider, User
from safehouse_portal.domain.dates import format_date
from safehouse_portal.domain.announcement import short_notice
from safehouse_portal.domain.enums import (
    INSPECTION_REASON_LABELS, KEY_QUESTION_LABELS, InspectionMode, InspectionReason, InspectionType, KeyQuestion,
    Role, Stage,
)
from safehouse_portal.services.core import access, audit
from safehouse_portal.services.core.access import Action
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.domain.ids import parse_id
from safehouse_portal.domain.options import Option
from safehouse_portal.services.core.calendar import working_calendar
from safehouse_portal.services.core.errors import InvalidInput, NotFound
from safehouse_portal.services.framework.versions import current_version_id
from safehouse_portal.services.core.validation import bounded_text, parse

MAX_TEAM = 10
MAX_SHORT_NOTICE_REASON = 1000
TYPE_SCOPE: dict[InspectionType, tuple[KeyQuestion, ...] | None] = {
    InspectionType.COMPREHENSIVE: tuple(KeyQuestion),
    InspectionType.ASSURANCE: (KeyQuestion.SAFE, KeyQuestion.WELL_LED),
    InspectionType.FOCUSED: None,
}
"""Key questions each type puts in scope; None: the ones chosen at announcement."""
TYPE_LABELS = {
    InspectionType.COMPREHENSIVE: "Comprehensive (all five key questions)",
    InspectionType.FOCUSED: "Focused (the key questions you choose)",
    InspectionType.ASSURANCE: "Assurance (safe and well-led)",
}
MODE_LABELS = {InspectionMode.ON_SITE: "On site", InspectionMode.REMOTE: "Remote"}
OPEN_FOR_NEW = (Stage.CLOSED,)
"""A group gets a new inspection only when it has none or its latest one is closed."""


def key_questions_for(kind: InspectionType, chosen: list[KeyQuestion]) -> list[str]:
    """The key questions in scope for an inspection of ``kind``, in report order."""
    fixed = TYPE_SCOPE[kind]
    keys = fixed if fixed is not None else tuple(k for k in KeyQuestion if k in chosen)
    return [key.value for key in keys]


class AllocationForm(BaseModel):
    """What a programme manager enters to allocate an inspection (group only when new)."""

    group_id: int | None = None
    type: InspectionType
    key_questions: list[KeyQuestion] = []
    mode: InspectionMode
    planned_start: date
    planned_end: date
    lead_inspector_id: int | None = None
    team: list[int] = []
    reason: InspectionReason
    short_notice_reason: str = ""

    @field_validator("reason", mode="before")
    @classmethod
    def _reason(cls, value: object) -> InspectionReason:
        if not isinstance(value, str) or value not in InspectionReason:
            raise ValueError("Choose why this inspection is happening")
        return InspectionReason(value)

    @field_validator("short_notice_reason", mode="before")
    @classmethod
    def _short_notice_reason(cls, value: object) -> str:
        if value is None:
            return ""
        return bounded_text(value, most=MAX_SHORT_NOTICE_REASON, required=False,
                            message=f"Enter why it starts at short notice in at most {MAX_SHORT_NOTICE_REASON} "
                                    "characters")

    @field_validator("group_id", "lead_inspector_id", mode="before")
    @classmethod
    def _id(cls, value: object) -> int | None:
        if value in (None, ""):
            return None
        checked = parse_id(value)
        if checked is None:
            raise ValueError("Choose from the list")
        return checked

    @field_validator("type", mode="before")
    @classmethod
    def _type(cls, value: object) -> InspectionType:
        if not isinstance(value, str) or value not in InspectionType:
            raise ValueError("Choose the type of inspection")
        return InspectionType(value)

    @field_validator("mode", mode="before")
    @classmethod
    def _mode(cls, value: object) -> InspectionMode:
        if not isinstance(value, str) or value not in InspectionMode:
            raise ValueError("Choose on site or remote")
        return InspectionMode(value)

    @field_validator("key_questions", mode="before")
    @classmethod
    def _key_questions(cls, value: object) -> list[KeyQuestion]:
        values = [value] if isinstance(value, str) else value
        if values in (None, ""):
            return []
        if not isinstance(values, list) or not all(isinstance(v, str) and v in KeyQuestion for v in values):
            raise ValueError("Choose key questions from the list")
        return [KeyQuestion(v) for v in values]

    @field_validator("team", mode="before")
    @classmethod
    def _team(cls, value: object) -> list[int]:
        values = [value] if isinstance(value, (str, int)) else value
        if values in (None, ""):
            return []
        if not isinstance(values, list) or len(values) > MAX_TEAM:
            raise ValueError(f"Choose at most {MAX_TEAM} team members from the list")
        return sorted({cls._id(v) for v in values if v not in (None, "")})

    @field_validator("planned_start", "planned_end", mode="before")
    @classmethod
    def _date(cls, value: object) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(value.strip()) if isinstance(value, str) else date.fromisoformat("")
        except ValueError:
            raise ValueError("Enter a real date, for example 2027-03-01") from None

    @model_validator(mode="after")
    def _consistent(self) -> "AllocationForm":
        if self.type is InspectionType.FOCUSED and not self.key_questions:
            raise ValueError("key_questions:Choose at least one key question for a focused inspection")
        if self.planned_end < self.planned_start:
            raise ValueError("planned_end:Enter a last day on or after the first day")
        if self.lead_inspector_id is not None and self.lead_inspector_id in self.team:
            raise ValueError("team:The lead inspector is already on the inspection: leave them out of the team")
        return self


@dataclass(frozen=True)
class AllocationChoices:
    """The options of the allocation form."""

    groups: list[Option] = field(default_factory=list)
    inspectors: list[Option] = field(default_factory=list)
    types: list[Option] = field(default_factory=list)
    modes: list[Option] = field(default_factory=list)
    key_questions: list[Option] = field(default_factory=list)
    reasons: list[Option] = field(default_factory=list)


@dataclass(frozen=True)
class AllocationValues:
    """An inspection's allocation as its edit form shows it."""

    inspection_id: int = 0
    group_name: str = ""
    provider_name: str = ""
    stage: str = ""
    editable: bool = False
    type: str = ""
    key_questions: list[str] = field(default_factory=list)
    mode: str = ""
    planned_start: str = ""
    planned_end: str = ""
    lead_inspector_id: str = ""
    team: list[str] = field(default_factory=list)
    reason: str = ""
    short_notice_reason: str = ""


def allocation_choices(*, session: Session, actor: Actor | None) -> AllocationChoices:
    """Groups that may get a new inspection, active inspectors, and the fixed choices."""
    access.admit(actor, Action.MANAGE_PROGRAMME)
    latest = select(Inspection.group_id, func.max(Inspection.id).label("latest")).group_by(
        Inspection.group_id).subquery()
    rows = session.exec(
        select(InspectionGroup.id, InspectionGroup.name, Provider.name, Inspection.stage)
        .join(Provider, Provider.id == InspectionGroup.provider_id)
        .join(latest, latest.c.group_id == InspectionGroup.id, isouter=True)
        .join(Inspection, Inspection.id == latest.c.latest, isouter=True)
        .order_by(Provider.name, InspectionGroup.name)
    ).all()
    groups = [Option(str(gid), f"{name} ({provider})") for gid, name, provider, stage in rows
              if stage is None or Stage(stage) in OPEN_FOR_NEW]
    return AllocationChoices(
        groups=groups,
        inspectors=[Option(str(i), name) for i, name in _inspectors(session)],
        types=[Option(t.value, label) for t, label in TYPE_LABELS.items()],
        modes=[Option(m.value, label) for m, label in MODE_LABELS.items()],
        key_questions=[Option(k.value, KEY_QUESTION_LABELS[k]) for k in KeyQuestion],
        reasons=[Option(r.value, label) for r, label in INSPECTION_REASON_LABELS.items()],
    )


def allocation_values(*, session: Session, actor: Actor | None, inspection_id: object) -> AllocationValues:
    """An inspection's current allocation, for its edit form."""
    access.admit(actor, Action.MANAGE_PROGRAMME)
    inspection = _inspection(session, inspection_id)
    group = session.get(InspectionGroup, inspection.group_id)
    team = session.exec(select(InspectionTeamMember.user_id).where(
        InspectionTeamMember.inspection_id == inspection.id)).all()
    return AllocationValues(
        inspection_id=inspection.id, group_name=group.name, provider_name=session.get(Provider, group.provider_id).name,
        stage=inspection.stage.value, editable=inspection.stage is Stage.PLANNED, type=inspection.type.value,
        key_questions=list(inspection.key_questions or []), mode=inspection.mode.value,
        planned_start=_iso(inspection.planned_start), planned_end=_iso(inspection.planned_end),
        lead_inspector_id=str(inspection.lead_inspector_id or ""), team=[str(i) for i in sorted(team)],
        reason=inspection.reason.value, short_notice_reason=inspection.short_notice_reason or "",
    )


def create_inspection(*, session: Session, actor: Actor | None, data: object, today: date) -> int:
    """Allocate a new inspection to a group; it starts planned. Returns its id.

    Raises:
        PermissionDenied: Not a programme manager or admin.
        InvalidInput: Any field is missing or wrong, or the group has an inspection in progress.
    """
    actor = access.admit(actor, Action.MANAGE_PROGRAMME)
    form = _parse(data)
    if form.group_id is None:
        raise InvalidInput({"group_id": "Choose the inspection group"})
    group = session.get(InspectionGroup, form.group_id)
    if group is None:
        raise InvalidInput({"group_id": "Choose the inspection group"})
    latest = session.exec(select(Inspection).where(Inspection.group_id == group.id)
                          .order_by(Inspection.id.desc())).first()
    if latest is not None and latest.stage not in OPEN_FOR_NEW:
        raise InvalidInput({"group_id": f"{group.name} already has an inspection in progress: "
                                        "close it before allocating another"})
    _check(session, form, today, short_notice_needed=True)
    version_id = current_version_id(session=session)
    if version_id is None:
        raise InvalidInput({"form": "No framework version is current: an admin must import one first"})
    inspection = Inspection(group_id=group.id, type=form.type, mode=form.mode, framework_version_id=version_id,
                            key_questions=key_questions_for(form.type, form.key_questions),
                            planned_start=form.planned_start, planned_end=form.planned_end,
                            lead_inspector_id=form.lead_inspector_id, stage=Stage.PLANNED, reason=form.reason,
                            short_notice_reason=form.short_notice_reason or None)
    session.add(inspection)
    session.flush()
    session.add_all(InspectionTeamMember(inspection_id=inspection.id, user_id=u) for u in form.team)
    audit.record(session=session, actor=actor, action="inspection.allocated", entity_type="inspection",
                 entity_id=inspection.id, after=_audited(form, inspection))
    session.flush()
    return inspection.id


def update_allocation(*, session: Session, actor: Actor | None, inspection_id: object, data: object,
                      today: date) -> None:
    """Change a planned inspection's type, scope, mode, dates, lead and team.

    Raises:
        PermissionDenied: Not a programme manager or admin.
        InvalidInput: A field is wrong, or the inspection is no longer planned.
    """
    actor = access.admit(actor, Action.MANAGE_PROGRAMME)
    inspection = _inspection(session, inspection_id)
    if inspection.stage is not Stage.PLANNED:
        raise InvalidInput({"form": "The inspection has been announced, so its allocation can no longer change "
                                    "here: extend a deadline on its page instead"})
    form = _parse(data)
    moved = form.planned_start != inspection.planned_start
    _check(session, form, today, short_notice_needed=moved or not inspection.short_notice_reason)
    before = {"type": inspection.type.value, "key_questions": list(inspection.key_questions or []),
              "mode": inspection.mode.value, "planned_start": _iso(inspection.planned_start),
              "planned_end": _iso(inspection.planned_end), "lead_inspector_id": inspection.lead_inspector_id,
              "team": sorted(session.exec(select(InspectionTeamMember.user_id).where(
                  InspectionTeamMember.inspection_id == inspection.id)).all()),
              "reason": inspection.reason.value, "short_notice_reason": inspection.short_notice_reason}
    inspection.type, inspection.mode = form.type, form.mode
    inspection.key_questions = key_questions_for(form.type, form.key_questions)
    inspection.planned_start, inspection.planned_end = form.planned_start, form.planned_end
    inspection.lead_inspector_id = form.lead_inspector_id
    inspection.reason = form.reason
    inspection.short_notice_reason = form.short_notice_reason or inspection.short_notice_reason
    session.add(inspection)
    session.exec(delete(InspectionTeamMember).where(InspectionTeamMember.inspection_id == inspection.id))
    session.add_all(InspectionTeamMember(inspection_id=inspection.id, user_id=u) for u in form.team)
    audit.record(session=session, actor=actor, action="inspection.allocation_changed", entity_type="inspection",
                 entity_id=inspection.id, before=before, after=_audited(form, inspection))
    session.flush()


def _parse(data: object) -> AllocationForm:
    """The form, with cross-field errors keyed by their field (``field:message``)."""
    try:
        return parse(AllocationForm, data)
    except InvalidInput as exc:
        errors = {}
        for field, message in exc.errors.items():
            if ":" in message and message.split(":", 1)[0] in AllocationForm.model_fields:
                field, message = message.split(":", 1)
            errors[field] = message
        raise InvalidInput(errors) from None


def _check(session: Session, form: AllocationForm, today: date, *, short_notice_needed: bool) -> None:
    """Dates on working days from today on; lead and team active inspectors.

    With ``short_notice_needed``, a first day too close for the announcement call and
    letter needs a written reason (the message says how many working days are left).
    """
    errors: dict[str, str] = {}
    calendar = working_calendar(session=session)
    for field, day in (("planned_start", form.planned_start), ("planned_end", form.planned_end)):
        if not calendar.covers(day):
            errors[field] = f"Enter a date from {calendar.first_year} to {calendar.last_year}"
        elif day < today:
            errors[field] = "Enter today's date or a later one"
        elif not calendar.is_working_day(day):
            errors[field] = f"{format_date(day)} is not a working day"
    inspectors = {i for i, _name in _inspectors(session)}
    if form.lead_inspector_id is not None and form.lead_inspector_id not in inspectors:
        errors["lead_inspector_id"] = "Choose an active inspector"
    if any(member not in inspectors for member in form.team):
        errors["team"] = "Choose team members who are active inspectors"
    if short_notice_needed and "planned_start" not in errors and not form.short_notice_reason:
        notice = short_notice(form.planned_start, today, calendar)
        if notice is not None:
            errors["short_notice_reason"] = notice.warning()
    if errors:
        raise InvalidInput(errors)


def _inspectors(session: Session) -> list[tuple[int, str]]:
    return list(session.exec(select(User.id, User.name).where(
        User.role == Role.INSPECTOR, User.active == True).order_by(User.name)).all())  # noqa: E712


def _inspection(session: Session, inspection_id: object) -> Inspection:
    if parse_id(inspection_id, text=False) is None:
        raise InvalidInput({"inspection_id": "Unknown inspection"})
    inspection = session.get(Inspection, inspection_id)
    if inspection is None:
        raise NotFound("No such inspection")
    return inspection


def _audited(form: AllocationForm, inspection: Inspection) -> dict:
    return {"type": form.type.value, "key_questions": list(inspection.key_questions), "mode": form.mode.value,
            "planned_start": form.planned_start.isoformat(), "planned_end": form.planned_end.isoformat(),
            "lead_inspector_id": form.lead_inspector_id, "team": form.team, "reason": form.reason.value,
            "short_notice_reason": inspection.short_notice_reason}


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""
