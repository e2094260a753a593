"""Nothing typed in the information return is lost or silently saved over, even across a server restart;
problems are shown where the person is looking."""

import json
import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import create_engine, text

from tests.e2e.axe import check_axe
from tests.e2e.helpers import sign_in

pytestmark = pytest.mark.e2e


def _announced_returns(e2e_db_url: str) -> list[tuple[int, str]]:
    """(inspection id, provider lead's email) of announced inspections, one per provider, last provider first."""
    engine = create_engine(e2e_db_url)
    with engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT min(i.id), u.email FROM inspection i JOIN inspection_group g ON g.id = i.group_id "
            "JOIN user u ON u.provider_id = g.provider_id AND u.role = 'provider_lead' "
            "AND u.email LIKE '%@demo.safehouse.test' "  # the demo's leads (demo-password), not one another test added
            "WHERE i.stage = 'announced' AND i.pir_requested_on IS NOT NULL "
            "GROUP BY g.provider_id, u.email ORDER BY g.provider_id")).all()
    engine.dispose()
    return [(row[0], row[1]) for row in rows]


def _colleague_saves(e2e_db_url: str, inspection_id: int, code: str, value: str) -> None:
    """Someone else saves ``value`` as the answer meanwhile (its version rises, as any save's does)."""
    engine = create_engine(e2e_db_url)
    with engine.begin() as conn:
        conn.execute(text(
            "UPDATE pir_answer SET value = :value, version = version + 1, updated_by_id = NULL "
            "WHERE question_code = :code AND return_id = (SELECT id FROM pir_return WHERE inspection_id = :id)"),
            {"value": f'"{value}"', "code": code, "id": inspection_id})
    engine.dispose()


def _stored(e2e_db_url: str, inspection_id: int, code: str):
    """The stored answer's value (decoded) and version."""
    engine = create_engine(e2e_db_url)
    with engine.connect() as conn:
        row = conn.execute(text(
            "SELECT value, version FROM pir_answer WHERE question_code = :code "
            "AND return_id = (SELECT id FROM pir_return WHERE inspection_id = :id)"),
            {"code": code, "id": inspection_id}).first()
    engine.dispose()
    return json.loads(row[0]), row[1]


def test_text_typed_while_the_server_restarts_is_saved_or_shown_as_a_conflict_never_overwritten(
        new_page, e2e_db_url, restart_server):
    stop, start = restart_server
    inspection_id, lead = _announced_returns(e2e_db_url)[-1]
    page = new_page()
    sign_in(page, lead)
    page.wait_for_url("**/provider**")
    page.goto(f"/provider/pir/incidents?inspection={inspection_id}")
    text_box, count_box = page.locator("#q-complaints_description"), page.locator("#q-incidents_count")
    text_box.fill("Before the outage: no complaints.")
    count_box.fill("2")
    page.keyboard.press("Tab")
    expect(page.locator("#save-status")).to_contain_text("Last saved")
    # Let the saves typed before the outage land (the box's own, then its debounced repeat): this test is
    # about text typed while the server is down. A save still in flight when the server dies comes back as
    # a conflict with the person's own answer, shown beside the box (a known gap, not covered here).
    for _ in range(100):
        if _stored(e2e_db_url, inspection_id, "incidents_count")[0] in (2, "2"):
            break
        page.wait_for_timeout(100)
    page.wait_for_timeout(1500)

    stop()
    expect(page.locator("#save-status")).to_have_text("Not saved: trying to reconnect")
    expect(page.locator("#connection-status")).to_contain_text("Not connected: trying to reconnect")
    expect(page.get_by_text("Cannot connect to server")).to_have_count(0)
    page.screenshot(path="/tmp/trustui-disconnected.png", full_page=True)
    text_box.fill("Typed while the server was down: one complaint about noise.")
    count_box.click()
    count_box.fill("3")
    page.keyboard.press("Tab")
    _colleague_saves(e2e_db_url, inspection_id, "complaints_description", "A colleague's answer: none this year.")
    start()

    conflict = page.locator("#conflict")
    expect(conflict).to_contain_text("saved \u201cA colleague's answer: none this year.\u201d")
    expect(conflict).to_contain_text("Typed while the server was down: one complaint about noise.")
    expect(text_box).to_have_value("A colleague's answer: none this year.")
    expect(count_box).to_have_value("3")
    # Connected again: the status no longer says "Not saved" (with Redis the page's state outlives the
    # restart and the reload after reconnecting may show either "Last saved" or the general line).
    expect(page.locator("#save-status")).not_to_contain_text("Not saved")
    page.screenshot(path="/tmp/trustui-conflict.png", full_page=True)
    check_axe(page)
    assert _stored(e2e_db_url, inspection_id, "complaints_description")[0] == "A colleague's answer: none this year."
    assert _stored(e2e_db_url, inspection_id, "incidents_count")[0] in (3, "3")
    page.reload()
    expect(count_box).to_have_value("3")


def test_save_and_continue_with_problems_takes_the_focus_to_the_summary_whose_links_keep_the_page(
        new_page, e2e_db_url):
    inspection_id, lead = _announced_returns(e2e_db_url)[-2]
    page = new_page()
    sign_in(page, lead)
    page.wait_for_url("**/provider**")
    page.goto(f"/provider/pir/feedback?inspection={inspection_id}")
    page.locator("#continue").focus()
    page.keyboard.press("Enter")
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    check_axe(page)
    link = summary.locator("a").first
    target = link.get_attribute("href").split("#")[1]
    link.click()
    assert page.url.endswith(f"/provider/pir/feedback?inspection={inspection_id}")
    expect(summary).to_be_visible()
    focused = page.evaluate("() => document.activeElement.id")
    assert focused.startswith(target), f"the focus is on {focused!r}, not on the field {target!r}"


def test_the_upload_dialog_keeps_the_focus_closes_with_escape_and_gives_the_focus_back(new_page, e2e_db_url):
    inspection_id, lead = _announced_returns(e2e_db_url)[-3]
    page = new_page()
    sign_in(page, lead)
    page.wait_for_url("**/provider**")
    page.goto(f"/provider/pir/policies?inspection={inspection_id}")
    opener = page.locator("#q-policy_fire_document")
    opener.click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    expect(dialog.locator("input[type=file]")).to_have_accessible_name(re.compile("^Choose a file for: "))
    for _ in range(4):
        page.keyboard.press("Tab")
        assert page.evaluate("() => !!document.activeElement.closest('[role=dialog]')"), "the focus left the dialog"
    check_axe(page)
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    expect(opener).to_be_focused()
