"""Pages of the programme manager's portal, registered on the app."""

import reflex as rx

from safehouse_portal.portals.manager.allocation import (
    AllocationState, NewInspectionState, allocation_page, new_inspection_page,
)
from safehouse_portal.portals.manager.board import ProgrammeBoardState, programme_board_page
from safehouse_portal.portals.manager.coverage import CoverageState, coverage_page


def register(app: rx.App) -> None:
    """Add the programme pages to ``app``."""
    app.add_page(programme_board_page, route="/programme", title="Programme board - Safehouse Portal",
                 on_load=ProgrammeBoardState.load)
    app.add_page(coverage_page, route="/programme/coverage", title="Coverage - Safehouse Portal",
                 on_load=CoverageState.load)
    app.add_page(new_inspection_page, route="/programme/inspections/new",
                 title="Allocate an inspection - Safehouse Portal", on_load=NewInspectionState.load)
    app.add_page(allocation_page, route="/programme/inspections/[inspection_id]/allocation",
                 title="Change allocation - Safehouse Portal", on_load=AllocationState.load)
