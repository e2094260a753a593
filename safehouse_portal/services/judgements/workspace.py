"""The inspection workspace: who may use it, its scope, the announcement checklist and the KLOE list.

Inspectors see and edit only the inspections they lead or are on the team of;
programme managers see every workspace read-only; nobody else sees any (``access``
decides). Widening the scope is the lead inspector's, with a reason kept in the audit trail.
"""

from dataclasses import dataclass, field

from pydantic import BaseModel, field_validator
from sqlmodel import Session, select

from safehouse_portal.db import (
    AuditEvent, ChecklistItem, FrameworkKeyQuestion, Inspection, InspectionGroup, InspectionTeamMember,
    Kloe, KloeAssessment, Provider, User,
)
from safehouse_portal.db.types import utcnow
from safehouse_portal.domain import checklist as checklist_rules
from safehouse_portal.domain.dates import format_date, format_date_range
from safehouse_portal.domain.enums import KEY_QUESTION_LABELS, STAGE_LABELS, KeyQuestion, Rating
from safehouse_portal.domain.ids import parse_id
from safehouse_portal.domain.judgements import (
    KLOE_STATUS_LABELS, WIDENING_STAGES, KloeStatus, kloe_status, out_of_scope, rating_label, scope_text, widen,
)
from safehouse_portal.services.core import access, audit
from safehouse_portal.services.core.access import Action
from safehouse_portal.services.core.access_facts import inspection_facts
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.domain.options import Option
from safehouse_portal.services.core.errors import InvalidInput, NotFound, PermissionDenied
from safehouse_portal.services.core.validation import bounded_text, parse

MAX_REASON_LENGTH = 1000
SCOPE_WIDENED = "workspace.scope_widened"


@dataclass(frozen=True)
class Access:
    """An inspection the actor may open, and what they may do to it."""

    actor: Actor
    inspection: Inspection
    group: InspectionGroup
    is_lead: bool
    on_team: bool

    @property
    def may_edit(self) -> bool:
        """Lead and team members edit; programme managers only read."""
        return self.on_team


@dataclass(frozen=True)
class Header:
    """What every workspace page shows at its top."""

    inspection_id: int = 0
    group_name: str = ""
    provider_name: str = ""
    type_label: str = ""
    stage_label: str = ""
    planned_dates: str = ""
    lead_inspector: str = ""
    team: str = ""
    scope: str = ""
    serious_concern: bool = False
    is_lead: bool = False
    may_edit: bool = False


@dataclass(frozen=True)
class KloeRow:
    """One KLOE in the list: where the work on it stands (the page links it by its code)."""

    code: str = ""
    title: str = ""
    status: str = ""
    status_label: str = ""
    rating_label: str = ""


@dataclass(frozen=True)
class KeyQuestionKloes:
    """One key question in scope with its KLOEs."""

    key: str = ""
    label: str = ""
    final: int = 0
    total: int = 0
    kloes: list[KloeRow] = field(default_factory=list)


@dataclass(frozen=True)
class ScopeChange:
    """A widening of the scope, as the audit trail kept it."""

    when: str = ""
    who: str = ""
    added: str = ""
    reason: str = ""


@dataclass(frozen=True)
class WorkspaceView:
    """The workspace's front page: scope, its history, and the KLOE list."""

    header: Header = field(default_factory=Header)
    may_widen: bool = False
    widenable: list[Option] = field(default_factory=list)
    scope_changes: list[ScopeChange] = field(default_factory=list)
    key_questions: list[KeyQuestionKloes] = field(default_factory=list)


@dataclass(frozen=True)
class ChecklistRow:
    """One item of the announcement call's checklist."""

    key: str = ""
    label: str = ""
    hint: str = ""
    ticked: bool = False
    note: str = ""
    updated: str = ""


@dataclass(frozen=True)
class ChecklistView:
    header: Header = field(default_factory=Header)
    rows: list[ChecklistRow] = field(default_factory=list)
    ticked: int = 0
    total: int = 0


class WidenRequest(BaseModel):
    """The lead inspector's widening of the scope."""

    add: list[KeyQuestion]
    reason: str

    @field_validator("add", mode="before")
    @classmethod
    def _add(cls, value: object) -> list[KeyQuestion]:
        values = [value] if isinstance(value, str) else value
        if not isinstance(values, list) or not values or not all(
                isinstance(v, str) and v in KeyQuestion.__members__.values() for v in values):
            raise ValueError("Choose at least one key question to add")
        return [KeyQuestion(v) for v in values]

    @field_validator("reason", mode="before")
    @classmethod
    def _reason(cls, value: object) -> str:
        return bounded_text(value, most=MAX_REASON_LENGTH,
                            message=f"Enter why the scope is widened, in 1 to {MAX_REASON_LENGTH} characters")


class ChecklistUpdate(BaseModel):
    """One item ticked (or unticked) with its note."""

    item: str
    ticked: bool
    note: str

    @field_validator("item", mode="before")
    @classmethod
    def _item(cls, value: object) -> str:
        if not checklist_rules.is_item(value):
            raise ValueError("Choose an item of the checklist")
        return value

    @field_validator("ticked", mode="before")
    @classmethod
    def _ticked(cls, value: object) -> bool:
        if not isinstance(value, bool):
            raise ValueError("Tick the item or leave it unticked")
        return value

    @field_validator("note", mode="before")
    @classmethod
    def _note(cls, value: object) -> str:
        text = value.strip() if isinstance(value, str) else None
        if text is None or len(text) > checklist_rules.MAX_NOTE_LENGTH:
            raise ValueError(f"Enter a note of at most {checklist_rules.MAX_NOTE_LENGTH} characters")
        return text


def open_inspection(session: Session, actor: Actor | None, inspection_id: object, *, edit: bool = False,
                    lead: bool = False, lock: bool = False) -> Access:
    """The inspection if the actor may see it (and edit it, or lead it, when asked).

    Raises:
        PermissionDenied: Not an inspector on its team, nor a programme manager reading it.
        InvalidInput: The id is not a whole number.
        NotFound: No such inspection.
    """
    actor = access.admit(actor, Action.VIEW_INSPECTION)
    if parse_id(inspection_id, text=False) is None:
        raise InvalidInput({"inspection_id": "Unknown inspection"})
    query = select(Inspection).where(Inspection.id == inspection_id)
    inspection = session.exec(query.with_for_update() if lock else query).first()
    if inspection is None:
        raise NotFound("No such inspection")
    facts = inspection_facts(session, inspection)
    access.require(actor, Action.VIEW_INSPECTION, facts)
    is_lead = access.may(actor, Action.LEAD_INSPECTION, facts)
    on_team = access.may(actor, Action.WORK_ON_INSPECTION, facts)
    if (edit and not on_team) or (lead and not is_lead):
        raise PermissionDenied()
    return Access(actor, inspection, session.get(InspectionGroup, inspection.group_id), is_lead, on_team)


def header(session: Session, access: Access) -> Header:
    """The header of every workspace page."""
    inspection = access.inspection
    lead = session.get(User, inspection.lead_inspector_id) if inspection.lead_inspector_id else None
    team = session.exec(select(User.name).join(InspectionTeamMember, InspectionTeamMember.user_id == User.id)
                        .where(InspectionTeamMember.inspection_id == inspection.id).order_by(User.name)).all()
    return Header(
        inspection_id=inspection.id,
        group_name=access.group.name,
        provider_name=session.get(Provider, access.group.provider_id).name,
        type_label=inspection.type.value.capitalize(),
        stage_label=STAGE_LABELS[inspection.stage],
        planned_dates=format_date_range(inspection.planned_start, inspection.planned_end),
        lead_inspector=lead.name if lead else "Not allocated",
        team=", ".join(team) or "No other inspectors",
        scope=scope_text(_scope(inspection)),
        serious_concern=inspection.serious_concern,
        is_lead=access.is_lead,
        may_edit=access.may_edit,
    )


def in_scope_kloes(session: Session, inspection: Inspection) -> list[tuple[Kloe, str]]:
    """Each KLOE of the inspection's framework version under a key question in scope, with its key."""
    keys = [str(k) for k in inspection.key_questions or []]
    if not keys:
        return []
    rows = session.exec(
        select(Kloe, FrameworkKeyQuestion.key)
        .join(FrameworkKeyQuestion, FrameworkKeyQuestion.id == Kloe.key_question_id)
        .where(Kloe.version_id == inspection.framework_version_id, FrameworkKeyQuestion.key.in_(keys))
        .order_by(FrameworkKeyQuestion.position, Kloe.position)
    ).all()
    return [(kloe, key) for kloe, key in rows]


def assessments(session: Session, inspection_id: int) -> dict[int, KloeAssessment]:
    """The inspection's KLOE assessments by KLOE id."""
    rows = session.exec(select(KloeAssessment).where(KloeAssessment.inspection_id == inspection_id)).all()
    return {row.kloe_id: row for row in rows}


def kloe_ratings(session: Session, inspection: Inspection) -> dict[str, list[tuple[Kloe, KloeStatus, Rating | None]]]:
    """Each key question in scope with its KLOEs' status and rating, in framework order."""
    by_kloe = assessments(session, inspection.id)
    result: dict[str, list[tuple[Kloe, KloeStatus, Rating | None]]] = {}
    for kloe, key in in_scope_kloes(session, inspection):
        row = by_kloe.get(kloe.id)
        result.setdefault(key, []).append((kloe, kloe_status(row.status if row else None), row.rating if row else None))
    return result


def workspace(*, session: Session, actor: Actor | None, inspection_id: object) -> WorkspaceView:
    """The workspace's front page for a team member, or a programme manager reading it."""
    access = open_inspection(session, actor, inspection_id)
    inspection = access.inspection
    may_widen = access.is_lead and inspection.stage in WIDENING_STAGES and bool(out_of_scope(_scope(inspection)))
    groups = []
    ratings = kloe_ratings(session, inspection)
    for key in _scope(inspection):
        kloes = ratings.get(key, [])
        groups.append(KeyQuestionKloes(
            key=key, label=KEY_QUESTION_LABELS[KeyQuestion(key)],
            final=sum(status is KloeStatus.FINAL for _, status, _ in kloes), total=len(kloes),
            kloes=[KloeRow(k.code, k.title, status.value, KLOE_STATUS_LABELS[status], rating_label(rating, "Not rated"))
                   for k, status, rating in kloes],
        ))
    return WorkspaceView(
        header=header(session, access),
        may_widen=may_widen,
        widenable=[Option(kq.value, KEY_QUESTION_LABELS[kq]) for kq in out_of_scope(_scope(inspection))]
        if may_widen else [],
        scope_changes=_scope_changes(session, inspection.id),
        key_questions=groups,
    )


def widen_scope(*, session: Session, actor: Actor | None, inspection_id: object, data: object) -> list[str]:
    """Add key questions to the scope (the lead inspector, during the inspection, with a reason).

    Returns:
        The new scope, in report order.

    Raises:
        InvalidInput: Nothing new to add, no reason, or the stage does not allow it.
    """
    access = open_inspection(session, actor, inspection_id, lead=True, lock=True)
    request = parse(WidenRequest, data)
    inspection = access.inspection
    if inspection.stage not in WIDENING_STAGES:
        raise InvalidInput({"add": "The scope can be widened only from announcement until drafting begins"})
    before = _scope(inspection)
    try:
        after = [kq.value for kq in widen(before, [kq.value for kq in request.add])]
    except ValueError as exc:
        raise InvalidInput({"add": str(exc)}) from None
    inspection.key_questions = after
    session.add(inspection)
    audit.record(session=session, actor=access.actor, action=SCOPE_WIDENED, entity_type="inspection",
                 entity_id=inspection.id, before={"key_questions": before},
                 after={"key_questions": after, "reason": request.reason})
    session.flush()
    return after


def checklist(*, session: Session, actor: Actor | None, inspection_id: object) -> ChecklistView:
    """The announcement call's checklist with each item's tick and note."""
    access = open_inspection(session, actor, inspection_id)
    rows = {row.item_key: row for row in session.exec(
        select(ChecklistItem).where(ChecklistItem.inspection_id == access.inspection.id)).all()}
    names = _names(session, {r.updated_by_id for r in rows.values() if r.updated_by_id})
    items = []
    for entry in checklist_rules.CHECKLIST:
        row = rows.get(entry.key.value)
        updated = (f"{names.get(row.updated_by_id, 'Someone')} on {format_date(row.updated_at.date())}"
                   if row else "")
        items.append(ChecklistRow(entry.key.value, entry.label, entry.hint, bool(row and row.ticked),
                                  row.note if row else "", updated))
    ticked, total = checklist_rules.ticked_count({i.key: i.ticked for i in items})
    return ChecklistView(header(session, access), items, ticked, total)


def update_checklist(*, session: Session, actor: Actor | None, inspection_id: object, data: object) -> None:
    """Tick or untick one item with its note (a team member)."""
    access = open_inspection(session, actor, inspection_id, edit=True)
    update = parse(ChecklistUpdate, data)
    row = session.exec(select(ChecklistItem).where(ChecklistItem.inspection_id == access.inspection.id,
                                                   ChecklistItem.item_key == update.item)).first()
    before = {"ticked": row.ticked, "note": row.note} if row else None
    row = row or ChecklistItem(inspection_id=access.inspection.id, item_key=update.item)
    row.ticked, row.note = update.ticked, update.note
    row.updated_by_id, row.updated_at = access.actor.user_id, utcnow()
    session.add(row)
    audit.record(session=session, actor=access.actor, action="workspace.checklist_updated",
                 entity_type="inspection", entity_id=access.inspection.id, before=before,
                 after={"item": update.item, "ticked": update.ticked, "note": update.note})
    session.flush()


def _scope(inspection: Inspection) -> list[str]:
    return [str(k) for k in inspection.key_questions or [] if k in KeyQuestion.__members__.values()]


def _names(session: Session, user_ids: set[int]) -> dict[int, str]:
    if not user_ids:
        return {}
    return {u.id: u.name for u in session.exec(select(User).where(User.id.in_(user_ids))).all()}


def _scope_changes(session: Session, inspection_id: int) -> list[ScopeChange]:
    events = session.exec(select(AuditEvent).where(AuditEvent.action == SCOPE_WIDENED,
                                                   AuditEvent.entity_type == "inspection",
                                                   AuditEvent.entity_id == inspection_id)
                          .order_by(AuditEvent.id)).all()
    names = _names(session, {e.actor_id for e in events if e.actor_id})
    changes = []
    for event in events:
        before, after = (event.before or {}).get("key_questions", []), (event.after or {})
        added = [k for k in after.get("key_questions", []) if k not in before]
        changes.append(ScopeChange(format_date(event.at.date()), names.get(event.actor_id, "Someone"),
                                   scope_text(added), str(after.get("reason", ""))))
    return changes
