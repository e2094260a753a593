"""``POST /auth/sign-in`` slows a client that keeps failing, and never locks a known device's owner out."""

import pytest
from sqlmodel import Session, select
from starlette.applications import Starlette
from starlette.testclient import TestClient

import safehouse_portal.db.engine as engine_module
from safehouse_portal.db import AuthSession, User
from safehouse_portal.domain.enums import Role
from safehouse_portal.domain.sign_in_throttle import ALLOWANCE
from safehouse_portal.web.sign_in import ROUTES
from tests.integration.worlds import factories as f

SAME_SITE = {"origin": "http://testserver"}
ATTACKER, OWNER = ("203.0.113.66", 40000), ("198.51.100.7", 40000)


@pytest.fixture
def client_at(session, engine, monkeypatch):
    """A browser at the given (address, port), on a database holding Ann (inspector) and the admin."""
    monkeypatch.setattr(engine_module, "get_engine", lambda: engine)
    f.user(session, "ann@cqc.test", Role.INSPECTOR)
    f.user(session, "admin@cqc.test", Role.ADMIN)
    session.commit()
    return lambda address: TestClient(Starlette(routes=ROUTES), follow_redirects=False, client=address)


def _post(client, email: str, password: str):
    return client.post("/auth/sign-in", data={"email": email, "password": password}, headers=SAME_SITE)


def _fail_many(client, times: int) -> None:
    for n in range(times):
        assert _post(client, f"person{n}@cqc.test", "guess!").headers["location"].endswith("?error=refused")


def _sessions(engine) -> int:
    with Session(engine) as reader:
        return len(reader.exec(select(AuthSession)).all())


def test_one_client_trying_a_password_against_many_accounts_is_made_to_wait(client_at, engine):
    attacker = client_at(ATTACKER)
    _fail_many(attacker, ALLOWANCE + 1)
    refused = _post(attacker, "ann@cqc.test", f.PASSWORD)
    assert refused.headers["location"].endswith("?error=wait")
    assert "shp_session" not in refused.cookies and _sessions(engine) == 0


def test_a_client_made_to_wait_is_told_so_alike_for_a_real_and_an_unknown_account(client_at):
    attacker = client_at(ATTACKER)
    _fail_many(attacker, ALLOWANCE + 1)
    answers = {_post(attacker, email, "guess!").headers["location"] for email in ("ann@cqc.test", "nobody@cqc.test")}
    assert answers == {"/sign-in?error=wait"}


def test_another_client_is_not_slowed_by_one_that_keeps_failing(client_at):
    attacker = client_at(ATTACKER)
    _fail_many(attacker, ALLOWANCE + 1)
    assert _post(attacker, "ann@cqc.test", f.PASSWORD).headers["location"].endswith("?error=wait")
    assert "shp_session" in _post(client_at(OWNER), "ann@cqc.test", f.PASSWORD).cookies


def test_a_locked_account_still_lets_its_owner_in_from_a_browser_that_signed_in_before(client_at, engine):
    owner = client_at(OWNER)
    assert "shp_device" in _post(owner, "admin@cqc.test", f.PASSWORD).cookies
    attacker = client_at(ATTACKER)
    for _ in range(5):
        _post(attacker, "admin@cqc.test", "guess!")
    with Session(engine) as reader:
        assert reader.exec(select(User.locked_until).where(User.email == "admin@cqc.test")).one() is not None
    assert _post(client_at(("192.0.2.1", 1)), "admin@cqc.test", f.PASSWORD).headers["location"].endswith("refused")
    signed_in = _post(owner, "admin@cqc.test", f.PASSWORD)
    assert signed_in.status_code == 303 and "shp_session" in signed_in.cookies


def test_a_known_device_of_another_account_does_not_lift_a_lockout(client_at):
    attacker = client_at(ATTACKER)
    assert "shp_device" in _post(attacker, "ann@cqc.test", f.PASSWORD).cookies
    for _ in range(5):
        _post(attacker, "admin@cqc.test", "guess!")
    refused = _post(attacker, "admin@cqc.test", f.PASSWORD)
    assert refused.headers["location"].endswith("?error=refused") and "shp_session" not in refused.cookies


def test_the_known_device_cookie_is_http_only_lasts_thirty_days_and_goes_only_to_sign_in(client_at):
    response = _post(client_at(OWNER), "ann@cqc.test", f.PASSWORD)
    device = next(h for h in response.headers.get_list("set-cookie") if h.startswith("shp_device="))
    attributes = {part.strip().lower() for part in device.split(";")}
    assert {"httponly", "path=/auth/sign-in", "max-age=2592000", "samesite=lax"} <= attributes
