"""Pages reflow at 320 px wide (WCAG 1.4.10): nothing makes the whole page scroll sideways."""

import pytest
from playwright.sync_api import expect

from safehouse_portal import routes
from tests.e2e.helpers import sign_in
from tests.e2e.test_trust_axe import _working_inspection

pytestmark = pytest.mark.e2e


def _no_sideways_scroll(page) -> None:
    wide = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert wide[0] <= wide[1], f"the page is {wide[0]} px wide in a {wide[1]} px window"


def test_the_kloe_page_and_the_inspectors_home_reflow_at_320_px(page, e2e_db_url):
    inspection_id = _working_inspection(e2e_db_url)
    page.set_viewport_size({"width": 320, "height": 640})
    sign_in(page, "inspector1@demo.safehouse.test")
    expect(page.locator("h1")).to_be_visible()
    page.wait_for_load_state("networkidle")
    _no_sideways_scroll(page)
    page.goto(routes.kloe(inspection_id, "S1"))
    expect(page.locator("h1")).to_be_visible()
    page.wait_for_load_state("networkidle")
    page.screenshot(path="/tmp/trustui-kloe-320.png", full_page=True)
    _no_sideways_scroll(page)


def test_the_provider_home_reflows_at_320_px(page):
    page.set_viewport_size({"width": 320, "height": 640})
    sign_in(page, "lead1@demo.safehouse.test")
    expect(page.locator("h1")).to_be_visible()
    page.wait_for_load_state("networkidle")
    page.screenshot(path="/tmp/trustui-provider-320.png", full_page=True)
    _no_sideways_scroll(page)


def test_the_providers_pir_answers_are_one_move_away_on_the_kloe_page(page, e2e_db_url):
    inspection_id = _working_inspection(e2e_db_url)
    sign_in(page, "inspector1@demo.safehouse.test")
    expect(page.locator("h1")).to_be_visible()
    page.goto(routes.kloe(inspection_id, "S1"))
    page.locator("#to-pir-answers").click()
    answers = page.locator("#kloe-pir-answers")
    expect(answers).to_be_focused()
    expect(answers).to_be_in_viewport()
    assert f"/inspections/{inspection_id}/kloes/S1" in page.url
