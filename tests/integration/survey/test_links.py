"""Opening an inspection's survey link, its closing date, and what the provider's lead may see of it."""

from datetime import date, timedelta

import pytest
from sqlmodel import select

from safehouse_portal.db import AuditEvent, SurveyLink
from safehouse_portal.services.core.errors import InvalidInput, NotFound, PermissionDenied
from safehouse_portal.services.survey import links
from tests.integration.worlds import factories as f
from tests.integration.worlds.survey_world import SECRET_ANSWER, SURVEY_TODAY, add_link, add_response

LATER = SURVEY_TODAY + timedelta(days=21)


def _open(session, world, who: str, closes_on: object = LATER.isoformat()):
    return links.open_link(session=session, actor=f.actor(world[who]), inspection_id=world["inspection"].id,
                           closes_on=closes_on, today=SURVEY_TODAY)


@pytest.mark.parametrize("who", ["lead", "member", "manager"])
def test_the_lead_a_team_member_or_a_programme_manager_may_open_the_link(session, survey_world, who):
    view = _open(session, survey_world, who)
    assert view.has_link and view.is_open and view.responses == 0
    assert view.closes_text == f"{LATER.day} December 2026" and len(view.token) >= 32
    assert session.exec(select(AuditEvent).where(AuditEvent.action == "survey.link_opened")).one()


@pytest.mark.parametrize("who", ["outsider", "north_lead", "south_lead", "admin", "stakeholder"])
def test_anyone_else_may_not_open_or_see_the_link(session, survey_world, who):
    with pytest.raises(PermissionDenied):
        _open(session, survey_world, who)
    with pytest.raises(PermissionDenied):
        links.link_for_inspection(session=session, actor=f.actor(survey_world[who]),
                                  inspection_id=survey_world["inspection"].id, today=SURVEY_TODAY)
    assert session.exec(select(SurveyLink)).first() is None


def test_two_links_get_different_unguessable_tokens(session, survey_world):
    first = _open(session, survey_world, "lead")
    other = f.inspection(session, survey_world["south"], survey_world["lead"])
    second = links.open_link(session=session, actor=f.actor(survey_world["lead"]), inspection_id=other.id,
                             closes_on=LATER, today=SURVEY_TODAY)
    assert first.token != second.token


@pytest.mark.parametrize("closes_on", [SURVEY_TODAY.isoformat(), "2026-11-01", "tomorrow", "", None, 5])
def test_the_closing_date_must_be_a_date_after_today(session, survey_world, closes_on):
    with pytest.raises(InvalidInput) as refused:
        _open(session, survey_world, "lead", closes_on)
    assert "closes_on" in refused.value.errors


def test_a_link_is_opened_once_and_its_closing_date_changed_after(session, survey_world):
    _open(session, survey_world, "lead")
    with pytest.raises(InvalidInput, match="already open"):
        _open(session, survey_world, "member")
    view = links.set_closing_date(session=session, actor=f.actor(survey_world["member"]),
                                  inspection_id=survey_world["inspection"].id, closes_on="2027-01-31",
                                  today=SURVEY_TODAY)
    assert view.closes_on == "2027-01-31"


def test_changing_the_closing_date_of_an_inspection_without_a_link_is_refused(session, survey_world):
    with pytest.raises(NotFound):
        links.set_closing_date(session=session, actor=f.actor(survey_world["lead"]),
                               inspection_id=survey_world["inspection"].id, closes_on=LATER, today=SURVEY_TODAY)


def test_a_forged_inspection_id_is_refused(session, survey_world):
    for forged in (None, 999, "1", -1):
        with pytest.raises(NotFound):
            links.link_for_inspection(session=session, actor=f.actor(survey_world["manager"]),
                                      inspection_id=forged, today=SURVEY_TODAY)


def test_the_provider_lead_sees_their_open_link_and_the_number_of_responses_never_an_answer(session, survey_world):
    link = add_link(session, survey_world["inspection"], LATER)
    add_response(session, link, {"support": "yes", "good": SECRET_ANSWER})
    add_response(session, link, {"support": "no"})
    [seen] = links.provider_links(session=session, actor=f.actor(survey_world["north_lead"]), today=SURVEY_TODAY)
    assert (seen.token, seen.responses, seen.group_name) == (link.token, 2, "North Trust group")
    assert SECRET_ANSWER not in repr(seen) and "support" not in repr(seen)


def test_another_providers_lead_sees_no_link_and_a_closed_link_is_not_listed(session, survey_world):
    add_link(session, survey_world["inspection"], SURVEY_TODAY - timedelta(days=1))
    assert links.provider_links(session=session, actor=f.actor(survey_world["south_lead"]), today=SURVEY_TODAY) == []
    assert links.provider_links(session=session, actor=f.actor(survey_world["north_lead"]), today=SURVEY_TODAY) == []
    with pytest.raises(PermissionDenied):
        links.provider_links(session=session, actor=f.actor(survey_world["lead"]), today=SURVEY_TODAY)


def test_a_closed_link_shows_its_staff_that_it_is_closed(session, survey_world):
    add_link(session, survey_world["inspection"], date(2026, 11, 1))
    view = links.link_for_inspection(session=session, actor=f.actor(survey_world["lead"]),
                                     inspection_id=survey_world["inspection"].id, today=SURVEY_TODAY)
    assert view.has_link and not view.is_open
