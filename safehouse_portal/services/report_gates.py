"""What the stage gates need from quality assurance and the factual-accuracy check.

``schedule.facts_for`` merges these into the lifecycle's ``InspectionFacts``.
"""

from sqlmodel import Session

from safehouse_portal.db import Inspection


def report_facts(session: Session, inspection: Inspection) -> dict[str, int | bool]:
    """``qa_signed_off`` and ``fa_comments_undecided``.

    Until quality assurance is recorded, the draft is not signed off.
    """
    return {}
