"""Pages of the kloe area, registered on the app."""

import reflex as rx

from safehouse_portal.portals.kloe.page import KloeState, kloe_page
from safehouse_portal.portals.kloe.panel import KloePanelState
from safehouse_portal.portals.kloe.route import ROUTE


def register(app: rx.App) -> None:
    """Add this area's pages to ``app``."""
    app.add_page(kloe_page, route=ROUTE, title="Key line of enquiry - Safehouse Portal",
                 on_load=[KloeState.load, KloePanelState.load])
