"""A survivor answers the survey in Arabic on a small phone, and the inspector sees one more response."""

import json
import re
from importlib import resources

import pytest
from playwright.sync_api import expect
from sqlalchemy import create_engine
from sqlmodel import Session, select

from safehouse_portal import routes
from safehouse_portal.db import Inspection, SurveyLink, User
from tests.e2e.helpers import sign_in

pytestmark = pytest.mark.e2e

INSPECTOR = "inspector1@demo.safehouse.test"


def _arabic() -> dict[str, str]:
    """The Arabic texts of the question set the app ships (and the demo imports)."""
    data = json.loads(resources.files("safehouse_portal").joinpath("data/survey_default.json").read_text("utf-8"))
    return next(language["texts"] for language in data["languages"] if language["code"] == "ar")


def _inspector1_link(e2e_db_url) -> SurveyLink:
    engine = create_engine(e2e_db_url)
    with Session(engine) as session:
        me = session.exec(select(User.id).where(User.email == INSPECTOR)).one()
        link = session.exec(select(SurveyLink).join(Inspection, Inspection.id == SurveyLink.inspection_id)
                            .where(Inspection.lead_inspector_id == me).order_by(SurveyLink.id)).first()
    engine.dispose()
    assert link is not None, "the demo opens a survey link for inspector1's current inspections"
    return link


def _responses(page, inspection_id: int) -> int:
    page.goto(routes.workspace(inspection_id))
    count = page.locator("#survey-responses")
    expect(count).to_have_text(re.compile(r"^\d+$"))
    return int(count.inner_text())


def test_a_survivor_answers_in_arabic_on_a_small_screen_and_the_inspector_sees_the_count_rise(
        browser, app_url, e2e_db_url):
    link = _inspector1_link(e2e_db_url)
    staff = browser.new_context(base_url=app_url).new_page()
    sign_in(staff, INSPECTOR)
    expect(staff).to_have_url(re.compile(f"{routes.INSPECTOR_HOME}/?$"))
    before = _responses(staff, link.inspection_id)

    phone = browser.new_context(base_url=app_url, viewport={"width": 360, "height": 740}, is_mobile=True,
                                has_touch=True).new_page()
    phone.goto(routes.survey(link.token))
    expect(phone.locator("header nav")).to_have_count(0)
    expect(phone.locator("#sign-out")).to_have_count(0)
    phone.click("#language-ar")
    survey = phone.locator("#survey")
    expect(survey).to_have_attribute("dir", "rtl")
    expect(survey).to_have_attribute("lang", "ar")
    arabic = _arabic()
    expect(phone.locator("#survey-promise")).to_contain_text(arabic["confidential"])
    phone.click("#survey-start")
    expect(phone.locator("#step-support")).to_be_visible()
    expect(phone.locator("#progress-support")).to_contain_text(arabic["progress"].split("{total}")[0].replace("{n}", "1").strip())
    phone.click("label[for=answer-support-yes]")
    phone.click("#next-support")
    expect(phone.locator("#step-support")).to_be_hidden()
    box = phone.locator("#survey-form fieldset:visible button").first.bounding_box()
    assert box["height"] >= 44, "touch targets are at least 44 px high"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360, "nothing scrolls sideways at 360 px"
    send = phone.locator("#survey-send:visible")
    onward = phone.locator("#survey-form fieldset:visible button[id^=next-]")
    for _ in range(12):  # at most one step per question
        send.or_(onward).first.wait_for()
        if send.count():
            break
        step = onward.get_attribute("id")
        onward.click()
        expect(phone.locator(f"#{step}")).to_be_hidden()
    phone.fill("#answer-better", "أحتاج إلى المزيد من الأنشطة")
    phone.click("#survey-send")
    expect(phone.locator("#survey-thanks")).to_contain_text(arabic["thank_you_title"])

    staff.goto(routes.workspace(link.inspection_id))
    # The page first shows what its state held, then what the database holds: wait for the new count.
    expect(staff.locator("#survey-responses")).to_have_text(str(before + 1))


def _inspector1_link_with_a_comment(e2e_db_url) -> tuple[int, str]:
    """Inspector1's inspection whose survey holds a comment, and a KLOE in scope that is not final."""
    from safehouse_portal.db import FrameworkKeyQuestion, Kloe, KloeAssessment, SurveyResponse

    engine = create_engine(e2e_db_url)
    with Session(engine) as session:
        me = session.exec(select(User.id).where(User.email == INSPECTOR)).one()
        for link, inspection in session.exec(select(SurveyLink, Inspection).join(
                Inspection, Inspection.id == SurveyLink.inspection_id).where(Inspection.lead_inspector_id == me)):
            answers = session.exec(select(SurveyResponse.answers).where(SurveyResponse.link_id == link.id)).all()
            if not any(a.get("good") or a.get("better") for a in answers):
                continue
            final = set(session.exec(select(KloeAssessment.kloe_id).where(
                KloeAssessment.inspection_id == inspection.id, KloeAssessment.status == "final")).all())
            codes = session.exec(select(Kloe.id, Kloe.code).join(
                FrameworkKeyQuestion, FrameworkKeyQuestion.id == Kloe.key_question_id).where(
                Kloe.version_id == inspection.framework_version_id,
                FrameworkKeyQuestion.key.in_(inspection.key_questions))).all()
            open_codes = [code for kloe_id, code in codes if kloe_id not in final]
            if open_codes:
                engine.dispose()
                return inspection.id, open_codes[0]
    engine.dispose()
    raise AssertionError("the demo gives inspector1 a survey with a comment and a KLOE still open")


def test_an_inspector_adds_a_survivor_comment_to_a_kloe_and_must_check_it_before_the_report_quotes_it(
        page, e2e_db_url):
    inspection_id, code = _inspector1_link_with_a_comment(e2e_db_url)
    sign_in(page, INSPECTOR)
    expect(page).to_have_url(re.compile(f"{routes.INSPECTOR_HOME}/?$"))
    page.goto(routes.workspace(inspection_id))
    page.click("#survey-results-link")
    expect(page).to_have_url(re.compile(routes.survey_results(inspection_id)))
    expect(page.locator("#results-total")).to_have_text(re.compile(r"^\d+$"))
    expect(page.locator("#result-support table")).to_be_visible()
    page.locator("#survey-comments a[id^=use-]").first.click()
    expect(page.locator("#evidence-item")).to_have_value(re.compile(r"^comment\|"))
    page.select_option("#evidence-kloe", code)
    page.check("#evidence-supports")
    page.select_option("#evidence-robustness", "moderate")
    page.click("#evidence-submit")
    expect(page.locator("#survey-notice")).to_contain_text("Survivor survey")
    evidence = page.locator("#survey-evidence-list li").last
    expect(evidence).to_contain_text("Not checked for identifying details")
    evidence.locator("button[id^=quote-in-report-]").click()
    expect(page.locator("#quotes-error-summary")).to_contain_text("identifying details")
    page.goto(routes.kloe(inspection_id, code))
    expect(page.locator("#evidence")).to_be_visible()
    expect(page.locator("table").filter(has_text="Survivor survey").first).to_be_visible()
