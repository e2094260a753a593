"""Calling State handlers as a forging browser would: any handler, any arguments, any cookie."""

import asyncio
import inspect
from datetime import UTC, datetime

import pytest
import reflex as rx
from reflex.istate.data import RouterData

import safehouse_portal.db.engine as engine_module
from safehouse_portal.db import User
from safehouse_portal.services.accounts import sessions as auth
from tests.integration.worlds import factories as f


@pytest.fixture
def browser_as(session, engine, monkeypatch):
    """Build a page State whose websocket carries the session cookie of ``user``.

    ``browser_as(user, StateClass, "/path/1")`` returns the State; ``user`` None is
    a browser with no session. Use it with ``call``.
    """
    monkeypatch.setattr(engine_module, "get_engine", lambda: engine)

    def _as(user: User | None, state_cls, path: str = "/"):
        cookie = ""
        if user is not None:
            token = auth.sign_in(session=session, email=user.email, password=f.PASSWORD,
                                 now=datetime.now(UTC)).token
            session.commit()
            cookie = f"shp_session={token}"
        root = rx.State(_reflex_internal_init=True)
        state = root.get_substate(state_cls.get_full_name().split(".")[1:])
        router_data = {"headers": {"cookie": cookie}, "pathname": path, "asPath": path}
        root.router_data = router_data
        root.router = RouterData.from_router_data(router_data)
        return state

    return _as


def call(state, handler: str, *args):
    """Invoke an event handler the way Reflex does, with whatever arguments a browser sent.

    An async handler is run to its end, as Reflex awaits it: a test never holds a coroutine
    that did nothing (its assertions would then hold of a handler that never ran).
    """
    result = type(state).event_handlers[handler].fn(state, *args)
    return asyncio.run(result) if inspect.iscoroutine(result) else result
