"""Journeys that cross areas: the provider's PIR, the inspector's KLOE page and the inspection's page.

The demo database is shared with other browser tests, so these tests choose their own
inspection by a query: an announced inspection of the provider lead ``lead2`` whose PIR
is not submitted, with safe in scope, preferring the latest (other tests take the first).
"""

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import create_engine
from sqlmodel import Session, select

from safehouse_portal.db import Inspection, InspectionGroup, PirReturn, User
from safehouse_portal.domain.enums import Stage
from tests.e2e.helpers import sign_in

pytestmark = pytest.mark.e2e

PROVIDER_LEAD = "lead2@demo.safehouse.test"
QUESTION = "staffing_arrangements"
"""A text question of the PIR's staffing section, tagged with KLOE S3 (and W2)."""
KLOE = "S3"


@pytest.fixture(scope="module")
def journey(e2e_db_url) -> dict:
    """The inspection these journeys use, with its lead inspector's email."""
    engine = create_engine(e2e_db_url)
    with Session(engine) as session:
        lead = session.exec(select(User).where(User.email == PROVIDER_LEAD)).one()
        submitted = select(PirReturn.inspection_id).where(PirReturn.status == "submitted")
        candidates = session.exec(
            select(Inspection).join(InspectionGroup)
            .where(InspectionGroup.provider_id == lead.provider_id, Inspection.stage == Stage.ANNOUNCED,
                   Inspection.lead_inspector_id.is_not(None), Inspection.id.not_in(submitted))
            .order_by(Inspection.id.desc())).all()
        inspection = next((i for i in candidates if "safe" in i.key_questions), None)
        assert inspection is not None, "the demo has an announced inspection of lead2 with safe in scope"
        inspector = session.get(User, inspection.lead_inspector_id).email
    engine.dispose()
    return {"id": inspection.id, "inspector": inspector}


def test_the_inspectors_kloe_panel_shows_the_providers_new_answer_without_reloading(new_page, journey):
    inspector = new_page()
    sign_in(inspector, journey["inspector"])
    inspector.goto(f"/inspections/{journey['id']}/kloes/{KLOE}")
    expect(inspector.locator("#kloe-title")).to_contain_text(KLOE)
    expect(inspector.locator("#pir-panel")).to_be_visible()
    inspector.evaluate("window.__not_reloaded = true")

    provider = new_page()
    sign_in(provider, PROVIDER_LEAD)
    provider.goto(f"/provider/pir/staffing?inspection={journey['id']}")
    field = provider.locator(f"#q-{QUESTION}")
    expect(field).to_be_editable()
    words = "Two waking night workers in each house, and an on-call manager for the whole service."
    field.fill(words)
    field.press("Tab")
    expect(provider.locator("#save-status")).to_contain_text("Last saved")

    expect(inspector.locator(f"#pir-{QUESTION}")).to_contain_text(words, timeout=15000)
    expect(inspector.locator("#pir-last-changed")).to_contain_text("Last change")
    assert inspector.evaluate("window.__not_reloaded") is True, "the inspector's page was not reloaded"


def test_the_inspection_page_takes_the_inspector_to_the_providers_information_return(page, journey):
    sign_in(page, journey["inspector"])
    page.goto(f"/inspections/{journey['id']}")
    page.click("#pir-link")
    expect(page).to_have_url(re.compile(rf"/inspections/{journey['id']}/pir$"))
    expect(page.locator("h1")).to_have_text("Provider information return")
    expect(page.locator("#pir-status")).not_to_be_empty()
