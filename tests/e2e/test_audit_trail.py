"""A programme manager reads an inspection's audit trail in words; a provider lead downloads a letter from Documents."""

import re

import pytest
from playwright.sync_api import expect
from sqlmodel import Session, select

from safehouse_portal.db import Inspection, InspectionGroup, User
from safehouse_portal.db.engine import make_engine
from safehouse_portal.domain.enums import Role, Stage
from tests.e2e.helpers import sign_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def announced(e2e_db_url):
    """A demo inspection past its announcement, and its provider's lead."""
    with Session(make_engine(e2e_db_url)) as session:
        inspection, provider_id = session.exec(
            select(Inspection, InspectionGroup.provider_id).join(InspectionGroup)
            .where(Inspection.announcement_letter_on.is_not(None), Inspection.stage != Stage.PLANNED)
            .order_by(InspectionGroup.provider_id, Inspection.id)).first()
        lead = session.exec(select(User).where(User.role == Role.PROVIDER_LEAD, User.provider_id == provider_id)).one()
        return {"id": inspection.id, "lead": lead.email}


def test_a_programme_manager_filters_an_inspections_trail_and_reads_before_and_after_in_words(page, announced):
    sign_in(page, "manager@demo.safehouse.test")
    expect(page).to_have_url(re.compile(r"/programme/?$"))
    page.goto(f"/inspections/{announced['id']}")
    page.click("#inspection-audit-trail")
    expect(page).to_have_url(re.compile(rf"/audit\?inspection={announced['id']}$"))
    page.select_option("#audit-kind", "inspection.stage_moved")
    page.click("#apply-filters")
    expect(page).to_have_url(re.compile(r"kind=inspection\.stage_moved"))
    first_move = page.locator("#audit-table .audit-event").last
    expect(first_move).to_contain_text("Stage moved")
    changes = first_move.locator("table.audit-changes tbody tr").first
    expect(changes.locator("th")).to_have_text("Stage")
    expect(changes.locator("td").nth(0)).to_have_text("Planned")
    expect(changes.locator("td").nth(1)).to_have_text("Announced")
    expect(page.locator("#audit-table")).not_to_contain_text("{")


def test_a_provider_lead_opens_documents_and_downloads_their_announcement_letter(page, announced):
    sign_in(page, announced["lead"])
    expect(page).to_have_url(re.compile(r"/provider/?$"))
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Documents").click()
    expect(page.locator("h1")).to_have_text("Documents")
    link = page.get_by_role("link", name="Download the Announcement letter (PDF)").first
    with page.expect_download() as info:
        link.click()
    with open(info.value.path(), "rb") as saved:
        assert saved.read().startswith(b"%PDF")
    assert info.value.suggested_filename.startswith("announcement-letter-")
