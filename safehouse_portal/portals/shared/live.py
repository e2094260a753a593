"""Live updates: how a page follows what other people change, on Reflex's public API only.

A *channel* is named (``BOARD``, ``pir_channel(12)``); browsers link one shared counter to
the channel's key (``rx.SharedState`` and its ``_link_to``). The counter is all that is ever
shared: when it rises, each linked page asks the server again for its own view, through
its own permission checks, so nothing reaches a browser its reader may not see.

A channel's state is stored under its key, and a browser connecting with that key as its
client token would hear every change without being linked: so the key is a digest of the
name with the server's secret key (``channel_key``), which no browser can guess, and a
browser is linked only once its reader was authorised for the channel.

- ``follow(state, channel)`` links the browser; call it only once the page has
  authorised its reader for that channel.
- ``announce(state, channel)`` raises the counter from a browser that may follow it.
- ``announce_from_server(channel)`` raises it for someone who may not follow it (a
  provider submitting a PIR moves a card on the board): the channel's own state is
  changed out of band with ``App.modify_state``, so that browser is never linked.
- ``listener(handler)`` calls ``handler`` on the page each time the counter rises.
- ``poller(handler)`` calls ``handler`` every ``POLL_SECONDS`` while the page shows
  it: the safety net for changes nobody announces (an inspector reopening a PIR).

A browser follows one channel at a time: the last it followed or announced on.
Never render ``LiveChannel._linked_from``: it holds other browsers' client tokens.
"""

import asyncio
import hashlib
import hmac
import uuid

import reflex as rx

from safehouse_portal.settings import get_settings

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


class LiveChannel(rx.SharedState):
    """How many changes a channel has seen; nothing else ever goes in it.

    It has no event handlers of its own: a browser cannot choose what it links to.
    """

    version: int = 0


class LivePoll(rx.State):
    """One browser's polling clock: each tick mounts the ``poller`` anew, which asks again."""

    tick: int = 0
    _first: int = 0

    @rx.event(background=True)
    async def wait(self):
        """Move the clock on after a pause, unless another round moved it first or time is up."""
        async with self:
            seen, first = self.tick, self._first
        if seen - first >= MAX_POLLS:
            return
        await asyncio.sleep(POLL_SECONDS)
        async with self:
            if self.tick == seen:
                self.tick = seen + 1


async def follow(state: rx.State, channel: str) -> None:
    """Link this browser to ``channel``: call only after its reader was authorised for it."""
    live = await state.get_state(LiveChannel)
    await live._link_to(channel_key(channel))


async def announce(state: rx.State, channel: str) -> None:
    """Tell every browser following ``channel`` that something changed (links this browser too)."""
    live = await state.get_state(LiveChannel)
    live = await live._link_to(channel_key(channel))
    live.version += 1


async def announce_from_server(channel: str) -> None:
    """Tell every browser following ``channel`` that something changed, linking no browser.

    Reflex sends the change to every linked browser (on any worker, through Redis). It
    also tries to send it to the channel's own key, which no browser holds: without
    Redis that logs "Attempting to send delta to disconnected client".
    """
    async with _app().modify_state(rx.BaseStateToken(ident=channel_key(channel), cls=LiveChannel)) as root:
        live = await root.get_state(LiveChannel)
        live.version += 1


async def restart_polling(state: rx.State) -> None:
    """Start polling afresh on a page load: ``MAX_POLLS`` counts from now.

    Moving the clock on mounts the ``poller`` anew, which starts a new round (also when
    the last one had stopped); a round still waiting finds the clock moved and stops.
    """
    poll = await state.get_state(LivePoll)
    poll.tick += 1
    poll._first = poll.tick


def listener(handler: rx.EventHandler) -> rx.Component:
    """Hidden: calls ``handler`` when the page mounts and again each time the followed channel rises."""
    return _remounted(LiveChannel.version, handler, "live-change")


def poller(handler: rx.EventHandler) -> rx.Component:
    """Hidden: calls ``handler`` now and every ``POLL_SECONDS`` while the page shows it.

    The next round is asked for by the browser (each tick mounts the element anew), so
    polling ends with the page: nothing runs on for a closed tab.
    """
    return _remounted(LivePoll.tick, [handler, LivePoll.wait], "live-poll")


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
