"""Pages of the PIR area (the provider's return, the inspection team's view), registered on the app."""

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.portals.pir.review import PirReviewState, pir_review_page
from safehouse_portal.portals.pir.section import PirSectionState, pir_section_page
from safehouse_portal.portals.pir.task_list import PirTaskListState, pir_task_list_page


def register(app: rx.App) -> None:
    """Add the PIR pages to ``app``."""
    app.add_page(pir_task_list_page, route=routes.PROVIDER_PIR, title="Information return - Safehouse Portal",
                 on_load=PirTaskListState.load)
    app.add_page(pir_section_page, route=routes.PROVIDER_PIR_SECTION,
                 title="Information return section - Safehouse Portal", on_load=PirSectionState.load)
    app.add_page(pir_review_page, route=routes.INSPECTION_PIR,
                 title="Provider information return - Safehouse Portal", on_load=PirReviewState.load)
