"""Against the running server: no secret in its log, nothing private after sign-out, uploads as their sender.

The attacker here is a script speaking Reflex's websocket protocol and posting to ``/_upload``
(``raw_client``), holding a client token that a signed-in browser tab used.
"""

import re
import time

import pytest
from playwright.sync_api import expect
from sqlmodel import Session, select

from safehouse_portal.db import Inspection, InspectionGroup, InfoRequest, Location, Provider, StoredFile, User
from safehouse_portal.db.engine import make_engine
from safehouse_portal.domain.enums import Role
from safehouse_portal.portals.pir.section import PirSectionState
from safehouse_portal.portals.providers.home import ProviderHomeState
from safehouse_portal.portals.requests.provider_request import ProviderRequestState
from tests.e2e.helpers import sign_in
from tests.e2e.raw_client import RawTab, new_token, post_upload, session_cookie

pytestmark = pytest.mark.e2e

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
LEAD = "lead1@demo.safehouse.test"


def _token_of(page) -> str:
    return page.evaluate("() => window.sessionStorage.getItem('token')")


def test_a_failing_event_leaves_neither_the_session_cookie_nor_the_client_token_in_the_server_log(app_url, app_log):
    cookie = session_cookie(app_url, "inspector1@demo.safehouse.test")
    token = new_token()
    tab = RawTab(app_url, token, cookie)
    try:
        tab.hydrate("/inspector")
        tab.send(f"{ProviderHomeState.get_full_name()}.no_such_handler", path="/inspector", arg="x" * 5000)
        tab.send(f"{PirSectionState.get_full_name()}.remove_row", path="/inspector", code="a", index="y" * 5000)
        tab.send(f"{ProviderHomeState.get_full_name()}.load", path="/inspector", unexpected="z" * 5000)
        time.sleep(3)
    finally:
        tab.close()
    log = app_log.read_text(errors="replace")
    assert "no_such_handler" in log, "the failures reached the server's log"
    session_value = cookie.split("=", 1)[1]
    for text in (log, log.replace("\n", "")):
        assert session_value not in text and token not in text
    assert "x" * 1000 not in log.replace("\n", "") and "y" * 1000 not in log.replace("\n", "")


def test_a_signed_out_tabs_token_hydrates_with_nothing_of_its_last_page(new_page, app_url, e2e_db_url):
    with Session(make_engine(e2e_db_url)) as session:
        lead = session.exec(select(User).where(User.email == LEAD)).one()
        provider = session.get(Provider, lead.provider_id)
        addresses = [row.address for row in session.exec(select(Location).where(Location.provider_id == provider.id))]
    page = new_page()
    sign_in(page, LEAD)
    expect(page).to_have_url(re.compile(r"/provider/?$"))
    expect(page.get_by_text(addresses[0]).first).to_be_visible()
    token = _token_of(page)
    page.click("#sign-out")
    expect(page).to_have_url(re.compile(r"/sign-in"))
    page.context.close()
    time.sleep(1)

    tab = RawTab(app_url, token)
    try:
        received = tab.hydrate("/provider")
    finally:
        tab.close()
    assert tab.new_tokens == [], "the server let this client use the signed-out tab's token"
    assert received != "[]", "the hydration was answered"
    assert provider.lead_email not in received and lead.email not in received
    assert not [address for address in addresses if address in received]


@pytest.fixture
def open_request(e2e_db_url):
    """An open information request, its provider's lead, and a lead of another provider."""
    with Session(make_engine(e2e_db_url)) as session:
        request, provider_id = session.exec(
            select(InfoRequest, InspectionGroup.provider_id)
            .join(Inspection, Inspection.id == InfoRequest.inspection_id)
            .join(InspectionGroup, InspectionGroup.id == Inspection.group_id)
            .where(InfoRequest.status == "open").order_by(InfoRequest.id)).first()
        leads = session.exec(select(User).where(User.role == Role.PROVIDER_LEAD).order_by(User.id)).all()
        own = next(u for u in leads if u.provider_id == provider_id)
        other = next(u for u in leads if u.provider_id != provider_id)
        return {"id": request.id, "question": request.question, "lead": own.email, "other": other.email}


def _stored(e2e_db_url, name: str) -> list[StoredFile]:
    with Session(make_engine(e2e_db_url)) as session:
        return list(session.exec(select(StoredFile).where(StoredFile.original_name == name)))


@pytest.mark.parametrize("uploader", ["no cookie", "their own session"])
def test_an_upload_naming_a_signed_in_tab_is_refused_and_stores_nothing(new_page, app_url, e2e_db_url, open_request,
                                                                       uploader):
    page = new_page()
    sign_in(page, open_request["lead"])
    expect(page).to_have_url(re.compile(r"/provider/?$"))
    page.goto(f"/provider/requests/{open_request['id']}")
    expect(page.locator("#request-question")).to_have_text(open_request["question"])
    expect(page.locator("#answer-form")).to_be_visible()
    cookie = session_cookie(app_url, open_request["other"]) if uploader == "their own session" else ""
    name = f"forged-{uploader.replace(' ', '-')}.pdf"

    status = post_upload(app_url, _token_of(page), f"{ProviderRequestState.get_full_name()}.attach_files",
                         name, PDF, cookie)
    time.sleep(1)
    assert status != 200 or _stored(e2e_db_url, name) == []
    assert _stored(e2e_db_url, name) == []
    expect(page.get_by_role("link", name=name)).to_have_count(0)
