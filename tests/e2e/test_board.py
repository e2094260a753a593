"""The programme board in a browser: moves by drag and drop and by keyboard, live, filtered, guarded."""

import re
from datetime import date
from urllib.parse import urlencode

import pytest
from playwright.sync_api import expect
from sqlalchemy import create_engine, text

from tests.e2e.helpers import sign_in

pytestmark = pytest.mark.e2e

MANAGER = "manager@demo.safehouse.test"


def _inspections_at(e2e_db_url: str, stage: str) -> list[tuple[int, str]]:
    """Current inspections at ``stage`` as (id, group name), oldest group first."""
    engine = create_engine(e2e_db_url)
    with engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT i.id, g.name FROM inspection i JOIN inspection_group g ON g.id = i.group_id "
            "WHERE i.stage = :stage AND i.id IN (SELECT max(id) FROM inspection GROUP BY group_id) ORDER BY i.id"
        ), {"stage": stage}).all()
    engine.dispose()
    return [(row[0], row[1]) for row in rows]


def _started_today(e2e_db_url: str, inspection_id: int) -> None:
    """Make the inspection's first day today, as if the inspectors had just arrived."""
    engine = create_engine(e2e_db_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE inspection SET planned_start = :today, started_on = :today WHERE id = :id"),
                     {"today": date.today().isoformat(), "id": inspection_id})
    engine.dispose()


def _column(page, stage: str):
    return page.locator(f'section.board-column[data-stage="{stage}"]')


def _open_board(page, email: str = MANAGER, query: str = ""):
    page.set_viewport_size({"width": 1600, "height": 900})
    sign_in(page, email)
    page.goto(f"/programme{query}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Programme board")
    expect(page.locator(".board-card").first).to_be_visible()


def _drag(page, card_id: int, stage: str) -> None:
    """Drag a card by its body (not its link) onto a column, as a person does with a mouse."""
    card = page.locator(f"#card-{card_id}")
    expect(card.locator("xpath=..")).to_have_class(re.compile("draggable"))
    card.scroll_into_view_if_needed()
    zone = _column(page, stage).locator(".drop-zone")
    source, target = card.bounding_box(), zone.bounding_box()
    page.mouse.move(source["x"] + 30, source["y"] + 45)
    page.mouse.down()
    page.mouse.move(target["x"] + 40, target["y"] + 30, steps=10)
    page.mouse.up()


def _only(group: str) -> str:
    return "?" + urlencode({"q": group})


def test_a_dragged_card_moves_for_the_mover_and_for_a_second_viewer_without_reloading(new_page, e2e_db_url):
    inspection_id, group = _inspections_at(e2e_db_url, "pir_received")[0]
    _started_today(e2e_db_url, inspection_id)
    mover, watcher = new_page(), new_page()
    _open_board(mover, query=_only(group))
    _open_board(watcher, "admin@demo.safehouse.test", _only(group))
    card = f"#card-{inspection_id}"
    expect(_column(watcher, "pir_received").locator(card)).to_be_visible()

    _drag(mover, inspection_id, "inspecting")

    expect(mover.locator("#board-notice")).to_contain_text(f"{group} moved to Inspecting")
    expect(_column(mover, "inspecting").locator(card)).to_be_visible()
    expect(_column(watcher, "inspecting").locator(card)).to_be_visible()
    expect(_column(watcher, "pir_received").locator(card)).to_have_count(0)


def test_a_move_a_gate_refuses_says_why_and_leaves_the_card_where_it_was(page, e2e_db_url):
    inspection_id, group = _inspections_at(e2e_db_url, "pir_received")[-1]
    _open_board(page, query=_only(group))
    card = f"#card-{inspection_id}"

    _drag(page, inspection_id, "inspecting")

    refusal = page.locator("#board-refusal")
    expect(refusal).to_contain_text(f"{group} could not move to Inspecting")
    expect(refusal).to_contain_text("The inspection has not started")
    expect(_column(page, "pir_received").locator(card)).to_be_visible()
    expect(_column(page, "inspecting").locator(card)).to_have_count(0)


def test_the_keyboard_move_to_control_moves_a_card_back_with_a_reason(page, e2e_db_url):
    inspection_id, group = _inspections_at(e2e_db_url, "drafting")[-1]
    _open_board(page)
    opener = page.locator(f"#move-open-{inspection_id}")
    opener.focus()
    page.keyboard.press("Enter")
    target = page.locator("#move-target")
    expect(target).to_be_focused()
    target.select_option("evidence_review")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("#move-reason-error")).to_contain_text("Enter why the inspection moves back a stage")

    page.locator("#move-reason").fill("The evidence on staffing needs another look")
    page.locator("#move-reason").press("Tab")
    page.keyboard.press("Enter")

    expect(page.locator("#board-notice")).to_contain_text(f"{group} moved to Evidence review")
    expect(_column(page, "evidence_review").locator(f"#card-{inspection_id}")).to_be_visible()


def test_filters_are_kept_in_the_address_and_survive_a_reload(page):
    _open_board(page)
    provider = page.locator("#filter-provider option").nth(1)
    provider_id, provider_name = provider.get_attribute("value"), provider.inner_text()
    page.select_option("#filter-provider", provider_id)
    page.select_option("#filter-kind", "safehouse")
    page.click("#apply-filters")
    expect(page).to_have_url(re.compile(rf"provider={provider_id}.*kind=safehouse"))
    expect(page.locator("#filter-provider")).to_have_value(provider_id)
    count = page.locator("#board-count").inner_text()

    page.reload()

    expect(page.locator("#filter-provider")).to_have_value(provider_id)
    expect(page.locator("#filter-kind")).to_have_value("safehouse")
    expect(page.locator("#board-count")).to_have_text(count)
    providers = page.locator(".board-card .card-provider").all_inner_texts()
    assert providers and set(providers) == {provider_name}


def test_an_inspector_sees_a_read_only_board_of_their_own_inspections(page):
    _open_board(page, "inspector1@demo.safehouse.test")
    expect(page.get_by_text("This board shows only your inspections and is read-only.")).to_be_visible()
    expect(page.locator(".move-open")).to_have_count(0)
    expect(page.get_by_role("link", name="Allocate an inspection")).to_have_count(0)


def test_a_provider_lead_opening_the_board_is_not_permitted_and_gets_no_board_data(page):
    sign_in(page, "lead1@demo.safehouse.test")
    expect(page).to_have_url(re.compile(r"/provider/?$"))
    page.goto("/programme")
    expect(page.locator("#not-permitted")).to_be_visible()
    expect(page.locator(".board-card")).to_have_count(0)
    expect(page.locator("#board")).to_have_count(0)
    assert "services" not in page.locator("main").inner_text()


def test_each_card_says_its_deadline_state_and_next_step_and_sits_in_its_stage(page):
    _open_board(page)
    card = page.locator(".board-card").first
    state = re.search(r"card-([a-z_]+)", card.get_attribute("class")).group(1)
    words = {"overdue": "Overdue", "due_soon": "Due soon", "on_track": "On track", "no_deadline": "No deadline"}
    expect(card.locator(".countdown .tag")).to_have_text(words[state])
    expect(card.get_by_text(re.compile(r"^Next: "))).to_be_visible()
    column = card.locator("xpath=ancestor::section[contains(@class, 'board-column')]")
    assert card.get_attribute("data-stage") == column.get_attribute("data-stage")
