"""A browser tab's server-side state belongs to one signed-in person; nobody else ever receives it.

Reflex keys each tab's state by the client token the browser chose, and keeps it after
the tab signs out or closes: a client that connects with that token receives the state
as its last page left it (a provider's addresses, a lead's email). So every event, the
hydration included, first settles whose state it is, before any handler runs and before
anything is sent:

- who is acting is read from the session cookie of the request the event came on: the
  websocket's, or for an upload the upload request's own (``web.upload_sender``);
- when that is not who the state was filled for (signed out, expired, revoked, no cookie,
  another person, another role), every page State of the token is reset, and the tab
  stops following any live-update channel, before the event goes on: so a signed-out tab
  or a stranger holding its token receives only empty pages;
- an upload is refused unless its own request is signed in as the person the state
  belongs to: it never acts as, nor writes into the page of, someone else.
"""

import reflex as rx
from reflex.middleware import Middleware
from reflex.state import BaseState, StateUpdate
from reflex_base.event import resolve_upload_chunk_handler_param, resolve_upload_handler_param

from safehouse_portal.db.engine import read_connection
from safehouse_portal.portals.shared import live
from safehouse_portal.portals.shared.event_actor import event_actor
from safehouse_portal.web.auth import mark_of
from safehouse_portal.web.upload_sender import sender_of

PACKAGE = "safehouse_portal"


class SessionMark(rx.State):
    """Who this tab's state was last filled for, as ``session_mark`` (kept on the server, never sent).

    Written on every event, so with Redis it never expires before the page States it guards.
    """

    _owner: str = ""


class SessionGuard(Middleware):
    """Resets a tab's page States when who is signed in changes; refuses uploads from anyone else."""

    def __init__(self) -> None:
        self._upload_handlers: frozenset[str] | None = None

    async def preprocess(self, app, state: BaseState, event) -> StateUpdate | None:
        root = _root(state)
        mark = await root.get_state(SessionMark)
        if event.name in self._uploads(type(root)):
            return _check_upload(root, mark)
        router = root.router  # built afresh at each reading
        with read_connection() as connection:  # a read: nothing to commit
            current = mark_of(event_actor(connection, router.headers.cookie))
        if current != mark._owner:
            await forget(root)
        mark._owner = current
        live.left_page(router.session.client_token, router.url.path)
        return None

    def _uploads(self, root: type[BaseState]) -> frozenset[str]:
        if self._upload_handlers is None:
            self._upload_handlers = upload_handlers(root)
        return self._upload_handlers


def _check_upload(root: BaseState, mark: SessionMark) -> StateUpdate | None:
    """Let an upload through only when its own request is signed in as this tab's state's owner."""
    sender = sender_of(root.router.session.client_token)
    if sender and sender == mark._owner:
        mark._owner = sender
        return None
    return StateUpdate()


async def forget(root: BaseState) -> None:
    """Reset every page State of this tab to its defaults and stop following live updates.

    With Redis only the States an event needs are loaded, so every one is loaded first:
    a State left out would keep its data for whoever comes next.
    """
    for cls in _app_states(type(root)):
        await root.get_state(cls)
    for cls in type(root).get_substates():
        if _ours(cls) and cls is not SessionMark:
            (await root.get_state(cls)).reset()
    live.unfollow(root.router.session.client_token)


def upload_handlers(root: type[BaseState]) -> frozenset[str]:
    """Full names of this package's handlers that take uploaded files."""
    names = set()
    for cls in _app_states(root):
        for name, handler in cls.event_handlers.items():
            if _takes_files(handler):
                names.add(f"{cls.get_full_name()}.{name}")
    return frozenset(names)


def _takes_files(handler) -> bool:
    for resolve in (resolve_upload_handler_param, resolve_upload_chunk_handler_param):
        try:
            resolve(handler)
        except Exception:  # noqa: S112  (Reflex raises UploadValueError or TypeError: "not an upload handler")
            continue
        return True
    return False


def _app_states(root: type[BaseState]) -> list[type[BaseState]]:
    """Every State class of this package below ``root``, parents first."""
    found, pending = [], list(root.get_substates())
    while pending:
        cls = pending.pop(0)
        pending.extend(cls.get_substates())
        if _ours(cls):
            found.append(cls)
    return found


def _ours(cls: type[BaseState]) -> bool:
    return cls.__module__.startswith(PACKAGE)


def _root(state: BaseState) -> BaseState:
    while state.parent_state is not None:
        state = state.parent_state
    return state
