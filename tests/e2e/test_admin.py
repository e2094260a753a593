"""An admin adds people, and deactivating someone ends their session."""

import re
import uuid

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import sign_in

pytestmark = pytest.mark.e2e


def test_an_admin_adds_a_provider_lead_who_can_then_sign_in(new_page):
    admin = new_page()
    sign_in(admin, "admin@demo.safehouse.test")
    expect(admin.get_by_role("heading", level=1)).to_have_text("Users")
    email = f"new-{uuid.uuid4().hex[:6]}@lead.test"
    admin.fill("#email", email)
    admin.fill("#name", "New Lead")
    admin.select_option("#role", "provider_lead")
    admin.click("#add-user")
    expect(admin.locator("#provider_id-error")).to_contain_text("Choose the provider this lead works for")
    expect(admin.locator(".error-summary")).to_be_visible()

    admin.select_option("#provider_id", index=1)
    admin.click("#add-user")
    password = admin.locator("#one-time-password")
    expect(password).to_be_visible()
    expect(admin.locator("table")).to_contain_text(email)

    lead = new_page()
    sign_in(lead, email, password.inner_text())
    expect(lead).to_have_url(re.compile(r"/change-password/?$"))  # a one-time password is replaced first
    lead.fill("#password", "the new lead's own password")
    lead.fill("#confirm", "the new lead's own password")
    lead.click("#save-password")
    expect(lead).to_have_url(re.compile(r"/provider/?$"))
    expect(lead.get_by_role("heading", level=1)).to_have_text("Your service")


def test_deactivating_a_user_ends_their_open_session(new_page):
    inspector = new_page()
    sign_in(inspector, "inspector6@demo.safehouse.test")
    expect(inspector).to_have_url(re.compile(r"/inspector/?$"))

    admin = new_page()
    sign_in(admin, "admin@demo.safehouse.test")
    row = admin.locator("tr", has_text="inspector6@demo.safehouse.test")
    row.get_by_role("button", name="Deactivate").click()
    expect(row).to_contain_text("Deactivated")

    inspector.goto("/inspector")
    expect(inspector).to_have_url(re.compile(r"/sign-in"))
    row.get_by_role("button", name="Reactivate").click()
    expect(row).to_contain_text("Active")
