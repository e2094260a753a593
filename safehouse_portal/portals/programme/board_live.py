"""Who may follow and announce on the programme board's live channel (``live.BOARD``).

The channel carries no programme data, only "something changed" (see ``portals.shared.live``).
A staff page whose change may move a card returns ``BoardLive.announce`` after committing;
a page of someone who may not see the board (a provider lead submitting a PIR) awaits
``live.announce_board_changed()`` instead, which links nobody. Each viewer's browser then
reloads its own board through its own permission checks.
"""

import reflex as rx

from safehouse_portal.portals.shared import live
from safehouse_portal.services.core import access
from safehouse_portal.services.core.access import Action
from safehouse_portal.db.engine import read_connection
from safehouse_portal.portals.shared.event_actor import event_actor


class BoardLive(rx.State):
    """The board channel's gate: any browser may call these, so each checks its own session first."""

    def _is_board_viewer(self) -> bool:
        """Whether the browser's own session belongs to someone who may see a board."""
        with read_connection() as connection:  # a read: nothing to commit
            actor = event_actor(connection, self.router.headers.cookie)
        return access.role_may(actor, Action.VIEW_BOARD)

    @rx.event
    async def join(self):
        """Follow the board's changes, once the session is a board viewer's."""
        if self._is_board_viewer():
            await live.follow(self, live.BOARD)

    @rx.event
    async def announce(self):
        """Tell every viewer that a card may have changed (staff only; viewers recheck anyway)."""
        if self._is_board_viewer():
            await live.announce(self, live.BOARD)
