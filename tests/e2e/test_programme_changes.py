"""A provider lead tells CQC a service is closing; the programme manager accepts it; the location shows closed."""

import re

import pytest
from playwright.sync_api import expect
from sqlmodel import Session, select

from safehouse_portal.db import Location, Provider, User
from safehouse_portal.db.engine import make_engine
from safehouse_portal.domain.enums import Role
from tests.e2e.helpers import sign_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def closing(e2e_db_url):
    """The last provider's lead, one of its open locations, and the programme manager."""
    with Session(make_engine(e2e_db_url), expire_on_commit=False) as session:
        provider = session.exec(select(Provider).order_by(Provider.id.desc())).first()
        lead = session.exec(select(User).where(User.role == Role.PROVIDER_LEAD, User.provider_id == provider.id)).one()
        location = session.exec(select(Location).where(Location.provider_id == provider.id, Location.active)
                                .order_by(Location.id.desc())).first()
        manager = session.exec(select(User).where(User.role == Role.PROGRAMME_MANAGER)).first()
        return {"lead": lead.email, "manager": manager.email, "location": location.name, "location_id": location.id}


def test_a_lead_proposes_a_closure_the_manager_accepts_and_the_location_shows_closed(new_page, closing):
    lead = new_page()
    sign_in(lead, closing["lead"])
    expect(lead).to_have_url(re.compile(r"/provider/?$"))
    lead.goto("/provider/changes")
    expect(lead.locator("header")).to_contain_text("(Provider lead)")  # the page is live: its events reach the server
    lead.select_option("#change-kind", "closure")
    expect(lead.locator("#change-location_id")).to_be_visible()  # choosing the kind asks which service
    lead.click("#send-change")
    expect(lead.locator("#change-error-summary")).to_be_focused()
    expect(lead.locator("#change-error-summary")).to_contain_text("Choose one of your services")
    lead.select_option("#change-location_id", label=closing["location"])
    lead.fill("#change-closed_on", "2027-03-31")
    lead.fill("#change-note", "The lease ends at the end of March.")
    lead.click("#send-change")
    expect(lead.locator("#notice")).to_contain_text("a programme manager will look at the change")
    expect(lead.locator("table")).to_contain_text("Waiting for CQC")

    manager = new_page()
    sign_in(manager, closing["manager"])
    manager.goto("/programme/service-changes")
    card = manager.locator("article", has_text=closing["location"]).filter(has_text="A service closing")
    expect(card).to_contain_text("Closes on 31 March 2027")
    card.get_by_role("button", name="Accept and apply").click()
    expect(manager.locator("#notice")).to_contain_text("Change accepted")
    manager.goto(f"/programme/locations/{closing['location_id']}")
    expect(manager.locator(".summary-list")).to_contain_text("Closed on 31 March 2027")
    expect(manager.locator("#history")).to_contain_text("The provider told us")

    lead.reload()
    expect(lead.locator("table")).to_contain_text("Accepted")
