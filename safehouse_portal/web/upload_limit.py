"""Refuse an oversized upload before its body is read.

Reflex's ``/_upload`` endpoint parses the whole multipart body (spooling the files to
temporary files) before any event handler runs, so the size limit the services check
comes too late to stop a client from filling the disk or tying up a worker. This ASGI
middleware sits in front of it: a request whose declared ``Content-Length`` is over the
limit is answered 413 without reading a byte of its body, and a body sent without a
length (chunked) is cut off, and answered 413, as soon as it passes the limit.
"""

from collections.abc import MutableMapping
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from safehouse_portal.domain.uploads import MAX_BYTES, MAX_FILES_PER_UPLOAD, SIZE_TEXT

UPLOAD_PATH = "/_upload"
MULTIPART_OVERHEAD = 1024 * 1024
"""Room for the multipart boundaries, part headers and file names around the files."""
UPLOAD_LIMIT_BYTES = MAX_BYTES * MAX_FILES_PER_UPLOAD + MULTIPART_OVERHEAD
TOO_LARGE = (f"The upload is too large: each file must be smaller than {SIZE_TEXT}, "
             f"at most {MAX_FILES_PER_UPLOAD} files at once.").encode()


class UploadSizeLimit:
    """ASGI middleware answering 413 to an upload request whose body passes ``limit`` bytes."""

    def __init__(self, app: ASGIApp, *, limit: int = UPLOAD_LIMIT_BYTES, path: str = UPLOAD_PATH) -> None:
        self.app = app
        self.limit = limit
        self.path = path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not _is_under(scope["path"], self.path):
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is None:
            await _refuse(send, 400, b"The upload's Content-Length is not a number.")
            return
        if declared > self.limit:
            await _refuse(send, 413, TOO_LARGE)
            return
        await _LimitedRequest(self.app, self.limit).run(scope, receive, send)


class _LimitedRequest:
    """One upload request: counts the body as it arrives and ends it at the limit."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit
        self.received = 0
        self.too_large = False
        self.started = False

    async def run(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def counted_receive() -> Message:
            if self.too_large:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                self.received += len(message.get("body", b""))
                if self.received > self.limit:
                    self.too_large = True
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: MutableMapping[str, Any]) -> None:
            if self.too_large:
                return
            if message["type"] == "http.response.start":
                self.started = True
            await send(message)

        try:
            await self.app(scope, counted_receive, guarded_send)
        except Exception:
            if not self.too_large:
                raise
        if self.too_large and not self.started:
            await _refuse(send, 413, TOO_LARGE)


def _is_under(path: str, prefix: str) -> bool:
    return path == prefix or path.startswith(prefix + "/")


def _content_length(scope: Scope) -> int | None:
    """The declared body length; 0 when none is declared (chunked); None when it is not a number."""
    values = [value for name, value in scope.get("headers", []) if name.lower() == b"content-length"]
    if not values:
        return 0
    if len(values) > 1 or not values[0].isdigit() or len(values[0]) > 18:
        return None
    return int(values[0])


async def _refuse(send: Send, status: int, text: bytes) -> None:
    """A plain-text refusal; the connection is closed, as the rest of the body is never read."""
    headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(text)).encode()),
               (b"connection", b"close")]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": text})
