"""A programme manager names a quality assurance reviewer on the report page; only then may that inspector open
the draft and review it."""

import re

import pytest
from playwright.sync_api import expect
from sqlmodel import Session, select

from safehouse_portal.db import Inspection, InspectionQaReviewer, InspectionTeamMember, User
from safehouse_portal.db.engine import make_engine
from safehouse_portal.domain.enums import Role, Stage
from tests.e2e.helpers import sign_in

pytestmark = pytest.mark.e2e
MANAGER = "manager@demo.safehouse.test"


@pytest.fixture
def at_qa(e2e_db_url):
    """A demo inspection at quality assurance and an inspector neither leading it, on its team, nor named."""
    with Session(make_engine(e2e_db_url)) as session:
        inspection = session.exec(select(Inspection).where(Inspection.stage == Stage.QUALITY_ASSURANCE)
                                  .order_by(Inspection.id.desc())).first()
        tied = {inspection.lead_inspector_id}
        tied |= set(session.exec(select(InspectionTeamMember.user_id)
                                 .where(InspectionTeamMember.inspection_id == inspection.id)).all())
        tied |= set(session.exec(select(InspectionQaReviewer.user_id)
                                 .where(InspectionQaReviewer.inspection_id == inspection.id)).all())
        stranger = session.exec(select(User).where(User.role == Role.INSPECTOR, User.active.is_(True),
                                                   User.id.not_in(tied)).order_by(User.id)).first()
        return {"id": inspection.id, "email": stranger.email, "name": stranger.name, "user_id": stranger.id}


def test_an_inspector_opens_a_draft_at_quality_assurance_only_once_a_manager_names_them(new_page, at_qa):
    report = f"/inspections/{at_qa['id']}/report"
    inspector = new_page()
    sign_in(inspector, at_qa["email"])
    expect(inspector).to_have_url(re.compile(r"/inspector/?$"))
    inspector.goto(report)
    expect(inspector.get_by_role("heading", name="You are not permitted to see this page")).to_be_visible()
    assert inspector.request.get(f"/documents/inspections/{at_qa['id']}/report-working.pdf").status == 404

    manager = new_page()
    sign_in(manager, MANAGER)
    manager.goto(report)
    manager.select_option("#qa-reviewer", str(at_qa["user_id"]))
    manager.click("#name-reviewer")
    expect(manager.locator("#notice")).to_contain_text("Reviewer named")
    expect(manager.locator("#qa-reviewers")).to_contain_text(at_qa["name"])

    inspector.goto(report)
    expect(inspector.locator("#qa-form")).to_be_visible()
    assert inspector.request.get(f"/documents/inspections/{at_qa['id']}/report-working.pdf").status == 200

    manager.click(f"#remove-reviewer-{at_qa['user_id']}")
    expect(manager.locator("#notice")).to_contain_text("Reviewer removed")
    inspector.goto(report)
    expect(inspector.get_by_role("heading", name="You are not permitted to see this page")).to_be_visible()
