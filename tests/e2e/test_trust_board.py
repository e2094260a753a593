"""The programme board by keyboard: a card in the sixth column is moved in under ten key presses from the
top of the page, the outcome is where the person is looking, and the controls say what they show."""

import re
from urllib.parse import urlencode

import pytest
from playwright.sync_api import expect
from sqlalchemy import create_engine, text

from tests.e2e.axe import check_axe
from tests.e2e.helpers import sign_in

pytestmark = pytest.mark.e2e


def _drafting(e2e_db_url: str) -> tuple[int, str]:
    engine = create_engine(e2e_db_url)
    with engine.connect() as conn:
        row = conn.execute(text(
            "SELECT i.id, g.name FROM inspection i JOIN inspection_group g ON g.id = i.group_id "
            "WHERE i.stage = 'drafting' AND i.id IN (SELECT max(id) FROM inspection GROUP BY group_id) "
            "ORDER BY i.id")).first()
    engine.dispose()
    return row[0], row[1]


def test_a_keyboard_user_moves_a_card_in_the_sixth_column_in_under_ten_key_presses(page, e2e_db_url):
    inspection_id, group = _drafting(e2e_db_url)
    page.set_viewport_size({"width": 1280, "height": 800})
    sign_in(page, "manager@demo.safehouse.test")
    page.goto("/programme?" + urlencode({"q": group}))
    expect(page.locator(f"#card-{inspection_id}")).to_be_visible()
    opener = page.locator(f"#move-open-{inspection_id}")
    expect(opener).to_have_accessible_name(re.compile("^Move to\u2026"))
    page.evaluate("() => { window.scrollTo(0, 0); document.activeElement && document.activeElement.blur(); }")

    presses = ["Tab", "Enter",  # the skip link, to the main content
               "Tab", "6",  # "Jump to stage": the sixth stage's column takes the focus
               "Tab", "Tab", "Tab"]  # past the column's skip link and the card's title, to "Move to..."
    for key in presses:
        page.keyboard.press(key)
    expect(page.locator("#stage-drafting")).to_contain_text(group)
    expect(opener).to_be_focused()
    page.keyboard.press("Enter")  # opens the card's "Move to" form, its list focused on the next stage
    expect(page.locator("#move-target")).to_be_focused()
    check_axe(page)
    page.keyboard.press("Enter")  # moves it
    assert len(presses) + 2 < 10

    notice, refusal = page.locator("#board-notice"), page.locator("#board-refusal")
    expect(notice.or_(refusal)).to_be_visible()
    if notice.is_visible():
        expect(notice).to_contain_text(f"{group} moved to Quality assurance")
        expect(page.locator(f"#move-open-{inspection_id}")).to_be_focused()
    else:
        expect(refusal).to_contain_text(f"{group} could not move to")
        expect(refusal).to_be_focused()
        box = refusal.bounding_box()
        assert 0 <= box["y"] < 800, "the refusal is shown in the viewport, where the person is looking"
    page.screenshot(path="/tmp/trustui-board.png")
    check_axe(page)


def test_each_columns_skip_link_takes_the_focus_to_the_next_column(page):
    sign_in(page, "manager@demo.safehouse.test")
    page.goto("/programme")
    first = page.locator(".board-column").first
    expect(first).to_be_visible()
    first.locator(".column-skip").focus()
    expect(first.locator(".column-skip")).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator(".board-column").nth(1)).to_be_focused()
