"""Concerns heard between inspections at ``/programme/concerns`` (CQC staff who may see them)."""

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.portals.shared.auth_state import AuthState
from safehouse_portal.portals.shared.shell import page, table
from safehouse_portal.services.engagement import concerns
from safehouse_portal.services.engagement.concerns import ConcernRow


class ConcernsState(AuthState):
    """The concerns the viewer may see, open first."""

    rows: list[ConcernRow] = []

    @rx.event
    def load(self):
        def fill(session, actor):
            self.rows = concerns.list_concerns(session=session, actor=actor)

        return self._load_page(fill)


def concerns_page() -> rx.Component:
    """The page at ``/programme/concerns``."""
    rows = ConcernsState.rows
    return page(
        "Concerns between inspections",
        rx.el.p("Concerns and intelligence heard about a provider or a location between inspections. Confidential: "
                "providers never see them. While open, each raises the provider in the revisit priorities.",
                class_name="body"),
        rx.el.p(rx.el.a("Record a concern", href=routes.NEW_CONCERN, class_name="button", id="new-concern")),
        rx.cond(rows.length() == 0, rx.el.p("No concern recorded.", class_name="body")),
        rx.cond(rows.length() > 0, table(
            ["Received", "Provider", "About", "Severity", "Source", "Told", "Status"], rows, lambda c: [
                rx.el.td(rx.el.a(c.received_on, href=routes.concern(c.id))), rx.el.td(c.provider_name),
                rx.el.td(c.location_name), rx.el.td(c.severity), rx.el.td(c.source), rx.el.td(c.told),
                rx.el.td(c.status_text)], caption="Concerns, open first")),
    )
