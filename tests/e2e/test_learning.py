"""Good practice from nomination to a provider lead's search, and a quality panel member's view."""

import re

import pytest
from playwright.sync_api import expect
from sqlmodel import Session, select

from safehouse_portal.db import Inspection, Location, QualityPanelMember, User
from safehouse_portal.db.engine import make_engine
from safehouse_portal.domain.enums import Role, Stage
from tests.e2e.axe import check_axe
from tests.e2e.helpers import sign_in

pytestmark = pytest.mark.e2e
MANAGER = "manager@demo.safehouse.test"


@pytest.fixture
def people(e2e_db_url):
    """A drafting inspection's lead and one of its locations, a provider lead, and a quality panel member."""
    with Session(make_engine(e2e_db_url)) as session:
        inspection = session.exec(select(Inspection).where(Inspection.stage == Stage.DRAFTING,
                                                           Inspection.lead_inspector_id.is_not(None))
                                  .order_by(Inspection.id)).first()
        place = session.exec(select(Location.name).where(Location.group_id == inspection.group_id)).first()
        lead = session.get(User, inspection.lead_inspector_id)
        provider_lead = session.exec(select(User).where(User.role == Role.PROVIDER_LEAD).order_by(User.id)).first()
        member = session.exec(select(QualityPanelMember)).first()
        return {"inspection": inspection.id, "place": place, "lead": lead.email, "provider_lead": provider_lead.email,
                "panel": member.inspection_id, "member": session.get(User, member.user_id).email}


def test_a_nomination_is_anonymised_published_and_found_by_a_provider_lead_by_theme(new_page, people):
    inspector = new_page()
    sign_in(inspector, people["lead"])
    expect(inspector).to_have_url(re.compile(r"/inspector/?$"))
    inspector.goto(f"/inspections/{people['inspection']}/kloes/C1/good-practice")
    inspector.fill("#title", "Gardening mornings with a local allotment group")
    inspector.fill("#what_they_do", f"Survivors at {people['place']} garden with volunteers twice a week.")
    inspector.fill("#why_it_works", "Survivors said it was calm time outdoors, with no questions asked.")
    inspector.check("#gp-theme-health_and_wellbeing")
    inspector.click("#nominate")
    expect(inspector.locator("#flags")).to_contain_text(people["place"])

    manager = new_page()
    sign_in(manager, MANAGER)
    manager.goto("/programme/good-practice")
    manager.get_by_role("link", name="Gardening mornings with a local allotment group").click()
    manager.click("#publish")
    expect(manager.locator("#review-errors")).to_contain_text(people["place"])
    check_axe(manager)
    manager.fill("#what_they_do", "Survivors garden with volunteers twice a week.")
    manager.click("#save-example")
    expect(manager.locator("#no-flags")).to_be_visible()
    manager.click("#publish")
    expect(manager.locator("#notice")).to_contain_text("Published")

    provider = new_page()
    sign_in(provider, people["provider_lead"])
    provider.goto("/good-practice")
    provider.select_option("#filter-theme", "health_and_wellbeing")
    provider.click("#search")
    expect(provider).to_have_url(re.compile(r"theme=health_and_wellbeing"))
    expect(provider.locator("#library")).to_contain_text("Gardening mornings with a local allotment group")
    expect(provider.locator("#library")).not_to_contain_text(people["place"])


def test_a_panel_member_records_a_view_and_the_final_report_stays_held(new_page, people):
    member = new_page()
    sign_in(member, people["member"])
    expect(member).to_have_url(re.compile(r"/inspector/?$"))
    member.goto(f"/inspections/{people['panel']}/quality-panel")
    expect(member.locator("#panel-status")).to_contain_text("cannot be issued")
    member.click("#record-view")
    expect(member.locator("#panel-errors")).to_contain_text("Choose whether you agree")
    member.check("#panel-view-disagree")
    member.fill("#panel-reasons", "One audit is not enough to change Safe; ask for the supervision records.")
    member.click("#record-view")
    expect(member.locator("#notice")).to_contain_text("Your view is recorded")
    expect(member.get_by_role("table", name="Panel members")).to_contain_text("Disagrees with the change")
