"""The HttpOnly cookies, set and cleared only by the server's HTTP routes.

``shp_session`` is the session; ``shp_device`` marks a known device of the person who last
signed in from this browser (sent only to the sign-in route).
"""

from http.cookies import SimpleCookie

COOKIE_NAME = "shp_session"
DEVICE_COOKIE_NAME = "shp_device"


def cookie_from_header(header: str | None, name: str) -> str | None:
    """The value of cookie ``name`` in a ``Cookie`` header, or None."""
    if not header:
        return None
    jar = SimpleCookie()
    try:
        jar.load(header)
    except Exception:  # a malformed header is treated as no cookie
        return None
    morsel = jar.get(name)
    return morsel.value if morsel else None


def token_from_cookie_header(header: str | None) -> str | None:
    """The session token in a ``Cookie`` header, or None."""
    return cookie_from_header(header, COOKIE_NAME)
