"""Pages people trust: an address that leads nowhere says so in the app's shell, and a person given a
one-time password by an admin chooses their own before anything else."""

import re
from datetime import UTC, datetime

import pytest
from playwright.sync_api import expect
from sqlmodel import Session, select

from safehouse_portal.db import Provider, User
from safehouse_portal.db.engine import make_engine
from safehouse_portal.services.accounts import users
from safehouse_portal.services.core.actor import CLI_OPERATOR
from tests.e2e.helpers import sign_in

pytestmark = pytest.mark.e2e


def test_an_address_no_page_has_shows_page_not_found_in_the_apps_shell_with_a_way_home(page):
    sign_in(page, "manager@demo.safehouse.test")
    expect(page).to_have_url(re.compile(r"/programme/?$"))
    page.goto("/no-such-page/anywhere")
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    expect(page.locator(".site-header")).to_be_visible()
    expect(page.locator(".marking-banner")).to_be_visible()
    assert page.title().startswith("Page not found")
    page.click("#not-found-home")
    expect(page).to_have_url(re.compile(r"/programme/?$"))


def test_a_one_time_password_must_be_replaced_at_first_sign_in_before_any_other_page(new_page, e2e_db_url):
    stamp = datetime.now(UTC).strftime("%H%M%S%f")
    email = f"first.sign.in.{stamp}@demo.safehouse.test"
    with Session(make_engine(e2e_db_url)) as session:
        provider_id = session.exec(select(Provider.id).order_by(Provider.id)).first()
        made = users.create_user(session=session, actor=CLI_OPERATOR, data={
            "email": email, "name": "First Sign-in", "role": "provider_lead", "provider_id": provider_id})
        session.commit()
    page = new_page()
    sign_in(page, email, made.password)
    expect(page).to_have_url(re.compile(r"/change-password/?$"))
    expect(page.get_by_role("heading", name="Choose your own password")).to_be_visible()

    page.goto("/provider")
    expect(page).to_have_url(re.compile(r"/change-password/?$"))

    page.fill("#password", "my own long password")
    page.fill("#confirm", "my own long password, typed wrong")
    page.click("#save-password")
    expect(page.locator("#error-summary")).to_contain_text("Enter the same password in both boxes")

    page.fill("#password", "my own long password")
    page.fill("#confirm", "my own long password")
    page.click("#save-password")
    expect(page).to_have_url(re.compile(r"/provider/?$"))
    with Session(make_engine(e2e_db_url)) as session:
        assert not session.exec(select(User.must_change_password).where(User.email == email)).one()
