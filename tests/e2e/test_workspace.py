"""Inspectors at work: the home page, scope, judgements, recommendations and serious concerns."""

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import create_engine
from sqlmodel import Session, select

from safehouse_portal.db import Inspection, KeyQuestionJudgement, Kloe, KloeAssessment, User
from safehouse_portal.domain.dates import format_date
from safehouse_portal.domain.enums import InspectionType, KeyQuestion, Stage
from safehouse_portal.domain.judgements import rating_label, suggest_rating
from safehouse_portal.domain.milestones import EARLY_OUTCOME_LETTER_WORKING_DAYS
from safehouse_portal.services.core.calendar import working_calendar
from tests.e2e.helpers import sign_in

pytestmark = pytest.mark.e2e

INSPECTOR = "inspector1@demo.safehouse.test"


@pytest.fixture(scope="module")
def db(e2e_db_url):
    engine = create_engine(e2e_db_url)
    with Session(engine) as session:
        yield session
    engine.dispose()


def _inspector1_inspections(db, *stages: Stage) -> list[Inspection]:
    me = db.exec(select(User.id).where(User.email == INSPECTOR)).one()
    return list(db.exec(select(Inspection).where(Inspection.lead_inspector_id == me,
                                                 Inspection.stage.in_([s.value for s in stages]))
                        .order_by(Inspection.id)).all())


def _suggested(db, inspection: Inspection, key: str) -> str:
    ratings = db.exec(select(KloeAssessment.rating).join(Kloe, Kloe.id == KloeAssessment.kloe_id)
                      .where(KloeAssessment.inspection_id == inspection.id, Kloe.code.startswith(key[0].upper()))
                      ).all()
    return rating_label(suggest_rating(ratings), "No KLOE rated yet")


def test_the_home_lists_the_inspectors_work_with_countdowns_and_leads_to_the_kloe_list(page, db):
    sign_in(page, INSPECTOR)
    expect(page).to_have_url(re.compile(r"/inspector/?$"))
    expect(page.get_by_role("table").first).to_contain_text("working day")
    expect(page.locator("table", has_text="Lead person")).to_contain_text("@demo.safehouse.test")
    inspection = _inspector1_inspections(db, Stage.EVIDENCE_REVIEW)[0]
    page.locator(f"a[href='/inspections/{inspection.id}/workspace']").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inspection workspace")
    first = page.locator("#kq-" + inspection.key_questions[0]).locator("tbody tr").first
    expect(first.locator("a")).to_have_attribute("href", re.compile(rf"/inspections/{inspection.id}/kloes/\w\d"))
    expect(first).to_contain_text(re.compile("Final|In progress|Not started"))


def test_the_key_question_judgement_follows_the_rule_and_an_override_without_a_reason_is_refused(page, db):
    candidates = [i for i in _inspector1_inspections(db, Stage.EVIDENCE_REVIEW, Stage.DRAFTING)
                  if not db.exec(select(KeyQuestionJudgement).where(
                      KeyQuestionJudgement.inspection_id == i.id)).first()]
    inspection = candidates[0]
    key = inspection.key_questions[0]
    expected = _suggested(db, inspection, key)
    assert expected != "No KLOE rated yet"
    sign_in(page, INSPECTOR)
    page.goto(f"/inspections/{inspection.id}/workspace/judgements")
    expect(page.locator("#suggested-" + key)).to_have_text(expected)
    expect(page.locator("#judgement-" + key)).to_have_text(expected)
    expect(page.locator("#judgement-rule")).to_contain_text("Any KLOE not meeting requirements")

    other = "Meeting requirements" if expected != "Meeting requirements" else "Requires improvement"
    page.select_option("#override-key_question", key)
    page.select_option("#override-rating", label=other)
    page.click("#override-judgement")
    expect(page.locator("#override-reason-error")).to_contain_text("written reason")
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.locator("#judgement-" + key)).to_have_text(expected)

    page.fill("#override-reason", "The shortfall was a single record, put right during the visit")
    page.click("#override-judgement")
    expect(page.locator("#judgement-" + key)).to_have_text(other)
    expect(page.locator("#reason-" + key)).to_contain_text("put right during the visit")
    page.reload()
    expect(page.locator("#reason-" + key)).to_contain_text("put right during the visit")


def test_the_lead_widens_the_scope_with_a_reason(page, db):
    inspection = next(i for i in _inspector1_inspections(db, Stage.INSPECTING)
                      if i.type is not InspectionType.COMPREHENSIVE)
    missing = next(kq for kq in KeyQuestion if kq.value not in inspection.key_questions)
    sign_in(page, INSPECTOR)
    page.goto(f"/inspections/{inspection.id}/workspace")
    page.check("#widen-add-" + missing.value)
    page.click("#widen-scope")
    expect(page.locator("#widen-reason-error")).to_contain_text("Enter why the scope is widened")
    expect(page.locator("#kq-" + missing.value)).to_have_count(0)

    page.fill("#widen-reason", "Survivors told us about problems with move-on support")
    page.click("#widen-scope")
    expect(page.locator(".notification[role=status]")).to_contain_text("The scope is widened")
    expect(page.locator("#scope")).to_contain_text(missing.value.replace("_", "-").capitalize())
    expect(page.locator("#kq-" + missing.value)).to_contain_text("Not started")
    expect(page.locator("#scope-history")).to_contain_text("problems with move-on support")


def test_an_inspector_drafts_a_recommendation_against_kloes(page, db):
    inspection = _inspector1_inspections(db, Stage.EVIDENCE_REVIEW)[-1]
    code = db.exec(select(Kloe.code).where(Kloe.version_id == inspection.framework_version_id)
                   .where(Kloe.code.startswith(inspection.key_questions[0][0].upper())).order_by(Kloe.position)).first()
    sign_in(page, INSPECTOR)
    page.goto(f"/inspections/{inspection.id}/workspace/recommendations")
    text = "Record every out-of-hours admission and review it the next working day"
    page.fill("#rec-text", text)
    page.select_option("#rec-theme", label="Risk assessments and survivor records")
    page.select_option("#rec-timescale", label="Within 21 days")
    page.click("#draft-recommendation")
    expect(page.locator("#rec-kloes-error")).to_contain_text("Choose at least one KLOE")

    page.check("#rec-kloe-" + code)
    page.click("#draft-recommendation")
    row = page.locator("tr", has_text=text)
    expect(row).to_contain_text("Within 21 days")
    expect(row).to_contain_text(code)
    expect(row).to_contain_text("Set when the provider receives the final report")


def test_raising_a_serious_concern_shows_the_early_outcome_letter_due_date(page, db):
    inspection = next(i for i in _inspector1_inspections(db, Stage.INSPECTING, Stage.EVIDENCE_REVIEW, Stage.DRAFTING)
                      if not i.serious_concern)
    last_day = inspection.ended_on or inspection.planned_end
    due = format_date(working_calendar(session=db).add_working_days(last_day, EARLY_OUTCOME_LETTER_WORKING_DAYS))
    sign_in(page, INSPECTOR)
    page.goto(f"/inspections/{inspection.id}/workspace/concerns")
    expect(page.locator("#no-concerns")).to_be_visible()
    page.fill("#concern-details", "Fire doors were wedged open and the fire log had not been kept since June.")
    page.click("#raise-concern")
    expect(page.locator("#letter-due")).to_have_text(due)
    expect(page.locator(".ws-concern")).to_contain_text("fire log had not been kept")
    expect(page.locator(".ws-concern-banner")).to_be_visible()

    page.check("#letter-provider")
    page.click("#record-letter")
    expect(page.locator("#letter-recipients-error")).to_contain_text("Home Office")


def test_a_provider_lead_never_reaches_a_workspace_and_a_manager_only_reads_it(new_page, db):
    inspection = _inspector1_inspections(db, Stage.EVIDENCE_REVIEW)[0]
    lead = new_page()
    sign_in(lead, "lead1@demo.safehouse.test")
    expect(lead).to_have_url(re.compile(r"/provider"))
    lead.goto(f"/inspections/{inspection.id}/workspace/judgements")
    expect(lead.locator("#not-permitted")).to_be_visible()

    manager = new_page()
    sign_in(manager, "manager@demo.safehouse.test")
    expect(manager).to_have_url(re.compile(r"/programme"))
    manager.goto(f"/inspections/{inspection.id}/workspace/judgements")
    expect(manager.locator(".ws-read-only")).to_contain_text("You can read this workspace but not change it")
    expect(manager.locator("#override-form")).to_have_count(0)

