"""Pages of the learning area (the good-practice library), registered on the app."""

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.portals.learning.library_page import EntryState, LibraryState, entry_page, library_page
from safehouse_portal.portals.learning.nominate import NominateState, nominate_page
from safehouse_portal.portals.learning.review import NominationState, NominationsState, nomination_page, \
    nominations_page


def register(app: rx.App) -> None:
    """Add the good-practice pages to ``app``."""
    app.add_page(library_page, route=routes.GOOD_PRACTICE, title="Good practice - Safehouse Portal",
                 on_load=LibraryState.load)
    app.add_page(entry_page, route=routes.GOOD_PRACTICE_ENTRY, title="Good practice - Safehouse Portal",
                 on_load=EntryState.load)
    app.add_page(nominate_page, route=routes.NOMINATE_GOOD_PRACTICE, title="Nominate good practice - Safehouse Portal",
                 on_load=NominateState.load)
    app.add_page(nominations_page, route=routes.NOMINATIONS, title="Good practice nominations - Safehouse Portal",
                 on_load=NominationsState.load)
    app.add_page(nomination_page, route=routes.NOMINATION, title="Good practice nomination - Safehouse Portal",
                 on_load=NominationState.load)
