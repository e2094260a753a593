"""The board's live channel: one shared counter every authorised viewer is linked to.

The counter carries no programme data, only "something changed". A staff page whose
change may move a card returns ``BoardLive.announce`` after committing; a page of
someone who may not see the board (a provider lead submitting a PIR) awaits
``announce_board_changed()`` on the server instead, which raises the counter without
linking that browser to the channel. Reflex pushes the new value to every linked browser
(on any worker, through Redis), and each browser then reloads its own board through its
own permission checks.
"""

import reflex as rx
from reflex.istate.manager import get_state_manager
from reflex.istate.manager.token import BaseStateToken

from safehouse_portal.services.core import access
from safehouse_portal.services.core.access import Action
from safehouse_portal.services.core.uow import unit_of_work
from safehouse_portal.web.auth import actor_from_cookies

BOARD_CHANNEL = "programme-board"
"""The shared token every board viewer links to (Reflex forbids underscores in it)."""


class BoardLive(rx.SharedState):
    """How many changes the board has seen; nothing else ever goes in it."""

    version: int = 0

    def _is_board_viewer(self) -> bool:
        """Whether the browser's own session belongs to someone who may see a board."""
        with unit_of_work() as session:
            actor = actor_from_cookies(session, self.router.headers.cookie)
        return access.role_may(actor, Action.VIEW_BOARD)

    @rx.event
    async def join(self):
        """Link this browser to the channel, once its session is a board viewer's."""
        if self._is_board_viewer():
            await self._link_to(BOARD_CHANNEL)

    @rx.event
    async def announce(self):
        """Tell every viewer that a card may have changed (staff only; viewers recheck anyway)."""
        if not self._is_board_viewer():
            return
        live = await self._link_to(BOARD_CHANNEL)
        live.version += 1


async def announce_board_changed() -> None:
    """Raise the board's counter from the server, for every linked viewer, without a viewer check.

    Server-side only (a browser cannot call a module function): await it from an event
    handler after a committed change that may move a card, whoever made it. It edits the
    channel's own state directly, so the calling browser is never linked to the channel
    and receives nothing; the viewers' browsers are updated as when a viewer announces.
    """
    token = BaseStateToken(ident=BOARD_CHANNEL, cls=BoardLive)
    async with get_state_manager().modify_state_with_links(token) as root:
        live = await root.get_state(BoardLive)
        live.version += 1
        # As ``App.modify_state`` does, minus sending the delta to the channel's own
        # token (no browser has it): cleaning records the changed vars the linked
        # viewers' browsers are sent when the lock is released.
        await root._get_resolved_delta()
        root._clean()
