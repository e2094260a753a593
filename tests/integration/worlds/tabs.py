"""Browser tabs as the running app sees them: Reflex's own event processor, the app's middleware.

``tabs`` runs a script against ``BaseStateEventProcessor`` on an in-memory state manager,
with the app's middleware (the allowlist and the session guard) in front, as the server
does. A tab is a client token; each event carries the router data Reflex's websocket
endpoint builds (the headers with their ``Cookie``), and what comes back is every delta
the event sends that tab. ``upload`` goes through ``http_routes()`` (the app's ASGI
middleware) to Reflex's real ``/_upload`` endpoint.
"""

import asyncio
import json
import uuid
from datetime import UTC, datetime

import httpx
import pytest
import reflex as rx
from reflex.istate.manager.memory import StateManagerMemory
from reflex._upload import upload as reflex_upload
from reflex_base.event import Event
from reflex_base.event.processor.base_state_processor import BaseStateEventProcessor
from starlette.applications import Starlette
from starlette.routing import Route

import safehouse_portal.db.engine as engine_module
from safehouse_portal.db import User
from safehouse_portal.safehouse_portal import app
from safehouse_portal.services.accounts import sessions as auth
from safehouse_portal.web.routes import http_routes
from tests.integration.worlds import factories as f

HYDRATE = f"{rx.State.get_full_name()}.hydrate"
WAIT_SECONDS = 30


class Tabs:
    """Sends events and uploads from tabs to one running event processor."""

    def __init__(self, processor: BaseStateEventProcessor, manager: StateManagerMemory) -> None:
        self.processor, self.manager = processor, manager
        self.portal = http_routes()
        self.portal.mount("", Starlette(routes=[Route("/_upload", reflex_upload(app), methods=["POST"])]))

    @staticmethod
    def new() -> str:
        """A fresh client token, as a browser makes one."""
        return str(uuid.uuid4())

    async def send(self, tab: str, name: str, *, cookie: str = "", path: str = "/", **payload) -> list[dict]:
        """One websocket event from ``tab`` carrying ``cookie``; the deltas it sent the tab."""
        router_data = {"pathname": path, "asPath": path, "query": {}, "token": tab, "sid": f"sid-{tab}",
                       "headers": {"host": "portal.test", "origin": "http://portal.test", "cookie": cookie},
                       "ip": "127.0.0.1"}
        event = Event(name=name, payload=payload, router_data=router_data)

        async def collect() -> list[dict]:
            return [delta async for delta in self.processor.enqueue_stream_delta(tab, event)]

        return await asyncio.wait_for(collect(), WAIT_SECONDS)

    async def fire(self, tab: str, name: str, *, cookie: str = "", path: str = "/", **payload) -> None:
        """Send an event Reflex may never answer (an unknown handler): wait until it was dealt with."""
        router_data = {"pathname": path, "asPath": path, "query": {}, "token": tab, "sid": f"sid-{tab}",
                       "headers": {"host": "portal.test", "cookie": cookie}, "ip": "127.0.0.1"}
        future = await self.processor.enqueue(tab, Event(name=name, payload=payload, router_data=router_data))
        try:
            await asyncio.wait_for(asyncio.shield(future), 1)
        except BaseException:  # noqa: BLE001  (a refused or failed event is what is being sent)
            pass

    async def upload(self, tab: str, handler: str, files: dict[str, bytes], *, cookie: str = "") -> httpx.Response:
        """``POST /_upload`` as Reflex's frontend sends it, naming ``tab`` and ``handler`` in its headers."""
        headers = {"Reflex-Client-Token": tab, "Reflex-Event-Handler": handler}
        if cookie:
            headers["Cookie"] = cookie
        transport = httpx.ASGITransport(app=self.portal)
        async with httpx.AsyncClient(transport=transport, base_url="http://portal.test") as client:
            return await asyncio.wait_for(
                client.post("/_upload", headers=headers,
                            files=[("files", (name, content, "application/pdf")) for name, content in files.items()]),
                WAIT_SECONDS)


def sent(deltas: list[dict]) -> str:
    """Everything the deltas carry, as the browser would receive it (JSON)."""
    return json.dumps(deltas, default=repr)


@pytest.fixture
def tabs(engine, monkeypatch):
    """Run ``script(tabs)`` (a coroutine function) against a running event processor; its result."""
    monkeypatch.setattr(engine_module, "get_engine", lambda: engine)

    def _run(script):
        async def main():
            manager = StateManagerMemory()
            processor = BaseStateEventProcessor(middleware=app, backend_exception_handler=None)
            async with processor.configure(state_manager=manager):
                with monkeypatch.context() as patch:
                    patch.setattr(app, "_event_processor", processor)
                    patch.setattr(app, "_state_manager", manager)
                    return await script(Tabs(processor, manager))

        return asyncio.run(main())

    return _run


@pytest.fixture
def cookie_of(session):
    """``cookie_of(user)``: the ``Cookie`` header of a fresh session of ``user``."""

    def _sign_in(user: User) -> str:
        token = auth.sign_in(session=session, email=user.email, password=f.PASSWORD, now=datetime.now(UTC)).token
        session.commit()
        return f"shp_session={token}"

    return _sign_in


def sign_out(session, cookie: str) -> None:
    """End the session behind ``cookie``, as the sign-out route does."""
    auth.sign_out(session=session, token=cookie.split("=", 1)[1], now=datetime.now(UTC))
    session.commit()
