"""An inspector works on one KLOE: evidence, rating, making it final, and the live cross-references.

The demo database is shared with other browser tests, so each test works on a KLOE of
an inspection chosen here (the latest inspection being inspected with safe in scope)
that no other test touches.
"""

import json
from datetime import UTC, datetime
from importlib import resources

import pytest
from playwright.sync_api import expect
from sqlalchemy import create_engine
from sqlmodel import Session, select

from safehouse_portal.db import Inspection, KloeAssessment, PirAnswer, PirReturn, PirTemplate, User
from safehouse_portal.domain.enums import Stage
from tests.e2e.helpers import sign_in

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def db(e2e_db_url):
    engine = create_engine(e2e_db_url)
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def target(db):
    """The inspection these tests use, its lead's email, and its PIR (made here if the demo has none).

    The latest inspection with safe in scope that nobody has started judging yet.
    """
    with Session(db, expire_on_commit=False) as session:
        started = select(KloeAssessment.inspection_id)
        candidates = session.exec(select(Inspection).where(Inspection.stage.in_([Stage.PIR_RECEIVED, Stage.INSPECTING]),
                                                           Inspection.lead_inspector_id.is_not(None),
                                                           Inspection.id.not_in(started))
                                  .order_by(Inspection.id.desc())).all()
        inspection = next(i for i in candidates if "safe" in i.key_questions)
        lead = session.get(User, inspection.lead_inspector_id)
        pir = session.exec(select(PirReturn).where(PirReturn.inspection_id == inspection.id)).first()
        if pir is None:
            pir = PirReturn(inspection_id=inspection.id, provider_id=_provider_of(session, inspection),
                            template_id=_template(session).id, status="in_progress")
            session.add(pir)
            session.commit()
        return {"id": inspection.id, "lead": lead.email, "pir_id": pir.id}


def _provider_of(session, inspection) -> int:
    from safehouse_portal.db import InspectionGroup
    return session.get(InspectionGroup, inspection.group_id).provider_id


def _template(session) -> PirTemplate:
    current = session.exec(select(PirTemplate).where(PirTemplate.is_current == True)).first()  # noqa: E712
    if current is not None:
        return current
    definition = json.loads(resources.files("safehouse_portal").joinpath("data/pir_template_default.json")
                            .read_text("utf-8"))
    row = PirTemplate(version=definition["version"], title=definition["title"], definition=definition,
                      is_current=True)
    session.add(row)
    session.commit()
    return row


def _save_answer(db, pir_id: int, code: str, value: str) -> None:
    """The provider's save of one answer, as the PIR's autosave writes it."""
    with Session(db) as session:
        row = session.exec(select(PirAnswer).where(PirAnswer.return_id == pir_id,
                                                   PirAnswer.question_code == code)).first()
        row = row or PirAnswer(return_id=pir_id, question_code=code)
        row.value, row.updated_at, row.version = value, datetime.now(UTC), (row.version or 0) + 1
        session.add(row)
        session.commit()


def _open(page, target, code: str):
    sign_in(page, target["lead"])
    page.goto(f"/inspections/{target['id']}/kloes/{code}")
    expect(page.locator("#kloe-title")).to_contain_text(code)


def _add_evidence(page, source: str, summary: str, direction: str = "supports"):
    page.select_option("#evidence-source", source)
    page.fill("#evidence-summary", summary)
    page.check("#evidence-robustness-strong")
    page.check(f"#evidence-supports-{direction}")
    page.click("#add-evidence")
    expect(page.locator("#evidence-log")).to_contain_text(summary)


def test_two_sources_and_a_requires_improvement_rating_make_the_kloe_final(page, target):
    _open(page, target, "S3")
    _add_evidence(page, "staff_interview", "Night staff said one worker covers two houses.")
    _add_evidence(page, "case_record", "Rota shows single cover on 9 of 14 nights.")
    expect(page.locator("#corroboration")).to_contain_text("corroborated by 2 independent sources")
    page.check("#judgement-rating-requires_improvement")
    page.fill("#judgement-findings", "Night cover is too thin for the number of survivors.")
    page.click("#save-judgement")
    expect(page.locator("#notice")).to_have_text("Judgement saved.")
    expect(page.locator("#kloe-rating")).to_have_text("Requires improvement")
    expect(page.locator("#sufficient")).to_be_visible()
    page.click("#make-final")
    expect(page.locator("#kloe-status")).to_have_text("Final")
    expect(page.locator("#make-final")).to_have_count(0)


def test_a_kloe_with_conflicting_evidence_is_final_only_once_the_conflict_is_resolved(page, target):
    _open(page, target, "S2")
    _add_evidence(page, "document", "Risk assessments reviewed monthly, says the policy.")
    _add_evidence(page, "survivor_conversation", "A survivor's plan was not reviewed for five months.",
                  "contradicts")
    expect(page.locator("#conflict-flag")).to_be_visible()
    page.check("#judgement-rating-meeting")
    page.fill("#judgement-findings", "Risk assessments are mostly reviewed on time.")
    page.click("#save-judgement")
    expect(page.locator("#notice")).to_have_text("Judgement saved.")
    page.click("#make-final")
    expect(page.locator("#final-refused")).to_contain_text("record how the conflict was resolved")
    expect(page.locator("#kloe-status")).not_to_have_text("Final")

    page.fill("#judgement-conflict_resolution", "Case records show the review was late once, then fixed.")
    page.click("#save-judgement")
    expect(page.locator("#conflict-flag")).to_have_count(0)
    page.click("#make-final")
    expect(page.locator("#kloe-status")).to_have_text("Final")


def test_the_panel_shows_the_providers_new_answer_without_reloading(new_page, target, db):
    _save_answer(db, target["pir_id"], "staffing_caseload", "11")
    page = new_page()
    _open(page, target, "S4")
    page.goto(f"/inspections/{target['id']}/kloes/S3")
    answer = page.locator("#pir-staffing_caseload")
    expect(answer).to_contain_text("11", timeout=15000)
    page.evaluate("window.__not_reloaded = true")
    _save_answer(db, target["pir_id"], "staffing_caseload", "14")
    expect(answer).to_contain_text("14", timeout=15000)
    expect(page.locator("#pir-last-changed")).to_contain_text("Last change")
    assert page.evaluate("window.__not_reloaded") is True


def test_clicking_a_clause_shows_the_other_kloes_citing_it(page, target):
    _open(page, target, "S1")
    clause = page.locator(".clause").filter(has=page.get_by_role("button", name="Other KLOEs citing it")).first
    expect(clause).to_contain_text("Illustrative reference")
    clause.get_by_role("button").click()
    link = clause.locator(".citing a").first
    expect(link).to_be_visible()
    code = link.inner_text().split()[0]
    link.click()
    expect(page.locator("#kloe-title")).to_contain_text(code)


def test_the_search_box_finds_clauses_and_kloes_by_words(page, target):
    _open(page, target, "S1")
    page.fill("#framework-query", "interpretation")
    page.click("#framework-search")
    expect(page.locator("#search-results li").first).to_be_visible()
    expect(page.locator("#search-results")).to_contain_text("interpretation", ignore_case=True)


