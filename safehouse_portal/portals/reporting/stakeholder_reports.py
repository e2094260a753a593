"""Stakeholders (prime contractor, Home Office) see issued final reports and the early outcome letters sent to them."""

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.portals.shared.auth_state import AuthState
from safehouse_portal.portals.reporting.common import download_link
from safehouse_portal.services.reporting import library as report_library
from safehouse_portal.services.reporting.library import IssuedReport, SentDocument
from safehouse_portal.domain.enums import Role
from safehouse_portal.portals.shared.shell import page, table


class ReportsState(AuthState):
    """The final reports issued so far."""

    reports: list[IssuedReport] = []
    letters: list[SentDocument] = []

    @rx.event
    def load(self):
        def fill(session, actor):
            self.reports = report_library.issued_reports(session=session, actor=actor)
            self.letters = report_library.addressed_letters(session=session, actor=actor) \
                if actor.role is Role.STAKEHOLDER else []

        return self._load_page(fill)


def reports_page() -> rx.Component:
    """The page at ``/reports``."""
    return page(
        "Inspection reports",
        rx.el.p("Final reports issued to the provider, the prime contractor and the Home Office. "
                "Reports are confidential and never published."),
        rx.cond(ReportsState.reports.length() == 0, rx.el.p("No final report has been issued yet.")),
        table(
            ["Inspection group", "Provider", "Type", "Issued on", "Report"],
            ReportsState.reports,
            lambda r: [rx.el.td(r.group_name), rx.el.td(r.provider_name), rx.el.td(r.type_label),
                       rx.el.td(r.issued_on),
                       rx.el.td(download_link("Download the final report (PDF)",
                                                   href=routes.document(r.inspection_id, "report-final")))],
            caption="Issued reports",
        ),
        rx.el.h2("Early outcome letters sent to you", class_name="heading-m"),
        rx.el.p("Letters setting out serious concerns found at an inspection, copied to your organisation."),
        rx.cond(ReportsState.letters.length() == 0,
                rx.el.p("No early outcome letter has been sent to you.", id="no-letters")),
        table(
            ["Inspection group", "Provider", "Serious concerns", "Sent on", "Letter"],
            ReportsState.letters,
            lambda d: [rx.el.td(d.group_name), rx.el.td(d.provider_name), rx.el.td(d.concerns),
                       rx.el.td(d.sent_on),
                       rx.el.td(download_link("Download the early outcome letter (PDF)",
                                              href=routes.document(d.inspection_id, d.name)))],
            caption="Early outcome letters",
        ),
    )
