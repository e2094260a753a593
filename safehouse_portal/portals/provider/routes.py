"""Pages of the provider portal, registered on the app (each page's State lives beside it)."""

import reflex as rx

from safehouse_portal.portals.provider.detail import ProviderDetailState, provider_detail_page
from safehouse_portal.portals.provider.home import ProviderHomeState, provider_home_page


def register(app: rx.App) -> None:
    """Add the provider portal's pages to ``app``."""
    app.add_page(provider_home_page, route="/provider", title="Your service - Safehouse Portal",
                 on_load=ProviderHomeState.load)
    app.add_page(provider_detail_page, route="/providers/[provider_id]", title="Provider - Safehouse Portal",
                 on_load=ProviderDetailState.load)
