"""Drafting recommendations against KLOEs, with a theme, a timescale and (later) a due date."""

from datetime import date

import pytest
from sqlmodel import select

from safehouse_portal import routes
from safehouse_portal.db import Recommendation
from safehouse_portal.domain.enums import Stage
from safehouse_portal.portals.judgements.draft_recommendations import RecommendationsState
from safehouse_portal.services.judgements import draft_recommendations as recs
from safehouse_portal.services.core.errors import InvalidInput, NotFound, PermissionDenied
from tests.integration.worlds import factories as f
from tests.integration.worlds.forged import call

GOOD = {"kloes": ["W2", "S2"], "text": "Review risk assessments monthly", "theme": "risk_assessments_and_records",
        "timescale": "within_3_months"}


def _draft(session, world, who="lead", **changes):
    return recs.draft_recommendation(session=session, actor=f.actor(world[who]),
                                     inspection_id=world["inspection"].id, data={**GOOD, **changes})


def _rows(session, world, who="lead"):
    return recs.recommendations(session=session, actor=f.actor(world[who]),
                                inspection_id=world["inspection"].id).recommendations


def test_a_team_member_drafts_a_recommendation_against_several_kloes(session, world):
    _draft(session, world, "member")
    [row] = _rows(session, world)
    assert (row.kloes, row.key_question, row.theme, row.timescale) == (
        "S2, W2", "Safe", "Risk assessments and survivor records", "Within 3 months")
    assert row.due == recs.NO_DUE_DATE and row.status == "Open"


def test_the_due_date_appears_once_the_final_report_is_received(session, world):
    _draft(session, world, timescale="within_21_days")
    world["inspection"].final_issued_on = date(2027, 1, 11)
    session.add(world["inspection"])
    session.commit()
    [row] = _rows(session, world)
    assert row.due == "1 February 2027"


@pytest.mark.parametrize("changes, field", [
    ({"kloes": []}, "kloes"),
    ({"kloes": ["C1"]}, "kloes"),
    ({"kloes": ["Z9"]}, "kloes"),
    ({"kloes": [{"code": "S1"}]}, "kloes"),
    ({"text": "  "}, "text"),
    ({"text": "x" * 4001}, "text"),
    ({"theme": "vibes"}, "theme"),
    ({"theme": None}, "theme"),
    ({"timescale": "within_a_year"}, "timescale"),
])
def test_a_draft_needs_kloes_in_scope_words_a_theme_and_a_timescale(session, world, changes, field):
    with pytest.raises(InvalidInput) as refused:
        _draft(session, world, **changes)
    assert field in refused.value.errors
    assert session.exec(select(Recommendation)).all() == []


@pytest.mark.parametrize("who", ["manager", "outsider", "admin", "north_lead", "stakeholder"])
def test_nobody_off_the_team_drafts(session, world, who):
    with pytest.raises(PermissionDenied):
        _draft(session, world, who)
    assert session.exec(select(Recommendation)).all() == []


def test_a_draft_can_be_changed_and_removed_until_the_report_is_issued(session, world):
    rec_id = _draft(session, world)
    recs.update_recommendation(session=session, actor=f.actor(world["member"]), inspection_id=world["inspection"].id,
                               recommendation_id=rec_id, data={**GOOD, "kloes": ["W1"], "theme": "training"})
    [row] = _rows(session, world)
    assert (row.kloes, row.key_question, row.theme) == ("W1", "Well-led", "Training")
    recs.remove_recommendation(session=session, actor=f.actor(world["lead"]), inspection_id=world["inspection"].id,
                               recommendation_id=rec_id)
    assert _rows(session, world) == []


def test_once_the_report_is_issued_drafts_are_closed(session, world):
    rec_id = _draft(session, world)
    world["inspection"].stage, world["inspection"].final_issued_on = Stage.REPORT_ISSUED, date(2026, 11, 20)
    session.add(world["inspection"])
    session.commit()
    assert recs.recommendations(session=session, actor=f.actor(world["lead"]),
                                inspection_id=world["inspection"].id).may_draft is False
    with pytest.raises(InvalidInput):
        recs.remove_recommendation(session=session, actor=f.actor(world["lead"]),
                                   inspection_id=world["inspection"].id, recommendation_id=rec_id)


def test_another_inspections_recommendation_cannot_be_reached_through_this_one(session, world):
    other = Recommendation(inspection_id=world["other"].id, kloe_codes=["S1"], key_question="safe", text="Theirs",
                           theme="training", timescale="immediately")
    session.add(other)
    session.commit()
    with pytest.raises(NotFound):
        recs.remove_recommendation(session=session, actor=f.actor(world["lead"]),
                                   inspection_id=world["inspection"].id, recommendation_id=other.id)
    assert session.get(Recommendation, other.id) is not None


# --- State handlers, called as a forging browser would -------------------------------------------


def _path(world):
    return f"/inspections/{world['inspection'].id}/workspace/recommendations"


FORM = {"kloe:S1": "on", "kloe:S3": "on", "text": "Train staff", "theme": "training", "timescale": "immediately"}


def test_the_draft_handler_drafts_from_the_form(browser_as, world):
    state = browser_as(world["member"], RecommendationsState, _path(world))
    call(state, "draft", FORM)
    assert state.errors == {}
    [row] = state.view.recommendations
    assert (row.kloes, row.timescale) == ("S1, S3", "Immediately")


@pytest.mark.parametrize("who", ["manager", "outsider", "north_lead", "stakeholder", None])
def test_forged_drafts_and_removals_by_outsiders_change_nothing(browser_as, world, session, who):
    mine = recs.draft_recommendation(session=session, actor=f.actor(world["lead"]),
                                     inspection_id=world["inspection"].id, data=GOOD)
    state = browser_as(world[who] if who else None, RecommendationsState, _path(world))
    call(state, "draft", FORM)
    call(state, "remove", mine)
    assert state.errors
    assert state.view.recommendations == []
    session.expire_all()
    assert [r.id for r in session.exec(select(Recommendation)).all()] == [mine]


@pytest.mark.parametrize("forged", [None, "1", True, {"id": 1}, 2**40])
def test_the_remove_handler_refuses_forged_ids(browser_as, world, session, forged):
    mine = recs.draft_recommendation(session=session, actor=f.actor(world["lead"]),
                                     inspection_id=world["inspection"].id, data=GOOD)
    state = browser_as(world["lead"], RecommendationsState, _path(world))
    call(state, "remove", forged)
    assert state.errors
    call(state, "draft", forged)
    assert state.errors
    session.expire_all()
    assert [r.id for r in session.exec(select(Recommendation)).all()] == [mine]


def test_each_recommendation_links_to_its_thread_once_the_report_is_issued(session, world):
    rec_id = _draft(session, world)
    [before] = _rows(session, world)
    world["inspection"].final_issued_on = date(2027, 1, 11)
    session.add(world["inspection"])
    session.commit()
    [after] = _rows(session, world)
    assert (before.has_thread, after.has_thread) == (False, True)
    assert routes.recommendation(after.id) == f"/recommendations/{rec_id}"


def test_the_edit_form_opens_filled_with_the_draft_and_saves_the_change(browser_as, world, session):
    rec_id = _draft(session, world)
    state = browser_as(world["member"], RecommendationsState, _path(world))
    call(state, "load")
    call(state, "start_edit", rec_id)
    assert (state.editing_id, state.edit_text, state.edit_kloes, state.edit_theme, state.edit_timescale) == (
        rec_id, GOOD["text"], ["S2", "W2"], GOOD["theme"], GOOD["timescale"])
    call(state, "save_edit", {"kloe:S1": "on", "text": "Train every new member of staff", "theme": "training",
                              "timescale": "within_21_days"})
    assert state.notice == "Recommendation changed." and state.editing_id == 0
    [row] = state.view.recommendations
    assert (row.kloes, row.text, row.theme, row.timescale) == (
        "S1", "Train every new member of staff", "Training", "Within 21 days")


def test_an_edit_without_words_is_refused_at_the_field_and_the_form_stays_open(browser_as, world, session):
    rec_id = _draft(session, world)
    state = browser_as(world["lead"], RecommendationsState, _path(world))
    call(state, "load")
    call(state, "start_edit", rec_id)
    call(state, "save_edit", {**{k: v for k, v in FORM.items() if k != "text"}, "text": "  "})
    assert "text" in state.edit_errors and state.errors == {} and state.editing_id == rec_id
    session.expire_all()
    assert session.get(Recommendation, rec_id).text == GOOD["text"]


@pytest.mark.parametrize("forged", [None, "1", True, {"id": 1}, 2**40, 999])
def test_the_edit_form_opens_only_for_a_draft_shown_on_the_page(browser_as, world, session, forged):
    _draft(session, world)
    state = browser_as(world["lead"], RecommendationsState, _path(world))
    call(state, "load")
    call(state, "start_edit", forged)
    call(state, "save_edit", FORM)
    assert state.editing_id == 0 and state.notice == ""


@pytest.mark.parametrize("who", ["manager", "outsider", "north_lead", "stakeholder", None])
def test_people_off_the_team_can_neither_open_nor_save_an_edit(browser_as, world, session, who):
    rec_id = _draft(session, world)
    state = browser_as(world[who] if who else None, RecommendationsState, _path(world))
    call(state, "load")
    call(state, "start_edit", rec_id)
    call(state, "save_edit", FORM)
    assert state.editing_id == 0 and state.edit_text == "" and state.notice == ""
    assert state.view.recommendations == [] or who == "manager", "a programme manager only reads the drafts"
    session.expire_all()
    assert session.get(Recommendation, rec_id).text == GOOD["text"]
