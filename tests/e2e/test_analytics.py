"""Programme analytics in the browser: filters change the chart and the table, and stay in the URL."""

import io
import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect
from sqlmodel import Session

from safehouse_portal.db.engine import make_engine
from safehouse_portal.services.analytics import service as analytics
from safehouse_portal.services.core.actor import CLI_OPERATOR
from safehouse_portal.portals.shared.edge import programme_today
from tests.e2e.helpers import sign_in

pytestmark = pytest.mark.e2e

TOTAL_ROW = "#analytics-table tr.total-row"


def _bars(page) -> int:
    return page.locator("#analytics-chart .recharts-bar-rectangle").count()


def _timescale_counts(e2e_db_url: str, timescale: str = "total") -> dict[str, int]:
    """A row of the timescales view by service kind, as the e2e database holds it now.

    Other browser tests draft and issue recommendations in the same database, so the numbers
    are read at test time rather than fixed.
    """
    engine = make_engine(e2e_db_url)
    try:
        with Session(engine) as session:
            table = analytics.counts(session=session, actor=CLI_OPERATOR, view="timescales", today=programme_today())
    finally:
        engine.dispose()
    return {kind: int(table[timescale][kind] or 0) for kind in ("safehouse", "outreach", "total")}


def test_a_programme_manager_narrows_the_timescales_to_outreach_and_the_filter_survives_a_reload(page, e2e_db_url):
    totals = _timescale_counts(e2e_db_url)
    assert totals["safehouse"] > 0 and totals["outreach"] > 0, "the demo has recommendations of both kinds"
    sign_in(page, "manager@demo.safehouse.test")
    expect(page).to_have_url(re.compile(r"/programme/?$"))
    page.goto("/programme/analytics?view=timescales")
    expect(page.locator("#analytics-title")).to_have_text("Recommendations by timescale and service kind")
    expect(page.locator(TOTAL_ROW + " td").first).to_have_text(str(totals["safehouse"]))
    expect(page.locator(TOTAL_ROW + " td").nth(1)).to_have_text(str(totals["outreach"]))
    expect(page.locator(TOTAL_ROW + " td").last).to_have_text(str(totals["total"]))
    expect(page.locator("#analytics-chart .recharts-bar-rectangle").first).to_be_visible()
    bars_before = _bars(page)

    page.select_option("#analytics-kind", "outreach")
    page.click("#apply-filters")

    expect(page).to_have_url(re.compile(r"kind=outreach"))
    expect(page.locator(TOTAL_ROW + " td").last).to_have_text(str(totals["outreach"]))
    expect(page.locator(TOTAL_ROW + " td").first).to_have_text("0")
    expect(page.locator("#analytics-filter-summary")).to_contain_text("Service kind: Outreach")
    page.wait_for_timeout(300)
    assert _bars(page) < bars_before

    page.reload()
    expect(page.locator(TOTAL_ROW + " td").last).to_have_text(str(totals["outreach"]))
    expect(page.locator("#analytics-kind")).to_have_value("outreach")


def test_a_number_links_to_the_recommendations_behind_it(page, e2e_db_url):
    immediate = _timescale_counts(e2e_db_url, "immediately")["safehouse"]
    assert immediate > 1, "the demo has several immediate safehouse recommendations"
    sign_in(page, "manager@demo.safehouse.test")
    expect(page).to_have_url(re.compile(r"/programme/?$"))
    page.goto("/programme/analytics?view=timescales")
    page.get_by_role("link", name=f"{immediate}: Immediately, Safehouse").click()
    expect(page).to_have_url(re.compile(r"/programme/analytics/items\?.*timescale=immediately"))
    expect(page.locator("#analytics-item-count")).to_contain_text(f"{immediate} items")
    expect(page.locator("#analytics-items tbody tr")).to_have_count(immediate)
    expect(page.locator("#analytics-items")).to_contain_text("Immediately")


def test_the_export_downloads_as_a_marked_workbook_with_the_filters_named(page):
    sign_in(page, "manager@demo.safehouse.test")
    expect(page).to_have_url(re.compile(r"/programme/?$"))
    response = page.request.get("/exports/analytics/timescales.xlsx?kind=outreach")
    assert response.status == 200
    notes = load_workbook(io.BytesIO(response.body()))["Notes"]
    assert "OFFICIAL-SENSITIVE" in notes["A1"].value
    assert "Service kind: Outreach" in notes["A3"].value
    assert "service-kind-outreach" in response.headers["content-disposition"]


def test_a_stakeholder_sees_final_report_data_without_links_into_inspections(page):
    sign_in(page, "prime@demo.safehouse.test")
    expect(page).to_have_url(re.compile(r"/reports/?$"))
    page.goto("/programme/analytics?view=judgements")
    expect(page.get_by_text("You see final-report data only")).to_be_visible()
    page.locator("#analytics-table tbody a").first.click()
    expect(page.locator("#analytics-items tbody tr").first).to_be_visible()
    expect(page.locator("#analytics-items a")).to_have_count(0)


def test_a_provider_lead_is_not_permitted_to_see_the_analytics(page):
    sign_in(page, "lead1@demo.safehouse.test")
    expect(page).to_have_url(re.compile(r"/provider/?$"))
    page.goto("/programme/analytics?view=timescales")
    expect(page.locator("#not-permitted")).to_be_visible()
    expect(page.locator("#analytics-table tbody tr")).to_have_count(0)
