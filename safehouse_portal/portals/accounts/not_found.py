"""The app's own "Page not found", in its shell, for any address no page has."""

import reflex as rx

from safehouse_portal.portals.shared.auth_state import AuthState
from safehouse_portal.portals.shared.shell import page


class NotFoundState(AuthState):
    """Shows the header as the person is signed in (or not), and the not-found words."""

    @rx.event
    def load(self):
        with self._unit() as (_, actor):
            self._show_actor(actor)
        self.not_permitted = True
        self.page_not_found = True


def not_found_page() -> rx.Component:
    return page("Page not found")
