"""Every handler of the provider home, contact, request and recommendation pages, called as a forging browser.

Each is called with another provider's ids (in the route, as the pages take them) or by
the wrong role, and must refuse and leave no data of the other provider in the State.
"""

from pathlib import Path

import pytest
from sqlmodel import select

from safehouse_portal import routes
from safehouse_portal.db import InfoRequest, LeadContactChange, RecommendationUpdate, StoredFile
from safehouse_portal.portals.providers.home import ProviderHomeState
from safehouse_portal.portals.shared.auth_state import REFUSED
from safehouse_portal.portals.providers.contact import LeadContactState
from safehouse_portal.portals.requests.inspection_requests import InspectionRequestsState
from safehouse_portal.portals.recommendations.provider_recommendation import ProviderRecommendationState
from safehouse_portal.portals.recommendations.provider_recommendations import ProviderRecommendationsState
from safehouse_portal.portals.requests.provider_request import ProviderRequestState
from safehouse_portal.portals.requests.provider_requests import ProviderRequestsState
from safehouse_portal.portals.recommendations.recommendation_review import RecommendationReviewState
from safehouse_portal.services.requests import info_requests
from tests.integration.worlds import factories as f
from tests.integration.worlds.forged import call
from tests.integration.worlds.provider_world import TODAY

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


class FakeUpload:
    """What Reflex hands an upload handler: a name and bytes to read."""

    def __init__(self, filename: str, content: bytes) -> None:
        self.filename, self._content = filename, content

    async def read(self, size: int = -1) -> bytes:
        return self._content if size < 0 else self._content[:size]


@pytest.fixture
def north_request(session, provider_world):
    return info_requests.ask_request(
        session=session, actor=f.actor(provider_world["inspector"]),
        inspection_id=provider_world["north_inspection"].id, data={"question": "Send the North Trust rota for November."}, send_anyway=True, today=TODAY).request_id


@pytest.fixture(autouse=True)
def _uploads(tmp_path, monkeypatch):
    monkeypatch.setenv("SAFEHOUSE_UPLOAD_DIR", str(tmp_path / "uploads"))


def _leaks(state) -> bool:
    """Whether anything of North Trust reached the State a browser receives."""
    sent = repr(state.dict())
    return any(secret in sent for secret in ("North Trust", "fire risk assessment", "North Trust rota",
                                             "lead@northtrust.test", "telephone interpreters"))


def test_the_home_shows_the_south_lead_only_south_work(browser_as, provider_world):
    state = browser_as(provider_world["south_lead"], ProviderHomeState, "/provider")
    call(state, "load")
    assert state.home.provider_name == "South Trust" and [t.kind for t in state.home.tasks] == ["recommendation"]
    assert state.task_hrefs == [f"/provider/recommendations/{provider_world['south_rec'].id}"]
    assert not _leaks(state)


@pytest.mark.parametrize("who", ["inspector", "stakeholder", None])
def test_the_home_refuses_everyone_but_provider_leads(browser_as, provider_world, who):
    state = browser_as(provider_world[who] if who else None, ProviderHomeState, "/provider")
    call(state, "load")
    assert state.home.tasks == [] and state.home.provider_name == ""


def test_the_contact_page_of_a_lead_holds_only_their_own_provider(browser_as, provider_world, session):
    state = browser_as(provider_world["south_lead"], LeadContactState, "/provider/contact")
    call(state, "load")
    assert state.contact.provider_name == "South Trust" and not _leaks(state)
    call(state, "save", {"name": "New Lead", "email": "new@south.test", "phone": "01632 960 001",
                         "provider_id": provider_world["north"].id})
    assert state.errors == {} and state.contact.name == "New Lead"
    assert [c.provider_id for c in session.exec(select(LeadContactChange)).all()] == [provider_world["south"].id]


@pytest.mark.parametrize("form", [None, "x", ["name"], {"name": 1, "email": 2, "phone": 3}])
def test_the_contact_form_refuses_forged_forms_without_changing_anything(browser_as, provider_world, session, form):
    state = browser_as(provider_world["north_lead"], LeadContactState, "/provider/contact")
    call(state, "save", form)
    assert state.errors and state.message == ""
    assert session.exec(select(LeadContactChange)).all() == []


@pytest.mark.parametrize("who", ["inspector", "manager", "stakeholder", None])
def test_the_contact_page_refuses_staff_changes(browser_as, provider_world, session, who):
    state = browser_as(provider_world[who] if who else None, LeadContactState, "/provider/contact")
    call(state, "save", {"name": "New Lead", "email": "new@north.test", "phone": "01632 960 001"})
    assert state.errors == {"form": REFUSED}
    assert session.exec(select(LeadContactChange)).all() == []


def test_the_request_list_of_another_provider_is_empty(browser_as, provider_world, north_request):
    state = browser_as(provider_world["south_lead"], ProviderRequestsState, "/provider/requests")
    call(state, "load")
    assert state.rows == [] and not _leaks(state)


def test_another_providers_request_cannot_be_opened_attached_to_or_answered(browser_as, provider_world, session,
                                                                             north_request):
    state = browser_as(provider_world["south_lead"], ProviderRequestState, f"/provider/requests/{north_request}")
    call(state, "load")
    assert state.not_permitted and state.request.id == 0
    call(state, "attach_files", [FakeUpload("rota.pdf", PDF)])
    assert state.pending == []
    assert session.exec(select(StoredFile).where(StoredFile.original_name == "rota.pdf")).all() == []
    call(state, "answer", {"answer": "Taken over"})
    assert state.errors == {"form": REFUSED}
    assert session.get(InfoRequest, north_request).status == "open" and not _leaks(state)


def test_the_own_lead_attaches_a_checked_file_and_answers(browser_as, provider_world, session, north_request):
    state = browser_as(provider_world["north_lead"], ProviderRequestState, f"/provider/requests/{north_request}")
    call(state, "load")
    call(state, "attach_files", [FakeUpload("rota.pdf", PDF), FakeUpload("tool.pdf", b"MZ\x90\x00")])
    assert [p.name for p in state.pending] == ["rota.pdf"] and "tool.pdf" in state.upload_error
    call(state, "answer", {"answer": "The rota is attached."})
    assert state.request.status == "answered" and [x.name for x in state.request.files] == ["rota.pdf"]
    assert Path(routes.file(state.request.files[0].id)).name.isdigit()


def test_the_recommendation_list_of_another_provider_holds_only_its_own(browser_as, provider_world):
    state = browser_as(provider_world["south_lead"], ProviderRecommendationsState, "/provider/recommendations")
    call(state, "load")
    assert [r.id for r in state.rows] == [provider_world["south_rec"].id] and not _leaks(state)


def test_another_providers_recommendation_cannot_be_opened_attached_to_or_posted_on(browser_as, provider_world,
                                                                                     session):
    rec = provider_world["north_rec"].id
    state = browser_as(provider_world["south_lead"], ProviderRecommendationState, f"/provider/recommendations/{rec}")
    call(state, "load")
    assert state.not_permitted and state.view.recommendation.id == 0
    call(state, "attach_files", [FakeUpload("proof.pdf", PDF)])
    assert state.pending == []
    call(state, "post", {"kind": "evidence", "text": "Done by someone else"})
    assert state.errors and session.exec(select(RecommendationUpdate)).all() == [] and not _leaks(state)


@pytest.mark.parametrize("who", ["north_lead", "south_lead", "outsider", "stakeholder", None])
def test_the_inspector_requests_page_refuses_providers_and_inspectors_not_on_it(browser_as, provider_world, session,
                                                                                who, north_request):
    path = f"/inspections/{provider_world['north_inspection'].id}/requests"
    state = browser_as(provider_world[who] if who else None, InspectionRequestsState, path)
    call(state, "load")
    assert state.view.requests == [] and state.view.provider_name == ""
    call(state, "ask", {"question": "What is your safeguarding policy?"})
    call(state, "send_anyway")
    call(state, "withdraw", north_request)
    assert state.errors == {"form": REFUSED} and state.warnings == []
    assert [r.status for r in session.exec(select(InfoRequest)).all()] == ["open"]
    assert not _leaks(state)


def test_the_inspector_is_warned_then_sends_anyway_then_withdraws(browser_as, provider_world, session):
    path = f"/inspections/{provider_world['north_inspection'].id}/requests"
    state = browser_as(provider_world["inspector"], InspectionRequestsState, path)
    call(state, "load")
    call(state, "ask", {"question": "How do you arrange interpretation for survivors who need it?"})
    assert state.warnings and state.warnings[0].kind == "In the PIR" and session.exec(select(InfoRequest)).all() == []
    call(state, "send_anyway")
    assert state.message == "Request sent to the provider." and len(state.view.requests) == 1
    call(state, "withdraw", state.view.requests[0].id)
    assert state.view.requests[0].status == "withdrawn"


def test_send_anyway_without_a_held_request_sends_nothing(browser_as, provider_world, session):
    path = f"/inspections/{provider_world['north_inspection'].id}/requests"
    state = browser_as(provider_world["inspector"], InspectionRequestsState, path)
    call(state, "send_anyway")
    call(state, "ask", {"question": "How do you arrange interpretation for survivors who need it?"})
    call(state, "change_request")
    call(state, "send_anyway")
    assert session.exec(select(InfoRequest)).all() == []


@pytest.mark.parametrize("forged", ["1", None, {"id": 1}, -1, 10**12])
def test_withdraw_refuses_forged_ids(browser_as, provider_world, session, north_request, forged):
    path = f"/inspections/{provider_world['north_inspection'].id}/requests"
    state = browser_as(provider_world["inspector"], InspectionRequestsState, path)
    call(state, "withdraw", forged)
    assert state.errors and session.get(InfoRequest, north_request).status == "open"


@pytest.mark.parametrize("who", ["north_lead", "south_lead", "outsider", None])
def test_the_review_page_refuses_providers_and_inspectors_not_on_the_inspection(browser_as, provider_world, session,
                                                                                who):
    rec = provider_world["north_rec"]
    rec.status = "evidence_submitted"
    session.add(rec)
    session.commit()
    state = browser_as(provider_world[who] if who else None, RecommendationReviewState, f"/recommendations/{rec.id}")
    if who != "north_lead":
        call(state, "load")
        assert state.view.recommendation.id == 0 and not _leaks(state)
    call(state, "decide", {"decision": "accept"})
    assert state.errors and session.exec(select(RecommendationUpdate)).all() == []
