"""Clicking a download link saves the file: the link reaches the server's route, not the app's router.

In Reflex 0.10.1 every ``rx.el.a`` is a client-side router link; a click on a plain one to
``/files/...`` or ``/exports/...`` would show the app's "page not found" instead.
"""

import re

import pytest
from playwright.sync_api import expect
from sqlmodel import Session, select

from safehouse_portal.db import Inspection, InspectionGroup, Recommendation, User
from safehouse_portal.db.engine import make_engine
from safehouse_portal.domain.enums import Role
from tests.e2e.helpers import sign_in

pytestmark = pytest.mark.e2e

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def recommendation(e2e_db_url):
    """An open demo recommendation of the first provider, with its lead and lead inspector.

    Posting a progress update leaves it open, so the analytics' counts stay as seeded.
    """
    with Session(make_engine(e2e_db_url), expire_on_commit=False) as session:
        row, inspection, provider_id = session.exec(
            select(Recommendation, Inspection, InspectionGroup.provider_id)
            .join(Inspection, Inspection.id == Recommendation.inspection_id).join(InspectionGroup)
            .where(Inspection.final_issued_on.is_not(None), Inspection.lead_inspector_id.is_not(None),
                   Recommendation.status == "open")
            .order_by(InspectionGroup.provider_id, Recommendation.id)).first()
        lead = session.exec(select(User).where(User.role == Role.PROVIDER_LEAD, User.provider_id == provider_id)).one()
        return {"id": row.id, "lead": lead.email, "inspector": session.get(User, inspection.lead_inspector_id).email}


def _click_and_save(page, link):
    """Click ``link``, and return the download's suggested name and bytes (the page stays where it was)."""
    url = page.url
    with page.expect_download() as info:
        link.click()
    download = info.value
    with open(download.path(), "rb") as saved:
        content = saved.read()
    assert page.url == url
    return download.suggested_filename, content


def test_a_file_on_a_recommendations_thread_downloads_for_the_provider_and_the_inspector(new_page, recommendation):
    provider = new_page()
    sign_in(provider, recommendation["lead"])
    expect(provider).to_have_url(re.compile(r"/provider/?$"))
    provider.goto(f"/provider/recommendations/{recommendation['id']}")
    provider.locator("#update-files-group input[type=file]").set_input_files(
        files=[{"name": "fire-drill-log.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    attached = provider.get_by_role("link", name="fire-drill-log.pdf")
    assert _click_and_save(provider, attached) == ("fire-drill-log.pdf", PDF)
    provider.fill("#update-text", "The log is now reviewed every month.")
    provider.click("#post-update")
    expect(provider.locator("#thread")).to_contain_text("The log is now reviewed every month.")
    assert _click_and_save(provider, provider.locator("#thread").get_by_role("link", name="fire-drill-log.pdf")) \
        == ("fire-drill-log.pdf", PDF)

    inspector = new_page()
    sign_in(inspector, recommendation["inspector"])
    inspector.goto(f"/recommendations/{recommendation['id']}")
    in_thread = inspector.locator("#thread").get_by_role("link", name="fire-drill-log.pdf")
    assert _click_and_save(inspector, in_thread) == ("fire-drill-log.pdf", PDF)


@pytest.mark.parametrize(("link", "extension", "starts"), [("#export-csv", "csv", b""), ("#export-xlsx", "xlsx", b"PK")])
def test_the_analytics_export_links_download_the_filtered_view(page, link, extension, starts):
    sign_in(page, "manager@demo.safehouse.test")
    expect(page).to_have_url(re.compile(r"/programme/?$"))
    page.goto("/programme/analytics?view=timescales&kind=outreach")
    expect(page.locator("#analytics-title")).to_have_text("Recommendations by timescale and service kind")
    name, content = _click_and_save(page, page.locator(link))
    assert name.endswith(f".{extension}") and content.startswith(starts) and len(content) > 100
    if extension == "csv":
        # The header row comes first, so other tools import it; the filter is named in the file name.
        assert content.decode("utf-8-sig").splitlines()[0] == "Timescale,Safehouse,Outreach,Total"
        assert "outreach" in name
