"""Pages about one inspection (its timeline and moves), registered on the app."""

import reflex as rx

from safehouse_portal.portals.inspection.timeline import InspectionTimelineState, inspection_timeline_page


def register(app: rx.App) -> None:
    """Add the inspection pages to ``app``."""
    app.add_page(inspection_timeline_page, route="/inspections/[inspection_id]",
                 title="Inspection - Safehouse Portal", on_load=InspectionTimelineState.load)
