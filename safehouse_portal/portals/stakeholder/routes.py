"""Pages for stakeholders (prime contractor, Home Office), registered on the app."""

import reflex as rx

from safehouse_portal.portals.stakeholder.reports import ReportsState, reports_page


def register(app: rx.App) -> None:
    """Add the stakeholder pages to ``app``."""
    app.add_page(reports_page, route="/reports", title="Reports - Safehouse Portal", on_load=ReportsState.load)
