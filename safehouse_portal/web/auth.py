"""What the plain HTTP download routes share: who is asking, and the private answers they give.

The person comes from the HttpOnly session cookie (never from the URL). A service decides
what they may have; a refusal and a missing thing look the same (404) and carry no data.
Every answer is ``Cache-Control: private, no-store``, so no shared cache keeps it.
"""

import hashlib
import hmac
from collections.abc import Callable
from datetime import UTC, datetime
from urllib.parse import quote

from sqlalchemy import Connection
from sqlmodel import Session
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from safehouse_portal.web.cookies import token_from_cookie_header
from safehouse_portal.domain.ids import parse_id
from safehouse_portal.services.accounts import sessions as auth_service
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.core.errors import NotFound, PermissionDenied
from safehouse_portal.services.core.uow import unit_of_work
from safehouse_portal.settings import get_settings

PRIVATE = {"Cache-Control": "private, no-store"}


def actor_from_cookies(session: Session | Connection, cookie_header: str | None) -> Actor | None:
    """The signed-in person of a ``Cookie`` header (an HTTP request's or a websocket's), or None."""
    token = token_from_cookie_header(cookie_header)
    return auth_service.actor_for_token(session=session, token=token, now=datetime.now(UTC)) if token else None


def password_change_actor(session: Session, cookie_header: str | None) -> Actor | None:
    """The person of a ``Cookie`` header who must still choose their own password, or None."""
    token = token_from_cookie_header(cookie_header)
    return auth_service.password_change_actor(session=session, token=token, now=datetime.now(UTC)) if token else None


def session_mark(session: Session, cookie_header: str | None) -> str:
    """Who a ``Cookie`` header's live session is, and as what, as a digest safe to keep; "" for nobody.

    Two marks are equal when the same person, in the same role and for the same provider or
    organisation, is signed in. The mark names nobody and cannot be turned back into the
    cookie, and it is keyed with the server's secret.
    """
    return mark_of(actor_from_cookies(session, cookie_header))


def mark_of(actor: Actor | None) -> str:
    """``session_mark`` of an actor already resolved from a ``Cookie`` header ("" for nobody)."""
    if actor is None:
        return ""
    who = f"{actor.user_id}|{actor.role}|{actor.provider_id}|{actor.stakeholder_organisation_id}"
    return hmac.new(get_settings().signing_key(), f"session:{who}".encode(), hashlib.sha256).hexdigest()


def path_id(request: Request, name: str) -> int | None:
    """The route's numeric id ``name``, or None when it is not a plain positive number."""
    return parse_id(request.path_params.get(name, ""))


def private_text(message: str, status_code: int) -> PlainTextResponse:
    """A short plain answer that no cache keeps."""
    return PlainTextResponse(message, status_code=status_code, headers=PRIVATE)


def attachment_headers(filename: str) -> dict[str, str]:
    """Headers that make a browser save the body under ``filename`` and never sniff or cache it."""
    return {**PRIVATE, "Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}",
            "X-Content-Type-Options": "nosniff"}


def private_download(request: Request, noun: str, send: Callable[[Session, Actor], Response]) -> Response:
    """Answer a download: 401 when nobody is signed in, 404 when ``send`` is refused or finds nothing.

    Args:
        request: the HTTP request; its session cookie says who is asking.
        noun: what is downloaded, singular ("file", "export"), for the refusal messages.
        send: builds the response for the signed-in person in one unit of work (what it
            records, such as an export's audit, commits with the answer); it raises
            ``NotFound`` or ``PermissionDenied`` (from the service) to refuse.
    """
    try:
        with unit_of_work() as session:
            actor = actor_from_cookies(session, request.headers.get("cookie"))
            if actor is None:
                return private_text(f"Sign in to download {noun}s.", 401)
            return send(session, actor)
    except (NotFound, PermissionDenied):
        return private_text(f"{noun.capitalize()} not found, or you do not have permission to see it.", 404)
