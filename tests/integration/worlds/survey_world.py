"""A small world for the survivor survey: one safehouse inspection with its team, outsiders and providers' leads.

The question set is the small English and Arabic fixture (``tests/support/survey_small.json``),
imported before anything opens a link, so the tests do not depend on the packaged default.
"""

import json
from datetime import date
from pathlib import Path

import pytest

from sqlmodel import select

from safehouse_portal.db import InspectionGroup, InspectionTeamMember, SurveyLink, SurveyQuestionSet, SurveyResponse
from safehouse_portal.domain.enums import Role, Stage
from safehouse_portal.domain.survey import Channel
from safehouse_portal.services.core.actor import CLI_OPERATOR
from safehouse_portal.services.survey.schema import parse_definition
from safehouse_portal.services.survey.versions import import_question_set
from tests.integration.worlds import factories as f

SURVEY_TODAY = date(2026, 11, 24)
SMALL_SURVEY = Path(__file__).resolve().parents[2] / "support" / "survey_small.json"
SECRET_ANSWER = "The night worker helped me when I was frightened"
"""A stored answer no handler may ever send to a browser."""


def small_question_set():
    """The fixture question set, validated."""
    return parse_definition(json.loads(SMALL_SURVEY.read_text(encoding="utf-8")))


@pytest.fixture
def survey_world(session):
    """A safehouse inspection being inspected, with the fixture question set current and no link yet."""
    import_question_set(session=session, question_set=small_question_set(), actor=CLI_OPERATOR)
    north, south = f.provider(session, "North Trust"), f.provider(session, "South Trust")
    people = {
        "lead": f.user(session, "lead.inspector@cqc.test", Role.INSPECTOR),
        "member": f.user(session, "member@cqc.test", Role.INSPECTOR),
        "outsider": f.user(session, "outsider@cqc.test", Role.INSPECTOR),
        "manager": f.user(session, "pm@cqc.test", Role.PROGRAMME_MANAGER),
        "admin": f.user(session, "admin@cqc.test", Role.ADMIN),
        "north_lead": f.user(session, "lead@north.test", Role.PROVIDER_LEAD, north),
        "south_lead": f.user(session, "lead@south.test", Role.PROVIDER_LEAD, south),
        "stakeholder": f.user(session, "ho@homeoffice.test", Role.STAKEHOLDER),
    }
    inspection = f.inspection(session, north, people["lead"], stage=Stage.INSPECTING)
    f.location(session, north, "North House", "1 Test Street, ZZ99 1AA", group=_group(session, inspection))
    session.add(InspectionTeamMember(inspection_id=inspection.id, user_id=people["member"].id))
    session.commit()
    return {"north": north, "south": south, "inspection": inspection, **people}


def _group(session, inspection):
    return session.get(InspectionGroup, inspection.group_id)


def add_link(session, inspection, closes_on: date, token: str = "T" * 32) -> SurveyLink:
    """A link as ``links.open_link`` would make it, with a known token."""
    set_id = session.exec(select(SurveyQuestionSet.id).where(SurveyQuestionSet.is_current == True)).one()  # noqa: E712
    link = SurveyLink(inspection_id=inspection.id, token=token, question_set_id=set_id, closes_on=closes_on)
    session.add(link)
    session.commit()
    return link


def add_response(session, link: SurveyLink, answers: dict[str, str], day: date = SURVEY_TODAY) -> None:
    """A stored response, as ``public.submit`` keeps it."""
    session.add(SurveyResponse(link_id=link.id, question_set_id=link.question_set_id, language="en", day=day,
                               channel=Channel.ONLINE, answers=answers))
    session.commit()
