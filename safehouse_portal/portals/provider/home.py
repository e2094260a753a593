"""The provider lead's home: their own provider, and nothing of anyone else's."""

import reflex as rx

from safehouse_portal.auth.state import AuthState
from safehouse_portal.portals.provider.view import provider_view
from safehouse_portal.services import providers
from safehouse_portal.services.providers import ProviderDetail
from safehouse_portal.ui.shell import page

_EMPTY = ProviderDetail(0, "", "", "", "", "", [], [])


class ProviderHomeState(AuthState):
    detail: ProviderDetail = _EMPTY

    @rx.event
    def load(self):
        def fill(session, actor):
            self.detail = providers.own_provider(session=session, actor=actor)

        return self._load_page(fill)


def provider_home_page() -> rx.Component:
    return page("Your service", provider_view(ProviderHomeState.detail))
