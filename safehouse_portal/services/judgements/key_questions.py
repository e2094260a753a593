"""Key-question judgements: the rule's suggestion from the KLOEs, and the lead's override with a reason.

``judgements_for`` is what any page or report showing a key question's judgement
should call, so that an override always travels with its reason.
"""

from dataclasses import dataclass, field

from pydantic import BaseModel, field_validator
from sqlmodel import Session, select

from safehouse_portal.db import Inspection, KeyQuestionJudgement, User
from safehouse_portal.db.types import utcnow
from safehouse_portal.domain.dates import format_date
from safehouse_portal.domain.enums import KEY_QUESTION_LABELS, RATING_LABELS, KeyQuestion, Rating
from safehouse_portal.domain.judgements import (
    EDITABLE_STAGES, JUDGEMENT_RULE, KloeStatus, judgement, rating_label, suggest,
)
from safehouse_portal.domain.options import Option
from safehouse_portal.services.core import audit
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.core.errors import InvalidInput
from safehouse_portal.services.core.validation import parse
from safehouse_portal.services.judgements.workspace import (
    Header, header, kloe_ratings, open_inspection,
)

MAX_REASON_LENGTH = 2000


@dataclass(frozen=True)
class KloeRating:
    code: str = ""
    title: str = ""
    status_final: bool = False
    rating_label: str = ""


@dataclass(frozen=True)
class KeyQuestionJudgementView:
    """One key question's judgement: suggested, overridden (with why), and the one that stands."""

    key: str = ""
    label: str = ""
    suggested: str = ""
    suggested_label: str = ""
    complete: bool = False
    progress: str = ""
    overridden: bool = False
    override_label: str = ""
    override_reason: str = ""
    override_by: str = ""
    judgement: str = ""
    judgement_label: str = ""
    kloes: list[KloeRating] = field(default_factory=list)


@dataclass(frozen=True)
class JudgementsView:
    header: Header = field(default_factory=Header)
    rule: str = ""
    may_override: bool = False
    ratings: list[Option] = field(default_factory=list)
    key_questions: list[KeyQuestionJudgementView] = field(default_factory=list)


class OverrideRequest(BaseModel):
    """The lead inspector's override of one key question's suggested judgement."""

    key_question: KeyQuestion
    rating: Rating
    reason: str

    @field_validator("key_question", mode="before")
    @classmethod
    def _key_question(cls, value: object) -> KeyQuestion:
        if not isinstance(value, str) or value not in KeyQuestion.__members__.values():
            raise ValueError("Choose a key question in scope")
        return KeyQuestion(value)

    @field_validator("rating", mode="before")
    @classmethod
    def _rating(cls, value: object) -> Rating:
        if not isinstance(value, str) or value not in Rating.__members__.values():
            raise ValueError("Choose the judgement that should stand")
        return Rating(value)

    @field_validator("reason", mode="before")
    @classmethod
    def _reason(cls, value: object) -> str:
        text = value.strip() if isinstance(value, str) else ""
        if not text:
            raise ValueError("Enter why the suggested judgement is overridden: an override needs a written reason")
        if len(text) > MAX_REASON_LENGTH:
            raise ValueError(f"Enter a reason of at most {MAX_REASON_LENGTH} characters")
        return text


def judgements_for(session: Session, inspection: Inspection) -> list[KeyQuestionJudgementView]:
    """Every key question in scope with its suggestion, any override and its reason (no permission check).

    Callers authorise first; this only reads.
    """
    overrides = {row.key_question: row for row in session.exec(
        select(KeyQuestionJudgement).where(KeyQuestionJudgement.inspection_id == inspection.id)).all()}
    names = {u.id: u.name for u in session.exec(select(User).where(
        User.id.in_({o.decided_by_id for o in overrides.values() if o.decided_by_id}))).all()} if overrides else {}
    ratings = kloe_ratings(session, inspection)
    views = []
    for kq in KeyQuestion:
        if kq.value not in (inspection.key_questions or []):
            continue
        kloes = ratings.get(kq.value, [])
        suggestion = suggest([(status, rating) for _, status, rating in kloes])
        row = overrides.get(kq.value)
        override = row.override_rating if row else None
        standing = judgement(suggestion.rating, override)
        views.append(KeyQuestionJudgementView(
            key=kq.value, label=KEY_QUESTION_LABELS[kq],
            suggested=suggestion.rating.value if suggestion.rating else "",
            suggested_label=rating_label(suggestion.rating, "No KLOE rated yet"),
            complete=suggestion.complete,
            progress=f"{suggestion.final} of {suggestion.total} KLOEs final",
            overridden=override is not None,
            override_label=rating_label(override, ""),
            override_reason=row.override_reason if row and override else "",
            override_by=(f"{names.get(row.decided_by_id, 'The lead inspector')} on {format_date(row.decided_at.date())}"
                         if row and override else ""),
            judgement=standing.value if standing else "",
            judgement_label=rating_label(standing),
            kloes=[KloeRating(k.code, k.title, status is KloeStatus.FINAL, rating_label(rating, "Not rated"))
                   for k, status, rating in kloes],
        ))
    return views


def key_question_judgements(*, session: Session, actor: Actor | None, inspection_id: object) -> JudgementsView:
    """The judgements page: the rule, each key question's suggestion and override."""
    access = open_inspection(session, actor, inspection_id)
    may_override = access.is_lead and access.inspection.stage in EDITABLE_STAGES
    return JudgementsView(
        header=header(session, access),
        rule=JUDGEMENT_RULE,
        may_override=may_override,
        ratings=[Option(r.value, RATING_LABELS[r]) for r in Rating] if may_override else [],
        key_questions=judgements_for(session, access.inspection),
    )


def override_judgement(*, session: Session, actor: Actor | None, inspection_id: object, data: object) -> None:
    """Override a key question's suggested judgement (the lead inspector only, with a written reason).

    Raises:
        InvalidInput: No reason, a key question out of scope, or the report is already issued.
    """
    access = open_inspection(session, actor, inspection_id, lead=True)
    request = parse(OverrideRequest, data)
    inspection = access.inspection
    if request.key_question.value not in (inspection.key_questions or []):
        raise InvalidInput({"key_question": "Choose a key question in scope"})
    _require_editable(inspection)
    row = _override_row(session, inspection.id, request.key_question.value)
    before = {"rating": row.override_rating.value if row.override_rating else None, "reason": row.override_reason}
    row.override_rating, row.override_reason = request.rating, request.reason
    row.decided_by_id, row.decided_at = access.actor.user_id, utcnow()
    session.add(row)
    audit.record(session=session, actor=access.actor, action="judgement.overridden", entity_type="inspection",
                 entity_id=inspection.id, before={"key_question": request.key_question.value, **before},
                 after={"key_question": request.key_question.value, "rating": request.rating.value,
                        "reason": request.reason})
    session.flush()


def clear_override(*, session: Session, actor: Actor | None, inspection_id: object, key_question: object) -> None:
    """Withdraw the lead's override, so the rule's suggestion stands again."""
    access = open_inspection(session, actor, inspection_id, lead=True)
    if not isinstance(key_question, str) or key_question not in (access.inspection.key_questions or []):
        raise InvalidInput({"key_question": "Choose a key question in scope"})
    _require_editable(access.inspection)
    row = session.exec(select(KeyQuestionJudgement).where(
        KeyQuestionJudgement.inspection_id == access.inspection.id,
        KeyQuestionJudgement.key_question == key_question)).first()
    if row is None or row.override_rating is None:
        return
    audit.record(session=session, actor=access.actor, action="judgement.override_withdrawn",
                 entity_type="inspection", entity_id=access.inspection.id,
                 before={"key_question": key_question, "rating": row.override_rating.value,
                         "reason": row.override_reason}, after={"key_question": key_question})
    session.delete(row)
    session.flush()


def _require_editable(inspection: Inspection) -> None:
    if inspection.stage not in EDITABLE_STAGES:
        raise InvalidInput({"form": "The final report is issued: its judgements can no longer change"})


def _override_row(session: Session, inspection_id: int, key: str) -> KeyQuestionJudgement:
    row = session.exec(select(KeyQuestionJudgement).where(KeyQuestionJudgement.inspection_id == inspection_id,
                                                          KeyQuestionJudgement.key_question == key)).first()
    return row or KeyQuestionJudgement(inspection_id=inspection_id, key_question=key)
