"""Every role's main pages pass axe-core's WCAG 2.2 AA rules (the shared fixture checks each page shown)."""

import pytest
from playwright.sync_api import expect
from sqlalchemy import create_engine, text

from safehouse_portal import routes
from safehouse_portal.domain.enums import Role
from tests.e2e.axe import check_axe
from tests.e2e.helpers import sign_in

pytestmark = pytest.mark.e2e

PEOPLE = {
    Role.PROVIDER_LEAD: "lead1@demo.safehouse.test",
    Role.INSPECTOR: "inspector1@demo.safehouse.test",
    Role.PROGRAMME_MANAGER: "manager@demo.safehouse.test",
    Role.STAKEHOLDER: "homeoffice@demo.safehouse.test",
    Role.ADMIN: "admin@demo.safehouse.test",
}


def _working_inspection(e2e_db_url: str) -> int:
    """An inspection of inspector1's in the inspecting stage (its workspace and KLOE pages have content)."""
    engine = create_engine(e2e_db_url)
    with engine.connect() as conn:
        found = conn.execute(text(
            "SELECT i.id FROM inspection i JOIN user u ON u.id = i.lead_inspector_id "
            "WHERE u.email = 'inspector1@demo.safehouse.test' AND i.stage IN ('inspecting', 'evidence_review') "
            "ORDER BY i.id")).first()
    engine.dispose()
    assert found, "the demo gives inspector1 an inspection being inspected"
    return found[0]


@pytest.mark.parametrize("role", list(PEOPLE), ids=lambda role: role.value)
def test_every_page_in_a_roles_navigation_has_no_accessibility_violations(new_page, role):
    page = new_page()
    sign_in(page, PEOPLE[role])
    expect(page.locator("h1")).to_be_visible()
    for label, href in routes.navigation(role):
        page.goto(href)
        expect(page.locator("h1")).to_be_visible()
        page.wait_for_load_state("networkidle")
        check_axe(page)


def test_the_inspectors_workspace_and_kloe_page_have_no_accessibility_violations(new_page, e2e_db_url):
    inspection_id = _working_inspection(e2e_db_url)
    page = new_page()
    sign_in(page, PEOPLE[Role.INSPECTOR])
    expect(page.locator("h1")).to_be_visible()
    for href in (routes.inspection(inspection_id), routes.workspace(inspection_id),
                 routes.kloe(inspection_id, "S1"), routes.inspection_pir(inspection_id)):
        page.goto(href)
        expect(page.locator("h1")).to_be_visible()
        page.wait_for_load_state("networkidle")
        check_axe(page)
