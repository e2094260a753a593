"""An upload is refused without a session, and each running upload is recorded as its own session's."""

import asyncio
from collections import Counter

import pytest

from safehouse_portal.web import upload_sender
from safehouse_portal.web.upload_sender import UploadSender, sender_of

TAB = "tab-token"


def _scope(path: str = "/_upload", cookie: str = "shp_session=abc") -> dict:
    headers = [(b"reflex-client-token", TAB.encode()), (b"content-type", b"multipart/form-data; boundary=x")]
    if cookie:
        headers.append((b"cookie", cookie.encode()))
    return {"type": "http", "method": "POST", "path": path, "headers": headers, "query_string": b""}


def _call(middleware, scope) -> tuple[list[dict], int]:
    """Run the middleware on one request: what it sent, and how many times the body was read."""
    sent, reads = [], 0

    async def receive():
        nonlocal reads
        reads += 1
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    asyncio.run(middleware(scope, receive, send))
    return sent, reads


class _Endpoint:
    """Stands in for Reflex's upload endpoint: reads the body, notes whose upload was running."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    async def __call__(self, scope, receive, send) -> None:
        await receive()
        self.seen.append(sender_of(TAB))
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"stored"})


@pytest.fixture
def marks(monkeypatch):
    """Session marks by cookie: ``shp_session=abc`` is a live session, anything else is none."""
    monkeypatch.setattr(upload_sender, "sender_mark", lambda cookie: "mark-abc" if cookie == "shp_session=abc" else "")


@pytest.mark.parametrize("cookie", ["", "shp_session=expired"])
def test_an_upload_without_a_live_session_is_refused_before_its_body_is_read(marks, cookie):
    endpoint = _Endpoint()
    sent, reads = _call(UploadSender(endpoint), _scope(cookie=cookie))
    assert sent[0]["status"] == 401 and reads == 0 and endpoint.seen == []


def test_a_running_upload_is_recorded_as_its_own_sessions_and_forgotten_after(marks):
    endpoint = _Endpoint()
    sent, _ = _call(UploadSender(endpoint), _scope())
    assert sent[0]["status"] == 200 and endpoint.seen == ["mark-abc"]
    assert sender_of(TAB) == ""


def test_an_upload_for_a_tab_another_session_is_uploading_to_is_refused(marks, monkeypatch):
    monkeypatch.setitem(upload_sender._senders, TAB, Counter({"mark-other": 1}))
    endpoint = _Endpoint()
    sent, reads = _call(UploadSender(endpoint), _scope())
    assert sent[0]["status"] == 409 and reads == 0 and endpoint.seen == []


def test_other_requests_pass_untouched(marks):
    endpoint = _Endpoint()
    sent, _ = _call(UploadSender(endpoint), _scope(path="/auth/sign-in", cookie=""))
    assert sent[0]["status"] == 200
