"""What the stage gates need from the judgement builder: final KLOEs and recommendations.

``stage_facts.facts_for`` merges these into the lifecycle's ``InspectionFacts``.
"""

from sqlalchemy import func
from sqlmodel import Session, select

from safehouse_portal.db import FrameworkKeyQuestion, Inspection, Kloe, KloeAssessment, Recommendation
from safehouse_portal.domain.judgements import KloeStatus
from safehouse_portal.domain.recommendations import RecommendationStatus


def judgement_facts(session: Session, inspection: Inspection) -> dict[str, int]:
    """``in_scope_kloes_final``, ``open_recommendations`` and ``recommendations_total``.

    A KLOE counts as final when its assessment is final and it lies under a key question
    in the inspection's scope (a KLOE judged before the scope changed does not count twice).
    """
    keys = [str(key) for key in inspection.key_questions or []]
    final = 0
    if keys:
        final = session.exec(
            select(func.count(KloeAssessment.id))
            .join(Kloe, Kloe.id == KloeAssessment.kloe_id)
            .join(FrameworkKeyQuestion, FrameworkKeyQuestion.id == Kloe.key_question_id)
            .where(KloeAssessment.inspection_id == inspection.id, KloeAssessment.status == KloeStatus.FINAL.value,
                   Kloe.version_id == inspection.framework_version_id, FrameworkKeyQuestion.key.in_(keys))
        ).one()
    total = session.exec(select(func.count(Recommendation.id))
                         .where(Recommendation.inspection_id == inspection.id)).one()
    unmet = session.exec(select(func.count(Recommendation.id))
                         .where(Recommendation.inspection_id == inspection.id,
                                Recommendation.status != RecommendationStatus.MET.value)).one()
    return {"in_scope_kloes_final": int(final), "open_recommendations": int(unmet),
            "recommendations_total": int(total)}
