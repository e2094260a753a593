"""Pages of the audit area, registered on the app."""

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.portals.audit.trail_page import AuditTrailState, audit_trail_page


def register(app: rx.App) -> None:
    """Add this area's pages to ``app``."""
    app.add_page(audit_trail_page, route=routes.AUDIT_TRAIL, title="Audit trail - Safehouse Portal",
                 on_load=AuditTrailState.load)
