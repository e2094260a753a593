"""A person an admin gave a one-time password chooses their own at first sign-in, and can do nothing else first."""

from datetime import UTC, datetime

import pytest
from sqlmodel import Session, select
from starlette.applications import Starlette
from starlette.testclient import TestClient

import safehouse_portal.db.engine as engine_module
from safehouse_portal.db import User
from safehouse_portal.domain.enums import Role
from safehouse_portal.portals.accounts.change_password import ChangePasswordState
from safehouse_portal.portals.providers.home import ProviderHomeState
from safehouse_portal.services.accounts import sessions, users
from safehouse_portal.services.accounts.passwords import verify_password
from safehouse_portal.web.files import ROUTES as FILE_ROUTES
from safehouse_portal.web.sign_in import ROUTES
from tests.integration.worlds import factories as f
from tests.integration.worlds.forged import call

SAME_SITE = {"origin": "http://testserver"}
CHOSEN = "a long password of my own"


@pytest.fixture
def issued(session, engine, monkeypatch):
    """A provider lead created by an admin: the one-time password the admin was shown."""
    monkeypatch.setattr(engine_module, "get_engine", lambda: engine)
    admin = f.user(session, "admin@cqc.test", Role.ADMIN)
    north = f.provider(session, "North Trust")
    made = users.create_user(session=session, actor=f.actor(admin), data={
        "email": "new.lead@north.test", "name": "New Lead", "role": "provider_lead", "provider_id": north.id})
    session.commit()
    return {"admin": admin, "password": made.password, "user_id": made.user_id}


@pytest.fixture
def client():
    return TestClient(Starlette(routes=[*ROUTES, *FILE_ROUTES]), follow_redirects=False)


def _sign_in(client, password):
    return client.post("/auth/sign-in", data={"email": "new.lead@north.test", "password": password},
                       headers=SAME_SITE)


def test_an_admin_made_account_signs_in_to_the_change_password_page_and_its_session_is_good_for_nothing_else(
        session, issued, client):
    signed_in = _sign_in(client, issued["password"])
    assert signed_in.status_code == 303 and signed_in.headers["location"] == "/change-password"
    token = signed_in.cookies["shp_session"]
    now = datetime.now(UTC)
    assert sessions.actor_for_token(session=session, token=token, now=now) is None
    assert sessions.password_change_actor(session=session, token=token, now=now).email == "new.lead@north.test"
    assert client.get("/files/1", cookies={"shp_session": token}).status_code == 401


def test_choosing_a_password_is_refused_with_a_reason_until_it_is_long_matching_and_new(session, issued, client,
                                                                                          engine):
    token = _sign_in(client, issued["password"]).cookies["shp_session"]
    client.cookies.set("shp_session", token)
    for password, confirm, why in (("short", "short", "short"), (CHOSEN, CHOSEN + "!", "mismatch"),
                                   (issued["password"], issued["password"], "same")):
        refused = client.post("/auth/change-password", data={"password": password, "confirm": confirm},
                              headers=SAME_SITE)
        assert refused.headers["location"] == f"/change-password?error={why}"
    done = client.post("/auth/change-password", data={"password": CHOSEN, "confirm": CHOSEN}, headers=SAME_SITE)
    assert done.status_code == 303 and done.headers["location"] == "/provider"
    with Session(engine) as reader:
        user = reader.exec(select(User).where(User.email == "new.lead@north.test")).one()
        assert not user.must_change_password and verify_password(user.password_hash, CHOSEN)
    assert sessions.actor_for_token(session=session, token=token, now=datetime.now(UTC)) is not None


def test_a_password_reset_by_an_admin_must_be_replaced_too(session, issued, client):
    user = session.get(User, issued["user_id"])
    user.must_change_password = False
    session.add(user)
    session.commit()
    reset = users.reset_password(session=session, actor=f.actor(issued["admin"]), user_id=user.id,
                                 now=datetime.now(UTC))
    session.commit()
    assert _sign_in(client, reset.password).headers["location"] == "/change-password"


def test_a_page_sends_the_person_to_choose_a_password_and_the_change_page_shows_no_one_else(
        session, issued, browser_as):
    user = session.get(User, issued["user_id"])
    user.password_hash = f._HASH  # the world's password, so the forged browser can sign in; still one-time
    session.add(user)
    session.commit()
    home = browser_as(user, ProviderHomeState, "/provider")
    redirect = call(home, "load")
    assert "/change-password" in str(redirect)
    page = browser_as(user, ChangePasswordState, "/change-password")
    assert call(page, "load") is None and page.error == ""


def test_a_person_with_a_password_of_their_own_is_never_sent_to_the_change_page(session, issued, client):
    f.user(session, "ann@cqc.test", Role.INSPECTOR)
    session.commit()
    response = client.post("/auth/sign-in", data={"email": "ann@cqc.test", "password": f.PASSWORD},
                           headers=SAME_SITE)
    assert response.headers["location"] == "/inspector"
    refused = client.post("/auth/change-password", data={"password": CHOSEN, "confirm": CHOSEN}, headers=SAME_SITE)
    assert refused.headers["location"] == "/sign-in"
