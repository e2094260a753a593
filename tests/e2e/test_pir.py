"""Browser journeys of the PIR: answers survive closing the browser, submission, the inspector's view, uploads.

Each test takes its own announced inspection of the demo (a different provider each),
so the journeys never meet each other's data.
"""

from datetime import date

import pytest
from sqlalchemy import create_engine
from sqlmodel import Session, select

from safehouse_portal.db import Inspection, InspectionGroup, PirAnswer, PirReturn, User
from safehouse_portal.domain.enums import Role, Stage
from safehouse_portal.demo.provider import complete_answers
from tests.e2e.helpers import sign_in


@pytest.fixture(scope="module")
def announced(e2e_db_url) -> list[tuple[int, str, str]]:
    """(inspection id, provider lead's email, lead inspector's email) of announced inspections, one per provider."""
    engine = create_engine(e2e_db_url)
    with Session(engine) as session:
        rows = session.exec(select(Inspection, InspectionGroup).join(InspectionGroup)
                            .where(Inspection.stage == Stage.ANNOUNCED, Inspection.lead_inspector_id.is_not(None))
                            .order_by(InspectionGroup.provider_id.desc(), Inspection.id)).all()
        found, seen = [], set()
        for inspection, group in rows:
            if group.provider_id in seen:
                continue
            seen.add(group.provider_id)
            lead = session.exec(select(User).where(User.provider_id == group.provider_id,
                                                   User.role == Role.PROVIDER_LEAD)).first()
            found.append((inspection.id, lead.email, session.get(User, inspection.lead_inspector_id).email))
    engine.dispose()
    assert len(found) >= 3, "the demo has announced inspections at three providers"
    return found


def _saved(page) -> None:
    page.wait_for_selector("#save-status:has-text('Last saved')")


def test_answers_entered_are_all_there_after_closing_the_browser(new_page, announced):
    inspection_id, lead, _ = announced[0]
    page = new_page()
    sign_in(page, lead)
    page.wait_for_url("**/provider**")
    page.goto(f"/provider/pir/incidents?inspection={inspection_id}")
    page.fill("#q-incidents_count", "")
    page.fill("#q-incidents_count", "4")
    page.fill("#q-complaints_description", "One complaint about the heating, fixed in a week.")
    page.keyboard.press("Tab")
    _saved(page)
    page.goto(f"/provider/pir/feedback?inspection={inspection_id}")
    page.check("#q-feedback_survey-no")
    _saved(page)
    page.context.close()

    again = new_page()
    sign_in(again, lead)
    again.wait_for_url("**/provider**")
    again.goto(f"/provider/pir/incidents?inspection={inspection_id}")
    again.wait_for_selector("#section-title:has-text('Adverse incidents')")
    assert again.input_value("#q-incidents_count") == "4"
    assert again.input_value("#q-complaints_description") == "One complaint about the heating, fixed in a week."
    again.goto(f"/provider/pir/feedback?inspection={inspection_id}")
    again.wait_for_selector("#section-title:has-text('Feedback')")
    assert again.is_checked("#q-feedback_survey-no")
    again.goto(f"/provider/pir?inspection={inspection_id}")
    again.wait_for_selector("#pir-status:has-text('In progress')")


def _answer_all_but_one(e2e_db_url: str, inspection_id: int, missing: str) -> None:
    """Answer every question of the return in the database, as if typed earlier, except ``missing``."""
    engine = create_engine(e2e_db_url)
    with Session(engine) as session:
        row = session.exec(select(PirReturn).where(PirReturn.inspection_id == inspection_id)).one()
        existing = {a.question_code: a for a in session.exec(select(PirAnswer).where(PirAnswer.return_id == row.id))}
        for code, value in complete_answers(date.today()).items():
            answer = existing.get(code) or PirAnswer(return_id=row.id, question_code=code, version=0)
            answer.value, answer.prefilled, answer.version = value, False, answer.version + 1
            session.add(answer)
        if missing in existing:
            session.delete(existing[missing])
        session.commit()
    engine.dispose()


def test_submitting_with_an_answer_missing_links_to_it_and_a_complete_return_reaches_the_inspector(
        new_page, announced, e2e_db_url):
    inspection_id, lead, inspector = announced[1]
    page = new_page()
    sign_in(page, lead)
    page.wait_for_url("**/provider**")
    page.goto(f"/provider/pir?inspection={inspection_id}")
    page.wait_for_selector("#pir-status")
    _answer_all_but_one(e2e_db_url, inspection_id, "feedback_survey")
    page.reload()
    page.wait_for_selector("#submit-return")
    page.click("#submit-return")
    link = page.locator("#error-summary a", has_text="Feedback from survivors: Select yes if you can give")
    assert link.get_attribute("href").endswith("#q-feedback_survey")
    link.click()
    page.wait_for_selector("#q-feedback_survey-error")
    assert "Select yes if you can give CQC's survivor survey" in page.inner_text("#error-summary")
    page.check("#q-feedback_survey-yes")
    _saved(page)
    page.click("#back-to-task-list")
    page.wait_for_selector("#submit-return")
    page.click("#submit-return")
    page.wait_for_selector("#notice:has-text('was submitted')")
    assert page.inner_text("#pir-status") == "Submitted"
    assert page.locator("#submit-return").count() == 0

    staff = new_page()
    sign_in(staff, inspector)
    staff.wait_for_url("**/inspector**")
    staff.goto(f"/inspections/{inspection_id}")
    staff.wait_for_selector("text=PIR received")
    staff.goto(f"/inspections/{inspection_id}/pir")
    staff.wait_for_selector("#pir-status:has-text('Submitted')")
    assert "Submitted by" in staff.inner_text("#pir-submitted")


def test_a_renamed_program_uploaded_as_a_pdf_is_refused_with_a_clear_message(new_page, announced, tmp_path):
    inspection_id, lead, _ = announced[2]
    fake = tmp_path / "policy.pdf"
    fake.write_bytes(b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 2000 + b"This program cannot be run in DOS mode.")
    page = new_page()
    sign_in(page, lead)
    page.wait_for_url("**/provider**")
    page.goto(f"/provider/pir/policies?inspection={inspection_id}")
    page.click("#q-policy_fire_document")
    page.set_input_files("#pir-upload input[type=file]", str(fake))
    message = page.locator("#upload-error")
    message.wait_for()
    assert message.inner_text().startswith("This file cannot be accepted: it must be a PDF")
    page.click("#upload-close")
    assert "No file uploaded." in page.inner_text("#q-policy_fire_document-group")


def _stored_answer(e2e_db_url: str, inspection_id: int, code: str, value: object = None,
                   prefilled: bool = False) -> object:
    """The stored answer's value; with ``value``, first store it (as copied from the last return when ``prefilled``)."""
    engine = create_engine(e2e_db_url)
    with Session(engine) as session:
        row = session.exec(select(PirReturn).where(PirReturn.inspection_id == inspection_id)).one()
        answer = session.exec(select(PirAnswer).where(PirAnswer.return_id == row.id,
                                                      PirAnswer.question_code == code)).first()
        if value is not None:
            answer = answer or PirAnswer(return_id=row.id, question_code=code, version=0)
            answer.value, answer.prefilled, answer.version = value, prefilled, answer.version + 1
            session.add(answer)
            session.commit()
        stored = answer.value if answer else None
    engine.dispose()
    return stored


def test_an_answer_from_the_last_return_changed_twice_loses_its_mark_and_saves_both_times(
        new_page, announced, e2e_db_url):
    inspection_id, lead, _ = announced[2]
    _stored_answer(e2e_db_url, inspection_id, "services_description", "Two houses.", prefilled=True)
    page = new_page()
    sign_in(page, lead)
    page.wait_for_url("**/provider**")
    page.goto(f"/provider/pir/services?inspection={inspection_id}")
    group = page.locator("#q-services_description-group")
    group.locator("text=From your last return").wait_for()
    page.fill("#q-services_description", "Three houses.")
    page.keyboard.press("Tab")
    _saved(page)
    group.locator("text=From your last return").wait_for(state="detached")
    page.fill("#q-services_description", "Three houses in the north.")
    page.keyboard.press("Tab")
    for _ in range(50):
        if _stored_answer(e2e_db_url, inspection_id, "services_description") == "Three houses in the north.":
            break
        page.wait_for_timeout(200)
    assert _stored_answer(e2e_db_url, inspection_id, "services_description") == "Three houses in the north."
    assert page.locator("#conflict").count() == 0, "the second change is saved over the first, not a conflict"
