"""The inspector's decision on each factual accuracy comment, and the corrections it makes.

An accepted comment on a KLOE may correct that KLOE's findings and rating; one on a
key question may set the key question's judgement (with the decision's reason as the
override's reason). Every judgement that ends up different, KLOE or key question, is
logged with the reason, and the inspection is flagged for the independent quality panel. A
changed key question (or a change the inspector marks significant) opens a panel review,
which holds the final report until the panel records its outcome (``quality_panel``).
"""

from dataclasses import dataclass
from datetime import date

from pydantic import BaseModel, field_validator
from sqlmodel import Session, select

from safehouse_portal.db import FactualAccuracyComment, KeyQuestionJudgement, Kloe, KloeAssessment
from safehouse_portal.db.types import utcnow
from safehouse_portal.domain.enums import Rating, Stage
from safehouse_portal.documents.labels import rating_label
from safehouse_portal.documents.report_content import judgements_of
from safehouse_portal.services.core import access, audit
from safehouse_portal.services.core.access import Action
from safehouse_portal.services.core.access_facts import inspection_facts
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.core.errors import InvalidInput, NotFound
from safehouse_portal.domain.ids import parse_id
from safehouse_portal.services.reporting.factual_accuracy import DECISION_LABELS, MAX_TEXT
from safehouse_portal.services.reporting.data import Loaded, load, working_content
from safehouse_portal.services.core.validation import bounded_text, one_of, parse
from safehouse_portal.domain.quality_panel import goes_to_panel
from safehouse_portal.services.reporting import quality_panel

DECIDING_STAGES = frozenset({Stage.FACTUAL_ACCURACY, Stage.FINALISING})
KEEP = "keep"
MAX_PANEL_REASON = 4000
MAX_AMENDED_TEXT = 20_000
"""The longest corrected findings an accepted comment may carry (the page's ``maxlength`` too)."""


@dataclass(frozen=True)
class DecisionResult:
    """What a decision did: the judgements it changed, in words."""

    decision: str = ""
    changed: tuple[str, ...] = ()


class Decision(BaseModel):
    """The inspector's decision on one comment."""

    comment_id: int
    decision: str
    reason: str
    amended_text: str | None = None
    new_rating: str = KEEP
    significant: bool = False

    @field_validator("significant", mode="before")
    @classmethod
    def _significant(cls, value: object) -> bool:
        return value not in (None, "", False, "false", "off")

    @field_validator("comment_id", mode="before")
    @classmethod
    def _id(cls, value: object) -> int:
        comment_id = parse_id(value)
        if comment_id is None:
            raise ValueError("Unknown comment")
        return comment_id

    @field_validator("decision", mode="before")
    @classmethod
    def _decision(cls, value: object) -> str:
        return one_of(value, DECISION_LABELS, "Choose whether the comment is accepted or not accepted")

    @field_validator("reason", mode="before")
    @classmethod
    def _reason(cls, value: object) -> str:
        return bounded_text(value, most=MAX_TEXT, message=f"Enter the reason for the decision, in 1 to {MAX_TEXT} "
                                                          "characters")

    @field_validator("amended_text", mode="before")
    @classmethod
    def _amended(cls, value: object) -> str | None:
        if value is None or value == "":
            return None
        if not isinstance(value, str) or len(value) > MAX_AMENDED_TEXT:
            raise ValueError(f"Enter the corrected text in at most {MAX_AMENDED_TEXT:,} characters")
        return value.strip()

    @field_validator("new_rating", mode="before")
    @classmethod
    def _rating(cls, value: object) -> str:
        if value in (None, "", KEEP):
            return KEEP
        if not isinstance(value, str) or value not in Rating.__members__.values():
            raise ValueError("Choose a judgement from the list")
        return value


def decide(*, session: Session, actor: Actor | None, inspection_id: object, data: object,
           today: date) -> DecisionResult:
    """Accept or reject one comment with a reason, applying an accepted comment's corrections.

    Raises:
        PermissionDenied: Not the lead inspector or a programme manager.
        NotFound: The comment is not one of this inspection's.
        InvalidInput: Not at factual accuracy or finalising, already decided, or a field is wrong.
    """
    actor = access.admit(actor, Action.MANAGE_INSPECTION)
    loaded = load(session, inspection_id, lock=True)
    access.require(actor, Action.MANAGE_INSPECTION, inspection_facts(session, loaded.inspection))
    decision = parse(Decision, data)
    if loaded.inspection.stage not in DECIDING_STAGES:
        raise InvalidInput({"decision": "Comments are decided during the factual accuracy check and finalising"})
    comment = session.get(FactualAccuracyComment, decision.comment_id)
    if comment is None or comment.inspection_id != loaded.inspection.id:
        raise NotFound("No such comment")
    if comment.decision is not None:
        raise InvalidInput({"decision": "This comment has already been decided"})
    changed: tuple[str, ...] = ()
    keys: tuple[str, ...] = ()
    if decision.decision == "accepted":
        changed, keys = _apply(session, actor, loaded, comment.section_key, decision)
    comment.decision, comment.decision_reason = decision.decision, decision.reason
    comment.changes_judgement, comment.decided_by_id, comment.decided_at = bool(changed), actor.user_id, utcnow()
    session.add(comment)
    if changed:
        _flag_quality_panel(loaded, comment.id, changed, decision.reason)
        session.add(loaded.inspection)
        if goes_to_panel(keys, marked_significant=decision.significant):
            quality_panel.open_review(session, actor, loaded.inspection,
                                      f"Factual accuracy comment {comment.id} changed {'; '.join(changed)}. "
                                      f"Reason: {decision.reason}")
    audit.record(session=session, actor=actor, action="report.fa_comment_decided", entity_type="inspection",
                 entity_id=loaded.inspection.id,
                 after={"comment_id": comment.id, "decision": decision.decision, "reason": decision.reason,
                        "judgements_changed": list(changed), "on": today.isoformat()})
    session.flush()
    return DecisionResult(decision.decision, changed)


def _apply(session: Session, actor: Actor, loaded: Loaded, section_key: str,
           decision: Decision) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Make the accepted comment's corrections; return every judgement that changed, in words, and their keys."""
    before = working_content(session, loaded)
    if section_key.startswith("kloe-"):
        _correct_kloe(session, actor, loaded, section_key.removeprefix("kloe-"), decision)
    elif section_key.startswith("kq-") and decision.new_rating != KEEP:
        _override_key_question(session, actor, loaded, section_key.removeprefix("kq-"), decision)
    session.flush()
    after = working_content(session, loaded)
    titles = {s.key: s.title for s in after.sections}
    old, new = judgements_of(before), judgements_of(after)
    changed = tuple(f"{titles.get(key, key)}: {rating_label(old.get(key))} to {rating_label(new[key])}"
                    for key in new if new[key] != old.get(key))
    if changed:
        audit.record(session=session, actor=actor, action="report.judgement_changed", entity_type="inspection",
                     entity_id=loaded.inspection.id,
                     before={key: _value(old.get(key)) for key in new if new[key] != old.get(key)},
                     after={**{key: _value(new[key]) for key in new if new[key] != old.get(key)},
                            "reason": decision.reason})
    return changed, tuple(key for key in new if new[key] != old.get(key))


def _correct_kloe(session: Session, actor: Actor, loaded: Loaded, code: str, decision: Decision) -> None:
    kloe = session.exec(select(Kloe).where(Kloe.version_id == loaded.inspection.framework_version_id,
                                           Kloe.code == code)).first()
    if kloe is None:
        return
    assessment = session.exec(select(KloeAssessment).where(KloeAssessment.inspection_id == loaded.inspection.id,
                                                           KloeAssessment.kloe_id == kloe.id)).first()
    assessment = assessment or KloeAssessment(inspection_id=loaded.inspection.id, kloe_id=kloe.id, version=0)
    before = {"findings": assessment.findings, "rating": _value(assessment.rating)}
    if decision.amended_text is not None:
        assessment.findings = decision.amended_text
    if decision.new_rating != KEEP:
        assessment.rating = Rating(decision.new_rating)
    if before == {"findings": assessment.findings, "rating": _value(assessment.rating)}:
        return
    assessment.version += 1
    assessment.updated_at, assessment.updated_by_id = utcnow(), actor.user_id
    session.add(assessment)
    audit.record(session=session, actor=actor, action="report.kloe_corrected", entity_type="inspection",
                 entity_id=loaded.inspection.id, before={"kloe": code, **before},
                 after={"kloe": code, "findings": assessment.findings, "rating": _value(assessment.rating),
                        "reason": decision.reason})


def _override_key_question(session: Session, actor: Actor, loaded: Loaded, key: str, decision: Decision) -> None:
    if key not in (loaded.inspection.key_questions or []):
        return
    row = session.exec(select(KeyQuestionJudgement).where(KeyQuestionJudgement.inspection_id == loaded.inspection.id,
                                                          KeyQuestionJudgement.key_question == key)).first()
    row = row or KeyQuestionJudgement(inspection_id=loaded.inspection.id, key_question=key)
    row.override_rating, row.override_reason = Rating(decision.new_rating), decision.reason
    row.decided_by_id, row.decided_at = actor.user_id, utcnow()
    session.add(row)


def _flag_quality_panel(loaded: Loaded, comment_id: int, changed: tuple[str, ...], reason: str) -> None:
    inspection = loaded.inspection
    line = f"Factual accuracy comment {comment_id} changed {'; '.join(changed)}. Reason: {reason}"
    text = f"{inspection.quality_panel_reason}\n{line}" if inspection.quality_panel_reason else line
    inspection.quality_panel_flag = True
    inspection.quality_panel_reason = text[-MAX_PANEL_REASON:]


def _value(rating: Rating | None) -> str | None:
    return rating.value if rating is not None else None
