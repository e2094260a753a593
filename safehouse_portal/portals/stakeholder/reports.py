"""Stakeholders (prime contractor, Home Office) see issued final reports only."""

import reflex as rx

from safehouse_portal.auth.state import AuthState
from safehouse_portal.services import overview
from safehouse_portal.services.providers import InspectionRow
from safehouse_portal.ui.shell import page, table


class ReportsState(AuthState):
    reports: list[InspectionRow] = []

    @rx.event
    def load(self):
        def fill(session, actor):
            self.reports = overview.issued_reports(session=session, actor=actor)

        return self._load_page(fill)


def reports_page() -> rx.Component:
    return page(
        "Inspection reports",
        rx.el.p("Final reports issued to the provider, the prime contractor and the Home Office. "
                "Reports are confidential and never published."),
        table(
            ["Inspection group", "Provider", "Type", "Inspection dates"],
            ReportsState.reports,
            lambda r: [rx.el.td(r.group_name), rx.el.td(r.provider_name), rx.el.td(r.type),
                       rx.el.td(r.dates)],
            caption="Issued reports",
        ),
    )
