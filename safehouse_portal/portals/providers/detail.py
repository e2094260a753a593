"""One provider's page, for staff and for that provider's own lead only."""

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.portals.engagement.provider_section import engagement_section
from safehouse_portal.services.core import access
from safehouse_portal.services.core.access import Action

from safehouse_portal.portals.shared.auth_state import AuthState
from safehouse_portal.portals.providers.view import provider_view
from safehouse_portal.portals.shared.edge import id_from_path
from safehouse_portal.services.providers import profiles as providers
from safehouse_portal.services.providers.profiles import ProviderDetail
from safehouse_portal.portals.shared.shell import page

_EMPTY = ProviderDetail()


class ProviderDetailState(AuthState):
    detail: ProviderDetail = _EMPTY
    audit_href: str = ""
    """The provider's own audit trail, for those who may read the trail ("" for others)."""

    @rx.event
    def load(self):
        provider_id = id_from_path(self.router.url.path)

        def fill(session, actor):
            self.detail = providers.provider_detail(session=session, actor=actor, provider_id=provider_id)
            self.audit_href = routes.audit_trail({"provider": self.detail.id}) \
                if access.may(actor, Action.VIEW_AUDIT_TRAIL) else ""

        return self._load_page(fill)


def provider_detail_page() -> rx.Component:
    return page("Provider", provider_view(ProviderDetailState.detail),
                rx.cond(ProviderDetailState.audit_href != "",
                        rx.el.p(rx.el.a("This provider's audit trail", href=ProviderDetailState.audit_href,
                                        id="provider-audit-trail"))),
                engagement_section())
