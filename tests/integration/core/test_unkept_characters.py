"""NUL and other control characters are refused at the field, on SQLite and PostgreSQL, in every area.

PostgreSQL refuses NUL in text and nothing can encode a lone surrogate: before the
validation boundary refused them, each call here stored the text (SQLite) or failed with a
database error (PostgreSQL). Tabs and line breaks in multi-line text are kept.
"""

from datetime import date

import pytest
from sqlmodel import select

from safehouse_portal.db import (
    InfoRequest, KloeAssessment, PirAnswer, Provider, QaReview, RecommendationUpdate, SeriousConcern,
)
from safehouse_portal.domain.enums import Role, Stage
from safehouse_portal.domain.text import HIDDEN_CHARACTERS
from safehouse_portal.services.analytics import service as analytics
from safehouse_portal.services.core.errors import InvalidInput
from safehouse_portal.services.judgements import kloe, kloe_edit, serious_concerns
from safehouse_portal.services.pir import returns as pir
from safehouse_portal.services.programme import schedule
from safehouse_portal.services.providers import contacts
from safehouse_portal.services.recommendations import threads
from safehouse_portal.services.reporting import qa
from safehouse_portal.services.requests import info_requests
from tests.integration.worlds import factories as f
from tests.integration.worlds import report_world
from tests.integration.worlds.provider_world import TODAY

UNKEPT = ["Fire doors\x00 wedged", "Escape \x1b[2J codes", "A lone \ud800 surrogate", "Form\x0cfeed"]


def _refused(call, field: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        call()
    assert refused.value.errors.get(field) == HIDDEN_CHARACTERS


@pytest.mark.parametrize("text", UNKEPT)
def test_a_lead_contact_with_a_control_character_is_refused_and_nothing_changes(session, provider_world, text):
    lead = f.actor(provider_world["north_lead"])
    _refused(lambda: contacts.update_lead_contact(
        session=session, actor=lead, data={"name": text, "email": "a@north.test", "phone": "07700 900 982"}), "name")
    session.rollback()
    assert session.get(Provider, provider_world["north"].id).lead_name == "Lead of North Trust"


@pytest.mark.parametrize("text", UNKEPT)
def test_an_information_request_or_answer_with_a_control_character_is_refused(session, provider_world, text):
    world = provider_world
    _refused(lambda: info_requests.ask_request(
        session=session, actor=f.actor(world["inspector"]), inspection_id=world["north_inspection"].id,
        data={"question": text}, send_anyway=True, today=TODAY), "question")
    session.rollback()
    assert session.exec(select(InfoRequest)).all() == []


def test_tabs_and_line_breaks_in_a_question_are_stored_as_typed(session, provider_world):
    world = provider_world
    question = "Please send:\r\n\t1. the fire log\n\t2. the rota"
    outcome = info_requests.ask_request(session=session, actor=f.actor(world["inspector"]),
                                        inspection_id=world["north_inspection"].id, data={"question": question},
                                        send_anyway=True, today=TODAY)
    session.commit()
    session.expire_all()
    assert session.get(InfoRequest, outcome.request_id).question == question


@pytest.mark.parametrize("text", UNKEPT)
def test_a_recommendation_update_with_a_control_character_is_refused(session, provider_world, text):
    world = provider_world
    _refused(lambda: threads.post_update(
        session=session, actor=f.actor(world["north_lead"]), recommendation_id=world["north_rec"].id,
        data={"kind": "progress", "text": text}, file_ids=[], today=TODAY), "text")
    session.rollback()
    assert session.exec(select(RecommendationUpdate)).all() == []


@pytest.mark.parametrize("text", UNKEPT)
def test_a_quality_assurance_comment_with_a_control_character_is_refused(session, text):
    world = report_world.build(session)
    reviewer = f.actor(world.manager)
    _refused(lambda: qa.review(session=session, actor=reviewer, inspection_id=world.inspection.id,
                               data={"outcome": "returned", "comments": text}, today=report_world.TODAY), "comments")
    session.rollback()
    assert session.exec(select(QaReview)).all() == []


@pytest.mark.parametrize("text", UNKEPT)
def test_a_reason_for_moving_a_stage_with_a_control_character_is_refused(session, provider_world, text):
    world = provider_world
    _refused(lambda: schedule.move_stage(
        session=session, actor=f.actor(world["manager"]), inspection_id=world["north_inspection"].id,
        target=Stage.REPORT_ISSUED.value, reason=text, today=TODAY), "reason")


@pytest.mark.parametrize("text", UNKEPT)
def test_kloe_notes_judgements_and_serious_concerns_with_a_control_character_are_refused(session, kloe_world, text):
    lead, ids = f.actor(kloe_world["lead"]), {"inspection_id": kloe_world["inspection"].id, "kloe_code": "S1"}
    kloe_world["inspection"].stage = Stage.INSPECTING
    session.add(kloe_world["inspection"])
    session.commit()
    view = kloe.kloe_page(session=session, actor=lead, **ids)
    slug = view.prompts[0].slug
    _refused(lambda: kloe_edit.save_prompts(session=session, actor=lead, base_version=view.version, seen={},
                                            form={f"use-{slug}": "on", f"note-{slug}": text}, **ids), f"note-{slug}")
    _refused(lambda: kloe_edit.save_judgement(session=session, actor=lead, base_version=view.version, seen={},
                                              data={"rating": "meeting", "findings": text}, **ids), "findings")
    _refused(lambda: serious_concerns.raise_concern(session=session, actor=lead,
                                                    inspection_id=kloe_world["inspection"].id,
                                                    data={"details": text}), "details")
    session.rollback()
    assert session.exec(select(KloeAssessment)).all() == []
    assert session.exec(select(SeriousConcern)).all() == []


@pytest.mark.parametrize("text", UNKEPT)
def test_a_pir_answer_with_a_control_character_is_refused_at_its_question(session, text):
    north = f.provider(session, "North Trust")
    lead = f.user(session, "lead@north.test", Role.PROVIDER_LEAD, north)
    inspection = f.inspection(session, north, f.user(session, "insp@cqc.test", Role.INSPECTOR), Stage.ANNOUNCED)
    inspection.announcement_call_on = inspection.announcement_letter_on = inspection.pir_requested_on = \
        date(2026, 11, 18)
    session.add(inspection)
    session.commit()
    _refused(lambda: pir.save_answer(session=session, actor=f.actor(lead), inspection_id=inspection.id,
                                     question_code="services_description", value=text, expected_version=0,
                                     today=date(2026, 11, 23)), "services_description")
    session.rollback()
    assert session.exec(select(PirAnswer)).all() == []


def test_an_analytics_filter_with_a_nul_is_refused_before_it_reaches_the_database(session, provider_world):
    with pytest.raises(InvalidInput) as refused:
        analytics.analytics_page(session=session, actor=f.actor(provider_world["manager"]),
                                 query={"region": "London\x00"}, today=TODAY)
    assert refused.value.errors == {"region": HIDDEN_CHARACTERS}
