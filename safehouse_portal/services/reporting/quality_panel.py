"""The independent quality panel: a significant judgement change after factual accuracy is reviewed
by people who were not on the inspection team, and the final report waits for their outcome.

A review opens when a factual accuracy decision changes a key question's rating, or the
inspector marks a KLOE change significant (``domain.quality_panel.goes_to_panel``). A
programme manager names the members (never the lead inspector or a team member); each
member records whether they agree, with reasons; the manager then records the outcome.
While a review is open the lifecycle refuses to issue the final report
(``domain.lifecycle.QUALITY_PANEL_OPEN``); the provider is told the outcome with it.
"""

from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session, select

from safehouse_portal.db import AuditEvent, Inspection, QualityPanelMember, QualityPanelReview, User
from safehouse_portal.db.types import utcnow
from safehouse_portal.domain.dates import LONDON, format_date
from safehouse_portal.domain.enums import Rating, Role
from safehouse_portal.domain.ids import parse_id
from safehouse_portal.domain.lifecycle import QUALITY_PANEL_OPEN
from safehouse_portal.domain.options import Option
from safehouse_portal.domain.quality_panel import (
    OUTCOME_LABELS, PROVIDER_WORDS, VIEW_LABELS, PanelOutcome, PanelView, closes, outcome_refusal,
)
from safehouse_portal.documents.labels import rating_label
from safehouse_portal.services.core import access, audit
from safehouse_portal.services.core.access import Action
from safehouse_portal.services.core.access_facts import inspection_facts
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.core.errors import InvalidInput
from safehouse_portal.services.core.validation import bounded_text
from safehouse_portal.services.reporting.data import DRAFT, load, snapshot_content
from safehouse_portal.services.reporting.factual_accuracy import CommentRow, comment_rows

MAX_REASONS = 4000
_CHANGE_ACTIONS = ("report.judgement_changed", "report.kloe_corrected")


@dataclass(frozen=True)
class MemberRow:
    """A panel member and their view."""

    user_id: int = 0
    name: str = ""
    view: str = ""
    view_label: str = "No view recorded yet"
    reasons: str = ""


@dataclass(frozen=True)
class ChangeLogRow:
    """One judgement change after factual accuracy, from the audit trail."""

    on: str = ""
    by: str = ""
    what: str = ""
    reason: str = ""


@dataclass(frozen=True)
class PanelSummary:
    """Whether a review is open and its outcome, as the report page, the board and the provider see it."""

    exists: bool = False
    open: bool = False
    blocking_reason: str = ""
    outcome: str = ""
    outcome_label: str = ""
    outcome_reason: str = ""
    provider_words: str = ""


@dataclass(frozen=True)
class PanelPageView:
    """The panel's page: the change, the evidence, the members' views and the outcome."""

    inspection_id: int = 0
    group_name: str = ""
    provider_name: str = ""
    review_id: int = 0
    summary: PanelSummary = field(default_factory=PanelSummary)
    reasons: list[str] = field(default_factory=list)
    opened_on: str = ""
    members: list[MemberRow] = field(default_factory=list)
    comments: list[CommentRow] = field(default_factory=list)
    changes: list[ChangeLogRow] = field(default_factory=list)
    may_name: bool = False
    member_choices: list[Option] = field(default_factory=list)
    may_record_view: bool = False
    my_view: str = ""
    my_reasons: str = ""
    may_record_outcome: bool = False
    outcome_choices: list[Option] = field(default_factory=list)
    view_choices: list[Option] = field(default_factory=list)


def open_review(session: Session, actor: Actor, inspection: Inspection, reason: str) -> QualityPanelReview:
    """Send the inspection to the panel: a new review, or ``reason`` added to the one already open."""
    review = current_review(session, inspection.id)
    if review is not None and not review.closed:
        review.reason = f"{review.reason}\n{reason}"
    else:
        review = QualityPanelReview(inspection_id=inspection.id, reason=reason, opened_by_id=actor.user_id)
    session.add(review)
    session.flush()
    audit.record(session=session, actor=actor, action="report.quality_panel_opened", entity_type="inspection",
                 entity_id=inspection.id, after={"review_id": review.id, "reason": reason})
    return review


def current_review(session: Session, inspection_id: int) -> QualityPanelReview | None:
    """The inspection's latest review, open or closed."""
    return session.exec(select(QualityPanelReview).where(QualityPanelReview.inspection_id == inspection_id)
                        .order_by(QualityPanelReview.id.desc())).first()


def summary(session: Session, inspection_id: int) -> PanelSummary:
    """Whether the inspection's latest review is open, and its outcome in words."""
    review = current_review(session, inspection_id)
    if review is None:
        return PanelSummary()
    outcome = PanelOutcome(review.outcome) if review.outcome else None
    return PanelSummary(
        exists=True, open=not review.closed, blocking_reason=QUALITY_PANEL_OPEN if not review.closed else "",
        outcome=outcome.value if outcome else "", outcome_label=OUTCOME_LABELS[outcome] if outcome else "",
        outcome_reason=review.outcome_reason, provider_words=PROVIDER_WORDS[outcome] if outcome else "")


def panel_page(*, session: Session, actor: Actor | None, inspection_id: object) -> PanelPageView:
    """Everything the panel sees (members, the lead inspector and team, programme managers)."""
    actor = access.admit(actor, Action.VIEW_QUALITY_PANEL)
    loaded = load(session, inspection_id)
    facts = inspection_facts(session, loaded.inspection)
    access.require(actor, Action.VIEW_QUALITY_PANEL, facts)
    review = current_review(session, loaded.inspection.id)
    if review is None:
        return PanelPageView(inspection_id=loaded.inspection.id, group_name=loaded.group.name,
                             provider_name=loaded.provider.name)
    members = _members(session, review.id)
    mine = next((m for m in members if m.user_id == actor.user_id), None)
    is_open = not review.closed
    may_name = is_open and access.may(actor, Action.NAME_PANEL_MEMBERS, facts)
    return PanelPageView(
        inspection_id=loaded.inspection.id, group_name=loaded.group.name, provider_name=loaded.provider.name,
        review_id=review.id, summary=summary(session, loaded.inspection.id),
        reasons=[line for line in review.reason.split("\n") if line],
        opened_on=format_date(review.opened_at.astimezone(LONDON).date()), members=members,
        comments=comment_rows(session, loaded, snapshot_content(session, loaded.inspection.id, DRAFT)),
        changes=_change_log(session, loaded.inspection.id),
        may_name=may_name, member_choices=_choices(session, loaded.inspection, review.id) if may_name else [],
        may_record_view=is_open and mine is not None and access.may(actor, Action.RECORD_PANEL_VIEW, facts),
        my_view=mine.view if mine else "", my_reasons=mine.reasons if mine else "",
        may_record_outcome=is_open and access.may(actor, Action.RECORD_PANEL_OUTCOME, facts),
        outcome_choices=[Option(o.value, label) for o, label in OUTCOME_LABELS.items()],
        view_choices=[Option(v.value, label) for v, label in VIEW_LABELS.items()])


def name_member(*, session: Session, actor: Actor | None, inspection_id: object, data: object) -> list[MemberRow]:
    """Name an inspector or programme manager (``data["member"]``, a user id) to the open review.

    Raises:
        PermissionDenied: Not a programme manager.
        InvalidInput: No open review; not an active inspector or manager; on the inspection's team; named already.
    """
    actor = access.admit(actor, Action.NAME_PANEL_MEMBERS)
    loaded = load(session, inspection_id, lock=True)
    facts = inspection_facts(session, loaded.inspection)
    access.require(actor, Action.NAME_PANEL_MEMBERS, facts)
    review = _open_review(session, loaded.inspection.id, "member")
    value = data.get("member") if isinstance(data, dict) else None
    user_id = parse_id(value) if isinstance(value, str) else None
    user = session.get(User, user_id) if user_id is not None else None
    if user is None or not user.active or user.role not in (Role.INSPECTOR, Role.PROGRAMME_MANAGER):
        raise InvalidInput({"member": "Choose an inspector or programme manager from the list"})
    if user.id == facts.lead_id or user.id in facts.team_ids:
        raise InvalidInput({"member": f"{user.name} was on the inspection team, so cannot sit on its quality panel"})
    if session.get(QualityPanelMember, (review.id, user.id)) is not None:
        raise InvalidInput({"member": f"{user.name} is on the panel already"})
    session.add(QualityPanelMember(review_id=review.id, user_id=user.id, inspection_id=loaded.inspection.id,
                                   named_by_id=actor.user_id))
    audit.record(session=session, actor=actor, action="report.quality_panel_member_named", entity_type="inspection",
                 entity_id=loaded.inspection.id, after={"review_id": review.id, "member_id": user.id})
    session.flush()
    return _members(session, review.id)


def record_view(*, session: Session, actor: Actor | None, inspection_id: object, data: object,
                today: date) -> MemberRow:
    """A named member records (or changes) whether they agree with the change, with reasons.

    Raises:
        PermissionDenied: Not a named member, or on the inspection's team.
        InvalidInput: No open review; no view chosen; reasons missing or too long.
    """
    actor = access.admit(actor, Action.RECORD_PANEL_VIEW)
    loaded = load(session, inspection_id, lock=True)
    access.require(actor, Action.RECORD_PANEL_VIEW, inspection_facts(session, loaded.inspection))
    review = _open_review(session, loaded.inspection.id, "view")
    member = session.get(QualityPanelMember, (review.id, actor.user_id))
    if member is None:
        raise InvalidInput({"view": "You are not a member of this panel"})
    fields = data if isinstance(data, dict) else {}
    errors = {}
    if fields.get("view") not in VIEW_LABELS:
        errors["view"] = "Choose whether you agree or disagree with the change"
    reasons = _text(fields.get("reasons"), "reasons", "Give your reasons", errors)
    if errors:
        raise InvalidInput(errors)
    member.view, member.view_reasons, member.viewed_at = PanelView(fields["view"]).value, reasons, utcnow()
    session.add(member)
    audit.record(session=session, actor=actor, action="report.quality_panel_view", entity_type="inspection",
                 entity_id=loaded.inspection.id, after={"review_id": review.id, "view": member.view,
                                                        "reasons": reasons, "on": today.isoformat()})
    session.flush()
    return next(m for m in _members(session, review.id) if m.user_id == actor.user_id)


def record_outcome(*, session: Session, actor: Actor | None, inspection_id: object, data: object,
                   today: date) -> PanelSummary:
    """Record the panel's outcome; upholding or reverting closes the review and lets the final report go.

    Raises:
        PermissionDenied: Not a programme manager.
        InvalidInput: No open review; members or views missing; no outcome; reason missing or too long.
    """
    actor = access.admit(actor, Action.RECORD_PANEL_OUTCOME)
    loaded = load(session, inspection_id, lock=True)
    access.require(actor, Action.RECORD_PANEL_OUTCOME, inspection_facts(session, loaded.inspection))
    review = _open_review(session, loaded.inspection.id, "outcome")
    members = _members(session, review.id)
    refusal = outcome_refusal(members=len(members), views=sum(1 for m in members if m.view))
    if refusal:
        raise InvalidInput({"outcome": refusal})
    fields = data if isinstance(data, dict) else {}
    errors = {}
    if fields.get("outcome") not in OUTCOME_LABELS:
        errors["outcome"] = "Choose the panel's outcome"
    reason = _text(fields.get("outcome_reason"), "outcome_reason", "Give the panel's reasons", errors)
    if errors:
        raise InvalidInput(errors)
    outcome = PanelOutcome(fields["outcome"])
    review.outcome, review.outcome_reason = outcome.value, reason
    review.outcome_by_id, review.outcome_at, review.closed = actor.user_id, utcnow(), closes(outcome)
    session.add(review)
    audit.record(session=session, actor=actor, action="report.quality_panel_outcome", entity_type="inspection",
                 entity_id=loaded.inspection.id, after={"review_id": review.id, "outcome": outcome.value,
                                                        "reason": reason, "on": today.isoformat()})
    session.flush()
    return summary(session, loaded.inspection.id)


def _open_review(session: Session, inspection_id: int, field_name: str) -> QualityPanelReview:
    review = current_review(session, inspection_id)
    if review is None or review.closed:
        raise InvalidInput({field_name: "No quality panel review is open for this inspection"})
    return review


def _text(value: object, name: str, what: str, errors: dict[str, str]) -> str:
    try:
        return bounded_text(value, most=MAX_REASONS, message=f"{what}, in 1 to {MAX_REASONS:,} characters")
    except ValueError as exc:
        errors[name] = str(exc)
        return ""


def _members(session: Session, review_id: int) -> list[MemberRow]:
    rows = session.exec(select(QualityPanelMember, User.name).join(User, User.id == QualityPanelMember.user_id)
                        .where(QualityPanelMember.review_id == review_id).order_by(User.name, User.id)).all()
    return [MemberRow(m.user_id, name, m.view or "",
                      VIEW_LABELS[PanelView(m.view)] if m.view else "No view recorded yet", m.view_reasons)
            for m, name in rows]


def _choices(session: Session, inspection: Inspection, review_id: int) -> list[Option]:
    facts = inspection_facts(session, inspection)
    excluded = set(facts.team_ids) | {facts.lead_id} | set(session.exec(select(QualityPanelMember.user_id).where(
        QualityPanelMember.review_id == review_id)).all())
    users = session.exec(select(User).where(User.active.is_(True), User.role.in_(
        [Role.INSPECTOR, Role.PROGRAMME_MANAGER])).order_by(User.name, User.id)).all()
    return [Option(str(u.id), u.name) for u in users if u.id not in excluded]


def _change_log(session: Session, inspection_id: int) -> list[ChangeLogRow]:
    rows = session.exec(select(AuditEvent, User.name).join(User, User.id == AuditEvent.actor_id, isouter=True)
                        .where(AuditEvent.inspection_id == inspection_id, AuditEvent.action.in_(_CHANGE_ACTIONS))
                        .order_by(AuditEvent.id)).all()
    log = []
    for event, name in rows:
        before, after = event.before or {}, dict(event.after or {})
        reason = str(after.pop("reason", ""))
        if event.action == "report.kloe_corrected":
            what = f"{after.get('kloe', '')}: findings corrected, rating {_rating(before.get('rating'))} " \
                   f"to {_rating(after.get('rating'))}"
        else:
            what = "; ".join(f"{key}: {_rating(before.get(key))} to {_rating(value)}" for key, value in after.items())
        log.append(ChangeLogRow(format_date(event.at.astimezone(LONDON).date()), name or "", what, reason))
    return log


def _rating(value: object) -> str:
    return rating_label(Rating(value)) if isinstance(value, str) and value in Rating.__members__.values() \
        else rating_label(None)
