"""The KLOE page's handlers, called as a forging browser would: other ids, other roles, wrong types."""


import pytest
from sqlmodel import select

from safehouse_portal.db import EvidenceItem, KloeAssessment
from safehouse_portal.portals.judgements.kloe_page import KloeState
from safehouse_portal.portals.judgements.kloe_panel import KloePanelState
from tests.integration.worlds.forged import call
from tests.integration.worlds.kloe_world import answer

EVIDENCE = {"source": "case_record", "summary": "Risk assessment reviewed on time.", "relates_to": "",
            "robustness": "strong", "supports": "supports"}
JUDGEMENT = {"rating": "not_meeting", "findings": "Forged findings."}


def _path(world, key="inspection", code="S1"):
    return f"/inspections/{world[key].id}/kloes/{code}"


def _nothing_saved(session):
    session.expire_all()
    assert session.exec(select(KloeAssessment)).first() is None
    assert session.exec(select(EvidenceItem)).first() is None


def _write_everything(state):
    call(state, "load")
    call(state, "save_prompts", {"use-S1-1": "on", "note-S1-1": "forged"})
    call(state, "add_evidence", EVIDENCE)
    call(state, "save_judgement", JUDGEMENT)
    call(state, "make_final")
    call(state, "reopen")
    call(state, "use_their_version")


@pytest.mark.parametrize("who", ["outsider", "admin", "north_lead", "stakeholder", None])
def test_people_off_the_team_get_no_kloe_and_change_nothing(browser_as, session, kloe_world, who):
    state = browser_as(kloe_world[who] if who else None, KloeState, _path(kloe_world))
    _write_everything(state)
    _nothing_saved(session)
    assert state.view.code == "" and state.view.prompts == [] and state.view.clauses == []
    assert "safeguard" not in repr(state.dict()).lower()


def test_a_programme_manager_reads_the_kloe_but_every_change_is_refused(browser_as, session, kloe_world):
    state = browser_as(kloe_world["manager"], KloeState, _path(kloe_world))
    _write_everything(state)
    _nothing_saved(session)
    assert state.view.code == "S1" and not state.view.may_edit
    call(state, "add_evidence", EVIDENCE)
    assert state.errors == {"form": "You do not have permission to do that."}


def test_an_inspector_forging_another_inspections_path_is_refused(browser_as, session, kloe_world):
    state = browser_as(kloe_world["lead"], KloeState, _path(kloe_world, "other"))
    _write_everything(state)
    _nothing_saved(session)
    assert state.not_permitted and state.view.code == ""


@pytest.mark.parametrize("path", ["/inspections/abc/kloes/S1", "/inspections/1/kloes/Z9", "/inspections/1/kloes/"])
def test_malformed_paths_show_nothing(browser_as, session, kloe_world, path):
    state = browser_as(kloe_world["lead"], KloeState, path)
    _write_everything(state)
    _nothing_saved(session)
    assert state.view.code == ""


@pytest.mark.parametrize("forged", ["text", None, 7, ["list"], {"source": {"x": 1}}, {"summary": 12}])
def test_arguments_of_the_wrong_type_are_refused_with_a_message(browser_as, session, kloe_world, forged):
    state = browser_as(kloe_world["lead"], KloeState, _path(kloe_world))
    call(state, "load")
    call(state, "add_evidence", forged)
    assert state.errors and state.errors_of == "evidence"
    call(state, "save_judgement", forged if not isinstance(forged, dict) else {"rating": forged})
    assert state.errors and state.errors_of == "judgement"
    call(state, "save_prompts", forged if not isinstance(forged, dict) else {"use-S1-1": "on", "note-S1-1": 5})
    assert state.errors and state.errors_of == "prompts"
    _nothing_saved(session)


def test_the_team_records_evidence_and_a_judgement_through_the_handlers(browser_as, session, kloe_world):
    state = browser_as(kloe_world["member"], KloeState, _path(kloe_world))
    call(state, "load")
    call(state, "add_evidence", EVIDENCE)
    call(state, "save_judgement", {"rating": "meeting", "findings": "Reviews are on time."})
    call(state, "make_final")
    assert state.notice == "The KLOE is final."
    assert state.view.status_label == "Final" and len(state.view.evidence) == 1


def test_a_stale_page_is_shown_what_a_colleague_changed_and_keeps_its_base(browser_as, session, kloe_world):
    lead = browser_as(kloe_world["lead"], KloeState, _path(kloe_world))
    call(lead, "load")
    member = browser_as(kloe_world["member"], KloeState, _path(kloe_world))
    call(member, "load")
    call(lead, "save_judgement", {"rating": "meeting", "findings": "Lead wrote this."})
    key_before = member.form_key
    call(member, "save_judgement", {"rating": "not_meeting", "findings": "Member wrote this."})
    assert {c.label: c.after for c in member.conflict_changes}["Findings"] == "Lead wrote this."
    assert member.form_key == key_before, "the member's typing must stay in the form"
    call(member, "save_judgement", {"rating": "not_meeting", "findings": "Member merged both."})
    assert member.conflict_changes == [] and member.view.findings == "Member merged both."


@pytest.mark.parametrize("who", ["outsider", "admin", "north_lead", "stakeholder", None])
def test_the_panel_gives_people_off_the_team_no_clauses_answers_or_search(browser_as, session, kloe_world, who):
    answer(session, kloe_world["pir"], "staffing_training", "Secret training answer.")
    state = _opened(browser_as, kloe_world[who] if who else None, kloe_world)
    call(state, "search", {"query": "safeguarding"})
    call(state, "refresh_pir")
    call(state, "show_citing", "Schedule 2.3")
    assert state.clauses == [] and state.hits == [] and state.open_clause == ""
    assert state.pir.answers == [] and state._poll_once() is False
    assert "Secret training" not in repr(state.dict())


def test_the_panel_searches_and_opens_a_clause_for_the_team(browser_as, session, kloe_world):
    answer(session, kloe_world["pir"], "staffing_training", "Annual training.")
    state = browser_as(kloe_world["lead"], KloePanelState, _path(kloe_world))
    call(state, "refresh_pir")
    assert [a.answer for a in state.pir.answers if a.question_code == "staffing_training"] == ["Annual training."]
    state._load_page(state._fill)
    reference = next(c.reference for c in state.clauses if c.citing)
    call(state, "show_citing", reference)
    assert state.open_clause == reference
    call(state, "show_citing", {"reference": reference})
    assert state.open_clause == ""
    call(state, "search", {"query": "interpretation"})
    assert state.searched and state.hits
    call(state, "search", {"query": "x" * 500})
    assert state.search_error and state.hits == []
    call(state, "search", "not a form")
    assert state.search_error


def test_the_panel_poll_refreshes_only_when_the_pir_changed(browser_as, session, kloe_world):
    state = browser_as(kloe_world["lead"], KloePanelState, _path(kloe_world))
    state._load_page(state._fill)
    assert state._poll_once() is True
    answer(session, kloe_world["pir"], "staffing_training", "Changed by the provider.")
    assert state._poll_once() is True
    assert [a.answer for a in state.pir.answers if a.question_code == "staffing_training"] == [
        "Changed by the provider."]


def test_the_panel_stops_polling_once_its_reader_is_refused(browser_as, session, kloe_world):
    answer(session, kloe_world["pir"], "staffing_training", "Secret training answer.")
    state = browser_as(kloe_world["outsider"], KloePanelState, _path(kloe_world))
    state.watching = True
    call(state, "check_pir")
    assert state.watching is False and state.pir.answers == []


def test_the_panel_keeps_polling_for_its_team_and_shows_a_change_nobody_announced(browser_as, session, kloe_world):
    state = browser_as(kloe_world["lead"], KloePanelState, _path(kloe_world))
    state._load_page(state._fill)
    state.watching = True
    answer(session, kloe_world["pir"], "staffing_training", "Changed by the provider.")
    call(state, "check_pir")
    assert state.watching is True
    assert [a.answer for a in state.pir.answers if a.question_code == "staffing_training"] == [
        "Changed by the provider."]


def test_a_panel_that_is_not_watching_does_not_poll(browser_as, session, kloe_world):
    state = browser_as(kloe_world["lead"], KloePanelState, _path(kloe_world))
    state._load_page(state._fill)
    answer(session, kloe_world["pir"], "staffing_training", "Changed by the provider.")
    call(state, "check_pir")
    assert state.watching is False
    assert "Changed by the provider." not in [a.answer for a in state.pir.answers]


@pytest.mark.parametrize("who", ["outsider", "north_lead", None])
def test_a_panel_refused_on_load_neither_follows_nor_polls(browser_as, kloe_world, who):
    state = _opened(browser_as, kloe_world[who] if who else None, kloe_world)
    assert state.watching is False and not (state._reflex_internal_links or {})


def _opened(browser_as, user, world) -> KloePanelState:
    """The panel of a KLOE page ``user`` opened (the page's one on_load event loads the panel too)."""
    page = browser_as(user, KloeState, _path(world))
    call(page, "load")
    return page.parent_state.get_substate(KloePanelState.get_full_name().split(".")[2:])


def test_opening_a_kloe_page_fills_its_panel_and_follows_the_pir_in_the_same_event(browser_as, session, kloe_world):
    answer(session, kloe_world["pir"], "staffing_training", "Annual training.")
    panel = _opened(browser_as, kloe_world["lead"], kloe_world)
    assert panel.clauses and panel.watching is True
    assert [a.answer for a in panel.pir.answers if a.question_code == "staffing_training"] == ["Annual training."]


def test_a_kloe_page_refused_after_one_that_was_allowed_keeps_nothing_of_the_first_panel(browser_as, session,
                                                                                       kloe_world):
    answer(session, kloe_world["pir"], "staffing_training", "Secret training answer.")
    page = browser_as(kloe_world["lead"], KloeState, _path(kloe_world))
    call(page, "load")
    panel = page.parent_state.get_substate(KloePanelState.get_full_name().split(".")[2:])
    assert panel.pir.answers
    root = page.parent_state.parent_state
    root.router = type(root.router).from_router_data({**root.router_data, "pathname": "/inspections/999999/kloes/S1",
                                                      "asPath": "/inspections/999999/kloes/S1"})
    call(page, "load")
    assert page.not_permitted and panel.clauses == [] and panel.pir.answers == [] and panel.watching is False
    assert "Secret training" not in repr(page.dict())
