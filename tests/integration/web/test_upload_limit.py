"""An oversized upload is refused at the door, before Reflex's ``/_upload`` reads its body.

Reflex mounts itself inside the Starlette app ``http_routes()`` returns (``api_transformer``),
so these tests mount a stand-in for its upload endpoint the same way: a route that parses the
multipart body as Reflex does and stores each file. The browser test ``tests/e2e/test_reports.py``
checks the same refusals against the real app.
"""

import asyncio
import itertools
from collections.abc import Iterable

import pytest
from starlette.applications import Starlette
from starlette.requests import ClientDisconnect, Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route
from starlette.testclient import TestClient

from safehouse_portal.domain.uploads import MAX_BYTES
from safehouse_portal.domain.uploads import MAX_FILES_PER_UPLOAD as MAX_UPLOAD_FILES
from safehouse_portal.web import upload_sender
from safehouse_portal.web.routes import http_routes
from safehouse_portal.web.upload_limit import MAX_FILES_PER_UPLOAD, UPLOAD_LIMIT_BYTES

MB = 1024 * 1024
BOUNDARY = "safehouse-test-boundary"


@pytest.fixture(autouse=True)
def _signed_in(monkeypatch):
    """Every upload here comes from a signed-in browser: the size limit is under test, not who sends."""
    monkeypatch.setattr(upload_sender, "sender_mark", lambda cookie_header: "a-live-session")


def _portal_with_upload_endpoint(store) -> Starlette:
    """``http_routes()`` with a stand-in for Reflex's upload endpoint mounted inside it, as Reflex does."""

    async def upload(request: Request) -> Response:
        try:
            form = await request.form(max_files=20)
        except ClientDisconnect:
            return Response()
        for item in form.getlist("files"):
            store[item.filename] = await item.read()
        return PlainTextResponse("stored")

    portal = http_routes()
    portal.mount("", Starlette(routes=[Route("/_upload", upload, methods=["POST"])]))
    return portal


def _send(app, *, chunks: Iterable[bytes], content_length: int | None = None) -> tuple[int, int]:
    """POST ``chunks`` to ``/_upload`` as a streamed body: the status and how many chunks the app read."""
    headers = [(b"content-type", f"multipart/form-data; boundary={BOUNDARY}".encode())]
    if content_length is not None:
        headers.append((b"content-length", str(content_length).encode()))
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
             "path": "/_upload", "raw_path": b"/_upload", "root_path": "", "query_string": b"", "headers": headers,
             "client": ("127.0.0.1", 50000), "server": ("testserver", 80)}
    source, read, statuses = iter(chunks), 0, []

    async def receive():
        nonlocal read
        chunk = next(source, None)
        if chunk is None:
            return {"type": "http.request", "body": b"", "more_body": False}
        read += 1
        return {"type": "http.request", "body": chunk, "more_body": True}

    async def send(message):
        if message["type"] == "http.response.start":
            statuses.append(message["status"])

    asyncio.run(app(scope, receive, send))
    return statuses[0], read


def _file_part_header(name: str) -> bytes:
    return (f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\n"
            "Content-Type: application/pdf\r\n\r\n").encode()


def test_the_limit_allows_ten_files_of_ten_megabytes_and_their_multipart_framing():
    assert MAX_FILES_PER_UPLOAD == MAX_UPLOAD_FILES
    assert MAX_BYTES * MAX_UPLOAD_FILES < UPLOAD_LIMIT_BYTES <= MAX_BYTES * MAX_UPLOAD_FILES + 2 * MB


def test_an_upload_declaring_a_length_over_the_limit_is_refused_with_413_without_reading_its_body():
    store: dict[str, bytes] = {}
    status, read = _send(_portal_with_upload_endpoint(store), chunks=itertools.repeat(b"%PDF" + b"x" * MB, 3),
                         content_length=UPLOAD_LIMIT_BYTES + 1)
    assert status == 413
    assert read == 0
    assert store == {}


def test_a_chunked_upload_is_cut_off_with_413_once_it_passes_the_limit_and_nothing_is_stored():
    store: dict[str, bytes] = {}
    limit_in_chunks = UPLOAD_LIMIT_BYTES // MB
    huge_file = itertools.chain([_file_part_header("huge.pdf")], itertools.repeat(b"x" * MB, limit_in_chunks + 50))
    status, read = _send(_portal_with_upload_endpoint(store), chunks=huge_file)
    assert status == 413
    assert read <= limit_in_chunks + 2, "the body stops being read soon after the limit"
    assert store == {}


def test_an_upload_within_the_limit_reaches_the_endpoint_and_is_stored():
    store: dict[str, bytes] = {}
    client = TestClient(_portal_with_upload_endpoint(store))
    response = client.post("/_upload", files=[("files", ("policy.pdf", b"%PDF-1.7 policy", "application/pdf"))])
    assert response.status_code == 200 and response.text == "stored"
    assert store == {"policy.pdf": b"%PDF-1.7 policy"}


def test_a_chunked_upload_within_the_limit_is_read_to_its_end():
    store: dict[str, bytes] = {}
    body = [_file_part_header("plan.pdf"), b"%PDF" + b"y" * MB, f"\r\n--{BOUNDARY}--\r\n".encode()]
    status, read = _send(_portal_with_upload_endpoint(store), chunks=body)
    assert status == 200 and read == 3
    assert store["plan.pdf"].startswith(b"%PDF") and len(store["plan.pdf"]) == MB + 4


def test_an_upload_with_a_malformed_length_is_refused():
    store: dict[str, bytes] = {}
    client = TestClient(_portal_with_upload_endpoint(store))
    response = client.post("/_upload", content=b"x", headers={"content-length": "12abc"})
    assert response.status_code == 400 and store == {}


def test_other_routes_are_not_limited():
    client = TestClient(http_routes())
    response = client.post("/auth/sign-out", content=b"x" * (2 * MB))
    assert response.status_code != 413
