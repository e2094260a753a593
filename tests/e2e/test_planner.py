"""Plan the year in a browser: run the planner, watch it, accept three, find them on the board; and an
inspector keeping their own days off."""

from datetime import date, timedelta
from urllib.parse import urlencode

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import check_axe
from tests.e2e.helpers import sign_in

pytestmark = pytest.mark.e2e

MANAGER = "manager@demo.safehouse.test"
INSPECTOR = "inspector2@demo.safehouse.test"


def test_a_manager_runs_the_planner_accepts_three_and_sees_them_planned_on_the_board(new_page):
    page = new_page()
    sign_in(page, MANAGER)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Plan the year").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Plan the year")
    page.fill("#plan-time_limit", "3")
    page.click("#run-planner")
    expect(page.locator("#plan-running")).to_be_visible()
    expect(page.locator("#plan-progress")).to_be_visible()
    expect(page.locator("#plan-outcome")).to_be_visible(timeout=90_000)
    expect(page.locator("#plan-running")).to_have_count(0)
    expect(page.locator("#plan-timeline")).to_be_visible()
    check_axe(page)
    boxes = page.locator("#accept-form input[type=checkbox]")
    chosen = []
    for n in range(3):
        box = boxes.nth(n)
        box.check()
        label = page.locator(f"label[for='{box.get_attribute('id')}']").inner_text()
        chosen.append(label.strip().removeprefix("Accept").strip())
    page.click("#accept-ticked")
    confirmation = page.locator("#plan-accepted")
    expect(confirmation).to_contain_text("3 inspections planned")
    expect(confirmation).to_be_focused()
    check_axe(page)
    for group in chosen:
        page.goto("/programme?" + urlencode({"q": group}))
        column = page.locator('section.board-column[data-stage="planned"]')
        expect(column.get_by_text(group, exact=True).first).to_be_visible()


def test_an_inspector_adds_and_removes_their_own_days_off(new_page):
    page = new_page()
    sign_in(page, INSPECTOR)
    page.click("#own-availability")
    expect(page.get_by_role("heading", level=1)).to_have_text("Availability for planning")
    cards = page.locator("section.av-card")
    expect(cards).to_have_count(1)
    card = cards.first
    card.get_by_role("button", name="Add days off").click()
    expect(page.locator("#av-errors")).to_be_focused()
    check_axe(page)
    first = date.today() + timedelta(days=200)
    card.get_by_label("First day").fill(first.isoformat())
    card.get_by_label("Reason").fill("Training course")
    card.get_by_role("button", name="Add days off").click()
    expect(card.get_by_role("status")).to_contain_text("Days off added.")
    entry = card.locator("li", has_text="Training course")
    expect(entry).to_have_count(1)
    entry.get_by_role("button").click()
    expect(card.get_by_role("status")).to_contain_text("Days off removed.")
    expect(card.locator("li", has_text="Training course")).to_have_count(0)


def test_a_manager_chooses_an_availability_csv_and_sees_its_errors_by_row_and_column(new_page):
    page = new_page()
    sign_in(page, MANAGER)
    page.goto("/availability")
    expect(page.get_by_role("heading", level=1)).to_have_text("Availability for planning")
    csv = ("email,home_region,max_leads_per_4_weeks,skills,unavailable\n"
           f"{INSPECTOR},Atlantis,2,,\n").encode()
    page.locator("#availability-upload input[type=file]").set_input_files(
        {"name": "availability.csv", "mimeType": "text/csv", "buffer": csv})
    errors = page.locator("#import-errors")
    expect(errors).to_contain_text("Row 2, column home_region: Choose a region")
    expect(errors).to_contain_text("nothing was saved")
    expect(errors).to_be_focused()
    check_axe(page)
