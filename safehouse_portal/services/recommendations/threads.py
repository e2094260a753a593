"""Following each recommendation to done: the provider's updates and evidence, the inspector's decision.

The provider sees a recommendation once the final report is issued; its due date runs
from that day (``domain/recommendations.py``). Every step is one dated entry of the
recommendation's thread (``RecommendationUpdate``):

- the provider posts a progress update (status *in progress*) or its evidence that the
  recommendation is met (status *evidence submitted*), each with files if it has them;
- an inspector of the inspection (or a programme manager) accepts the evidence (status
  *met*, with the day) or returns it with a comment saying what is missing (*returned*).
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlmodel import Session, select

from sqlalchemy.orm import object_session

from safehouse_portal.services.framework.words import kloe_labels
from safehouse_portal.db import Inspection, InspectionGroup, Provider, Recommendation, RecommendationUpdate, User
from safehouse_portal.domain.dates import format_date
from safehouse_portal.domain.notifications import LinkTarget, NotificationKind as Kind
from safehouse_portal.domain.enums import KEY_QUESTION_LABELS, THEME_LABELS, TIMESCALE_LABELS, KeyQuestion
from safehouse_portal.domain.recommendations import STATUS_LABELS, RecommendationStatus, due_date, effective_status
from safehouse_portal.services.core import access, audit, outbox
from safehouse_portal.services.core import files
from safehouse_portal.services.core.access import Action, InspectionFacts
from safehouse_portal.services.core.access_facts import inspection_facts
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.core.errors import InvalidInput, NotFound
from safehouse_portal.services.core.files import FileInfo
from safehouse_portal.services.core.validation import bounded_text
from safehouse_portal.services.requests.info_requests import valid_id

MAX_TEXT = 5000
KIND_LABELS = {
    "progress": "Progress update",
    "evidence": "Evidence submitted",
    "accepted": "Accepted as met",
    "returned": "Returned",
}
_STATUS_OF_KIND = {
    "progress": RecommendationStatus.IN_PROGRESS,
    "evidence": RecommendationStatus.EVIDENCE_SUBMITTED,
    "accepted": RecommendationStatus.MET,
    "returned": RecommendationStatus.RETURNED,
}


@dataclass(frozen=True)
class RecommendationRow:
    """A recommendation with its due date and where it stands."""

    id: int = 0
    inspection_id: int = 0
    group_name: str = ""
    text: str = ""
    kloes: str = ""
    key_question: str = ""
    theme: str = ""
    timescale: str = ""
    report_issued_on: str = ""
    due_on: str = ""
    due_iso: str = ""
    status: str = ""
    status_label: str = ""
    met_on: str = ""


@dataclass(frozen=True)
class UpdateRow:
    """One dated entry of the thread."""

    id: int = 0
    at: str = ""
    author: str = ""
    kind: str = ""
    kind_label: str = ""
    text: str = ""
    files: list[FileInfo] = field(default_factory=list)


@dataclass(frozen=True)
class ThreadView:
    """A recommendation, its whole thread (oldest first), and what the viewer may do."""

    recommendation: RecommendationRow = field(default_factory=RecommendationRow)
    provider_name: str = ""
    updates: list[UpdateRow] = field(default_factory=list)
    may_post: bool = False
    may_decide: bool = False


def provider_recommendations(*, session: Session, actor: Actor | None, today: date) -> list[RecommendationRow]:
    """The lead's own provider's recommendations from issued reports: unmet first, soonest due first."""
    actor = access.admit(actor, Action.ACT_AS_PROVIDER)
    found = session.exec(
        select(Recommendation, Inspection, InspectionGroup)
        .join(Inspection, Inspection.id == Recommendation.inspection_id)
        .join(InspectionGroup, InspectionGroup.id == Inspection.group_id)
        .where(InspectionGroup.provider_id == actor.provider_id, Inspection.final_issued_on.is_not(None))
    ).all()
    rows = [recommendation_row(r, i, g, today) for r, i, g in found]
    return sorted(rows, key=lambda r: (r.status == RecommendationStatus.MET, r.due_iso, r.id))


def recommendation_thread(*, session: Session, actor: Actor | None, recommendation_id: object,
                          today: date) -> ThreadView:
    """One recommendation's thread, for its provider's lead (once issued) and for staff who may see the provider.

    Raises:
        NotFound: No such recommendation, or not the lead's own issued one.
        PermissionDenied: Staff not allowed to see this provider's data.
    """
    actor = access.admit(actor, Action.VIEW_PROVIDER_RECORDS)
    recommendation, inspection, group, facts = _visible(session, actor, recommendation_id)
    return _thread(session, actor, recommendation, inspection, group, facts, today)


def post_update(*, session: Session, actor: Actor | None, recommendation_id: object, data: object,
                file_ids: object, today: date) -> ThreadView:
    """The provider's progress update or evidence, with its files, added to the thread.

    Raises:
        InvalidInput: ``kind`` is not progress or evidence, ``text`` is empty or too long,
            the files are not the provider's own, or the recommendation is met already.
    """
    actor = access.admit(actor, Action.ACT_AS_PROVIDER)
    recommendation, inspection, group, facts = _visible(session, actor, recommendation_id, lock=True)
    data = data if isinstance(data, dict) else {}
    kind = data.get("kind")
    errors = {}
    if kind not in ("progress", "evidence"):
        errors["kind"] = "Choose whether this is a progress update or evidence that it is met"
    text = _text(data.get("text"), errors, "text", "Describe what you have done")
    attached = files.owned_ids(session, group.provider_id, file_ids)
    if recommendation.status == RecommendationStatus.MET:
        errors = {"text": "This recommendation is met: its thread is closed"}
    if errors:
        raise InvalidInput(errors)
    new_status = _STATUS_OF_KIND[kind]
    if kind == "progress" and recommendation.status == RecommendationStatus.EVIDENCE_SUBMITTED:
        new_status = RecommendationStatus.EVIDENCE_SUBMITTED
    _add(session, actor, recommendation, kind, text, attached, new_status)
    return _thread(session, actor, recommendation, inspection, group, facts, today)


def decide(*, session: Session, actor: Actor | None, recommendation_id: object, data: object,
           today: date) -> ThreadView:
    """An inspector of the inspection accepts the evidence (met today) or returns it with a comment.

    Raises:
        PermissionDenied: Not a programme manager or an inspector on this inspection.
        InvalidInput: ``decision`` unknown, no comment on a return, or no evidence awaiting a decision.
    """
    actor = access.admit(actor, Action.FOLLOW_UP_WITH_PROVIDER)
    recommendation, inspection, group, facts = _visible(session, actor, recommendation_id, lock=True)
    access.require(actor, Action.FOLLOW_UP_WITH_PROVIDER, facts)
    data = data if isinstance(data, dict) else {}
    decision = data.get("decision")
    errors: dict[str, str] = {}
    if decision not in ("accept", "return"):
        errors["decision"] = "Choose whether to accept the evidence or return it"
    comment = _text(data.get("comment"), errors, "comment", "Say what is still missing before the recommendation is met",
                    required=decision == "return")
    if recommendation.status != RecommendationStatus.EVIDENCE_SUBMITTED:
        errors = {"decision": "There is no evidence awaiting a decision"}
    if errors:
        raise InvalidInput(errors)
    kind = "accepted" if decision == "accept" else "returned"
    if kind == "accepted":
        recommendation.met_on = today
    _add(session, actor, recommendation, kind, comment or "Evidence accepted: the recommendation is met.", [],
         _STATUS_OF_KIND[kind])
    outbox.notify(session=session, kind=Kind(f"recommendation_{kind}"), to_user_ids=outbox.provider_leads(session, provider_id=group.provider_id),
                  inspection_id=inspection.id, link=LinkTarget.PROVIDER_RECOMMENDATION, link_id=recommendation.id)
    return _thread(session, actor, recommendation, inspection, group, facts, today)


def recommendation_row(recommendation: Recommendation, inspection: Inspection, group: InspectionGroup,
                       today: date) -> RecommendationRow:
    """A recommendation with its due date (from the final report's issue) and effective status."""
    due = due_date(recommendation.timescale, inspection.final_issued_on)
    status = effective_status(recommendation.status, due, today=today)
    key_question = recommendation.key_question
    return RecommendationRow(
        id=recommendation.id, inspection_id=inspection.id, group_name=group.name, text=recommendation.text,
        kloes="; ".join(kloe_labels(object_session(inspection), inspection.framework_version_id,
                                    recommendation.kloe_codes or [])) or "None given",
        key_question=KEY_QUESTION_LABELS[KeyQuestion(key_question)] if key_question in KeyQuestion else key_question,
        theme=THEME_LABELS[recommendation.theme], timescale=TIMESCALE_LABELS[recommendation.timescale],
        report_issued_on=format_date(inspection.final_issued_on), due_on=format_date(due) or "Not yet set",
        due_iso=due.isoformat() if due else "9999-12-31", status=status.value, status_label=STATUS_LABELS[status],
        met_on=format_date(recommendation.met_on),
    )


def _text(value: object, errors: dict[str, str], field: str, missing: str, required: bool = True) -> str:
    """The trimmed text; a missing (if ``required``), too long or unkeepable one adds why to ``errors`` under ``field``."""
    try:
        return bounded_text(value, most=MAX_TEXT, message=f"{missing}, in at most {MAX_TEXT:,} characters",
                            required=required)
    except ValueError as exc:
        errors[field] = str(exc)
        return ""


def _add(session: Session, actor: Actor, recommendation: Recommendation, kind: str, text: str,
         file_ids: list[int], status: RecommendationStatus) -> None:
    before = recommendation.status
    recommendation.status = status.value
    session.add(recommendation)
    update = RecommendationUpdate(recommendation_id=recommendation.id, kind=kind, text=text, file_ids=file_ids,
                                  author_id=actor.user_id, at=datetime.now(UTC))
    session.add(update)
    session.flush()
    audit.record(session=session, actor=actor, action=f"recommendation.{kind}", entity_type="recommendation",
                 entity_id=recommendation.id, before={"status": before},
                 after={"status": status.value, "files": file_ids, "update_id": update.id})
    session.flush()


def _visible(session: Session, actor: Actor, recommendation_id: object,
             lock: bool = False) -> tuple[Recommendation, Inspection, InspectionGroup, InspectionFacts]:
    query = select(Recommendation).where(Recommendation.id == valid_id(recommendation_id, "recommendation_id"))
    recommendation = session.exec(query.with_for_update() if lock else query).first()
    if recommendation is None:
        raise NotFound("No such recommendation")
    inspection = session.get(Inspection, recommendation.inspection_id)
    group = session.get(InspectionGroup, inspection.group_id)
    facts = inspection_facts(session, inspection)
    if access.role_may(actor, Action.ACT_AS_PROVIDER):
        if not access.may(actor, Action.VIEW_PROVIDER_RECORDS, facts) or inspection.final_issued_on is None:
            raise NotFound("No such recommendation")
    else:
        access.require(actor, Action.VIEW_PROVIDER_RECORDS, facts)
    return recommendation, inspection, group, facts


def _thread(session: Session, actor: Actor, recommendation: Recommendation, inspection: Inspection,
            group: InspectionGroup, facts: InspectionFacts, today: date) -> ThreadView:
    updates = session.exec(select(RecommendationUpdate, User.name)
                           .join(User, User.id == RecommendationUpdate.author_id, isouter=True)
                           .where(RecommendationUpdate.recommendation_id == recommendation.id)
                           .order_by(RecommendationUpdate.at, RecommendationUpdate.id)).all()
    attached = files.infos(session, group.provider_id, [i for u, _ in updates for i in u.file_ids or []])
    row = recommendation_row(recommendation, inspection, group, today)
    issued = inspection.final_issued_on is not None
    return ThreadView(
        recommendation=row,
        provider_name=session.get(Provider, group.provider_id).name,
        updates=[UpdateRow(u.id, f"{format_date(u.at.date())} at {u.at:%H:%M}", name or "Unknown", u.kind,
                           KIND_LABELS.get(u.kind, u.kind), u.text, [attached[i] for i in u.file_ids or []
                                                                     if i in attached])
                 for u, name in updates],
        may_post=access.may(actor, Action.ACT_AS_PROVIDER, facts) and issued
        and recommendation.status != RecommendationStatus.MET,
        may_decide=access.may(actor, Action.FOLLOW_UP_WITH_PROVIDER, facts)
        and recommendation.status == RecommendationStatus.EVIDENCE_SUBMITTED,
    )
