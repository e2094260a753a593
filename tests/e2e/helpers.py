"""Steps a person takes, shared by the browser tests."""

import os
import urllib.error
import urllib.request

PORT = int(os.environ.get("E2E_PORT", "3111"))
BASE_URL = f"http://127.0.0.1:{PORT}"
DEMO_PASSWORD = "demo-password"

_SIGNED_IN: dict[str, tuple[list[dict], str]] = {}
"""The cookies and the home page of each demo person the form has signed in this test session."""


def sign_in_through_the_form(page, email: str, password: str = DEMO_PASSWORD) -> None:
    """Sign in through the form as a person would (for the tests about signing in itself)."""
    page.goto("/sign-in")
    page.fill("#email", email)
    page.fill("#password", password)
    page.click("#sign-in")


def sign_in(page, email: str, password: str = DEMO_PASSWORD) -> None:
    """Sign in as ``email`` and land on their home page.

    The first time a demo person signs in, it is through the form; their session cookie is
    kept, and later tests that sign them in start from it on a fresh context, as a person
    whose browser kept the cookie would (saving the sign-in page, the argon2 check and a
    redirect). A kept session that has ended (signed out, deactivated, expired) is dropped
    and the form used again, so nothing a test does to a session leaks into another.
    Tests about signing in use ``sign_in_through_the_form``.
    """
    kept = _SIGNED_IN.get(email) if password == DEMO_PASSWORD else None
    if kept is not None and _still_signed_in(kept[0]):
        page.context.add_cookies(kept[0])
        page.goto(kept[1])
        return
    _SIGNED_IN.pop(email, None)
    sign_in_through_the_form(page, email, password)
    if password == DEMO_PASSWORD:
        page.wait_for_url(lambda url: "/sign-in" not in url)
        home = page.url
        if "/change-password" not in home:
            _SIGNED_IN[email] = ([c for c in page.context.cookies() if c["name"] == "shp_session"], home)


def _still_signed_in(cookies: list[dict]) -> bool:
    """Whether the server still honours the kept session: a download that needs one answers 404, not 401."""
    header = "; ".join(f"{c['name']}={c['value']}" for c in cookies)
    request = urllib.request.Request(f"{BASE_URL}/files/0", headers={"Cookie": header})
    try:
        with urllib.request.urlopen(request, timeout=20) as answer:
            return answer.status != 401
    except urllib.error.HTTPError as answer:
        return answer.code != 401
