"""A provider lead is told when an inspector asks for information: the count rises, the notification opens the request."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect
from sqlmodel import Session, select

from safehouse_portal.db import Inspection, InspectionGroup, User
from safehouse_portal.db.engine import make_engine
from safehouse_portal.domain.enums import Role
from tests.e2e.helpers import sign_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def visited(e2e_db_url):
    """An inspection whose visit has ended, its lead inspector and its provider's lead."""
    with Session(make_engine(e2e_db_url)) as session:
        inspection, provider_id = session.exec(
            select(Inspection, InspectionGroup.provider_id).join(InspectionGroup)
            .where(Inspection.ended_on.is_not(None), Inspection.final_issued_on.is_(None),
                   Inspection.lead_inspector_id.is_not(None))
            .order_by(InspectionGroup.provider_id, Inspection.id)).first()
        lead = session.exec(select(User).where(User.role == Role.PROVIDER_LEAD, User.provider_id == provider_id)).one()
        return {"inspection_id": inspection.id, "lead": lead.email,
                "inspector": session.get(User, inspection.lead_inspector_id).email}


def _unread(page) -> int:
    expect(page.locator("#notifications-link")).to_be_visible()
    badge = page.locator("#unread-count")
    return int(badge.inner_text()) if badge.count() else 0


def test_the_lead_sees_the_count_rise_opens_the_notification_and_lands_on_the_request(new_page, visited):
    provider = new_page()
    sign_in(provider, visited["lead"])
    expect(provider).to_have_url(re.compile(r"/provider/?$"))
    before = _unread(provider)

    question = f"Send the fire drill log for {date.today():%B %Y}, with the time each drill took."
    inspector = new_page()
    sign_in(inspector, visited["inspector"])
    inspector.goto(f"/inspections/{visited['inspection_id']}/requests")
    inspector.fill("#ask-question", question)
    inspector.click("#send-request")
    expect(inspector.locator("#notice")).to_have_text("Request sent to the provider.")

    provider.goto("/provider/requests")
    expect(provider.locator("#unread-count")).to_have_text(str(before + 1))
    provider.click("#notifications-link")
    expect(provider.get_by_role("heading", name="Notifications")).to_be_visible()
    provider.locator(".notification-open").first.click()
    expect(provider).to_have_url(re.compile(r"/provider/requests/\d+/?$"))
    expect(provider.locator("main")).to_contain_text(question)
    badge = provider.locator("#unread-count")
    if before:
        expect(badge).to_have_text(str(before))
    else:
        expect(badge).to_have_count(0)
