"""The report's journey: QA sign-off, draft sent, comments decided, final issued to three recipients."""

import io

import pytest
from pypdf import PdfReader
from sqlmodel import select

from safehouse_portal.db import AuditEvent, FactualAccuracyComment, ReportIssue, ReportSnapshot
from safehouse_portal.domain.enums import Stage
from safehouse_portal.services.reporting import documents
from safehouse_portal.services.reporting import fa_decisions
from safehouse_portal.services.reporting import factual_accuracy
from safehouse_portal.services.reporting import qa, quality_panel
from safehouse_portal.domain.lifecycle import QUALITY_PANEL_OPEN
from safehouse_portal.services.reporting import issue as report_issue
from safehouse_portal.services.core.errors import InvalidInput, NotFound, PermissionDenied
from tests.integration.worlds import factories as f
from tests.integration.worlds.report_world import ORIGINAL_S1, TODAY, assessment, build

S1_TITLE = "S1 Safeguarding from abuse"


def _text(pdf: bytes) -> str:
    """The PDF's words, with line breaks and wrapping undone."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())


def _signed_off_and_sent(session, world):
    qa.review(session=session, actor=f.actor(world.second), inspection_id=world.inspection.id,
              data={"outcome": "signed_off"}, today=TODAY)
    result = report_issue.send_draft(session=session, actor=f.actor(world.lead), inspection_id=world.inspection.id,
                                     today=TODAY)
    assert result.allowed, result.reasons


def test_the_draft_cannot_go_to_the_provider_before_quality_assurance_signs_it_off(session):
    world = build(session)
    result = report_issue.send_draft(session=session, actor=f.actor(world.lead), inspection_id=world.inspection.id,
                                     today=TODAY)
    assert not result.allowed
    assert "Quality assurance has not signed off the draft report." in result.reasons
    session.refresh(world.inspection)
    assert world.inspection.draft_sent_on is None
    assert session.exec(select(ReportSnapshot)).first() is None


def test_sending_the_signed_off_draft_keeps_it_as_sent_and_opens_the_window(session):
    world = build(session)
    _signed_off_and_sent(session, world)
    session.refresh(world.inspection)
    assert world.inspection.stage is Stage.FACTUAL_ACCURACY
    assert world.inspection.draft_sent_on == TODAY
    view = factual_accuracy.provider_view(session=session, actor=f.actor(world.north_lead),
                                          inspection_id=world.inspection.id, today=TODAY)
    assert view.window.open and view.window.due == "5 May 2026"
    assert view.window.countdown == "Due in 10 working days"
    s1 = next(s for s in view.sections if s.key == "kloe-S1")
    assert any(ORIGINAL_S1 in line for line in s1.lines)


def test_only_the_lead_inspector_or_a_manager_sends_the_draft(session):
    world = build(session)
    qa.review(session=session, actor=f.actor(world.manager), inspection_id=world.inspection.id,
              data={"outcome": "signed_off"}, today=TODAY)
    for who in (world.second, world.north_lead, world.stakeholder, world.admin):
        with pytest.raises(PermissionDenied):
            report_issue.send_draft(session=session, actor=f.actor(who), inspection_id=world.inspection.id,
                                    today=TODAY)
    with pytest.raises(PermissionDenied):
        report_issue.send_draft(session=session, actor=None, inspection_id=world.inspection.id, today=TODAY)


def test_accepting_a_comment_that_changes_a_judgement_flags_the_quality_panel_and_the_final_holds_it(session):
    world = build(session)
    _signed_off_and_sent(session, world)
    lead_actor, provider = f.actor(world.lead), f.actor(world.north_lead)
    accepted = factual_accuracy.add_comment(session=session, actor=provider, inspection_id=world.inspection.id, data={
        "section_key": "kloe-S1", "kind": "factual_error", "text_concerned": ORIGINAL_S1,
        "proposed_correction": "Every review was on time; the audit shows the dates."}, today=TODAY)
    rejected = factual_accuracy.add_comment(session=session, actor=provider, inspection_id=world.inspection.id, data={
        "section_key": "summary", "kind": "incomplete_evidence", "text_concerned": "The summary",
        "proposed_correction": "Mention our new garden."}, today=TODAY)
    factual_accuracy.declare_done(session=session, actor=provider, inspection_id=world.inspection.id, today=TODAY)
    session.commit()

    refused = report_issue.close_factual_accuracy(session=session, actor=lead_actor,
                                                  inspection_id=world.inspection.id, today=TODAY)
    assert not refused.allowed
    assert "2 factual accuracy comments still need a decision (accept or reject)." in refused.reasons

    result = fa_decisions.decide(session=session, actor=lead_actor, inspection_id=world.inspection.id, data={
        "comment_id": str(accepted), "decision": "accepted", "reason": "The audit confirms the reviews were on time.",
        "amended_text": "Risk assessments were reviewed on time.", "new_rating": "meeting"}, today=TODAY)
    assert result.changed == ("Safe: judgement: Requires improvement to Meeting requirements",
                              f"{S1_TITLE}: Requires improvement to Meeting requirements")
    fa_decisions.decide(session=session, actor=lead_actor, inspection_id=world.inspection.id, data={
        "comment_id": rejected, "decision": "not_accepted", "reason": "Not a matter of factual accuracy."},
        today=TODAY)
    session.refresh(world.inspection)
    assert world.inspection.quality_panel_flag
    assert "The audit confirms" in world.inspection.quality_panel_reason
    s1 = assessment(session, world.inspection, "S1")
    assert s1.findings == "Risk assessments were reviewed on time." and s1.rating.value == "meeting"
    assert session.exec(select(AuditEvent).where(AuditEvent.action == "report.judgement_changed")).first()

    assert report_issue.close_factual_accuracy(session=session, actor=lead_actor, inspection_id=world.inspection.id,
                                               today=TODAY).allowed
    session.commit()
    held = report_issue.issue_final(session=session, actor=lead_actor, inspection_id=world.inspection.id, today=TODAY)
    assert not held.allowed and held.reasons == (QUALITY_PANEL_OPEN,)
    manager = f.actor(world.manager)
    quality_panel.name_member(session=session, actor=manager, inspection_id=world.inspection.id,
                              data={"member": str(world.outsider.id)})
    quality_panel.record_view(session=session, actor=f.actor(world.outsider), inspection_id=world.inspection.id,
                              data={"view": "agree", "reasons": "The audit dates are convincing."}, today=TODAY)
    quality_panel.record_outcome(session=session, actor=manager, inspection_id=world.inspection.id,
                                 data={"outcome": "uphold", "outcome_reason": "The evidence supports it."}, today=TODAY)
    issued = report_issue.issue_final(session=session, actor=lead_actor, inspection_id=world.inspection.id,
                                      today=TODAY)
    assert issued.allowed, issued.reasons
    session.refresh(world.inspection)
    assert world.inspection.stage is Stage.REPORT_ISSUED and world.inspection.final_issued_on == TODAY
    recipients = session.exec(select(ReportIssue.recipient, ReportIssue.issued_on)).all()
    assert sorted(recipients) == [("home_office", TODAY), ("prime_contractor", TODAY), ("provider", TODAY)]

    final = _text(documents.document(session=session, actor=f.actor(world.stakeholder),
                                     inspection_id=world.inspection.id, name="report-final", today=TODAY).content)
    assert "Risk assessments were reviewed on time." in final and ORIGINAL_S1 not in final
    draft = _text(documents.document(session=session, actor=provider, inspection_id=world.inspection.id,
                                     name="report-draft", today=TODAY).content)
    assert "reviewed late" in draft
    response = _text(documents.document(session=session, actor=provider, inspection_id=world.inspection.id,
                                        name="fa-response", today=TODAY).content)
    assert "Not a matter of factual accuracy." in response and "Accepted" in response
    page = report_issue.report_page(session=session, actor=lead_actor, inspection_id=world.inspection.id,
                                    today=TODAY)
    assert any(c.title.startswith("S1") and "Findings: Risk assessments were reviewed on time." in c.added
               for c in page.changes)
    assert [i.recipient for i in page.issues] == ["The provider", "The prime contractor", "The Home Office"]


def test_a_comment_is_decided_once_and_always_with_a_reason(session):
    world = build(session)
    _signed_off_and_sent(session, world)
    comment = factual_accuracy.add_comment(session=session, actor=f.actor(world.north_lead),
                                           inspection_id=world.inspection.id, data={
        "section_key": "kloe-C1", "kind": "factual_error", "text_concerned": "x", "proposed_correction": "y"},
        today=TODAY)
    lead = f.actor(world.lead)
    with pytest.raises(InvalidInput) as missing:
        fa_decisions.decide(session=session, actor=lead, inspection_id=world.inspection.id,
                            data={"comment_id": comment, "decision": "not_accepted", "reason": "  "}, today=TODAY)
    assert "reason" in missing.value.errors
    fa_decisions.decide(session=session, actor=lead, inspection_id=world.inspection.id,
                        data={"comment_id": comment, "decision": "not_accepted", "reason": "No."}, today=TODAY)
    with pytest.raises(InvalidInput):
        fa_decisions.decide(session=session, actor=lead, inspection_id=world.inspection.id,
                            data={"comment_id": comment, "decision": "accepted", "reason": "Yes."}, today=TODAY)
    session.refresh(world.inspection)
    assert not world.inspection.quality_panel_flag


@pytest.mark.parametrize("who", ["second", "north_lead", "south_lead", "stakeholder", "admin"])
def test_only_the_lead_inspector_or_a_manager_decides_comments(session, who):
    world = build(session)
    _signed_off_and_sent(session, world)
    comment = factual_accuracy.add_comment(session=session, actor=f.actor(world.north_lead),
                                           inspection_id=world.inspection.id, data={
        "section_key": "kloe-S1", "kind": "factual_error", "text_concerned": "x", "proposed_correction": "y"},
        today=TODAY)
    with pytest.raises(PermissionDenied):
        fa_decisions.decide(session=session, actor=f.actor(getattr(world, who)), inspection_id=world.inspection.id,
                            data={"comment_id": comment, "decision": "accepted", "reason": "r",
                                  "new_rating": "not_meeting"}, today=TODAY)
    assert assessment(session, world.inspection, "S1").findings == ORIGINAL_S1


@pytest.mark.parametrize("forged", [{"comment_id": "abc"}, {"comment_id": 10**12}, {"comment_id": True},
                                    {"decision": ["accepted"]}, {"new_rating": {"a": 1}}, {"amended_text": 5}, "x",
                                    None])
def test_forged_decisions_are_refused(session, forged):
    world = build(session)
    _signed_off_and_sent(session, world)
    comment = factual_accuracy.add_comment(session=session, actor=f.actor(world.north_lead),
                                           inspection_id=world.inspection.id, data={
        "section_key": "kloe-S1", "kind": "factual_error", "text_concerned": "x", "proposed_correction": "y"},
        today=TODAY)
    data = {"comment_id": comment, "decision": "accepted", "reason": "r", "new_rating": "not_meeting", **forged} \
        if isinstance(forged, dict) else forged
    with pytest.raises(InvalidInput):
        fa_decisions.decide(session=session, actor=f.actor(world.lead), inspection_id=world.inspection.id,
                            data=data, today=TODAY)
    assert assessment(session, world.inspection, "S1").rating.value == "requires_improvement"


def test_a_comment_of_another_inspection_is_not_found(session):
    world = build(session)
    _signed_off_and_sent(session, world)
    other = f.inspection(session, world.north, world.lead, stage=Stage.FACTUAL_ACCURACY)
    session.add(FactualAccuracyComment(inspection_id=other.id, section_key="summary", kind="factual_error",
                                       text_concerned="a", proposed_correction="b",
                                       submitted_by_id=world.north_lead.id))
    session.commit()
    foreign = session.exec(select(FactualAccuracyComment.id)
                           .where(FactualAccuracyComment.inspection_id == other.id)).one()
    with pytest.raises(NotFound):
        fa_decisions.decide(session=session, actor=f.actor(world.lead), inspection_id=world.inspection.id,
                            data={"comment_id": foreign, "decision": "accepted", "reason": "r"}, today=TODAY)


def test_the_final_report_cannot_be_issued_before_finalising(session):
    world = build(session)
    _signed_off_and_sent(session, world)
    result = report_issue.issue_final(session=session, actor=f.actor(world.lead), inspection_id=world.inspection.id,
                                      today=TODAY)
    assert not result.allowed
    assert session.exec(select(ReportIssue)).first() is None
