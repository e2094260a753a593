"""One provider's page, for staff and for that provider's own lead only."""

import reflex as rx

from safehouse_portal.portals.engagement.provider_section import engagement_section
from safehouse_portal.portals.shared.auth_state import AuthState
from safehouse_portal.portals.providers.view import provider_view
from safehouse_portal.portals.shared.edge import id_from_path
from safehouse_portal.services.providers import profiles as providers
from safehouse_portal.services.providers.profiles import ProviderDetail
from safehouse_portal.portals.shared.shell import page

_EMPTY = ProviderDetail()


class ProviderDetailState(AuthState):
    detail: ProviderDetail = _EMPTY

    @rx.event
    def load(self):
        provider_id = id_from_path(self.router.url.path)

        def fill(session, actor):
            self.detail = providers.provider_detail(session=session, actor=actor, provider_id=provider_id)

        return self._load_page(fill)


def provider_detail_page() -> rx.Component:
    return page("Provider", provider_view(ProviderDetailState.detail), engagement_section())
