"""A small world for the workspace tests: one inspection with a lead, a team member and outsiders."""

from datetime import date

import pytest
from sqlmodel import select

from safehouse_portal.db import InspectionTeamMember, Kloe, KloeAssessment
from safehouse_portal.domain.enums import InspectionType, Rating, Role, Stage
from safehouse_portal.services.framework.versions import ensure_default_framework
from tests.integration.worlds import factories as f

TODAY = date(2026, 11, 23)


@pytest.fixture
def world(session):
    """An assurance inspection (safe, well-led) being inspected, its team, and people who are not on it."""
    version_id = ensure_default_framework(session=session)
    north, south = f.provider(session, "North Trust"), f.provider(session, "South Trust")
    people = {
        "lead": f.user(session, "lead.inspector@cqc.test", Role.INSPECTOR),
        "member": f.user(session, "member@cqc.test", Role.INSPECTOR),
        "outsider": f.user(session, "outsider@cqc.test", Role.INSPECTOR),
        "manager": f.user(session, "pm@cqc.test", Role.PROGRAMME_MANAGER),
        "admin": f.user(session, "admin@cqc.test", Role.ADMIN),
        "north_lead": f.user(session, "lead@north.test", Role.PROVIDER_LEAD, north),
        "stakeholder": f.user(session, "ho@homeoffice.test", Role.STAKEHOLDER),
    }
    inspection = f.inspection(session, north, people["lead"], stage=Stage.INSPECTING)
    inspection.type, inspection.key_questions = InspectionType.ASSURANCE, ["safe", "well_led"]
    inspection.framework_version_id = version_id
    inspection.planned_start, inspection.planned_end = date(2026, 11, 19), date(2026, 11, 20)
    inspection.announcement_call_on = inspection.announcement_letter_on = date(2026, 11, 5)
    inspection.pir_requested_on, inspection.pir_received_on = date(2026, 11, 5), date(2026, 11, 10)
    inspection.started_on, inspection.ended_on = date(2026, 11, 19), date(2026, 11, 20)
    session.add(inspection)
    session.add(InspectionTeamMember(inspection_id=inspection.id, user_id=people["member"].id))
    session.commit()
    other = f.inspection(session, south, people["outsider"], stage=Stage.INSPECTING)
    other.framework_version_id = version_id
    session.add(other)
    session.commit()
    return {"north": north, "south": south, "inspection": inspection, "other": other, **people}


def rate(session, inspection, code: str, rating: Rating | None, status: str = "final") -> KloeAssessment:
    """Record a KLOE's status and rating as the KLOE page would."""
    kloe = session.exec(select(Kloe).where(Kloe.version_id == inspection.framework_version_id,
                                           Kloe.code == code)).one()
    row = session.exec(select(KloeAssessment).where(KloeAssessment.inspection_id == inspection.id,
                                                    KloeAssessment.kloe_id == kloe.id)).first()
    row = row or KloeAssessment(inspection_id=inspection.id, kloe_id=kloe.id)
    row.status, row.rating = status, rating
    session.add(row)
    session.commit()
    return row
