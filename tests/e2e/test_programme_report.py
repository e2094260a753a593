"""The annual programme report downloads from the analytics page, for the period the filters choose."""

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.e2e.helpers import sign_in

pytestmark = pytest.mark.e2e


def test_a_stakeholder_downloads_the_programme_report_for_the_period_chosen(page):
    sign_in(page, "homeoffice@demo.safehouse.test")
    expect(page).to_have_url(re.compile(r"/reports/?$"))
    page.goto("/programme/analytics?view=timescales&from=2025-01-01&to=2026-12-31")
    link = page.locator("#programme-report-pdf")
    expect(link).to_have_attribute("href", "/documents/programme-report.pdf?from=2025-01-01&to=2026-12-31")
    url = page.url
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename == "programme-report-2025-01-01-to-2026-12-31.pdf"
    with open(download.path(), "rb") as saved:
        text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(saved.read())).pages)
    assert page.url == url
    assert "1 January 2025 to 31 December 2026" in text and "Figure 2" in text
