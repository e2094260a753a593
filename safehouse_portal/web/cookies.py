"""The session cookie: HttpOnly, set and cleared only by the server's HTTP routes."""

from http.cookies import SimpleCookie

COOKIE_NAME = "shp_session"


def token_from_cookie_header(header: str | None) -> str | None:
    """The session token in a ``Cookie`` header, or None."""
    if not header:
        return None
    jar = SimpleCookie()
    try:
        jar.load(header)
    except Exception:  # a malformed header is treated as no session
        return None
    morsel = jar.get(COOKIE_NAME)
    return morsel.value if morsel else None
