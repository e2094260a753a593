"""The security settings: which origins may call the app, which proxies are believed, and Secure cookies."""

import runpy
from ipaddress import ip_network
from pathlib import Path

import pytest
from pydantic import ValidationError

from safehouse_portal.settings import Settings

_NAMES = ("SAFEHOUSE_PORT", "SAFEHOUSE_ALLOWED_ORIGINS", "SAFEHOUSE_TRUSTED_PROXIES", "SAFEHOUSE_SECURE_COOKIES")
_ROOT = Path(__file__).resolve().parents[2]
_RXCONFIG_DEFAULTS = {"REFLEX_CHECK_LATEST_VERSION": "false", "REFLEX_HTTP_CLIENT_BIND_ADDRESS": "0.0.0.0",
                      "REFLEX_USE_GRANIAN": "1"}


@pytest.fixture
def bare_environment(monkeypatch):
    for name in _NAMES:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_by_default_only_the_apps_own_origins_on_its_port_are_allowed(bare_environment):
    bare_environment.setenv("SAFEHOUSE_PORT", "8080")
    assert Settings().cors_allowed_origins == ["http://localhost:8080", "http://127.0.0.1:8080"]


def test_allowed_origins_are_read_as_a_comma_separated_list(bare_environment):
    bare_environment.setenv("SAFEHOUSE_ALLOWED_ORIGINS", "https://portal.example.org/, https://cqc.example:8443")
    assert Settings().cors_allowed_origins == ["https://portal.example.org", "https://cqc.example:8443"]


@pytest.mark.parametrize("origin", ["*", "https://*.example.org", "portal.example.org",
                                    "https://portal.example.org/app", "ftp://portal.example.org"])
def test_an_origin_that_is_a_wildcard_or_not_an_origin_is_refused(bare_environment, origin):
    bare_environment.setenv("SAFEHOUSE_ALLOWED_ORIGINS", origin)
    with pytest.raises(ValidationError):
        Settings()


def test_no_proxy_is_trusted_and_cookies_follow_the_scheme_by_default(bare_environment):
    settings = Settings()
    assert settings.trusted_proxies == () and settings.secure_cookies is False


def test_trusted_proxies_are_addresses_or_networks_separated_by_commas(bare_environment):
    bare_environment.setenv("SAFEHOUSE_TRUSTED_PROXIES", "10.0.0.5, 172.16.0.0/12,fd00::1")
    assert Settings().trusted_proxies == (ip_network("10.0.0.5"), ip_network("172.16.0.0/12"), ip_network("fd00::1"))


def test_a_trusted_proxy_that_is_not_an_address_is_refused(bare_environment):
    bare_environment.setenv("SAFEHOUSE_TRUSTED_PROXIES", "proxy.internal")
    with pytest.raises(ValidationError):
        Settings()


def test_reflex_is_configured_with_the_allowed_origins_for_cors_and_the_websocket(bare_environment):
    bare_environment.setenv("SAFEHOUSE_ALLOWED_ORIGINS", "https://portal.example.org")
    for name, value in _RXCONFIG_DEFAULTS.items():  # so the values rxconfig sets are undone afterwards
        bare_environment.setenv(name, value)
    config = runpy.run_path(str(_ROOT / "rxconfig.py"))["config"]
    assert list(config.cors_allowed_origins) == ["https://portal.example.org"]
