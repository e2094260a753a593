"""Deny by default: only the app's own event handlers (and Reflex's plumbing) may run.

Reflex 0.10.1 lets a browser call any public method of any State, including
inherited framework methods. This middleware refuses every event that is not
either one of Reflex's own hydration events or a handler written in this
package, before any state is touched. Handlers still authorise every call.
"""

import logging

from reflex.middleware import Middleware
from reflex.state import BaseState, StateUpdate

logger = logging.getLogger(__name__)

FRAMEWORK_EVENTS = frozenset({
    "hydrate", "hydrate_and_load", "set_is_hydrated", "update_vars_internal", "on_load_internal",
    "handle_frontend_exception",
})
PACKAGE = "safehouse_portal"


def app_handlers(root: type[BaseState]) -> frozenset[str]:
    """Full names of the handlers this package defines, plus Reflex's hydration plumbing.

    Everything else is refused, including ``setvar`` (which would let a browser set
    any var) and inherited methods such as ``reset``.
    """
    names: set[str] = set()
    pending = [root]
    while pending:
        cls = pending.pop()
        pending.extend(cls.get_substates())
        for name, handler in cls.event_handlers.items():
            module = getattr(handler.fn, "__module__", "") or ""
            ours = module.startswith(PACKAGE) and not name.startswith("_")
            plumbing = module.startswith("reflex") and name in FRAMEWORK_EVENTS
            if ours or plumbing:
                names.add(f"{cls.get_full_name()}.{name}")
    return frozenset(names)


class EventAllowlist(Middleware):
    """Refuses events that are not on the allowlist; they change nothing and return nothing."""

    def __init__(self) -> None:
        self._allowed: frozenset[str] | None = None

    async def preprocess(self, app, state: BaseState, event) -> StateUpdate | None:
        if self._allowed is None:
            self._allowed = app_handlers(type(state).get_root_state())
        if event.name in self._allowed:
            return None
        logger.warning("Refused an event that is not on the allowlist: %s", event.name[:200])
        return StateUpdate()
