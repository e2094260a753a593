"""Who the client is and whether it came over TLS: forwarding headers count only from a trusted proxy."""

import pytest
from starlette.requests import Request

from safehouse_portal.web.proxy import client_address, is_https


def _request(peer: str, scheme: str = "http", **headers: str) -> Request:
    raw = [(name.replace("_", "-").encode(), value.encode()) for name, value in headers.items()]
    return Request({"type": "http", "scheme": scheme, "client": (peer, 40000), "headers": raw, "method": "POST",
                    "path": "/auth/sign-in", "server": ("portal", 80), "query_string": b""})


@pytest.fixture(autouse=True)
def trusted(monkeypatch):
    monkeypatch.setenv("SAFEHOUSE_TRUSTED_PROXIES", "10.0.0.5, 10.1.0.0/16")
    monkeypatch.delenv("SAFEHOUSE_SECURE_COOKIES", raising=False)


def test_without_a_trusted_proxy_the_client_is_the_peer_whatever_it_forwards():
    assert client_address(_request("203.0.113.9", x_forwarded_for="198.51.100.1")) == "203.0.113.9"


def test_behind_trusted_proxies_the_client_is_the_last_address_they_did_not_add():
    forged_then_real = _request("10.0.0.5", x_forwarded_for="192.0.2.99, 198.51.100.7, 10.1.2.3")
    assert client_address(forged_then_real) == "198.51.100.7"


def test_forwarding_headers_sent_several_times_are_read_as_one_list():
    request = Request({"type": "http", "client": ("10.0.0.5", 1), "headers": [
        (b"x-forwarded-for", b"192.0.2.99"), (b"x-forwarded-for", b"198.51.100.7")]})
    assert client_address(request) == "198.51.100.7"


def test_a_trusted_proxy_that_forwards_nobody_is_the_client():
    assert client_address(_request("10.0.0.5")) == "10.0.0.5"


@pytest.mark.parametrize(("peer", "proto", "secure"), [
    ("10.0.0.5", "https", True),
    ("10.0.0.5", "http", False),
    ("10.0.0.5", "https, http", False),
    ("203.0.113.9", "https", False),
])
def test_a_forwarded_scheme_is_believed_only_from_a_trusted_proxy_and_only_its_own_value(peer, proto, secure):
    assert is_https(_request(peer, x_forwarded_proto=proto)) is secure


def test_a_request_that_is_itself_https_is_secure():
    assert is_https(_request("203.0.113.9", scheme="https"))


def test_the_secure_cookies_setting_makes_every_request_count_as_secure(monkeypatch):
    monkeypatch.setenv("SAFEHOUSE_SECURE_COOKIES", "1")
    assert is_https(_request("203.0.113.9"))
