"""What a request says about its client, believing a reverse proxy only when it is a trusted one.

Behind a proxy that ends TLS, the app sees the proxy's address and plain http. The proxy
says who the client is (``X-Forwarded-For``) and how it connected (``X-Forwarded-Proto``),
but anybody can send those headers, so they count only when the request comes straight
from an address in ``Settings.trusted_proxies``.
"""

import ipaddress

from starlette.requests import HTTPConnection

from safehouse_portal.settings import get_settings

UNKNOWN_CLIENT = "unknown"


def _is_trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in get_settings().trusted_proxies)


def _peer(request: HTTPConnection) -> str:
    return request.client.host if request.client and request.client.host else UNKNOWN_CLIENT


def _forwarded(request: HTTPConnection, name: str) -> list[str]:
    """Every value of a comma-separated forwarding header, oldest hop first."""
    values = ",".join(request.headers.getlist(name))
    return [value.strip() for value in values.split(",") if value.strip()]


def client_address(request: HTTPConnection) -> str:
    """The client's address: the peer's, or behind trusted proxies the last hop they did not add.

    ``X-Forwarded-For`` is read from the right: each trusted proxy appends the address it
    was reached from, so the first address from the right that is not a trusted proxy is
    the client, and whatever lies to its left is the client's own say.
    """
    peer = _peer(request)
    if not _is_trusted(peer):
        return peer
    hops = _forwarded(request, "x-forwarded-for")
    for hop in reversed(hops):
        if not _is_trusted(hop):
            return hop
    return hops[0] if hops else peer


def is_https(request: HTTPConnection) -> bool:
    """Whether the browser reached the app over TLS, or cookies must be ``Secure`` anyway.

    True when ``Settings.secure_cookies`` says so, when the request itself is https, or when
    a trusted proxy's ``X-Forwarded-Proto`` (its own, last, value) is https.
    """
    if get_settings().secure_cookies or request.url.scheme in ("https", "wss"):
        return True
    if not _is_trusted(_peer(request)):
        return False
    protos = _forwarded(request, "x-forwarded-proto")
    return bool(protos) and protos[-1].lower() == "https"
