"""What the stage gates need from quality assurance and the factual-accuracy check.

``stage_facts.facts_for`` merges these into the lifecycle's ``InspectionFacts``.
"""

from sqlalchemy import func
from sqlmodel import Session, select

from safehouse_portal.db import FactualAccuracyComment, Inspection, QaReview, QualityPanelReview

SIGNED_OFF, RETURNED = "signed_off", "returned"


def report_facts(session: Session, inspection: Inspection) -> dict[str, int | bool]:
    """``qa_signed_off``, ``fa_comments_undecided`` and ``quality_panel_open``.

    The latest quality assurance review decides: a return after a sign-off withdraws it.
    """
    return {"qa_signed_off": qa_signed_off(session, inspection.id),
            "fa_comments_undecided": fa_comments_undecided(session, inspection.id),
            "quality_panel_open": quality_panel_open(session, inspection.id)}


def qa_signed_off(session: Session, inspection_id: int) -> bool:
    """The latest quality assurance review of the draft signed it off."""
    latest = session.exec(select(QaReview.outcome).where(QaReview.inspection_id == inspection_id)
                          .order_by(QaReview.at.desc(), QaReview.id.desc())).first()
    return latest == SIGNED_OFF


def fa_comments_undecided(session: Session, inspection_id: int) -> int:
    """Factual accuracy comments not yet accepted or rejected."""
    return session.exec(select(func.count(FactualAccuracyComment.id)).where(
        FactualAccuracyComment.inspection_id == inspection_id, FactualAccuracyComment.decision.is_(None))).one()


def quality_panel_open(session: Session, inspection_id: int) -> bool:
    """A quality panel review of the inspection has not yet recorded an outcome that closes it."""
    return session.exec(select(QualityPanelReview.id).where(
        QualityPanelReview.inspection_id == inspection_id, QualityPanelReview.closed.is_(False))).first() is not None
