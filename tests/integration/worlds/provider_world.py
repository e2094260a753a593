"""The providers, people, inspections and recommendations the provider-portal tests share.

A fixture, ``provider_world``, imported by the home, contact, request and recommendation
tests. Its one test checks the world is what they assume.
"""

import json
from datetime import date
from importlib import resources

import pytest

from sqlmodel import select

from safehouse_portal.db import (
    FrameworkVersion, Inspection, InspectionGroup, InspectionTeamMember, PirAnswer, PirReturn, PirTemplate,
    Recommendation, StoredFile,
)
from safehouse_portal.domain.enums import InspectionMode, InspectionType, Role, Stage, Theme, Timescale
from safehouse_portal.services.framework.versions import ensure_default_framework
from tests.integration.worlds import factories as f

TODAY = date(2026, 12, 14)
"""A Monday; the north inspection ran on 7 and 8 December 2026."""


def pir_template(session) -> PirTemplate:
    """The packaged default PIR template, stored as the PIR portal stores it."""
    definition = json.loads(resources.files("safehouse_portal").joinpath("data/pir_template_default.json")
                            .read_text("utf-8"))
    row = PirTemplate(version=definition["version"], title=definition["title"], definition=definition,
                      is_current=True)
    session.add(row)
    session.commit()
    return row


def stored_file(session, provider, name: str = "evidence.pdf") -> StoredFile:
    """A file row of ``provider`` (its bytes are not needed by these tests)."""
    row = StoredFile(provider_id=provider.id, original_name=name, content_type="application/pdf", size=2048,
                     sha256="0" * 64, storage_key=f"key-{provider.id}-{name}", purpose="info_request")
    session.add(row)
    session.commit()
    return row


def inspection(session, provider, lead, name: str, stage=Stage.PLANNED, **columns) -> Inspection:
    """Another inspection of ``provider``, of a group of its own (``columns`` set its step dates)."""
    group = InspectionGroup(provider_id=provider.id, name=name)
    session.add(group)
    session.commit()
    columns = {"planned_start": date(2027, 1, 11), "planned_end": date(2027, 1, 11), **columns}
    row = Inspection(group_id=group.id, type=InspectionType.FOCUSED, mode=InspectionMode.REMOTE,
                     key_questions=["safe"], lead_inspector_id=lead.id if lead else None, stage=stage,
                     framework_version_id=session.exec(select(FrameworkVersion.id)).first(), **columns)
    session.add(row)
    session.commit()
    return row


def recommendation(session, inspection, text: str, timescale=Timescale.WITHIN_21_DAYS, status="open"):
    row = Recommendation(inspection_id=inspection.id, kloe_codes=["S2"], key_question="safe", text=text,
                         theme=Theme.HEALTH_AND_SAFETY, timescale=timescale, status=status)
    session.add(row)
    session.commit()
    return row


@pytest.fixture
def provider_world(session):
    """Two providers, each with a lead and an inspection; north's report is issued with two recommendations.

    The north inspection (7-8 December 2026) has a PIR with an answer about fire safety
    checks; its lead inspector is ``inspector``, ``team`` is on its team, ``outsider``
    works on neither provider.
    """
    ensure_default_framework(session=session)
    north, south = f.provider(session, "North Trust"), f.provider(session, "South Trust")
    people = {
        "north_lead": f.user(session, "lead@north.test", Role.PROVIDER_LEAD, north),
        "south_lead": f.user(session, "lead@south.test", Role.PROVIDER_LEAD, south),
        "inspector": f.user(session, "insp@cqc.test", Role.INSPECTOR),
        "team": f.user(session, "team@cqc.test", Role.INSPECTOR),
        "outsider": f.user(session, "other@cqc.test", Role.INSPECTOR),
        "manager": f.user(session, "pm@cqc.test", Role.PROGRAMME_MANAGER),
        "admin": f.user(session, "admin@cqc.test", Role.ADMIN),
        "stakeholder": f.user(session, "ho@homeoffice.test", Role.STAKEHOLDER),
    }
    north_inspection = f.inspection(session, north, people["inspector"], Stage.RECOMMENDATIONS_OPEN)
    north_inspection.ended_on = date(2026, 12, 8)
    north_inspection.final_issued_on = date(2026, 12, 1)
    south_inspection = f.inspection(session, south, people["outsider"], Stage.REPORT_ISSUED)
    south_inspection.final_issued_on = date(2026, 12, 1)
    session.add_all([north_inspection, south_inspection,
                     InspectionTeamMember(inspection_id=north_inspection.id, user_id=people["team"].id)])
    session.commit()
    template = pir_template(session)
    pir = PirReturn(inspection_id=north_inspection.id, provider_id=north.id, template_id=template.id,
                    status="submitted")
    session.add(pir)
    session.commit()
    session.add(PirAnswer(return_id=pir.id, question_code="services_interpretation",
                          value="We book telephone interpreters through a national agency within the hour."))
    session.commit()
    return {
        "north": north, "south": south, **people,
        "north_inspection": north_inspection, "south_inspection": south_inspection, "pir": pir,
        "north_rec": recommendation(session, north_inspection, "Review every survivor's fire risk assessment."),
        "south_rec": recommendation(session, south_inspection, "Train all staff in safeguarding children."),
        "north_file": stored_file(session, north), "south_file": stored_file(session, south, "south.pdf"),
    }


def test_the_world_has_two_providers_with_an_issued_inspection_each(provider_world):
    assert provider_world["north_inspection"].final_issued_on == date(2026, 12, 1)
    assert provider_world["south_rec"].inspection_id == provider_world["south_inspection"].id
