"""Signing in, landing on the right home, and being kept out of other people's pages."""

import re

import pytest
from playwright.sync_api import expect
from sqlmodel import Session, select

from safehouse_portal.db import Provider, User
from safehouse_portal.db.engine import make_engine
from tests.e2e.helpers import sign_in

pytestmark = pytest.mark.e2e

HOMES = [
    ("lead1@demo.safehouse.test", "/provider", "Your service"),
    ("inspector1@demo.safehouse.test", "/inspector", "Your inspections"),
    ("manager@demo.safehouse.test", "/programme", "Programme board"),
    ("prime@demo.safehouse.test", "/reports", "Inspection reports"),
    ("admin@demo.safehouse.test", "/admin", "Users"),
]


def _providers(db_url: str) -> tuple[Provider, Provider]:
    """The first lead's own provider, and some other provider."""
    with Session(make_engine(db_url)) as session:
        lead = session.exec(select(User).where(User.email == "lead1@demo.safehouse.test")).one()
        own = session.get(Provider, lead.provider_id)
        other = session.exec(select(Provider).where(Provider.id != lead.provider_id)).first()
        return own, other


@pytest.mark.parametrize(("email", "path", "heading"), HOMES)
def test_each_role_signs_in_and_lands_on_its_home(page, email, path, heading):
    sign_in(page, email)
    expect(page).to_have_url(re.compile(re.escape(path) + "/?$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    expect(page.locator("#not-permitted")).to_have_count(0)


def test_a_provider_lead_sees_their_own_provider_and_its_addresses(page, e2e_db_url):
    own, _ = _providers(e2e_db_url)
    sign_in(page, "lead1@demo.safehouse.test")
    expect(page.get_by_text(own.lead_email).first).to_be_visible()
    expect(page.locator("table").last).not_to_contain_text("Withheld")


def test_a_provider_lead_cannot_open_another_providers_page(page, e2e_db_url):
    own, other = _providers(e2e_db_url)
    sign_in(page, "lead1@demo.safehouse.test")
    expect(page).to_have_url(re.compile(r"/provider/?$"))
    page.goto(f"/providers/{other.id}")
    expect(page.locator("#page-not-found")).to_be_visible()
    content = page.content()
    assert other.name not in content and other.lead_email not in content
    page.goto(f"/providers/{own.id}")
    expect(page.get_by_text(own.lead_email).first).to_be_visible()


def test_a_provider_lead_cannot_open_the_programme_pages(page, e2e_db_url):
    _, other = _providers(e2e_db_url)
    sign_in(page, "lead1@demo.safehouse.test")
    expect(page).to_have_url(re.compile(r"/provider/?$"))
    page.goto("/programme")
    expect(page.locator("#not-permitted")).to_be_visible()
    assert other.name not in page.content()
    page.goto("/admin")
    expect(page.locator("#not-permitted")).to_be_visible()


def test_a_wrong_password_shows_the_generic_message(page):
    sign_in(page, "lead1@demo.safehouse.test", "not-the-password")
    expect(page.locator(".error-summary")).to_contain_text("Enter a correct email address and password")
    sign_in(page, "nobody@demo.safehouse.test", "not-the-password")
    expect(page.locator(".error-summary")).to_contain_text("Enter a correct email address and password")
    expect(page).to_have_url(re.compile(r"/sign-in"))


def test_signing_out_ends_the_session_even_for_a_copied_cookie(new_page):
    page = new_page()
    sign_in(page, "inspector2@demo.safehouse.test")
    expect(page).to_have_url(re.compile(r"/inspector/?$"))
    cookies = page.context.cookies()
    session_cookie = next(c for c in cookies if c["name"] == "shp_session")
    assert session_cookie["httpOnly"] is True
    page.click("#sign-out")
    expect(page).to_have_url(re.compile(r"/sign-in"))
    page.goto("/inspector")
    expect(page).to_have_url(re.compile(r"/sign-in"))

    replay = new_page()
    replay.context.add_cookies([{**session_cookie}])
    replay.goto("/inspector")
    expect(replay).to_have_url(re.compile(r"/sign-in"))
