"""Pages of the provider portal, registered on the app (each page's State lives beside it)."""

import reflex as rx

from safehouse_portal.portals.provider.detail import ProviderDetailState, provider_detail_page
from safehouse_portal.portals.provider.home import ProviderHomeState, provider_home_page
from safehouse_portal.portals.provider.pir_review import PirReviewState, pir_review_page
from safehouse_portal.portals.provider.pir_section import PirSectionState, pir_section_page
from safehouse_portal.portals.provider.pir_task_list import PirTaskListState, pir_task_list_page


def register(app: rx.App) -> None:
    """Add the provider portal's pages to ``app``."""
    app.add_page(provider_home_page, route="/provider", title="Your service - Safehouse Portal",
                 on_load=ProviderHomeState.load)
    app.add_page(provider_detail_page, route="/providers/[provider_id]", title="Provider - Safehouse Portal",
                 on_load=ProviderDetailState.load)
    app.add_page(pir_task_list_page, route="/provider/pir", title="Information return - Safehouse Portal",
                 on_load=PirTaskListState.load)
    app.add_page(pir_section_page, route="/provider/pir/[section]",
                 title="Information return section - Safehouse Portal", on_load=PirSectionState.load)
    app.add_page(pir_review_page, route="/inspections/[inspection_id]/pir",
                 title="Provider information return - Safehouse Portal", on_load=PirReviewState.load)
