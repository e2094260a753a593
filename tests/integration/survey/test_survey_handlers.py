"""The survey's page handlers called as a forging browser would: no answer ever reaches one."""

from datetime import timedelta

import pytest
import reflex as rx
from sqlmodel import func, select

from safehouse_portal import routes
from safehouse_portal.db import SurveyLink, SurveyResponse
from safehouse_portal.portals.survey.link_panels import ProviderSurveyState, SurveyLinkState
from safehouse_portal.portals.survey.public_page import SurveyState
from safehouse_portal.web.allowlist import app_handlers
from tests.integration.worlds.forged import call
from tests.integration.worlds.survey_world import SECRET_ANSWER, SURVEY_TODAY, add_link, add_response

ARGUMENTS = {
    "load": (), "start": (), "next_step": (), "back": (), "choose_language": ("en",),
    "open_link": ({"closes_on": "2099-01-31"},), "set_closing_date": ({"closes_on": "2099-01-31"},),
    "send": ({"support": "yes", "good": "Another answer"},),
}
"""Plausible arguments for every survey handler a browser can call."""


@pytest.fixture
def answered(session, survey_world, monkeypatch):
    monkeypatch.setattr("safehouse_portal.portals.shared.edge.programme_today", lambda: SURVEY_TODAY)
    for module in ("public_page", "link_panels"):
        monkeypatch.setattr(f"safehouse_portal.portals.survey.{module}.programme_today", lambda: SURVEY_TODAY)
    link = add_link(session, survey_world["inspection"], SURVEY_TODAY + timedelta(days=14))
    add_response(session, link, {"support": "yes", "good": SECRET_ANSWER})
    return link


def _pages(world, link) -> list[tuple[type, str]]:
    return [(SurveyLinkState, routes.workspace(world["inspection"].id)), (ProviderSurveyState, routes.PROVIDER_HOME),
            (SurveyState, routes.survey(link.token))]


def _vars(state) -> str:
    return repr({name: getattr(state, name) for name in state.base_vars})


def _ours(state_cls) -> list[str]:
    return [name for name, handler in state_cls.event_handlers.items()
            if handler.fn.__module__.startswith("safehouse_portal.portals.survey")]


def test_every_survey_handler_is_on_the_allowlist():
    allowed = app_handlers(rx.State)
    for state_cls in (SurveyState, SurveyLinkState, ProviderSurveyState):
        assert _ours(state_cls)
        for name in _ours(state_cls):
            assert f"{state_cls.get_full_name()}.{name}" in allowed
    assert f"{SurveyState.get_full_name()}.setvar" not in allowed


@pytest.mark.parametrize("who", ["north_lead", "south_lead", None])
def test_a_provider_lead_or_a_stranger_gets_no_answer_from_any_survey_handler(session, survey_world, answered,
                                                                             browser_as, who):
    person = survey_world[who] if who else None
    for state_cls, path in _pages(survey_world, answered):
        for name in _ours(state_cls):
            state = browser_as(person, state_cls, path)
            call(state, name, *ARGUMENTS[name])
            assert SECRET_ANSWER not in _vars(state), f"{state_cls.__name__}.{name}"
    session.expire_all()
    assert session.get(SurveyLink, answered.id).closes_on == SURVEY_TODAY + timedelta(days=14)


def test_the_provider_lead_sees_their_link_and_count_on_their_home(survey_world, answered, browser_as):
    state = browser_as(survey_world["north_lead"], ProviderSurveyState, routes.PROVIDER_HOME)
    call(state, "load")
    [shown] = state.survey_links
    assert (shown.token, shown.responses) == (answered.token, 1)


@pytest.mark.parametrize("who", ["outsider", "north_lead", "admin"])
def test_the_workspace_panel_shows_nothing_and_opens_nothing_for_anyone_not_on_the_inspection(
        session, survey_world, browser_as, who):
    path = routes.workspace(survey_world["inspection"].id)
    state = browser_as(survey_world[who], SurveyLinkState, path)
    call(state, "load")
    assert not state.shown and state.link.token == ""
    call(state, "open_link", {"closes_on": "2099-01-31"})
    assert state.errors == {"form": state._refused_text}
    assert session.exec(select(SurveyLink)).first() is None


@pytest.mark.parametrize("path", ["/inspections/abc/workspace", "/inspections/999/workspace", "/inspections/-1/workspace",
                                  "/provider"])
def test_a_forged_inspection_in_the_path_is_refused(session, survey_world, browser_as, path):
    state = browser_as(survey_world["manager"], SurveyLinkState, path)
    call(state, "load")
    assert not state.shown
    call(state, "open_link", {"closes_on": "2099-01-31"})
    assert state.errors
    assert session.exec(select(SurveyLink)).first() is None


def test_the_lead_opens_the_link_from_the_workspace_and_sees_the_count(session, survey_world, browser_as):
    state = browser_as(survey_world["lead"], SurveyLinkState, routes.workspace(survey_world["inspection"].id))
    call(state, "load")
    assert state.shown and not state.link.has_link
    call(state, "open_link", {"closes_on": "2099-01-31", "inspection_id": "999"})
    assert state.link.has_link and state.link.responses == 0 and state.notice
    assert state.url.endswith(routes.survey(state.link.token))
    assert session.exec(select(SurveyLink.inspection_id)).one() == survey_world["inspection"].id


def test_the_public_page_keeps_no_answer_in_its_state_after_sending(session, survey_world, answered, browser_as):
    state = browser_as(None, SurveyState, routes.survey(answered.token))
    call(state, "load")
    call(state, "choose_language", "ar")
    assert state.view.dir == "rtl" and state.phase == "intro"
    call(state, "start")
    call(state, "send", {"support": "partly", "better": "More Arabic lessons please", "website": ""})
    assert state.phase == "thanks" and state.view.questions == []
    assert "More Arabic lessons" not in _vars(state) and "partly" not in _vars(state)
    assert session.exec(select(func.count()).select_from(SurveyResponse)).one() == 2


def test_the_public_page_shows_a_refused_answer_in_the_chosen_language_at_its_question(survey_world, answered,
                                                                                     browser_as):
    state = browser_as(None, SurveyState, routes.survey(answered.token))
    call(state, "choose_language", "en")
    call(state, "start")
    call(state, "send", {"support": "yes", "good": "a" * 2001})
    assert state.field_errors == {"good": "Your answer is too long. Write up to 2000 characters."}
    assert state.view.questions[state.step].code == "good" and state.phase == "questions"


def test_a_forged_language_leaves_the_language_choice_showing(survey_world, answered, browser_as):
    state = browser_as(None, SurveyState, routes.survey(answered.token))
    call(state, "choose_language", {"code": "en"})
    assert state.phase == "language" and state.view.questions == []
