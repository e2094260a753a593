"""A programme manager imports the spreadsheet: upload, check the dry run, confirm, and the new lead signs in."""

import re
import uuid

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import sign_in

pytestmark = pytest.mark.e2e

HEADER = ("provider,lead_name,lead_email,lead_phone,designated_inspector_email,location,kind,region,address,"
          "postcode,accommodates_children,capacity,group,active")


def _sheet(name: str, email: str, kind: str = "safehouse") -> bytes:
    lines = [HEADER,
             f"{name},Nia Okoro,{email},01632 960555,inspector1@demo.safehouse.test,Aspen House,{kind},London,"
             "3 Sample Street,ZZ99 1AA,no,6,Aspen services,",
             f"{name},Nia Okoro,{email},01632 960555,inspector1@demo.safehouse.test,Aspen outreach team,outreach,"
             "London,5 Sample Street,ZZ99 1AB,no,,Aspen services,yes"]
    return "\n".join(lines).encode()


def _choose(page, content: bytes) -> None:
    page.locator("#programme-upload input[type=file]").set_input_files(
        files=[{"name": "programme.csv", "mimeType": "text/csv", "buffer": content}])


def test_a_manager_imports_a_new_provider_whose_lead_then_signs_in(new_page):
    suffix = uuid.uuid4().hex[:6]
    name, email = f"Aspenwood Trust {suffix}", f"nia.{suffix}@aspenwood.test"
    manager = new_page()
    sign_in(manager, "manager@demo.safehouse.test")
    manager.get_by_role("link", name="Import programme").click()
    expect(manager.get_by_role("heading", level=1)).to_have_text("Import the programme")

    _choose(manager, _sheet(name, email, kind="hostel"))
    errors = manager.locator("#import-errors")
    expect(errors).to_contain_text("row 2, column kind: Enter safehouse or outreach (not 'hostel')")
    expect(errors).to_be_focused()

    _choose(manager, _sheet(name, email))
    expect(manager.locator("#import-preview")).to_contain_text("Nothing has been written yet")
    expect(manager.locator("#preview-created")).to_contain_text(f"Aspen House ({name})")
    expect(manager.locator("#import-errors")).to_have_count(0)
    manager.click("#confirm-import")
    expect(manager.locator("#import-outcome")).to_contain_text("Programme imported")
    accounts = manager.locator("#new-accounts")
    expect(accounts).to_contain_text(email)
    password = accounts.locator("code").inner_text()

    lead = new_page()
    sign_in(lead, email, password)
    expect(lead).to_have_url(re.compile(r"/change-password/?$"))  # a one-time password is replaced first
    lead.fill("#password", "nia's own long password")
    lead.fill("#confirm", "nia's own long password")
    lead.click("#save-password")
    expect(lead).to_have_url(re.compile(r"/provider/?$"))
    expect(lead.locator("main")).to_contain_text(name)
