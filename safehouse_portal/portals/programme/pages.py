"""Pages of the programme area (board, allocation, coverage, an inspection's timeline,
the inspector's home, closure days), registered on the app."""

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.portals.programme.announcement_call import AnnouncementCallState, announcement_call_page
from safehouse_portal.portals.programme.allocation import (
    AllocationState, NewInspectionState, allocation_page, new_inspection_page,
)
from safehouse_portal.portals.programme.board import ProgrammeBoardState, programme_board_page
from safehouse_portal.portals.programme.closures import AdminClosuresState, admin_closures_page
from safehouse_portal.portals.programme.coverage import CoverageState, coverage_page
from safehouse_portal.portals.programme.inspector_home import InspectorHomeState, inspector_home_page
from safehouse_portal.portals.programme.programme_import import ProgrammeImportState, programme_import_page
from safehouse_portal.portals.programme.timeline import InspectionTimelineState, inspection_timeline_page


def register(app: rx.App) -> None:
    """Add the programme pages to ``app``."""
    app.add_page(programme_board_page, route=routes.PROGRAMME_BOARD, title="Programme board - Safehouse Portal",
                 on_load=ProgrammeBoardState.load)
    app.add_page(coverage_page, route=routes.COVERAGE, title="Coverage - Safehouse Portal",
                 on_load=CoverageState.load)
    app.add_page(new_inspection_page, route=routes.NEW_INSPECTION,
                 title="Allocate an inspection - Safehouse Portal", on_load=NewInspectionState.load)
    app.add_page(allocation_page, route=routes.ALLOCATION,
                 title="Change allocation - Safehouse Portal", on_load=AllocationState.load)
    app.add_page(inspection_timeline_page, route=routes.INSPECTION,
                 title="Inspection - Safehouse Portal", on_load=InspectionTimelineState.load)
    app.add_page(inspector_home_page, route=routes.INSPECTOR_HOME, title="Your inspections - Safehouse Portal",
                 on_load=InspectorHomeState.load)
    app.add_page(admin_closures_page, route=routes.ADMIN_CLOSURES, title="Closure days - Safehouse Portal",
                 on_load=AdminClosuresState.load)
    app.add_page(programme_import_page, route=routes.PROGRAMME_IMPORT,
                 title="Import the programme - Safehouse Portal", on_load=ProgrammeImportState.load)
    app.add_page(announcement_call_page, route=routes.ANNOUNCEMENT_CALL,
                 title="Announcement call - Safehouse Portal", on_load=AnnouncementCallState.load)
