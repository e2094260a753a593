"""Behind a reverse proxy: Secure cookies over TLS, and the client's own address, only from a trusted proxy."""

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

import safehouse_portal.db.engine as engine_module
from safehouse_portal.domain.enums import Role
from safehouse_portal.domain.sign_in_throttle import ALLOWANCE
from safehouse_portal.web.sign_in import ROUTES
from tests.integration.worlds import factories as f

SAME_SITE = {"origin": "http://testserver"}
PROXY, STRANGER = ("10.0.0.5", 40000), ("203.0.113.9", 40000)


@pytest.fixture
def client_at(session, engine, monkeypatch):
    """A request from the given peer (a proxy or a browser); the proxy at 10.0.0.5 is trusted."""
    monkeypatch.setattr(engine_module, "get_engine", lambda: engine)
    monkeypatch.setenv("SAFEHOUSE_TRUSTED_PROXIES", "10.0.0.5")
    f.user(session, "ann@cqc.test", Role.INSPECTOR)
    session.commit()
    return lambda peer: TestClient(Starlette(routes=ROUTES), follow_redirects=False, client=peer)


def _post(client, password: str = f.PASSWORD, email: str = "ann@cqc.test", **headers: str):
    return client.post("/auth/sign-in", data={"email": email, "password": password},
                       headers={**SAME_SITE, **headers})


def _session_cookie(response) -> set[str]:
    header = next(h for h in response.headers.get_list("set-cookie") if h.startswith("shp_session="))
    return {part.strip().lower() for part in header.split(";")}


def test_behind_a_trusted_proxy_that_ended_tls_the_session_cookie_is_secure(client_at):
    response = _post(client_at(PROXY), **{"x-forwarded-proto": "https", "x-forwarded-for": "198.51.100.7"})
    assert "secure" in _session_cookie(response)


def test_a_claim_of_tls_from_a_peer_that_is_not_a_trusted_proxy_is_ignored(client_at):
    response = _post(client_at(STRANGER), **{"x-forwarded-proto": "https"})
    assert "secure" not in _session_cookie(response)


def test_the_secure_cookies_setting_makes_cookies_secure_over_plain_http(client_at, monkeypatch):
    monkeypatch.setenv("SAFEHOUSE_SECURE_COOKIES", "true")
    assert "secure" in _session_cookie(_post(client_at(STRANGER)))


def test_through_a_trusted_proxy_each_forwarded_client_is_throttled_on_its_own(client_at):
    proxy = client_at(PROXY)
    for _ in range(ALLOWANCE + 1):
        _post(proxy, "guess!", "nobody@cqc.test", **{"x-forwarded-for": "198.51.100.66"})
    assert _post(proxy, **{"x-forwarded-for": "198.51.100.66"}).headers["location"].endswith("?error=wait")
    assert "shp_session" in _post(proxy, **{"x-forwarded-for": "198.51.100.7"}).cookies


def test_a_client_that_forges_forwarded_addresses_is_still_throttled_by_its_own(client_at):
    stranger = client_at(STRANGER)
    for n in range(ALLOWANCE + 1):
        _post(stranger, "guess!", "nobody@cqc.test", **{"x-forwarded-for": f"198.51.100.{n}"})
    refused = _post(stranger, **{"x-forwarded-for": "192.0.2.200"})
    assert refused.headers["location"].endswith("?error=wait")
