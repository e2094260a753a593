"""Pages of the programme manager's portal, registered on the app."""

import reflex as rx

from safehouse_portal.portals.manager.home import ProgrammeHomeState, programme_home_page


def register(app: rx.App) -> None:
    """Add the programme pages to ``app``."""
    app.add_page(programme_home_page, route="/programme", title="Programme - Safehouse Portal",
                 on_load=ProgrammeHomeState.load)
