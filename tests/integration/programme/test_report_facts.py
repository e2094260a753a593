"""The lifecycle's gates see quality assurance and undecided factual accuracy comments."""

from sqlmodel import select

from safehouse_portal.db import FactualAccuracyComment, QaReview
from safehouse_portal.domain.enums import Stage
from safehouse_portal.services.programme import schedule
from safehouse_portal.services.programme.report_facts import report_facts
from tests.integration.worlds import factories as f
from tests.integration.worlds.report_world import TODAY, build


def test_with_no_review_the_draft_is_not_signed_off_and_nothing_is_undecided(session):
    world = build(session)
    assert report_facts(session, world.inspection) == {"qa_signed_off": False, "fa_comments_undecided": 0,
                                                        "quality_panel_open": False}


def test_the_latest_review_decides_whether_the_draft_is_signed_off(session):
    world = build(session)
    session.add(QaReview(inspection_id=world.inspection.id, reviewer_id=world.second.id, outcome="signed_off"))
    session.commit()
    assert report_facts(session, world.inspection)["qa_signed_off"]
    session.add(QaReview(inspection_id=world.inspection.id, reviewer_id=world.manager.id, outcome="returned",
                         comments="Not yet."))
    session.commit()
    assert not report_facts(session, world.inspection)["qa_signed_off"]


def test_a_signed_off_draft_still_needs_sending_before_factual_accuracy(session):
    world = build(session)
    session.add(QaReview(inspection_id=world.inspection.id, reviewer_id=world.second.id, outcome="signed_off"))
    session.commit()
    result = schedule.move_stage(session=session, actor=f.actor(world.lead), inspection_id=world.inspection.id,
                                 target="factual_accuracy", reason=None, today=TODAY)
    assert result.reasons == ("The draft report has not been sent to the provider.",)


def test_undecided_comments_hold_the_check_open(session):
    world = build(session, stage=Stage.FACTUAL_ACCURACY)
    world.inspection.draft_sent_on, world.inspection.fa_declined = TODAY, True
    session.add(world.inspection)
    for decision in (None, None, "accepted"):
        session.add(FactualAccuracyComment(inspection_id=world.inspection.id, section_key="summary",
                                           kind="factual_error", text_concerned="a", proposed_correction="b",
                                           submitted_by_id=world.north_lead.id, decision=decision))
    session.commit()
    assert report_facts(session, world.inspection)["fa_comments_undecided"] == 2
    result = schedule.move_stage(session=session, actor=f.actor(world.lead), inspection_id=world.inspection.id,
                                 target="finalising", reason=None, today=TODAY)
    assert not result.allowed
    assert "2 factual accuracy comments still need a decision (accept or reject)." in result.reasons
    assert session.exec(select(FactualAccuracyComment)).all()
