"""Who is acting in the event being processed: resolved from its session cookie once per event.

The session guard (middleware) resolves the person before any handler runs; the handler's
run helper then reuses that answer instead of looking the session up again. The answer is
kept for one event only (Reflex's event transaction id) and for the same ``Cookie`` header,
so a revoked or expired session still stops working at the very next event.
"""

from contextvars import ContextVar

from reflex_base.event.context import EventContext
from sqlalchemy import Connection
from sqlmodel import Session

from safehouse_portal.services.core.actor import Actor
from safehouse_portal.web.auth import actor_from_cookies

_RESOLVED: ContextVar[tuple[str, str | None, Actor | None] | None] = ContextVar("safehouse_event_actor", default=None)


def _event_id() -> str:
    try:
        return EventContext.get().txid
    except LookupError:
        return ""


def event_actor(session: Session | Connection, cookie_header: str | None) -> Actor | None:
    """The person of ``cookie_header`` for the current event, looked up at most once per event."""
    event = _event_id()
    cached = _RESOLVED.get()
    if event and cached is not None and cached[0] == event and cached[1] == cookie_header:
        return cached[2]
    actor = actor_from_cookies(session, cookie_header)
    if event:
        _RESOLVED.set((event, cookie_header, actor))
    return actor
