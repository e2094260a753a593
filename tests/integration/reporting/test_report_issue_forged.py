"""Forged calls to the report pages' handlers: other providers, wrong roles, no session, odd arguments.

Each is refused, and nothing of the report reaches the forging browser's State.
"""


import pytest
from sqlmodel import select

from safehouse_portal import routes
from safehouse_portal.db import FactualAccuracyComment, QaReview, ReportIssue, StoredFile
from safehouse_portal.domain.enums import Stage
from safehouse_portal.portals.reporting.common import EMPTY_PAGE, EMPTY_PROVIDER
from safehouse_portal.portals.reporting.provider_fa import ProviderFaState
from safehouse_portal.portals.reporting.report_page import ReportPageState
from safehouse_portal.portals.reporting.stakeholder_reports import ReportsState
from safehouse_portal.services.reporting import qa
from safehouse_portal.services.reporting import issue as report_issue
from tests.integration.worlds import factories as f
from tests.integration.worlds.forged import call
from tests.integration.worlds.report_world import ORIGINAL_S1, TODAY, assessment, build

COMMENT = {"section_key": "kloe-S1", "kind": "factual_error", "text_concerned": "late",
           "proposed_correction": "on time"}


@pytest.fixture
def sent(session, monkeypatch):
    """North's draft signed off and sent; the pages see today as the day it was sent."""
    import safehouse_portal.portals.reporting.provider_fa as provider_fa
    import safehouse_portal.portals.reporting.report_page as report_page

    monkeypatch.setattr(provider_fa, "today", lambda: TODAY)
    monkeypatch.setattr(report_page, "today", lambda: TODAY)
    world = build(session)
    qa.review(session=session, actor=f.actor(world.second), inspection_id=world.inspection.id,
              data={"outcome": "signed_off"}, today=TODAY)
    assert report_issue.send_draft(session=session, actor=f.actor(world.lead), inspection_id=world.inspection.id,
                                   today=TODAY).allowed
    return world


@pytest.mark.parametrize("who", ["south_lead", "stakeholder", "admin", None])
def test_the_report_page_shows_nothing_to_people_outside_the_inspection(browser_as, sent, who):
    state = browser_as(getattr(sent, who) if who else None, ReportPageState,
                       f"/inspections/{sent.inspection.id}/report")
    call(state, "load")
    assert state.view == EMPTY_PAGE
    assert who is None or state.not_permitted


@pytest.mark.parametrize("who", ["north_lead", "south_lead", "stakeholder", "second", None])
def test_forged_report_actions_change_nothing(browser_as, session, sent, who):
    state = browser_as(getattr(sent, who) if who else None, ReportPageState,
                       f"/inspections/{sent.inspection.id}/report")
    for handler in ("send_draft", "close_factual_accuracy", "issue_final"):
        call(state, handler)
        assert state.notice == "" and state.view == EMPTY_PAGE
    call(state, "decide", {"comment_id": "1", "decision": "accepted", "reason": "x", "new_rating": "not_meeting"})
    assert state.notice == "" and state.view == EMPTY_PAGE
    session.refresh(sent.inspection)
    assert sent.inspection.stage is Stage.FACTUAL_ACCURACY
    assert session.exec(select(ReportIssue)).first() is None
    assert assessment(session, sent.inspection, "S1").findings == ORIGINAL_S1


@pytest.mark.parametrize("form", ["not a form", None, 7, {"outcome": {"$ne": 1}}, {"outcome": "signed_off", 1: 2}])
def test_a_lead_cannot_sign_off_their_own_draft_whatever_they_send(browser_as, session, form):
    world = build(session)
    state = browser_as(world.lead, ReportPageState, f"/inspections/{world.inspection.id}/report")
    call(state, "review_qa", form)
    assert state.qa_errors and state.notice == ""
    assert session.exec(select(QaReview)).first() is None


def test_a_forged_path_id_loads_nothing(browser_as, sent):
    for path in ("/inspections/abc/report", "/inspections/99999/report", "/inspections/-1/report"):
        state = browser_as(sent.lead, ReportPageState, path)
        call(state, "load")
        assert state.not_permitted and state.view == EMPTY_PAGE


@pytest.mark.parametrize("who", ["south_lead", "stakeholder", "lead", None])
def test_another_provider_or_staff_cannot_use_the_providers_form(browser_as, session, sent, who):
    state = browser_as(getattr(sent, who) if who else None, ProviderFaState,
                       f"/provider/factual-accuracy/{sent.inspection.id}")
    call(state, "load")
    assert state.view == EMPTY_PROVIDER
    call(state, "add_comment", COMMENT)
    call(state, "declare_done")
    assert state.notice == "" and state.view == EMPTY_PROVIDER
    assert session.exec(select(FactualAccuracyComment)).first() is None
    session.refresh(sent.inspection)
    assert not sent.inspection.fa_declined


@pytest.mark.parametrize("form", [{**COMMENT, "section_key": "recommendations"}, {**COMMENT, "kind": "complaint"},
                                  {**COMMENT, "text_concerned": ""}, {**COMMENT, "proposed_correction": "x" * 4001},
                                  "x", None])
def test_the_providers_own_lead_is_refused_a_malformed_comment(browser_as, session, sent, form):
    state = browser_as(sent.north_lead, ProviderFaState, f"/provider/factual-accuracy/{sent.inspection.id}")
    call(state, "load")
    call(state, "add_comment", form)
    assert state.errors and state.notice == ""
    assert session.exec(select(FactualAccuracyComment)).first() is None


def test_the_providers_own_lead_comments_and_declares_done_through_the_page(browser_as, session, sent):
    state = browser_as(sent.north_lead, ProviderFaState, f"/provider/factual-accuracy/{sent.inspection.id}")
    call(state, "load")
    assert state.view.window.open and not state.not_permitted
    call(state, "add_comment", {**COMMENT, "file_ids": "1"})
    assert session.exec(select(FactualAccuracyComment.file_ids)).one() == []
    assert state.notice.startswith("Your comment was sent")
    assert [c.text_concerned for s in state.view.sections for c in s.comments] == ["late"]
    call(state, "declare_done")
    assert not state.view.window.open and state.view.window.countdown.startswith("Closed early")


@pytest.mark.parametrize("who", ["north_lead", "lead", None])
def test_only_stakeholders_and_managers_list_the_final_reports(browser_as, sent, who):
    state = browser_as(getattr(sent, who) if who else None, ReportsState, "/reports")
    call(state, "load")
    assert state.reports == []
    assert who is None or state.not_permitted


def test_the_lead_decides_through_the_page_and_sees_the_quality_panel_flag(browser_as, session, sent):
    from safehouse_portal.services.reporting import factual_accuracy

    comment = factual_accuracy.add_comment(session=session, actor=f.actor(sent.north_lead),
                                           inspection_id=sent.inspection.id, data=COMMENT, today=TODAY)
    state = browser_as(sent.lead, ReportPageState, f"/inspections/{sent.inspection.id}/report")
    call(state, "load")
    assert [(d.comment.id, d.section_kind, d.current_rating) for d in state.view.decisions] == \
        [(comment, "kloe", "requires_improvement")]
    call(state, "decide", {"comment_id": str(comment), "decision": "accepted", "reason": "Audit shows it.",
                           "amended_text": "Reviewed on time.", "new_rating": "meeting"})
    assert state.notice.startswith(f"Comment {comment} accepted. Judgements changed:")
    assert state.view.quality_panel_flag and state.view.decisions[0].comment.decided


def test_stakeholders_list_a_final_report_once_it_is_issued(browser_as, session, sent):
    from safehouse_portal.services.reporting import factual_accuracy

    factual_accuracy.declare_done(session=session, actor=f.actor(sent.north_lead), inspection_id=sent.inspection.id,
                                  today=TODAY)
    for step in (report_issue.close_factual_accuracy, report_issue.issue_final):
        assert step(session=session, actor=f.actor(sent.lead), inspection_id=sent.inspection.id, today=TODAY).allowed
    state = browser_as(sent.stakeholder, ReportsState, "/reports")
    call(state, "load")
    assert [(r.group_name, r.issued_on, routes.document(r.inspection_id, "report-final")) for r in state.reports] == [
        ("Riverside safehouses", "20 April 2026", f"/documents/inspections/{sent.inspection.id}/report-final.pdf")]


PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


class FakeUpload:
    """What Reflex hands an upload handler: a name and bytes to read."""

    def __init__(self, filename: str, content: bytes = PDF) -> None:
        self.filename, self._content = filename, content

    async def read(self, size: int = -1) -> bytes:
        return self._content if size < 0 else self._content[:size]


def _comment_files(session, section_key: str) -> list[int]:
    return session.exec(select(FactualAccuracyComment.file_ids)
                        .where(FactualAccuracyComment.section_key == section_key)).one()


def _rota_attached_to_s1(browser_as, sent):
    """North's lead on the form, with rota.pdf uploaded in S1's comment form; and another section's key."""
    state = browser_as(sent.north_lead, ProviderFaState, f"/provider/factual-accuracy/{sent.inspection.id}")
    call(state, "load")
    call(state, "attach_evidence_to", "kloe-S1")
    call(state, "attach_files", [FakeUpload("rota.pdf")])
    return state, next(s.key for s in state.view.sections if s.key != "kloe-S1")


def test_evidence_attached_in_a_sections_form_goes_with_that_sections_comment_only(browser_as, session, sent):
    state, other = _rota_attached_to_s1(browser_as, sent)
    assert state.evidence_for == "kloe-S1" and [p.name for p in state.pending] == ["rota.pdf"]
    call(state, "add_comment", {**COMMENT, "section_key": other})
    assert _comment_files(session, other) == []
    assert [p.name for p in state.pending] == ["rota.pdf"], "the evidence waits for its own comment"
    call(state, "add_comment", COMMENT)
    assert len(_comment_files(session, "kloe-S1")) == 1
    s1 = next(s for s in state.view.sections if s.key == "kloe-S1")
    assert [f.name for c in s1.comments for f in c.files] == ["rota.pdf"]
    assert state.pending == [] and state.evidence_for == ""


def test_moving_the_evidence_box_to_another_comment_says_the_unsent_files_were_dropped(browser_as, session, sent):
    state, other = _rota_attached_to_s1(browser_as, sent)
    call(state, "attach_evidence_to", other)
    assert state.evidence_for == other and state.pending == []
    assert "1 file(s) chosen for your unsent comment on another section were not attached" in state.upload_error
    call(state, "add_comment", COMMENT)
    assert _comment_files(session, "kloe-S1") == []


@pytest.mark.parametrize("section", ["", "nope", "recommendations", {"key": "kloe-S1"}, None, 3])
def test_evidence_cannot_be_attached_without_choosing_a_section_of_the_draft(browser_as, session, sent, section):
    state = browser_as(sent.north_lead, ProviderFaState, f"/provider/factual-accuracy/{sent.inspection.id}")
    call(state, "load")
    call(state, "attach_evidence_to", section)
    call(state, "attach_files", [FakeUpload("rota.pdf")])
    assert state.evidence_for == "" and state.pending == []
    assert state.upload_error == "Choose the comment to attach evidence to first."
    assert session.exec(select(StoredFile).where(StoredFile.original_name == "rota.pdf")).all() == []


@pytest.mark.parametrize("who", ["south_lead", "lead", None])
def test_nobody_but_the_providers_lead_can_attach_evidence(browser_as, session, sent, who):
    state = browser_as(getattr(sent, who) if who else None, ProviderFaState,
                       f"/provider/factual-accuracy/{sent.inspection.id}")
    call(state, "load")
    call(state, "attach_evidence_to", "kloe-S1")
    call(state, "attach_files", [FakeUpload("rota.pdf")])
    assert state.evidence_for == "" and state.pending == []
    assert session.exec(select(StoredFile).where(StoredFile.original_name == "rota.pdf")).all() == []


@pytest.mark.parametrize("path", ["{other}", "99999", "abc"])
def test_a_lead_sees_page_not_found_alike_for_another_providers_inspection_and_one_that_does_not_exist(
        browser_as, sent, path):
    state = browser_as(sent.south_lead, ProviderFaState,
                       "/provider/factual-accuracy/" + path.format(other=sent.inspection.id))
    call(state, "load")
    assert state.page_not_found and state.not_permitted
    assert state.view == EMPTY_PROVIDER


def test_staff_refused_by_role_still_read_not_permitted_not_page_not_found(browser_as, sent):
    state = browser_as(sent.lead, ProviderFaState, f"/provider/factual-accuracy/{sent.inspection.id}")
    call(state, "load")
    assert state.not_permitted and not state.page_not_found
