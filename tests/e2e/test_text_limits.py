"""Text longer than a box takes is never lost without a word: the page refuses a long paste with a message,
the server refuses an over-long value next to its field, and what was typed stays in the box."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect
from sqlmodel import Session, select

from safehouse_portal.db import Inspection, InspectionGroup, Recommendation, User
from safehouse_portal.db.engine import make_engine
from safehouse_portal.domain.enums import Role, Theme, Timescale
from safehouse_portal.services.recommendations.threads import MAX_TEXT
from tests.e2e.helpers import sign_in

pytestmark = pytest.mark.e2e
TYPED = "We booked first aid training for every night worker."


@pytest.fixture
def recommendation(e2e_db_url):
    """A fresh recommendation on an issued inspection, and the lead of its provider."""
    with Session(make_engine(e2e_db_url), expire_on_commit=False) as session:
        inspection, provider_id = session.exec(
            select(Inspection, InspectionGroup.provider_id).join(InspectionGroup)
            .where(Inspection.final_issued_on.is_not(None)).order_by(Inspection.id)).first()
        lead = session.exec(select(User).where(User.role == Role.PROVIDER_LEAD, User.provider_id == provider_id)).one()
        row = Recommendation(inspection_id=inspection.id, kloe_codes=["E2"], key_question="effective",
                             theme=Theme.TRAINING, timescale=Timescale.WITHIN_6_MONTHS,
                             text=f"Keep first aid training current ({date.today().isoformat()}).")
        session.add(row)
        session.commit()
        return {"id": row.id, "lead": lead.email}


def _update_box(new_page, recommendation):
    page = new_page()
    sign_in(page, recommendation["lead"])
    expect(page).to_have_url(re.compile(r"/provider/?$"))
    page.goto(f"/provider/recommendations/{recommendation['id']}")
    box = page.locator("#update-text")
    expect(box).to_have_attribute("maxlength", str(MAX_TEXT))
    return page, box


def test_a_paste_longer_than_the_box_takes_is_refused_with_a_message_and_the_typed_text_stays(
        new_page, recommendation, app_url):
    page, box = _update_box(new_page, recommendation)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=app_url)
    box.fill(TYPED)
    page.evaluate("text => navigator.clipboard.writeText(text)", "word " * MAX_TEXT)
    box.focus()
    page.keyboard.press("Control+V")
    expect(box).to_have_value(TYPED)
    message = box.evaluate("box => box.validationMessage")
    assert "The text you pasted is too long" in message and f"up to {MAX_TEXT:,} characters" in message
    page.keyboard.type(" And more.")
    assert box.evaluate("box => box.validationMessage") == ""
    page.evaluate("text => navigator.clipboard.writeText(text)", " Paid for by the trust.")
    page.keyboard.press("Control+V")
    expect(box).to_have_value(TYPED + " And more. Paid for by the trust.")


def test_an_over_long_update_is_refused_next_to_its_field_and_what_was_typed_stays(new_page, recommendation):
    page, box = _update_box(new_page, recommendation)
    box.evaluate("box => box.removeAttribute('maxlength')")
    too_long = TYPED + " " + "x" * MAX_TEXT
    box.fill(too_long)
    page.click("#post-update")
    expect(page.locator("#update-text-error")).to_contain_text(f"in at most {MAX_TEXT:,} characters")
    expect(box).to_have_value(too_long)
    box.fill(TYPED)
    page.click("#post-update")
    expect(page.locator("#thread")).to_contain_text(TYPED)
    expect(page.locator("#update-text")).to_have_value("")
