"""Inspectors' survey results (suppressed when small), survey evidence on a KLOE, paper responses, printing."""

from datetime import timedelta

import pytest
from pypdf import PdfReader
from io import BytesIO
from sqlalchemy import inspect as schema
from sqlmodel import func, select

from safehouse_portal import routes
from safehouse_portal.db import AuditEvent, EvidenceItem, SurveyEvidence, SurveyResponse
from safehouse_portal.domain.survey_results import HIDDEN_TEXT
from safehouse_portal.portals.survey.link_panels import ProviderSurveyState
from safehouse_portal.portals.survey.results_page import SurveyResultsState
from safehouse_portal.services.core.errors import InvalidInput, NotFound, PermissionDenied
from safehouse_portal.services.framework.versions import ensure_default_framework
from safehouse_portal.services.survey import evidence, paper, printables, results
from tests.integration.worlds import factories as f
from tests.integration.worlds.forged import call
from tests.integration.worlds.survey_world import SECRET_ANSWER, SURVEY_TODAY, add_link, add_response

GOOD = "The staff helped me find a college course"


@pytest.fixture
def world(session, request):
    """The survey world on the default framework (so KLOE S1 exists), with an open link."""
    ensure_default_framework(session=session)
    session.commit()
    w = request.getfixturevalue("survey_world")
    w["link"] = add_link(session, w["inspection"], SURVEY_TODAY + timedelta(days=14))
    return w


def _answers(session, link, n: int, **extra) -> None:
    for i in range(n):
        add_response(session, link, {"support": "yes" if i else "no", **extra})


def _results(session, w, who="lead", language=""):
    return results.inspection_results(session=session, actor=f.actor(w[who]), inspection_id=w["inspection"].id,
                                      language=language, today=SURVEY_TODAY)


def test_the_survey_response_table_has_no_column_that_could_identify_anyone(session, world):
    add_response(session, world["link"], {"support": "yes"})
    columns = {c["name"] for c in schema(session.get_bind()).get_columns("survey_response")}
    assert columns == {"id", "link_id", "question_set_id", "language", "day", "channel", "answers"}
    row = session.exec(select(SurveyResponse)).one()
    assert (row.day, row.channel, row.answers) == (SURVEY_TODAY, "online", {"support": "yes"})
    assert len(row.id) == 32 and not row.id.isdigit()


def test_four_responses_show_no_counts_and_no_comments(session, world):
    _answers(session, world["link"], 4, good=SECRET_ANSWER)
    view = _results(session, world)
    assert view.total == 4 and view.comments_hidden and view.comments == []
    assert all(q.hidden and q.options == [] for q in view.questions)
    assert SECRET_ANSWER not in repr(view)


def test_five_responses_show_counts_percentages_and_comments_and_the_viewing_is_audited(session, world):
    _answers(session, world["link"], 5, good=GOOD)
    view = _results(session, world, who="manager")
    support = next(q for q in view.questions if q.code == "support")
    assert {o.value: (o.count, o.percent) for o in support.options}["yes"] == (4, "80.0%")
    assert [c.text for c in view.comments] == [GOOD] * 5
    assert session.exec(select(AuditEvent).where(AuditEvent.action == "survey.comments_viewed")).first()


def test_a_language_with_fewer_than_five_responses_is_hidden_when_filtered(session, world):
    _answers(session, world["link"], 6, good=GOOD)
    add_response(session, world["link"], {"support": "no", "good": SECRET_ANSWER})
    session.exec(select(SurveyResponse)).all()[0].language = "ar"
    session.commit()
    view = _results(session, world, language="ar")
    assert view.shown_responses == 1 and view.responses_hidden and view.comments_hidden
    assert "fewer than 5" in next(o.label for o in view.languages if o.code == "ar")


@pytest.mark.parametrize("who", ["north_lead", "south_lead", "outsider", "admin", "stakeholder"])
def test_no_one_off_the_inspection_sees_its_results(session, world, who):
    with pytest.raises(PermissionDenied):
        _results(session, world, who=who)


def test_a_comment_becomes_kloe_evidence_but_is_quoted_in_a_report_only_once_checked(session, world):
    _answers(session, world["link"], 5, good=GOOD)
    ref = _results(session, world).comments[0].ref
    lead, iid = f.actor(world["lead"]), world["inspection"].id
    eid = evidence.add_as_evidence(session=session, actor=lead, inspection_id=iid, today=SURVEY_TODAY, data={
        "kind": "comment", "ref": ref, "kloe": "S1", "supports": "supports", "robustness": "moderate"})
    row = session.get(SurveyEvidence, eid)
    item = session.get(EvidenceItem, row.evidence_item_id)
    assert item.source == "survivor_survey" and GOOD in item.summary
    with pytest.raises(InvalidInput) as refused:
        evidence.use_in_report(session=session, actor=lead, inspection_id=iid, evidence_id=eid, use=True)
    assert "identifying details" in refused.value.errors["form"]
    evidence.mark_checked(session=session, actor=lead, inspection_id=iid, evidence_id=eid,
                          quote="The staff helped me find a course")
    evidence.use_in_report(session=session, actor=lead, inspection_id=iid, evidence_id=eid, use=True)
    assert evidence.report_quotes(session, iid) == [(item.id, "The staff helped me find a course")]
    assert "find a course" in session.get(EvidenceItem, item.id).summary


def test_a_result_becomes_evidence_but_a_hidden_one_cannot(session, world):
    _answers(session, world["link"], 4)
    lead, iid = f.actor(world["lead"]), world["inspection"].id
    data = {"kind": "result", "question": "support", "kloe": "S1", "supports": "supports", "robustness": "strong"}
    with pytest.raises(InvalidInput):
        evidence.add_as_evidence(session=session, actor=lead, inspection_id=iid, today=SURVEY_TODAY, data=data)
    add_response(session, world["link"], {"support": "yes"})
    eid = evidence.add_as_evidence(session=session, actor=lead, inspection_id=iid, today=SURVEY_TODAY, data=data)
    summary = session.get(EvidenceItem, session.get(SurveyEvidence, eid).evidence_item_id).summary
    assert "Yes 4 (80.0%)" in summary


def test_a_programme_manager_reads_results_but_cannot_add_evidence(session, world):
    _answers(session, world["link"], 5, good=GOOD)
    with pytest.raises(PermissionDenied):
        evidence.add_as_evidence(session=session, actor=f.actor(world["manager"]), inspection_id=world["inspection"].id,
                                 today=SURVEY_TODAY, data={"kind": "result", "question": "support", "kloe": "S1",
                                                           "supports": "supports", "robustness": "strong"})


def test_a_paper_questionnaire_counts_as_a_paper_response_even_after_the_link_closes(session, world):
    later = world["link"].closes_on + timedelta(days=3)
    paper.enter_paper_response(session=session, actor=f.actor(world["member"]), inspection_id=world["inspection"].id,
                               language="ar", answers={"support": "partly", "good": "Kind staff"}, today=later)
    row = session.exec(select(SurveyResponse)).one()
    assert (row.channel, row.language, row.answers, row.day) == ("paper", "ar", {"support": "partly",
                                                                                "good": "Kind staff"}, later)
    assert _results(session, world).paper == 1
    with pytest.raises(InvalidInput) as refused:
        paper.enter_paper_response(session=session, actor=f.actor(world["member"]),
                                   inspection_id=world["inspection"].id, language="en",
                                   answers={"support": "maybe"}, today=SURVEY_TODAY)
    assert "support" in refused.value.errors


def _pdf_text(content: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(BytesIO(content)).pages)


def test_the_provider_lead_prints_posters_and_cards_with_no_answer_but_never_the_paper_form(session, world):
    add_response(session, world["link"], {"support": "yes", "good": SECRET_ANSWER})
    lead = f.actor(world["north_lead"])
    for name in ("poster-en", "cards-ar"):
        doc = printables.printable(session=session, actor=lead, inspection_id=world["inspection"].id, name=name,
                                   today=SURVEY_TODAY, address_for=lambda t: "http://x" + routes.survey(t))
        assert doc.content.startswith(b"%PDF") and SECRET_ANSWER not in _pdf_text(doc.content)
    assert "T" * 32 in _pdf_text(printables.printable(
        session=session, actor=lead, inspection_id=world["inspection"].id, name="poster-en", today=SURVEY_TODAY,
        address_for=lambda t: "http://x" + routes.survey(t)).content)
    with pytest.raises(PermissionDenied):
        printables.printable(session=session, actor=lead, inspection_id=world["inspection"].id, name="paper-en",
                             today=SURVEY_TODAY, address_for=str)
    with pytest.raises((PermissionDenied, NotFound)):
        printables.printable(session=session, actor=f.actor(world["south_lead"]), inspection_id=world["inspection"].id,
                             name="poster-en", today=SURVEY_TODAY, address_for=str)


def test_a_closed_link_gives_the_provider_lead_no_poster(session, world):
    world["link"].closes_on = SURVEY_TODAY - timedelta(days=1)
    session.add(world["link"])
    session.commit()
    with pytest.raises(NotFound):
        printables.printable(session=session, actor=f.actor(world["north_lead"]), inspection_id=world["inspection"].id,
                             name="poster-en", today=SURVEY_TODAY, address_for=str)


ARGUMENTS = {
    "load": (), "filter_language": ({"language": "en"},), "choose": ("comment|x:good",),
    "add_evidence": ({"item": "result|support", "kloe": "S1", "supports": "supports", "robustness": "strong"},),
    "mark_checked": ({"evidence_id": "1", "quote": "x"},), "quote_in_report": ("1", True),
    "enter_paper": ({"language": "en", "support": "yes"},),
}


def test_a_provider_lead_gets_no_answer_from_any_results_handler_and_changes_nothing(session, world, browser_as,
                                                                                    monkeypatch):
    for module in ("results_page", "link_panels"):
        monkeypatch.setattr(f"safehouse_portal.portals.survey.{module}.programme_today", lambda: SURVEY_TODAY)
    _answers(session, world["link"], 5, good=SECRET_ANSWER)
    path = routes.survey_results(world["inspection"].id)
    for name, args in ARGUMENTS.items():
        state = browser_as(world["north_lead"], SurveyResultsState, path)
        call(state, name, *args)
        shown = repr({n: getattr(state, n) for n in state.base_vars})
        assert SECRET_ANSWER not in shown and "80.0%" not in shown, name
    provider = browser_as(world["north_lead"], ProviderSurveyState, routes.PROVIDER_HOME)
    call(provider, "load")
    assert SECRET_ANSWER not in repr(provider.survey_links) and provider.survey_links[0].responses == 5
    session.expire_all()
    assert session.exec(select(func.count()).select_from(SurveyResponse)).one() == 5
    assert session.exec(select(SurveyEvidence)).first() is None


def test_the_lead_adds_a_comment_as_evidence_from_the_results_page(session, world, browser_as, monkeypatch):
    monkeypatch.setattr("safehouse_portal.portals.survey.results_page.programme_today", lambda: SURVEY_TODAY)
    _answers(session, world["link"], 5, good=GOOD)
    state = browser_as(world["lead"], SurveyResultsState, routes.survey_results(world["inspection"].id))
    call(state, "load")
    assert state.view.can_use and state.view.comments and HIDDEN_TEXT
    ref = state.view.comments[0].ref
    call(state, "add_evidence", {"item": f"comment|{ref}", "kloe": "S1", "supports": "supports",
                                 "robustness": "moderate"})
    assert state.errors == {} and state.view.evidence[0].quote == GOOD and not state.view.evidence[0].checked
    call(state, "quote_in_report", str(state.view.evidence[0].id), True)
    assert "identifying details" in state.errors["form"]
