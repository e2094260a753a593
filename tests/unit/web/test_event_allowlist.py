"""The deny-by-default middleware lets through only the app's own handlers."""


import reflex as rx
from reflex_base.event import Event

import safehouse_portal.safehouse_portal  # noqa: F401  (registers every page State)
from safehouse_portal.web.allowlist import EventAllowlist
from safehouse_portal.portals.accounts.users import AdminUsersState


def _verdict(name: str):
    state = rx.State(_reflex_internal_init=True)
    event = Event(name=name, payload={})
    # Step the coroutine by hand: it never awaits, and the browser tests' Playwright
    # keeps an event loop running on this thread, so asyncio.run is unavailable.
    coroutine = EventAllowlist().preprocess(None, state, event)
    try:
        coroutine.send(None)
    except StopIteration as finished:
        return finished.value
    raise AssertionError("preprocess awaited something unexpectedly")


def test_the_apps_own_handlers_pass():
    assert _verdict(f"{AdminUsersState.get_full_name()}.create") is None


def test_inherited_framework_methods_are_refused_with_an_empty_update():
    for method in ("reset", "dict", "get_value", "_act", "set_shown_password", "setvar"):
        refused = _verdict(f"{AdminUsersState.get_full_name()}.{method}")
        assert refused is not None and refused.delta == {}


def test_reflex_hydration_events_pass():
    assert _verdict(f"{rx.State.get_full_name()}.hydrate") is None
    assert _verdict(f"{rx.State.get_full_name()}.hydrate_and_load") is None


def test_setvar_on_the_root_state_is_refused():
    assert _verdict(f"{rx.State.get_full_name()}.setvar") is not None
