"""Forged calls to the good-practice and quality panel pages' handlers: refused, nothing kept, nothing shown."""

import pytest
from sqlmodel import select

from safehouse_portal import routes
from safehouse_portal.db import GoodPracticeClearance, GoodPracticeEntry, GoodPracticeTrial, QualityPanelMember
from safehouse_portal.domain.enums import Stage
from safehouse_portal.portals.learning.library_page import EntryState
from safehouse_portal.portals.learning.nominate import NominateState
from safehouse_portal.portals.learning.review import NominationState
from safehouse_portal.portals.reporting.quality_panel_page import QualityPanelState
from safehouse_portal.services.learning import nominations
from safehouse_portal.services.reporting import quality_panel
from tests.integration.worlds import factories as f
from tests.integration.worlds.forged import call
from tests.integration.worlds.report_world import TODAY, build

EXAMPLE = {"title": "Counselling in Albanian", "what_they_do": "Riverside House works with a partner charity.",
           "why_it_works": "Survivors speak in their own language.", "theme_language_and_interpretation": "on"}


@pytest.mark.parametrize("who", ["outsider", "north_lead", "south_lead", "stakeholder", "admin", None])
def test_forged_nominations_and_reviews_change_nothing(browser_as, session, who):
    world = build(session, Stage.DRAFTING)
    entry_id = nominations.nominate(session=session, actor=f.actor(world.lead), inspection_id=world.inspection.id,
                                    kloe_code="C1", data=EXAMPLE, today=TODAY)
    session.commit()
    user = getattr(world, who) if who else None
    nominate = browser_as(user, NominateState, routes.nominate_good_practice(world.inspection.id, "C1"))
    call(nominate, "save", EXAMPLE)
    review = browser_as(user, NominationState, routes.nomination(entry_id))
    call(review, "load")
    assert review.view.title == "" and review.view.what_they_do == ""
    call(review, "clear", {"term": "riverside house", "reason": "forged"})
    call(review, "publish")
    call(review, "send_back", {"returned_reason": "forged"})
    call(review, "save", {**EXAMPLE, "title": "Forged"})
    session.expire_all()
    assert session.exec(select(GoodPracticeEntry.title, GoodPracticeEntry.status)).all() == [
        ("Counselling in Albanian", "nominated")]
    assert session.exec(select(GoodPracticeClearance)).all() == []


def test_the_manager_is_refused_publishing_from_the_page_until_the_name_is_resolved(browser_as, session):
    world = build(session, Stage.DRAFTING)
    entry_id = nominations.nominate(session=session, actor=f.actor(world.lead), inspection_id=world.inspection.id,
                                    kloe_code="C1", data=EXAMPLE, today=TODAY)
    session.commit()
    review = browser_as(world.manager, NominationState, routes.nomination(entry_id))
    call(review, "load")
    call(review, "publish")
    assert "Riverside House" in review.errors["publish"]
    call(review, "clear", {"term": "riverside house", "reason": "A different service of the same name? No: test."})
    call(review, "publish")
    assert review.view.status == "published" and review.errors == {}
    tried = browser_as(world.stakeholder, EntryState, routes.good_practice_entry(entry_id))
    call(tried, "tried", {"how_it_went": "forged"})
    assert session.exec(select(GoodPracticeTrial)).all() == []


@pytest.mark.parametrize("who", ["outsider", "lead", "north_lead", "stakeholder", None])
def test_forged_panel_calls_change_nothing(browser_as, session, who):
    world = build(session, Stage.FINALISING)
    quality_panel.open_review(session, f.actor(world.lead), world.inspection, "Safe changed.")
    session.commit()
    state = browser_as(getattr(world, who) if who else None, QualityPanelState, routes.quality_panel(world.inspection.id))
    call(state, "load")
    assert state.view.reasons == [] or who == "lead"
    call(state, "name_member", {"member": str(world.outsider.id)})
    call(state, "record_view", {"view": "agree", "reasons": "forged"})
    call(state, "record_outcome", {"outcome": "uphold", "outcome_reason": "forged"})
    session.expire_all()
    assert session.exec(select(QualityPanelMember)).all() == []
    assert quality_panel.summary(session, world.inspection.id).open
