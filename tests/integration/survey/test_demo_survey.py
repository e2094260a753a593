"""The demo programme's survey reproduces the 2021-22 figures: 563 responses, 97% supported."""

from datetime import date, timedelta

import pytest
from sqlmodel import select

from safehouse_portal.db import Inspection, SurveyLink, SurveyResponse
from safehouse_portal.demo.survey import SURVEY_STAGES

TODAY = date(2026, 11, 23)


@pytest.fixture
def demo(session, seeded_demo):
    seeded_demo(TODAY)
    return session


def test_the_demo_has_563_responses_and_97_percent_said_they_got_the_support_they_needed(demo):
    responses = demo.exec(select(SurveyResponse)).all()
    supported = sum(r.answers.get("support") == "yes" for r in responses)
    assert len(responses) == 563
    assert round(100 * supported / len(responses)) == 97


def test_every_inspection_under_way_has_an_open_link_with_answers_in_several_languages(demo):
    under_way = demo.exec(select(Inspection.id).where(Inspection.stage.in_(SURVEY_STAGES))).all()
    links = demo.exec(select(SurveyLink)).all()
    assert sorted(link.inspection_id for link in links) == sorted(under_way)
    assert all(link.closes_on > TODAY for link in links)
    languages = set(demo.exec(select(SurveyResponse.language)).all())
    assert len(languages) >= 2 and "en" in languages
    days = demo.exec(select(SurveyResponse.day)).all()
    assert all(TODAY - timedelta(days=21) < day <= TODAY for day in days)


def test_the_demo_holds_a_few_comments_and_never_a_quote_from_the_report(demo):
    comments = [text for answers in demo.exec(select(SurveyResponse.answers)).all()
                for code, text in answers.items() if code in ("good", "better")]
    assert 5 <= len(comments) <= 12
    assert not any("big family" in c or "saved their life" in c for c in comments)
