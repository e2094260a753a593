"""A provider and its inspector, each in their own browser: requests asked and answered, evidence accepted."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect
from sqlmodel import Session, select

from safehouse_portal.db import Inspection, InspectionGroup, Recommendation, User
from safehouse_portal.db.engine import make_engine
from safehouse_portal.domain.enums import Role, Theme, Timescale
from tests.e2e.helpers import sign_in

pytestmark = pytest.mark.e2e

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def issued(e2e_db_url):
    """A fresh recommendation on the last provider's issued inspection, with its lead and lead inspector."""
    with Session(make_engine(e2e_db_url), expire_on_commit=False) as session:
        inspection, provider_id = session.exec(
            select(Inspection, InspectionGroup.provider_id).join(InspectionGroup)
            .where(Inspection.final_issued_on.is_not(None), Inspection.lead_inspector_id.is_not(None))
            .order_by(InspectionGroup.provider_id.desc(), Inspection.id.desc())).first()
        lead = session.exec(select(User).where(User.role == Role.PROVIDER_LEAD, User.provider_id == provider_id)).one()
        inspector = session.get(User, inspection.lead_inspector_id)
        recommendation = Recommendation(
            inspection_id=inspection.id, kloe_codes=["E2"], key_question="effective", theme=Theme.TRAINING,
            timescale=Timescale.WITHIN_6_MONTHS, text=f"Train night staff in first aid ({date.today().isoformat()}).")
        session.add(recommendation)
        session.commit()
        return {"inspection_id": inspection.id, "recommendation_id": recommendation.id, "lead": lead.email,
                "inspector": inspector.email, "text": recommendation.text}


def test_evidence_posted_by_the_provider_and_accepted_by_the_inspector_shows_as_met(new_page, issued):
    provider = new_page()
    sign_in(provider, issued["lead"])
    expect(provider).to_have_url(re.compile(r"/provider/?$"))
    provider.goto("/provider/recommendations")
    provider.get_by_role("link", name=issued["text"]).click()
    expect(provider.locator("#recommendation-status")).to_have_text("Open")
    provider.locator("#update-files-group input[type=file]").set_input_files(
        files=[{"name": "first-aid-certificates.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    expect(provider.get_by_role("link", name="first-aid-certificates.pdf")).to_be_visible()
    provider.check("#update-kind-evidence")
    provider.fill("#update-text", "All six night staff passed the first aid course.")
    provider.click("#post-update")
    expect(provider.locator("#recommendation-status")).to_have_text("Evidence submitted")
    expect(provider.locator("#thread")).to_contain_text("All six night staff passed the first aid course.")

    inspector = new_page()
    sign_in(inspector, issued["inspector"])
    inspector.goto(f"/recommendations/{issued['recommendation_id']}")
    expect(inspector.locator("#thread")).to_contain_text("first-aid-certificates.pdf")
    inspector.check("#decision-decision")
    inspector.click("#record-decision")
    expect(inspector.locator("#recommendation-status")).to_have_text("Met")

    provider.reload()
    expect(provider.locator("#recommendation-status")).to_have_text("Met")
    expect(provider.locator("#thread")).to_contain_text("Accepted as met")
    expect(provider.locator("#post-update")).to_have_count(0)
    provider.goto("/provider/recommendations")
    expect(provider.get_by_role("row", name=re.compile(re.escape(issued["text"])))).to_contain_text("Met")


def test_an_inspector_is_warned_before_asking_twice_and_the_provider_answers(new_page, issued):
    question = f"Send the night staff rota for {date.today():%B %Y}, with each shift's staff numbers."
    inspector = new_page()
    sign_in(inspector, issued["inspector"])
    inspector.goto(f"/inspections/{issued['inspection_id']}/requests")
    inspector.fill("#ask-question", question)
    inspector.click("#send-request")
    expect(inspector.locator("#notice")).to_have_text("Request sent to the provider.")
    inspector.fill("#ask-question", "Night staff rota for " + f"{date.today():%B %Y}" + " with shift staff numbers")
    inspector.click("#send-request")
    expect(inspector.locator("#similarity-warning")).to_contain_text("Earlier request")
    expect(inspector.locator("#similarity-warning")).to_contain_text(question)
    inspector.click("#change-request")
    expect(inspector.locator("#similarity-warning")).to_have_count(0)

    provider = new_page()
    sign_in(provider, issued["lead"])
    provider.goto("/provider/requests")
    provider.get_by_role("link", name=question).click()
    expect(provider.locator("#request-question")).to_have_text(question)
    provider.click("#send-answer")
    expect(provider.locator(".error-summary")).to_contain_text("Enter your answer")
    provider.fill("#request-answer", "The rota is attached: four staff on each night shift.")
    provider.click("#send-answer")
    expect(provider.locator("#answer-text")).to_have_text("The rota is attached: four staff on each night shift.")

    inspector.reload()
    item = inspector.locator(".request-item", has_text=question)
    expect(item).to_contain_text("Answered")
    expect(item).to_contain_text("four staff on each night shift")
