"""Quality assurance: a second inspector or a programme manager signs off or returns the draft."""

import pytest
from sqlmodel import select

from safehouse_portal.db import AuditEvent, QaReview
from safehouse_portal.domain.enums import Stage
from safehouse_portal.services.reporting import qa
from safehouse_portal.services.reporting import issue as report_issue
from safehouse_portal.services.programme import stage_facts
from safehouse_portal.services.core.errors import InvalidInput, PermissionDenied
from tests.integration.worlds import factories as f
from tests.integration.worlds.report_world import TODAY, build


def _review(session, world, who, **data):
    return qa.review(session=session, actor=f.actor(getattr(world, who)), inspection_id=world.inspection.id,
                     data=data, today=TODAY)


@pytest.mark.parametrize("who", ["second", "manager"])
def test_a_second_inspector_or_a_manager_signs_off_the_draft(session, who):
    world = build(session)
    assert _review(session, world, who, outcome="signed_off") == "signed_off"
    view = report_issue.report_page(session=session, actor=f.actor(world.lead), inspection_id=world.inspection.id,
                                    today=TODAY)
    assert view.qa_signed_off and [r.outcome_label for r in view.qa_reviews] == ["Signed off"]
    assert view.can_send_draft and not view.may_review
    assert session.exec(select(AuditEvent).where(AuditEvent.action == "report.qa_signed_off")).first()


@pytest.mark.parametrize("who", ["lead", "north_lead", "stakeholder", "admin"])
def test_the_lead_inspector_and_people_outside_cqc_cannot_quality_assure(session, who):
    world = build(session)
    with pytest.raises(PermissionDenied):
        _review(session, world, who, outcome="signed_off")
    assert session.exec(select(QaReview)).first() is None


def test_a_return_needs_comments_and_withdraws_an_earlier_sign_off(session):
    world = build(session)
    _review(session, world, "second", outcome="signed_off")
    with pytest.raises(InvalidInput) as missing:
        _review(session, world, "manager", outcome="returned", comments="   ")
    assert "comments" in missing.value.errors
    _review(session, world, "manager", outcome="returned", comments="Explain the evidence under S2.")
    facts = stage_facts.facts_for(session, world.inspection, TODAY)
    assert not facts.qa_signed_off
    result = report_issue.send_draft(session=session, actor=f.actor(world.lead), inspection_id=world.inspection.id,
                                     today=TODAY)
    assert not result.allowed


def test_quality_assurance_happens_only_at_its_stage(session):
    world = build(session, stage=Stage.DRAFTING)
    with pytest.raises(InvalidInput):
        _review(session, world, "second", outcome="signed_off")


@pytest.mark.parametrize("data", [{"outcome": "approved"}, {"outcome": None}, {"outcome": ["signed_off"]}, "x",
                                  {"outcome": "returned", "comments": "x" * 5000}])
def test_forged_reviews_are_refused(session, data):
    world = build(session)
    with pytest.raises(InvalidInput):
        qa.review(session=session, actor=f.actor(world.second), inspection_id=world.inspection.id, data=data,
                  today=TODAY)
