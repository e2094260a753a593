"""Pages of the inspector portal, registered on the app (each page's State lives beside it)."""

import reflex as rx

from safehouse_portal.portals.inspector.home import InspectorHomeState, inspector_home_page


def register(app: rx.App) -> None:
    """Add the inspector portal's pages to ``app``."""
    app.add_page(inspector_home_page, route="/inspector", title="Your inspections - Safehouse Portal",
                 on_load=InspectorHomeState.load)
