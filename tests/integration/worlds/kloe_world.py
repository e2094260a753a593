"""The people, inspection, framework and PIR the KLOE tests share (fixtures, imported by them).

Its one test checks the world is what the other tests assume.
"""

import json
from datetime import UTC, datetime
from importlib import resources

import pytest
from sqlmodel import select

from safehouse_portal.db import InspectionTeamMember, Kloe, PirAnswer, PirReturn, PirTemplate
from safehouse_portal.domain.enums import Role
from safehouse_portal.services.framework.versions import ensure_default_framework
from tests.integration.worlds import factories as f

TODAY = datetime(2026, 12, 8, tzinfo=UTC).date()


def pir_template(session) -> PirTemplate:
    """The packaged default PIR template, stored as the PIR portal stores it."""
    definition = json.loads(resources.files("safehouse_portal").joinpath("data/pir_template_default.json")
                            .read_text("utf-8"))
    row = PirTemplate(version=definition["version"], title=definition["title"], definition=definition,
                      is_current=True)
    session.add(row)
    session.commit()
    return row


def answer(session, pir: PirReturn, code: str, value, when: datetime | None = None) -> PirAnswer:
    """Save (or change) one PIR answer as the provider's autosave would."""
    row = session.exec(select(PirAnswer).where(PirAnswer.return_id == pir.id, PirAnswer.question_code == code)).first()
    row = row or PirAnswer(return_id=pir.id, question_code=code)
    row.value = value
    row.updated_at = when or datetime.now(UTC)
    session.add(row)
    session.commit()
    return row


@pytest.fixture
def kloe_world(session):
    """North's inspection (safe only) led by ``lead``, with ``member`` on its team, and its PIR.

    ``outsider`` is an inspector on South's inspection only.
    """
    ensure_default_framework(session=session)
    session.commit()
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
    inspection = f.inspection(session, north, people["lead"])
    other = f.inspection(session, south, people["outsider"])
    session.add(InspectionTeamMember(inspection_id=inspection.id, user_id=people["member"].id))
    template = pir_template(session)
    pir = PirReturn(inspection_id=inspection.id, provider_id=north.id, template_id=template.id, status="in_progress")
    session.add(pir)
    session.commit()
    return {"north": north, "south": south, "inspection": inspection, "other": other, "pir": pir, **people}


def test_the_world_has_the_default_framework_with_s1_under_safe(session, kloe_world):
    s1 = session.exec(select(Kloe).where(Kloe.code == "S1",
                                         Kloe.version_id == kloe_world["inspection"].framework_version_id)).one()
    assert "abuse" in s1.title.lower()
    assert kloe_world["inspection"].key_questions == ["safe"]
