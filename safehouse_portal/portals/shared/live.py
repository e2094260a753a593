"""Live updates: how a page follows what other people change, at no cost while nothing changes.

A *channel* is named (``BOARD``, ``pir_channel(12)``) and carries nothing but "something
changed". A tab follows one channel at a time, once its reader was authorised for it: the
worker holding the tab's socket keeps it in an in-process list of followers (``_HUB``), a
plain set per channel. A change is announced once (``announce``): every follower's own
``LiveView.version`` then rises by one, which makes its page ask the server again for its
own view, through its own permission checks, so nothing reaches a browser its reader may
not see. Nothing is shared between tabs, no state is linked, and an event of a tab that
follows costs nothing extra: the cost of a change is one small delta per follower.

With ``REDIS_URL`` (several workers) an announcement is published once on one Redis
channel; each worker has one subscriber (one connection, however many viewers) and
raises the versions of its own followers. Without Redis the announcing worker raises them
directly. Either way the announcer never waits for the followers.

A tab stops following when it follows another channel, when an event comes from another
page (``left_page``, from the session guard's middleware), when the person signed in
changes (``unfollow``), and when its socket is gone (dropped at the next announcement, or by
the memory sweep every few seconds: ``drop_closed_tabs``).

The channel's name is never sent anywhere: the registry and Redis use ``channel_key``,
a digest of the name with the server's secret key, which no browser can guess or choose.

- ``follow(state, channel)`` follows; call it only once the page has authorised its reader.
- ``announce(state, channel)`` / ``announce_from_server(channel)`` tell every follower.
- ``listener(handler)`` calls ``handler`` on the page each time the tab's version rises.
- ``poller(handler)`` calls ``handler`` every ``POLL_SECONDS`` while the page shows it:
  the safety net for changes nobody announces (an inspector reopening a PIR).
"""

import asyncio
import contextlib
import hashlib
import hmac
import logging
import uuid

import reflex as rx
from reflex.istate.manager.token import BaseStateToken

from safehouse_portal.settings import get_settings

logger = logging.getLogger(__name__)
REDIS_CHANNEL = "safehouse:live"
"""The one Redis pub/sub channel every announcement goes through (its message: a channel key)."""

BOARD = "board"
"""The programme board's channel: every board viewer follows it."""
POLL_SECONDS = 2
MAX_POLLS = 3 * 60 * 60 // POLL_SECONDS
"""A page left open stops polling after three hours; loading it again starts again."""


def pir_channel(inspection_id: int) -> str:
    """The channel of one inspection's PIR answers (no underscores: Reflex reserves them in keys)."""
    return f"pir-{int(inspection_id)}"


def channel_key(channel: str) -> str:
    """The key a channel's state is linked and stored under: unguessable without the secret key.

    Shaped as a client token is (a UUID), so the log redaction hides it wherever Reflex logs it.
    """
    digest = hmac.new(get_settings().signing_key(), f"live:{channel}".encode(), hashlib.sha256).digest()
    return str(uuid.UUID(bytes=digest[:16]))


class LiveView(rx.State):
    """How many changes this tab has heard on the channel it follows; nothing else ever goes in it.

    It has no event handlers of its own: a browser cannot choose what it follows.
    """

    version: int = 0


class LivePoll(rx.State):
    """One browser's polling clock: each tick mounts the ``poller`` anew, which asks again."""

    tick: int = 0
    first: int = 0

    @rx.event(background=True)
    async def wait(self):
        """Move the clock on after a pause, unless another round moved it first or time is up."""
        async with self:
            seen, first = self.tick, self.first
        if seen - first >= MAX_POLLS:
            return
        await asyncio.sleep(POLL_SECONDS)
        async with self:
            if self.tick == seen:
                self.tick = seen + 1


class _Hub:
    """This worker's followers: which tabs follow which channel key, and from which page."""

    def __init__(self) -> None:
        self.followers: dict[str, set[str]] = {}
        self.following: dict[str, tuple[str, str]] = {}
        self.subscriber: asyncio.Task | None = None
        self.redis = None

    def follow(self, token: str, key: str, path: str) -> None:
        self.unfollow(token)
        self.following[token] = (key, path)
        self.followers.setdefault(key, set()).add(token)

    def unfollow(self, token: str) -> None:
        key, _ = self.following.pop(token, ("", ""))
        tokens = self.followers.get(key)
        if tokens is not None:
            tokens.discard(token)
            if not tokens:
                del self.followers[key]

    def left_page(self, token: str, path: str) -> None:
        followed = self.following.get(token)
        if followed is not None and followed[1] != path:
            self.unfollow(token)

    async def tell(self, key: str) -> None:
        """Raise the version of every tab following ``key`` whose socket is on this worker."""
        app = _app()
        if app.event_namespace is None:  # no server running (a test calling handlers): nobody to tell
            return
        sockets = app.event_namespace._token_manager
        for token in list(self.followers.get(key, ())):
            if not _socket_here(sockets, token):
                self.unfollow(token)  # closed, or reconnected to another worker (which follows it there)
                continue
            try:
                async with app.modify_state(BaseStateToken(ident=token, cls=LiveView)) as root:
                    (await root.get_state(LiveView)).version += 1
            except Exception:  # noqa: BLE001  (one tab that cannot be told must not stop the others)
                logger.warning("A live update could not reach one tab", exc_info=True)

    def drop_closed(self, sockets) -> int:
        """Forget every tab whose socket is no longer on this worker; how many were forgotten."""
        closed = [token for token in self.following if not _socket_here(sockets, token)]
        for token in closed:
            self.unfollow(token)
        return len(closed)


def _socket_here(sockets, token: str) -> bool:
    """Whether tab ``token`` has its socket on this worker (Reflex's registry of sockets, ``sockets``)."""
    record = sockets.token_to_socket.get(token)
    return record is not None and record.instance_id == sockets.instance_id


_HUB = _Hub()


def _redis_url() -> str | None:
    return get_settings().redis_url


def _client():
    """This worker's Redis client (one small pool, whatever the number of viewers)."""
    if _HUB.redis is None:
        import redis.asyncio as redis

        # A blocking pool: with many saves at once an announcement waits for a free connection
        # rather than failing ("Too many connections") and leaving viewers unaware of a change.
        pool = redis.BlockingConnectionPool.from_url(_redis_url(), max_connections=4, timeout=5)
        _HUB.redis = redis.Redis(connection_pool=pool)
    return _HUB.redis


async def _subscribe() -> None:
    """Hear every worker's announcements on one connection, for as long as the worker runs."""
    while True:
        try:
            pubsub = _client().pubsub(ignore_subscribe_messages=True)
            await pubsub.subscribe(REDIS_CHANNEL)
            async for message in pubsub.listen():
                data = message.get("data")
                if isinstance(data, bytes):
                    await _HUB.tell(data.decode())
        except asyncio.CancelledError:
            raise
        except Exception:  # noqa: BLE001  (Redis restarting: listen again shortly)
            logger.warning("Live updates lost their Redis subscription; subscribing again", exc_info=True)
            await asyncio.sleep(1)


def _ensure_subscribed() -> None:
    if _redis_url() and (_HUB.subscriber is None or _HUB.subscriber.done()):
        with contextlib.suppress(RuntimeError):  # no running loop (a test calling a handler): nothing to hear
            _HUB.subscriber = asyncio.get_running_loop().create_task(_subscribe())


def follow_tab(token: str, channel: str, path: str) -> None:
    """Make the tab ``token``, showing the page at ``path``, follow ``channel`` (and no other)."""
    if not token:
        return
    _ensure_subscribed()
    _HUB.follow(token, channel_key(channel), path)


async def follow(state: rx.State, channel: str) -> None:
    """Follow ``channel`` from this tab: call only after its reader was authorised for it."""
    router = state.router  # built afresh at each reading
    follow_tab(router.session.client_token, channel, router.url.path)


def unfollow(token: str) -> None:
    """The tab ``token`` follows nothing any more (its signed-in person changed)."""
    _HUB.unfollow(token)


def left_page(token: str, path: str) -> None:
    """An event of the tab ``token`` came from ``path``: it stops following a channel of another page."""
    _HUB.left_page(token, path)


def drop_closed_tabs(rx_app: rx.App) -> int:
    """Forget the tabs that closed without a change announced to them since (run with the memory sweep)."""
    if rx_app.event_namespace is None:
        return 0
    return _HUB.drop_closed(rx_app.event_namespace._token_manager)


def following(token: str) -> bool:
    """Whether the tab ``token`` follows a channel on this worker."""
    return token in _HUB.following


async def announce(state: rx.State, channel: str) -> None:
    """Tell every tab following ``channel`` that something changed (the announcer follows nothing new)."""
    await announce_from_server(channel)


async def announce_from_server(channel: str) -> None:
    """Tell every tab following ``channel``, on every worker, that something changed."""
    key = channel_key(channel)
    if _redis_url():
        try:
            await _client().publish(REDIS_CHANNEL, key)
            return
        except Exception:  # noqa: BLE001  (the change is committed; viewers still see it when they reload)
            logger.warning("A live update could not be published", exc_info=True)
            return
    task = asyncio.get_running_loop().create_task(_HUB.tell(key))
    _PENDING.add(task)
    task.add_done_callback(_PENDING.discard)


_PENDING: set[asyncio.Task] = set()


async def restart_polling(state: rx.State) -> None:
    """Start polling afresh on a page load: ``MAX_POLLS`` counts from now.

    Moving the clock on mounts the ``poller`` anew, which starts a new round (also when
    the last one had stopped); a round still waiting finds the clock moved and stops.
    """
    poll = await state.get_state(LivePoll)
    poll.tick += 1
    poll.first = poll.tick


async def version_now(state: rx.State) -> int:
    """How many changes this tab has heard so far (a page's load keeps it, for ``listener``'s ``seen``)."""
    return (await state.get_state(LiveView)).version


def listener(handler: rx.EventHandler, seen: rx.Var | None = None) -> rx.Component:
    """Hidden: calls ``handler`` each time the followed channel changes, and when the page mounts.

    ``seen`` is the tab's version its page's load kept (``version_now``): while the version
    is still that, nothing changed since the load read the page, and nothing is called.
    """
    changes = _remounted(LiveView.version, handler, "live-change")
    return changes if seen is None else rx.cond(LiveView.version == seen, rx.fragment(), changes)


def poller(handler: rx.EventHandler) -> rx.Component:
    """Hidden: calls ``handler`` every ``POLL_SECONDS`` while the page shows it, the first time after a pause
    (the page's load, which started the clock with ``restart_polling``, has just read what it shows).

    The next round is asked for by the browser (each tick mounts the element anew), so
    polling ends with the page: nothing runs on for a closed tab.
    """
    return rx.cond(LivePoll.tick == LivePoll.first, _remounted(LivePoll.tick, LivePoll.wait, "live-poll-start"),
                   _remounted(LivePoll.tick, [handler, LivePoll.wait], "live-poll"))


def _remounted(counter: rx.Var, on_mount, name: str) -> rx.Component:
    """An element mounted anew, running ``on_mount``, whenever ``counter`` changes.

    ``on_mount`` runs once per mounted component, and Reflex compiles an element with
    event triggers into a component of its own, so a changing ``key`` would not run it
    again. Two branches that differ (their ids) are two components: React mounts the
    other one each time the counter moves by one.
    """
    return rx.cond(
        counter % 2 == 0,
        rx.el.span(on_mount=on_mount, id=f"{name}-even", hidden=True),
        rx.el.span(on_mount=on_mount, id=f"{name}-odd", hidden=True),
    )


async def notify_pir_changed(state: rx.State, inspection_id: int) -> None:
    """Tell the KLOE pages of an inspection that its PIR answers changed.

    Call from the provider's PIR handlers after the change was committed, with the
    inspection id the PIR service found (never a browser's argument): the provider is
    authorised for their own return's channel.
    """
    await announce(state, pir_channel(inspection_id))


async def announce_board_changed() -> None:
    """Tell every board viewer that a card may have moved, from someone who may not see the board."""
    await announce_from_server(BOARD)


def _app() -> rx.App:
    """The running app (imported when first needed: the app module imports every page, this one too)."""
    from safehouse_portal.safehouse_portal import app

    return app
