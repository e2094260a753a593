"""A tab's server-side state goes only to the session it was filled for; logs keep no secrets.

Every test drives Reflex's own event processor with the app's middleware (``worlds/tabs.py``),
so what a tab receives is what the server would send it.
"""

import logging

import pytest
from reflex.istate.manager.token import BaseStateToken
from sqlmodel import select

from safehouse_portal.db import AuditEvent, StoredFile
from safehouse_portal.portals.accounts.sign_in import SignInState
from safehouse_portal.portals.pir.section import PirSectionState
from safehouse_portal.portals.providers.home import ProviderHomeState
from safehouse_portal.portals.requests.provider_request import ProviderRequestState
from safehouse_portal.services.providers.profiles import ProviderDetail
from safehouse_portal.services.requests import info_requests
from tests.integration.worlds import factories as f
from tests.integration.worlds.provider_world import TODAY
from tests.integration.worlds.tabs import HYDRATE, sent, sign_out

ADDRESS = "14 Hidden Lane, Leeds"
EMAIL = "lead@northtrust.test"
LOAD = f"{ProviderHomeState.get_full_name()}.load"
ATTACH = f"{ProviderRequestState.get_full_name()}.attach_files"
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def north(session, provider_world):
    """The north provider with a safehouse at ``ADDRESS``; its lead's email is ``EMAIL``."""
    f.location(session, provider_world["north"], "Safehouse A", ADDRESS)
    return provider_world


async def _lead_opens_home(tabs, tab, cookie) -> str:
    await tabs.send(tab, HYDRATE, cookie=cookie, path="/provider")
    return sent(await tabs.send(tab, LOAD, cookie=cookie, path="/provider"))


def test_the_lead_sees_their_safehouse_and_email_on_their_home(tabs, north, cookie_of):
    cookie = cookie_of(north["north_lead"])

    async def script(t):
        return await _lead_opens_home(t, t.new(), cookie)

    page = tabs(script)
    assert ADDRESS in page and EMAIL in page


def test_the_same_person_signing_in_again_keeps_the_tabs_page(tabs, north, cookie_of):
    first, second = cookie_of(north["north_lead"]), cookie_of(north["north_lead"])

    async def script(t):
        tab = t.new()
        await _lead_opens_home(t, tab, first)
        return sent(await t.send(tab, HYDRATE, cookie=second, path="/provider"))

    assert ADDRESS in tabs(script)


@pytest.mark.parametrize("comes_back_with", ["no cookie", "the signed-out cookie", "another person's session"])
def test_a_tab_that_signed_out_hydrates_with_nothing_of_its_last_page(tabs, north, cookie_of, session,
                                                                      comes_back_with):
    lead = cookie_of(north["north_lead"])
    cookie = {"no cookie": "", "the signed-out cookie": lead,
              "another person's session": cookie_of(north["south_lead"])}[comes_back_with]

    async def script(t):
        tab = t.new()
        await _lead_opens_home(t, tab, lead)
        sign_out(session, lead)
        return sent(await t.send(tab, HYDRATE, cookie=cookie, path="/provider"))

    again = tabs(script)
    assert ADDRESS not in again and EMAIL not in again and "North Trust" not in again


def test_the_first_event_after_signing_out_leaves_the_server_nothing_of_the_tabs_pages(tabs, north, cookie_of,
                                                                                      session):
    lead = cookie_of(north["north_lead"])

    async def script(t):
        tab = t.new()
        await _lead_opens_home(t, tab, lead)
        sign_out(session, lead)
        await t.send(tab, f"{SignInState.get_full_name()}.load", cookie=lead, path="/sign-in")
        root = await t.manager.get_state(BaseStateToken(ident=tab, cls=ProviderHomeState))
        return await root.get_state(ProviderHomeState)

    home = tabs(script)
    assert home.detail == ProviderDetail() and home.user_name == "" and home.signed_in is False


def test_a_tab_whose_session_goes_on_keeps_its_page_when_it_reconnects(tabs, north, cookie_of):
    lead = cookie_of(north["north_lead"])

    async def script(t):
        tab = t.new()
        await _lead_opens_home(t, tab, lead)
        return sent(await t.send(tab, HYDRATE, cookie=lead, path="/provider"))

    assert ADDRESS in tabs(script)


FAILURES = {
    "an unknown handler": (f"{ProviderHomeState.get_full_name()}.no_such_handler", {"arg": "y" * 5000}),
    "an argument the handler does not take": (LOAD, {"unexpected": "x" * 5000}),
    "an argument it cannot coerce": (f"{PirSectionState.get_full_name()}.remove_row", {"code": "a", "index": "z" * 5000}),
}


@pytest.mark.parametrize("failure", FAILURES)
def test_a_failing_event_logs_neither_the_session_cookie_nor_the_client_token(tabs, north, cookie_of, caplog,
                                                                               failure):
    lead = cookie_of(north["north_lead"])
    name, payload = FAILURES[failure]

    async def script(t):
        tab = t.new()
        await t.send(tab, HYDRATE, cookie=lead, path="/provider")
        await t.fire(tab, name, cookie=f"theme=dark; {lead}", path="/provider", **payload)
        return tab

    with caplog.at_level(logging.INFO):
        tab = tabs(script)
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert name.rsplit(".", 1)[1] in logged, "the failure was logged"
    assert lead.split("=", 1)[1] not in logged and tab not in logged
    assert max(len(line) for line in logged.splitlines()) < 600, "an argument echo is cut short"


def _north_request(session, world) -> int:
    return info_requests.ask_request(
        session=session, actor=f.actor(world["inspector"]), inspection_id=world["north_inspection"].id,
        data={"question": "Send the North Trust rota for November."}, send_anyway=True, today=TODAY).request_id


@pytest.fixture
def _uploads(tmp_path, monkeypatch):
    monkeypatch.setenv("SAFEHOUSE_UPLOAD_DIR", str(tmp_path / "uploads"))


def _stored(session) -> list[str]:
    session.expire_all()
    return [row.original_name for row in session.exec(select(StoredFile)).all()]


@pytest.mark.parametrize("uploader", ["no cookie", "their own session"])
def test_an_upload_naming_another_persons_tab_is_refused_and_stores_nothing(tabs, north, cookie_of, session,
                                                                            _uploads, uploader):
    request_id = _north_request(session, north)
    path = f"/provider/requests/{request_id}"
    lead = cookie_of(north["north_lead"])
    cookie = cookie_of(north["south_lead"]) if uploader == "their own session" else ""
    before = _stored(session)

    async def script(t):
        tab = t.new()
        await t.send(tab, HYDRATE, cookie=lead, path=path)
        await t.send(tab, f"{ProviderRequestState.get_full_name()}.load", cookie=lead, path=path)
        response = await t.upload(tab, ATTACH, {"forged.pdf": PDF}, cookie=cookie)
        return response.status_code, response.text

    status, body = tabs(script)
    assert status == 401 or "forged.pdf" not in body
    assert _stored(session) == before
    assert not session.exec(select(AuditEvent).where(AuditEvent.action.like("file%"))).all()


def test_an_upload_from_the_tabs_own_session_is_kept(tabs, north, cookie_of, session, _uploads):
    request_id = _north_request(session, north)
    path = f"/provider/requests/{request_id}"
    lead = cookie_of(north["north_lead"])

    async def script(t):
        tab = t.new()
        await t.send(tab, HYDRATE, cookie=lead, path=path)
        await t.send(tab, f"{ProviderRequestState.get_full_name()}.load", cookie=lead, path=path)
        response = await t.upload(tab, ATTACH, {"rota.pdf": PDF}, cookie=lead)
        return response.status_code, response.text

    status, body = tabs(script)
    assert status == 200 and "rota.pdf" in body
    assert "rota.pdf" in _stored(session)
