"""The provider's information requests at ``/provider/requests``: every request and where it stands."""

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.portals.shared.auth_state import AuthState
from safehouse_portal.portals.shared.thread_parts import status_tag, today
from safehouse_portal.services.requests import info_requests
from safehouse_portal.services.requests.info_requests import RequestRow
from safehouse_portal.portals.shared.shell import page, table


class ProviderRequestsState(AuthState):
    """The signed-in lead's own provider's requests."""

    rows: list[RequestRow] = []

    @rx.event
    def load(self):
        def fill(session, actor):
            self.rows = info_requests.provider_requests(session=session, actor=actor, today=today())

        return self._load_page(fill)


def _row(row) -> list[rx.Component]:
    return [
        rx.el.td(rx.el.a(row.question, href=routes.provider_request(row.id), class_name="request-link")),
        rx.el.td(row.group_name),
        rx.el.td(row.due_on, rx.el.br(), rx.el.span(row.due_text, class_name="hint")),
        rx.el.td(status_tag(row.status, row.status_label)),
    ]


def provider_requests_page() -> rx.Component:
    """The page at ``/provider/requests``."""
    rows = ProviderRequestsState.rows
    return page(
        "Requests for more information",
        rx.el.p("Inspectors may ask for more information during or after an inspection. Answer each by its due "
                "date, with files if you have them.", class_name="caption"),
        rx.cond(rows.length() > 0,
                table(["Request", "Inspection group", "Due", "Status"], rows, _row, caption="Your requests"),
                rx.el.p("No requests for more information.", id="no-requests")),
    )
