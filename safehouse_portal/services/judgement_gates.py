"""What the stage gates need from the judgement builder: final KLOEs and recommendations.

``schedule.facts_for`` merges these into the lifecycle's ``InspectionFacts``.
"""

from sqlmodel import Session

from safehouse_portal.db import Inspection


def judgement_facts(session: Session, inspection: Inspection) -> dict[str, int]:
    """``in_scope_kloes_final``, ``open_recommendations`` and ``recommendations_total``.

    Until the judgement builder records them, nothing is final and nothing recommended.
    """
    return {}
