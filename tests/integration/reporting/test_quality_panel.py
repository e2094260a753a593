"""The independent quality panel: opened by a changed key question, members outside the team, the gate."""

import pytest

from safehouse_portal.db import InspectionTeamMember

from safehouse_portal.domain.enums import Stage
from safehouse_portal.domain.lifecycle import QUALITY_PANEL_OPEN
from safehouse_portal.services.core.errors import InvalidInput, PermissionDenied
from safehouse_portal.services.programme import board
from safehouse_portal.services.reporting import fa_decisions, factual_accuracy, library, qa, quality_panel
from safehouse_portal.services.reporting import issue as report_issue
from tests.integration.worlds import factories as f
from tests.integration.worlds.report_world import ORIGINAL_S1, TODAY, build


def _changed_at_finalising(session, world, *, section="kloe-S1", new_rating="meeting", significant=False):
    """The draft sent, one comment accepted with ``new_rating``, the check closed (at finalising)."""
    qa.review(session=session, actor=f.actor(world.second), inspection_id=world.inspection.id,
              data={"outcome": "signed_off"}, today=TODAY)
    assert report_issue.send_draft(session=session, actor=f.actor(world.lead), inspection_id=world.inspection.id,
                                   today=TODAY).allowed
    provider = f.actor(world.north_lead)
    comment = factual_accuracy.add_comment(session=session, actor=provider, inspection_id=world.inspection.id, data={
        "section_key": section, "kind": "factual_error", "text_concerned": ORIGINAL_S1,
        "proposed_correction": "Every review was on time."}, today=TODAY)
    factual_accuracy.declare_done(session=session, actor=provider, inspection_id=world.inspection.id, today=TODAY)
    fa_decisions.decide(session=session, actor=f.actor(world.lead), inspection_id=world.inspection.id, data={
        "comment_id": str(comment), "decision": "accepted", "reason": "The audit shows the dates.",
        "new_rating": new_rating, **({"significant": "on"} if significant else {})}, today=TODAY)
    assert report_issue.close_factual_accuracy(session=session, actor=f.actor(world.lead),
                                               inspection_id=world.inspection.id, today=TODAY).allowed
    session.commit()


def _issue(session, world):
    result = report_issue.issue_final(session=session, actor=f.actor(world.lead), inspection_id=world.inspection.id,
                                      today=TODAY)
    session.commit()
    return result


def test_a_changed_key_question_opens_a_review_that_refuses_the_final_report_until_the_outcome(session):
    world = build(session)
    _changed_at_finalising(session, world)
    page = report_issue.report_page(session=session, actor=f.actor(world.lead), inspection_id=world.inspection.id,
                                    today=TODAY)
    assert page.quality_panel.open and not page.can_issue
    assert page.quality_panel.blocking_reason == QUALITY_PANEL_OPEN
    refused = _issue(session, world)
    assert not refused.allowed and refused.reasons == (QUALITY_PANEL_OPEN,)
    session.refresh(world.inspection)
    assert world.inspection.stage is Stage.FINALISING and world.inspection.final_issued_on is None
    card = next(c for col in board.board_view(session=session, actor=f.actor(world.manager), today=TODAY).columns
                for c in col.cards if c.inspection_id == world.inspection.id)
    assert any(QUALITY_PANEL_OPEN in flag for flag in card.flags)

    manager, member = f.actor(world.manager), f.actor(world.outsider)
    quality_panel.name_member(session=session, actor=manager, inspection_id=world.inspection.id,
                              data={"member": str(world.outsider.id)})
    with pytest.raises(InvalidInput, match="not recorded a view"):
        quality_panel.record_outcome(session=session, actor=manager, inspection_id=world.inspection.id,
                                     data={"outcome": "uphold", "outcome_reason": "Fine."}, today=TODAY)
    view = quality_panel.panel_page(session=session, actor=member, inspection_id=world.inspection.id)
    assert view.may_record_view and [c.decision for c in view.comments] == ["accepted"]
    assert any("Meeting requirements" in change.what for change in view.changes)
    quality_panel.record_view(session=session, actor=member, inspection_id=world.inspection.id,
                              data={"view": "disagree", "reasons": "One audit is not enough."}, today=TODAY)
    more = quality_panel.record_outcome(session=session, actor=manager, inspection_id=world.inspection.id,
                                        data={"outcome": "more_evidence", "outcome_reason": "Send the audit."},
                                        today=TODAY)
    session.commit()
    assert more.open and not _issue(session, world).allowed
    closed = quality_panel.record_outcome(session=session, actor=manager, inspection_id=world.inspection.id,
                                          data={"outcome": "uphold", "outcome_reason": "The audit confirms it."},
                                          today=TODAY)
    session.commit()
    assert not closed.open
    assert _issue(session, world).allowed
    sent = library.provider_documents(session=session, actor=f.actor(world.north_lead))
    final = next(d for d in sent if d.name == "report-final")
    assert "upheld it" in final.panel_outcome and "The audit confirms it." in final.panel_outcome


def test_a_kloe_change_that_leaves_the_key_question_alone_does_not_go_to_the_panel(session):
    world = build(session)
    _changed_at_finalising(session, world, section="kloe-S2", new_rating="requires_improvement")
    session.refresh(world.inspection)
    assert world.inspection.quality_panel_flag
    assert not quality_panel.summary(session, world.inspection.id).exists
    assert _issue(session, world).allowed


def test_a_kloe_change_the_inspector_marks_significant_goes_to_the_panel(session):
    world = build(session)
    _changed_at_finalising(session, world, section="kloe-S2", new_rating="requires_improvement", significant=True)
    assert quality_panel.summary(session, world.inspection.id).open
    assert not _issue(session, world).allowed


def test_panel_members_must_not_be_on_the_team_and_only_members_record_views(session):
    world = build(session)
    _changed_at_finalising(session, world)
    manager = f.actor(world.manager)
    session.add(InspectionTeamMember(inspection_id=world.inspection.id, user_id=world.second.id))
    session.commit()
    for member in (world.lead, world.second):
        with pytest.raises(InvalidInput, match="was on the inspection team"):
            quality_panel.name_member(session=session, actor=manager, inspection_id=world.inspection.id,
                                      data={"member": str(member.id)})
    for forged in (str(world.north_lead.id), str(world.stakeholder.id), "abc", None, ["1"]):
        with pytest.raises(InvalidInput):
            quality_panel.name_member(session=session, actor=manager, inspection_id=world.inspection.id,
                                      data={"member": forged})
    for who in (world.lead, world.outsider, world.north_lead, world.stakeholder, world.admin):
        with pytest.raises(PermissionDenied):
            quality_panel.name_member(session=session, actor=f.actor(who), inspection_id=world.inspection.id,
                                      data={"member": str(world.outsider.id)})
    for who in (world.outsider, world.lead, world.north_lead):
        with pytest.raises(PermissionDenied):
            quality_panel.record_view(session=session, actor=f.actor(who), inspection_id=world.inspection.id,
                                      data={"view": "agree", "reasons": "x"}, today=TODAY)
    with pytest.raises(PermissionDenied):
        quality_panel.panel_page(session=session, actor=f.actor(world.outsider), inspection_id=world.inspection.id)
    with pytest.raises(PermissionDenied):
        quality_panel.record_outcome(session=session, actor=f.actor(world.lead), inspection_id=world.inspection.id,
                                     data={"outcome": "revert", "outcome_reason": "x"}, today=TODAY)
    quality_panel.name_member(session=session, actor=manager, inspection_id=world.inspection.id,
                              data={"member": str(world.outsider.id)})
    with pytest.raises(InvalidInput) as bad:
        quality_panel.record_view(session=session, actor=f.actor(world.outsider), inspection_id=world.inspection.id,
                                  data={"view": "maybe", "reasons": ""}, today=TODAY)
    assert set(bad.value.errors) == {"view", "reasons"}
