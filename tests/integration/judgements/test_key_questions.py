"""Key-question judgements: the rule's suggestion, and the lead's override only with a written reason."""

import pytest
from sqlmodel import select

from safehouse_portal.db import AuditEvent, KeyQuestionJudgement
from safehouse_portal.domain.enums import Rating, Stage
from safehouse_portal.portals.judgements.key_questions import JudgementsState
from safehouse_portal.services.judgements import key_questions
from safehouse_portal.services.core.errors import InvalidInput, PermissionDenied
from tests.integration.worlds import factories as f
from tests.integration.worlds.forged import call
from tests.integration.worlds.workspace_world import rate

REASON = "The one shortfall was put right on the day"


def _judgements(session, world, who="lead"):
    view = key_questions.key_question_judgements(session=session, actor=f.actor(world[who]),
                                                 inspection_id=world["inspection"].id)
    return {kq.key: kq for kq in view.key_questions}


def _override(session, world, who="lead", **data):
    key_questions.override_judgement(session=session, actor=f.actor(world[who]),
                                     inspection_id=world["inspection"].id, data=data)


def test_the_suggestion_follows_the_rule_from_the_kloe_ratings(session, world):
    rate(session, world["inspection"], "S1", Rating.MEETING)
    rate(session, world["inspection"], "S2", Rating.REQUIRES_IMPROVEMENT)
    rate(session, world["inspection"], "W1", Rating.MEETING)
    judgements = _judgements(session, world)
    assert judgements["safe"].suggested_label == "Requires improvement"
    assert judgements["safe"].judgement_label == "Requires improvement"
    assert judgements["well_led"].suggested_label == "Meeting requirements"
    assert judgements["safe"].progress == "2 of 6 KLOEs final" and judgements["safe"].complete is False
    rate(session, world["inspection"], "S3", Rating.NOT_MEETING, status="in_progress")
    assert _judgements(session, world)["safe"].suggested_label == "Not meeting requirements"


def test_nothing_is_suggested_before_any_kloe_is_rated(session, world):
    safe = _judgements(session, world)["safe"]
    assert (safe.suggested, safe.suggested_label, safe.judgement_label) == ("", "No KLOE rated yet", "Not yet judged")


def test_the_leads_override_stands_and_its_reason_travels_with_it(session, world):
    rate(session, world["inspection"], "S1", Rating.NOT_MEETING)
    _override(session, world, key_question="safe", rating="requires_improvement", reason=REASON)
    safe = _judgements(session, world, "manager")["safe"]
    assert (safe.suggested_label, safe.judgement_label) == ("Not meeting requirements", "Requires improvement")
    assert safe.overridden and safe.override_reason == REASON and safe.override_by.startswith("Lead.Inspector on ")
    event = session.exec(select(AuditEvent).where(AuditEvent.action == "judgement.overridden")).one()
    assert event.after["reason"] == REASON


@pytest.mark.parametrize("reason", ["", "   ", None, 42])
def test_an_override_without_a_written_reason_is_refused_at_the_reason(session, world, reason):
    with pytest.raises(InvalidInput) as refused:
        _override(session, world, key_question="safe", rating="meeting", reason=reason)
    assert "reason" in refused.value.errors
    assert session.exec(select(KeyQuestionJudgement)).all() == []


@pytest.mark.parametrize("data, field", [
    ({"key_question": "caring", "rating": "meeting", "reason": REASON}, "key_question"),
    ({"key_question": "kindness", "rating": "meeting", "reason": REASON}, "key_question"),
    ({"key_question": "safe", "rating": "excellent", "reason": REASON}, "rating"),
    ({"key_question": ["safe"], "rating": "meeting", "reason": REASON}, "key_question"),
])
def test_an_override_of_a_key_question_out_of_scope_or_an_unknown_rating_is_refused(session, world, data, field):
    with pytest.raises(InvalidInput) as refused:
        _override(session, world, **data)
    assert field in refused.value.errors


@pytest.mark.parametrize("who", ["member", "manager", "outsider", "admin", "north_lead"])
def test_only_the_lead_overrides(session, world, who):
    with pytest.raises(PermissionDenied):
        _override(session, world, who, key_question="safe", rating="meeting", reason=REASON)
    assert session.exec(select(KeyQuestionJudgement)).all() == []


def test_withdrawing_the_override_lets_the_suggestion_stand_again(session, world):
    rate(session, world["inspection"], "S1", Rating.NOT_MEETING)
    _override(session, world, key_question="safe", rating="meeting", reason=REASON)
    with pytest.raises(PermissionDenied):
        key_questions.clear_override(session=session, actor=f.actor(world["member"]),
                                     inspection_id=world["inspection"].id, key_question="safe")
    key_questions.clear_override(session=session, actor=f.actor(world["lead"]), inspection_id=world["inspection"].id,
                                 key_question="safe")
    safe = _judgements(session, world)["safe"]
    assert safe.overridden is False and safe.judgement_label == "Not meeting requirements"


def test_judgements_no_longer_change_once_the_report_is_issued(session, world):
    world["inspection"].stage = Stage.REPORT_ISSUED
    session.add(world["inspection"])
    session.commit()
    view = key_questions.key_question_judgements(session=session, actor=f.actor(world["lead"]),
                                                 inspection_id=world["inspection"].id)
    assert view.may_override is False
    with pytest.raises(InvalidInput):
        _override(session, world, key_question="safe", rating="meeting", reason=REASON)


# --- State handlers, called as a forging browser would -------------------------------------------


def _path(world):
    return f"/inspections/{world['inspection'].id}/workspace/judgements"


def test_the_override_handler_refuses_a_missing_reason_at_the_field(browser_as, world, session):
    state = browser_as(world["lead"], JudgementsState, _path(world))
    call(state, "load")
    assert state.view.may_override is True
    call(state, "override", {"key_question": "safe", "rating": "meeting", "reason": ""})
    assert "written reason" in state.errors["reason"]
    call(state, "override", {"key_question": "safe", "rating": "meeting", "reason": REASON})
    assert state.errors == {}
    safe = next(kq for kq in state.view.key_questions if kq.key == "safe")
    assert safe.override_reason == REASON


@pytest.mark.parametrize("who", ["member", "manager", "outsider", "north_lead", "stakeholder", None])
def test_forged_overrides_by_anyone_but_the_lead_change_nothing(browser_as, world, session, who):
    state = browser_as(world[who] if who else None, JudgementsState, _path(world))
    call(state, "override", {"key_question": "safe", "rating": "meeting", "reason": "Forged"})
    call(state, "clear_override", "safe")
    assert state.errors
    assert session.exec(select(KeyQuestionJudgement)).all() == []


@pytest.mark.parametrize("forged", [None, "safe", 1, {"key_question": {"k": 1}, "rating": ["meeting"], "reason": 5}])
def test_the_override_handler_survives_forged_argument_types(browser_as, world, session, forged):
    state = browser_as(world["lead"], JudgementsState, _path(world))
    call(state, "override", forged)
    assert state.errors
    assert session.exec(select(KeyQuestionJudgement)).all() == []


@pytest.mark.parametrize("forged", [None, 1, ["safe"], {"key_question": "safe"}, "caring"])
def test_withdrawing_with_a_forged_key_question_is_refused(browser_as, world, session, forged):
    rate(session, world["inspection"], "S1", Rating.NOT_MEETING)
    key_questions.override_judgement(session=session, actor=f.actor(world["lead"]),
                                     inspection_id=world["inspection"].id,
                                     data={"key_question": "safe", "rating": "meeting", "reason": REASON})
    state = browser_as(world["lead"], JudgementsState, _path(world))
    call(state, "clear_override", forged)
    assert "key_question" in state.errors
    session.expire_all()
    assert len(session.exec(select(KeyQuestionJudgement)).all()) == 1


@pytest.mark.parametrize("who", ["outsider", "north_lead", "stakeholder", None])
def test_the_judgements_page_gives_outsiders_no_data(browser_as, world, session, who):
    rate(session, world["inspection"], "S1", Rating.NOT_MEETING)
    state = browser_as(world[who] if who else None, JudgementsState, _path(world))
    call(state, "load")
    assert state.view.key_questions == [] and state.view.header.group_name == ""
