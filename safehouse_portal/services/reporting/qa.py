"""Quality assurance of the draft report: a second inspector or a programme manager signs it off
or returns it with comments, before the draft may go to the provider.

The latest review decides (``report_facts.qa_signed_off``), so a return after a
sign-off withdraws it. A return does not move the stage itself: the lead inspector
moves the inspection back to drafting, with the reviewer's comments to hand.
"""

from dataclasses import dataclass
from datetime import date

from pydantic import BaseModel, field_validator
from sqlmodel import Session, select

from safehouse_portal.db import QaReview, User
from safehouse_portal.domain.dates import format_date
from safehouse_portal.domain.enums import Stage
from safehouse_portal.services.core import access, audit
from safehouse_portal.services.core.access import Action
from safehouse_portal.services.core.access_facts import inspection_facts
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.core.errors import InvalidInput
from safehouse_portal.services.reporting.data import load
from safehouse_portal.services.core.validation import bounded_text, one_of
from safehouse_portal.services.programme.report_facts import RETURNED, SIGNED_OFF
from safehouse_portal.services.core.validation import parse

MAX_COMMENTS = 4000
OUTCOME_LABELS = {SIGNED_OFF: "Signed off", RETURNED: "Returned with comments"}


@dataclass(frozen=True)
class QaRow:
    """One review as the report page lists it."""

    reviewer: str = ""
    outcome: str = ""
    outcome_label: str = ""
    comments: str = ""
    on: str = ""


class QaDecision(BaseModel):
    """What a reviewer sends: the outcome and, for a return, what must change."""

    outcome: str
    comments: str = ""

    @field_validator("outcome", mode="before")
    @classmethod
    def _outcome(cls, value: object) -> str:
        return one_of(value, OUTCOME_LABELS, "Choose whether to sign off the draft or return it")

    @field_validator("comments", mode="before")
    @classmethod
    def _comments(cls, value: object) -> str:
        return bounded_text(value, most=MAX_COMMENTS, required=False,
                            message=f"Enter comments of at most {MAX_COMMENTS} characters")


def review(*, session: Session, actor: Actor | None, inspection_id: object, data: object, today: date) -> str:
    """Record a sign-off or a return of the draft (inspection at quality assurance).

    Returns:
        The outcome recorded.

    Raises:
        PermissionDenied: Not a second inspector or a programme manager.
        InvalidInput: Not at quality assurance, unknown outcome, or a return without comments.
    """
    actor = access.admit(actor, Action.REVIEW_QUALITY)
    loaded = load(session, inspection_id)
    inspection = loaded.inspection
    access.require(actor, Action.REVIEW_QUALITY, inspection_facts(session, inspection),
                   message="The lead inspector cannot quality assure their own report.")
    decision = parse(QaDecision, data)
    if inspection.stage is not Stage.QUALITY_ASSURANCE:
        raise InvalidInput({"outcome": "The draft is not waiting for quality assurance"})
    if decision.outcome == RETURNED and not decision.comments:
        raise InvalidInput({"comments": "Enter what must change before the draft can be signed off"})
    row = QaReview(inspection_id=inspection.id, reviewer_id=actor.user_id, outcome=decision.outcome,
                   comments=decision.comments)
    session.add(row)
    session.flush()
    audit.record(session=session, actor=actor, action=f"report.qa_{decision.outcome}", entity_type="inspection",
                 entity_id=inspection.id, after={"qa_review_id": row.id, "comments": decision.comments,
                                                 "on": today.isoformat()})
    session.flush()
    return decision.outcome


def reviews(session: Session, inspection_id: int) -> list[QaRow]:
    """Every review of the inspection's draft, oldest first."""
    rows = session.exec(select(QaReview, User.name).join(User, User.id == QaReview.reviewer_id)
                        .where(QaReview.inspection_id == inspection_id).order_by(QaReview.at, QaReview.id)).all()
    return [QaRow(name, r.outcome, OUTCOME_LABELS.get(r.outcome, r.outcome), r.comments, format_date(r.at.date()))
            for r, name in rows]
