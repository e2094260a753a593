"""An upload acts only as the person whose session cookie the upload request itself carries.

Reflex's ``/_upload`` request names a client token and a handler in its headers and brings
no router data of its own: the handler runs on that token's state, with the headers of
whichever websocket event last reached it. Anyone who knew a signed-in tab's token could
so upload as that tab's person. This ASGI middleware sits in front of ``/_upload``:

- a request without a live session cookie is answered 401 before its body is read;
- while a request runs, who its session is (``session_mark``) is recorded against its
  client token (``sender_of``), so the session guard can refuse the upload event unless
  that is the person the token's state belongs to (``portals.shared.session_guard``);
- a second upload for the same token from someone else, while one runs, is answered
  409, so each upload event is matched with its own request's sender.

Uploads are handled by the worker that received the request, so the record is per process.
"""

from collections import Counter

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from safehouse_portal.services.core.uow import unit_of_work
from safehouse_portal.web.auth import session_mark
from safehouse_portal.web.upload_limit import UPLOAD_PATH

TOKEN_HEADER = "reflex-client-token"  # noqa: S105  (a header's name, not a secret)
SIGN_IN_FIRST = b"Sign in to upload files."
BUSY = b"Another upload for this page is under way."

_senders: dict[str, Counter[str]] = {}
"""Client token -> the session mark of each upload request running for it."""


def sender_of(token: str) -> str:
    """The session mark of the upload running for ``token``, or "" when none runs."""
    running = _senders.get(token)
    return next(iter(running), "") if running else ""


class UploadSender:
    """ASGI middleware: refuses an upload without a session, and records whose each upload is."""

    def __init__(self, app: ASGIApp, *, path: str = UPLOAD_PATH) -> None:
        self.app = app
        self.path = path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != self.path:
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        mark = sender_mark(headers.get("cookie"))
        if not mark:
            await _refuse(send, 401, SIGN_IN_FIRST)
            return
        token = headers.get(TOKEN_HEADER, "")
        if not _enter(token, mark):
            await _refuse(send, 409, BUSY)
            return
        try:
            await self.app(scope, receive, send)
        finally:
            _leave(token, mark)


def sender_mark(cookie_header: str | None) -> str:
    """The session mark of an upload request's own ``Cookie`` header ("" when it has no live session)."""
    with unit_of_work() as session:
        return session_mark(session, cookie_header)


def _enter(token: str, mark: str) -> bool:
    """Record an upload of ``mark``'s for ``token``, unless another session's is running."""
    running = _senders.setdefault(token, Counter())
    if running and mark not in running:
        return False
    running[mark] += 1
    return True


def _leave(token: str, mark: str) -> None:
    running = _senders.get(token)
    if running is None:
        return
    running[mark] -= 1
    if running[mark] <= 0:
        del running[mark]
    if not running:
        del _senders[token]


async def _refuse(send: Send, status: int, text: bytes) -> None:
    """A plain-text refusal sent before the body is read; the connection is closed."""
    headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(text)).encode()),
               (b"connection", b"close"), (b"cache-control", b"private, no-store")]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": text})
