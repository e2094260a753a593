"""Memory given back when tabs leave: their state goes to disk and out of this worker's memory.

Without Redis, Reflex's disk state manager keeps every tab's whole state tree in memory
until ``redis_token_expiration`` (an hour) has passed, whether the tab is still open or
not: 200 people who opened the board and left held most of a megabyte each for that hour.
A tab whose socket is gone needs nothing in memory that is not also on disk once its
pending write is done, so every ``SWEEP_SECONDS`` this worker writes the state of each tab
with no socket here, untouched for ``GRACE_SECONDS`` and not in an event, and drops it from
memory. A tab that comes back reads its state from disk, exactly as after a restart, so
nobody loses anything. Freed memory is then handed back to the system (glibc's
``malloc_trim``). With Redis, states live in Redis and this does nothing.

The garbage collector is settled once the app has started (``settle_collector``): the
hundreds of thousands of objects built at start-up (page States, compiled components,
SQLAlchemy mappings) never change, yet a full collection walked them all, a pause of
60-110 ms several times a minute under load. Frozen, they are never walked again, and
young objects are collected in larger, rarer steps.

A tab that left also stops following live channels (``live.drop_closed_tabs``). How the
states are kept on disk (file names that stay out of memory, the clean-up of old files) is
``state_files``'s.
"""

import asyncio
import ctypes
import gc
import logging
import time

import reflex as rx
from reflex.istate.manager.disk import StateManagerDisk

from safehouse_portal.portals.shared import live, state_files

logger = logging.getLogger(__name__)

SWEEP_SECONDS = 5
GRACE_SECONDS = 10
"""A tab must have had no socket and no event for this long before its state leaves memory. It can be short:
a tab that comes back later only reads its state from disk again. With 15 s sweeps and 30 s of grace,
200 board viewers' memory had not been released a minute after they left (worker 227 MB against 138 MB
idle); with these, 198 MB."""
YOUNG_OBJECTS = 10_000
"""New container objects between two collections of the youngest generation (Python's default: 700)."""


async def release_left_tabs(rx_app: rx.App) -> None:
    """Sweep after sweep while the app runs (registered with ``app.register_lifespan_task``)."""
    settle_collector()
    state_files.tune(rx_app.state_manager)
    while True:
        await asyncio.sleep(SWEEP_SECONDS)
        try:
            live.drop_closed_tabs(rx_app)
            released = await sweep(rx_app, now=time.time())
        except Exception as exc:  # noqa: BLE001  (a failed sweep leaves states in memory; the next one tries again)
            logger.warning("Releasing the states of closed tabs failed: %s", type(exc).__name__)
            continue
        if released:
            gc.collect()
            _trim()


async def sweep(rx_app: rx.App, *, now: float) -> int:
    """Write and drop the in-memory states of tabs that left; how many were dropped."""
    manager, namespace = rx_app.state_manager, rx_app.event_namespace
    if not isinstance(manager, StateManagerDisk) or namespace is None:
        return 0
    connected = namespace._token_manager.token_to_socket
    released = 0
    for last_touched, token in list(manager._token_last_touched.values()):
        if now - last_touched < GRACE_SECONDS or token.ident in connected or manager._is_locked(token):
            continue
        # The manager's own lock for the tab (made here if it has none): an event that arrives meanwhile waits.
        lock = manager._states_locks.setdefault(token.lock_key, asyncio.Lock())
        async with lock:
            if token.ident in connected or token.cache_key not in manager.states:
                continue
            queued = manager._write_queue.pop(token, None)
            if queued is not None:
                await manager.set_state_for_substate(token, queued.state)
            manager._purge_token(token)
            released += 1
    return released


def settle_collector() -> None:
    """Freeze what start-up built, so no collection walks it again; collect young objects less often."""
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_OBJECTS, middle, old)


def _trim() -> None:
    """Ask glibc to give freed heap memory back to the system (elsewhere, nothing happens)."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        return
