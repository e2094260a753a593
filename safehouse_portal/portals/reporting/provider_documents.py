"""A provider lead's documents: their announcement letters, early outcome letters and final reports."""

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.portals.reporting.common import download_link
from safehouse_portal.portals.shared.auth_state import AuthState
from safehouse_portal.portals.shared.shell import page, table
from safehouse_portal.services.reporting import library
from safehouse_portal.services.reporting.library import SentDocument


class ProviderDocumentsState(AuthState):
    """The letters and reports sent to the signed-in lead's provider."""

    documents: list[SentDocument] = []

    @rx.event
    def load(self):
        def fill(session, actor):
            self.documents = library.provider_documents(session=session, actor=actor)

        return self._load_page(fill)


def provider_documents_page() -> rx.Component:
    """The page at ``/provider/documents``."""
    return page(
        "Documents",
        rx.el.p("Letters and final reports CQC has sent you, newest first. They are confidential: "
                "each download is recorded."),
        rx.cond(ProviderDocumentsState.documents.length() == 0,
                rx.el.p("Nothing has been sent to you yet.", id="no-documents")),
        table(
            ["Document", "Inspection group", "Sent on", "Download"],
            ProviderDocumentsState.documents,
            lambda d: [rx.el.td(d.label, rx.cond(d.panel_outcome != "", rx.el.p(
                           rx.el.strong("Quality panel: "), d.panel_outcome, class_name="hint panel-outcome"))),
                       rx.el.td(d.group_name), rx.el.td(d.sent_on),
                       rx.el.td(download_link("Download the ", d.label, " (PDF)",
                                              href=routes.document(d.inspection_id, d.name)))],
            caption="Your letters and reports",
        ),
    )
