"""The lead reaches their engagement meetings from home; a programme manager marks an agreed action done."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import check_axe
from tests.e2e.helpers import sign_in

pytestmark = pytest.mark.e2e

MANAGER = "manager@demo.safehouse.test"
LEAD = "lead1@demo.safehouse.test"


def test_the_lead_opens_the_meetings_from_home_and_a_manager_marks_an_action_done(new_page):
    lead = new_page()
    sign_in(lead, LEAD)
    lead.click("#meetings-link")
    expect(lead.locator("#meetings")).to_be_visible()
    expect(lead).to_have_url(re.compile(r"/providers/\d+#meetings$"))
    expect(lead.get_by_text(re.compile(r"^Done on ")).first).to_be_visible()
    expect(lead.get_by_role("button", name=re.compile("^Mark done"))).to_have_count(0)
    provider_page = re.sub(r"^https?://[^/]+", "", lead.url).split("#")[0]

    manager = new_page()
    sign_in(manager, MANAGER)
    expect(manager.locator("#board")).to_be_visible()
    manager.goto(provider_page)
    open_actions = manager.get_by_role("button", name=re.compile("^Mark done: "))
    expect(open_actions.first).to_be_visible()
    before = open_actions.count()
    open_actions.first.click()
    expect(manager.locator("#notice")).to_have_text("Action marked done.")
    expect(open_actions).to_have_count(before - 1)
    check_axe(manager)
