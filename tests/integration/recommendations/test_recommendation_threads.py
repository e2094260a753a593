"""Recommendation threads: the provider posts progress and evidence; an inspector accepts or returns it."""

from datetime import date

import pytest
from sqlmodel import select

from safehouse_portal.db import Recommendation, RecommendationUpdate
from safehouse_portal.domain.enums import Stage, Timescale
from safehouse_portal.services.recommendations import threads
from safehouse_portal.services.core.errors import InvalidInput, NotFound, PermissionDenied
from tests.integration.worlds import factories as f
from tests.integration.worlds.provider_world import TODAY, inspection, recommendation


def _post(session, world, kind, text="Done", who="north_lead", files=None, rec="north_rec"):
    return threads.post_update(session=session, actor=f.actor(world[who]), recommendation_id=world[rec].id,
                               data={"kind": kind, "text": text}, file_ids=files, today=TODAY)


def _decide(session, world, decision, comment="", who="inspector"):
    return threads.decide(session=session, actor=f.actor(world[who]), recommendation_id=world["north_rec"].id,
                          data={"decision": decision, "comment": comment}, today=TODAY)


def test_the_provider_sees_its_issued_recommendations_with_due_date_and_status(session, provider_world):
    rows = threads.provider_recommendations(session=session, actor=f.actor(provider_world["north_lead"]), today=TODAY)
    assert [(r.text, r.due_on, r.status_label, r.timescale, r.kloes) for r in rows] == [
        ("Review every survivor's fire risk assessment.", "22 December 2026", "Open", "Within 21 days",
         "Assessing and managing risk (key line of enquiry S2)")]


def test_a_recommendation_past_its_due_date_shows_as_overdue(session, provider_world):
    rows = threads.provider_recommendations(session=session, actor=f.actor(provider_world["north_lead"]),
                                            today=date(2026, 12, 23))
    assert rows[0].status_label == "Overdue"


def test_recommendations_of_reports_not_yet_issued_are_not_shown_to_the_provider(session, provider_world):
    draft = inspection(session, provider_world["north"], provider_world["inspector"], "North drafts", Stage.DRAFTING)
    hidden = recommendation(session, draft, "Not yet issued", Timescale.WITHIN_3_MONTHS)
    lead = f.actor(provider_world["north_lead"])
    assert hidden.id not in [r.id for r in threads.provider_recommendations(session=session, actor=lead, today=TODAY)]
    with pytest.raises(NotFound):
        threads.recommendation_thread(session=session, actor=lead, recommendation_id=hidden.id, today=TODAY)


def test_evidence_accepted_by_the_inspector_makes_the_recommendation_met_with_a_dated_thread(session, provider_world):
    _post(session, provider_world, "progress", "Assessments booked for next week.")
    view = _post(session, provider_world, "evidence", "All assessments reviewed.",
                 files=[provider_world["north_file"].id])
    assert view.recommendation.status_label == "Evidence submitted" and view.may_post
    view = _decide(session, provider_world, "accept")
    assert (view.recommendation.status_label, view.recommendation.met_on) == ("Met", "14 December 2026")
    mine = threads.recommendation_thread(session=session, actor=f.actor(provider_world["north_lead"]),
                                         recommendation_id=provider_world["north_rec"].id, today=TODAY)
    assert [u.kind_label for u in mine.updates] == ["Progress update", "Evidence submitted", "Accepted as met"]
    assert mine.updates[1].files[0].name == "evidence.pdf"
    assert mine.may_post is False


def test_returned_evidence_carries_the_inspectors_comment_and_the_provider_can_try_again(session, provider_world):
    _post(session, provider_world, "evidence", "Reviewed most of them.")
    with pytest.raises(InvalidInput) as refused:
        _decide(session, provider_world, "return", "")
    assert "comment" in refused.value.errors
    view = _decide(session, provider_world, "return", "Two assessments are still missing.", who="team")
    assert view.recommendation.status_label == "Returned"
    assert view.updates[-1].text == "Two assessments are still missing."
    assert _post(session, provider_world, "evidence", "Now all of them.").recommendation.status == "evidence_submitted"


def test_a_progress_update_after_evidence_keeps_it_awaiting_the_decision(session, provider_world):
    _post(session, provider_world, "evidence", "All reviewed.")
    assert _post(session, provider_world, "progress", "One more note.").recommendation.status == "evidence_submitted"


def test_there_is_nothing_to_decide_before_evidence_is_submitted(session, provider_world):
    with pytest.raises(InvalidInput):
        _decide(session, provider_world, "accept")
    assert session.get(Recommendation, provider_world["north_rec"].id).status == "open"


@pytest.mark.parametrize(("data", "field"), [
    ({"kind": "met", "text": "Done"}, "kind"),
    ({"kind": "evidence", "text": ""}, "text"),
    ({"kind": "evidence", "text": "x" * 5001}, "text"),
    ({"kind": ["evidence"], "text": {"t": 1}}, "kind"),
    ("not a form", "kind"),
])
def test_an_invalid_update_is_refused_and_nothing_is_kept(session, provider_world, data, field):
    with pytest.raises(InvalidInput) as refused:
        threads.post_update(session=session, actor=f.actor(provider_world["north_lead"]),
                            recommendation_id=provider_world["north_rec"].id, data=data, file_ids=[], today=TODAY)
    assert field in refused.value.errors
    assert session.exec(select(RecommendationUpdate)).all() == []


def test_a_provider_cannot_attach_another_providers_file_as_evidence(session, provider_world):
    with pytest.raises(InvalidInput):
        _post(session, provider_world, "evidence", files=[provider_world["south_file"].id])
    assert session.exec(select(RecommendationUpdate)).all() == []


def test_another_providers_lead_can_neither_see_nor_post_on_the_recommendation(session, provider_world):
    south = f.actor(provider_world["south_lead"])
    with pytest.raises(NotFound):
        threads.recommendation_thread(session=session, actor=south, recommendation_id=provider_world["north_rec"].id,
                                      today=TODAY)
    with pytest.raises(NotFound):
        _post(session, provider_world, "evidence", who="south_lead")
    rows = threads.provider_recommendations(session=session, actor=south, today=TODAY)
    assert [r.id for r in rows] == [provider_world["south_rec"].id]


@pytest.mark.parametrize("who", ["outsider", "north_lead", "admin", "stakeholder"])
def test_only_the_inspections_inspectors_and_managers_decide(session, provider_world, who):
    _post(session, provider_world, "evidence", "All reviewed.")
    with pytest.raises((PermissionDenied, NotFound)):
        _decide(session, provider_world, "accept", who=who)
    assert session.get(Recommendation, provider_world["north_rec"].id).status == "evidence_submitted"


def test_an_inspector_not_on_the_provider_cannot_read_the_thread(session, provider_world):
    with pytest.raises(PermissionDenied):
        threads.recommendation_thread(session=session, actor=f.actor(provider_world["outsider"]),
                                      recommendation_id=provider_world["north_rec"].id, today=TODAY)


@pytest.mark.parametrize("forged", ["1", None, True, {"id": 1}, -5, 10**12])
def test_forged_recommendation_ids_are_refused(session, provider_world, forged):
    with pytest.raises(InvalidInput):
        threads.recommendation_thread(session=session, actor=f.actor(provider_world["north_lead"]),
                                      recommendation_id=forged, today=TODAY)
