"""A recorded concern moves its provider up the revisit list; provider leads never reach concerns."""

import pytest
from playwright.sync_api import expect
from sqlalchemy import create_engine, text

from tests.e2e.helpers import sign_in

pytestmark = pytest.mark.e2e

MANAGER = "manager@demo.safehouse.test"
LEAD = "lead1@demo.safehouse.test"


def _providers(e2e_db_url: str) -> list[str]:
    engine = create_engine(e2e_db_url)
    with engine.connect() as conn:
        names = [row[0] for row in conn.execute(text("SELECT name FROM provider ORDER BY id")).all()]
    engine.dispose()
    return names


def _revisit_providers(page) -> list[str]:
    """The provider of each row of the revisit list, top first."""
    page.goto("/programme/coverage")
    table = page.locator("table", has=page.locator("caption", has_text="Groups to revisit"))
    expect(table.locator("tbody tr").first).to_be_visible()  # the rows have arrived, not just the caption
    return table.locator("tbody tr td:nth-child(2)").all_inner_texts()


def test_a_recorded_concern_moves_the_provider_up_the_revisit_list(page, e2e_db_url, today):
    sign_in(page, MANAGER)
    expect(page.locator("#board")).to_be_visible()
    before = _revisit_providers(page)
    providers = _providers(e2e_db_url)
    lowest = max(providers, key=lambda name: before.index(name) if name in before else len(before))
    was = before.index(lowest) if lowest in before else len(before)

    page.goto("/programme/concerns/new")
    page.locator("#provider_id").select_option(label=lowest)
    page.locator("#source").select_option("home_office")
    page.fill("#received_on", today.isoformat())
    page.fill("#summary", "The Home Office reports a survivor was refused interpretation at a key meeting")
    page.locator("#severity").select_option("high")
    page.click("#record-concern")
    expect(page.get_by_text("The Home Office reports a survivor was refused interpretation")).to_be_visible()

    page.goto("/programme/coverage")
    revisit = page.locator("table", has=page.locator("caption", has_text="Groups to revisit"))
    row = revisit.locator("tbody tr", has=page.locator("td:nth-child(2)", has_text=lowest)).first
    expect(row).to_contain_text("1 open concern (high, received")  # the provider comes onto the list, with why
    after = _revisit_providers(page)
    assert lowest in after, "a provider off the list comes onto it"
    if lowest in before:
        assert after.index(lowest) < was


def test_a_provider_lead_is_not_permitted_to_see_concerns(page):
    sign_in(page, LEAD)
    expect(page.locator("main")).to_be_visible()
    page.goto("/programme/concerns")
    expect(page.locator("#not-permitted")).to_be_visible()
