"""An inspection's information requests at ``/inspections/[inspection_id]/requests``: ask, warn, withdraw.

Before a request goes out the service compares it with the inspection's earlier
requests and its PIR; when it looks like one of them the page shows what it looks like
and the inspector either changes the request or sends it anyway.
"""

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.portals.shared.auth_state import AuthState
from safehouse_portal.portals.shared.thread_parts import (
    error_summary, field_group, files_list, form_fields, id_from_path, notice, status_tag, today,
)
from safehouse_portal.services.requests import info_requests
from safehouse_portal.services.requests.info_requests import InspectionRequestsView, SimilarityWarning
from safehouse_portal.portals.shared.shell import page, summary_list

_EMPTY = InspectionRequestsView()


class InspectionRequestsState(AuthState):
    """The inspection's requests (id from the route), warnings on the request being written, the last outcome."""

    view: InspectionRequestsView = _EMPTY
    warnings: list[SimilarityWarning] = []
    errors: dict[str, str] = {}
    message: str = ""
    _draft: dict[str, str] = {}

    def _inspection_id(self) -> int | None:
        return id_from_path(self.router.url.path, -2)

    def _refresh(self, session, actor) -> None:
        self.view = info_requests.inspection_requests(session=session, actor=actor,
                                                      inspection_id=self._inspection_id(), today=today())

    @rx.event
    def load(self):
        self.errors, self.message, self.warnings, self._draft = {}, "", [], {}
        return self._load_page(self._refresh)

    @rx.event
    def ask(self, form: dict):
        self._send(form_fields(form), send_anyway=False)

    @rx.event
    def send_anyway(self):
        if self._draft:
            self._send(dict(self._draft), send_anyway=True)

    @rx.event
    def change_request(self):
        self.warnings, self._draft = [], {}

    @rx.event
    def withdraw(self, request_id: int):
        self.message, self.warnings = "", []
        done, _ = self._run(lambda session, actor: info_requests.withdraw_request(
            session=session, actor=actor, request_id=request_id), refresh=self._refresh)
        if done:
            self.message = "Request withdrawn. The provider no longer needs to answer it."

    def _send(self, data: dict[str, str], send_anyway: bool) -> None:
        self.message, self.warnings, self._draft = "", [], {}

        def run(session, actor):
            outcome = info_requests.ask_request(session=session, actor=actor, inspection_id=self._inspection_id(),
                                                data=data, send_anyway=send_anyway, today=today())
            if outcome.sent:
                self._refresh(session, actor)
            return outcome

        done, outcome = self._run(run)
        if not done:
            return
        if outcome.sent:
            self.message = "Request sent to the provider."
        else:
            self.warnings, self._draft = outcome.warnings, data


def _warning(w) -> rx.Component:
    return rx.el.li(
        rx.el.p(rx.el.strong(w.kind), " (", w.reference, "): your request ", w.reason, " (", w.score, ")."),
        rx.el.blockquote(w.question, class_name="quote"),
        rx.cond(w.answer != "", rx.el.p("Answer given: ", w.answer, class_name="hint")),
    )


def _warnings() -> rx.Component:
    state = InspectionRequestsState
    return rx.el.div(
        rx.el.h2("This may have been asked or answered already", class_name="heading-m"),
        rx.el.p("Nothing has been sent yet. Check these before asking the provider again:"),
        rx.el.ul(rx.foreach(state.warnings, _warning)),
        rx.el.div(
            rx.el.button("Send anyway", type="button", on_click=state.send_anyway, class_name="button warning",
                         id="send-anyway"),
            rx.el.button("Change the request", type="button", on_click=state.change_request,
                         class_name="button secondary", id="change-request"),
            class_name="button-group",
        ),
        class_name="warning-panel", role="alert", id="similarity-warning",
    )


def _ask_form(view) -> rx.Component:
    state = InspectionRequestsState
    return rx.el.form(
        rx.el.h2("Ask for more information", class_name="heading-m", id="ask"),
        rx.cond(state.errors.length() > 0, error_summary(state.errors, "ask-")),
        field_group("What do you need?", "question", "ask-", state.errors, rx.el.textarea(
            id="ask-question", name="question", class_name="input", rows=4, max_length=info_requests.MAX_QUESTION)),
        field_group("Key line of enquiry (optional)", "kloe_code", "ask-", state.errors, rx.el.select(
            rx.foreach(view.kloes, lambda o: rx.el.option(o.label, value=o.value)),
            id="ask-kloe_code", name="kloe_code", class_name="select")),
        field_group("Due date", "due_on", "ask-", state.errors, rx.el.div(
            rx.el.span("Suggested: ", view.default_due_text, ". ", view.default_due_explanation, class_name="hint",
                       id="ask-due_on-hint"),
            rx.el.input(id="ask-due_on", name="due_on", type="date", class_name="input input-short",
                        default_value=view.default_due, key=view.default_due))),
        rx.cond(state.warnings.length() > 0, _warnings(),
                rx.el.button("Check and send request", type="submit", class_name="button", id="send-request")),
        on_submit=state.ask,
        reset_on_submit=False,
        id="ask-form",
    )


def _request(row, may_ask) -> rx.Component:
    return rx.el.li(
        rx.el.p(status_tag(row.status, row.status_label), " ", rx.el.span(row.due_on, " - ", row.due_text),
                class_name="request-meta"),
        rx.el.p(row.question, class_name="request-question"),
        rx.el.p("Asked by ", row.asked_by, " on ", row.asked_on,
                rx.cond(row.kloe_code != "", " - KLOE " + row.kloe_code, ""), class_name="hint"),
        rx.cond(row.answer != "", rx.el.div(
            rx.el.p(rx.el.strong("Answer"), " from ", row.answered_by, " on ", row.answered_on),
            rx.el.p(row.answer, class_name="answer-text"),
            files_list(row.files), class_name="panel")),
        rx.cond(may_ask & row.may_withdraw, rx.el.button(
            "Withdraw", on_click=InspectionRequestsState.withdraw(row.id), class_name="button secondary",
            aria_label="Withdraw the request: " + row.question)),
        class_name="request-item",
    )


def inspection_requests_page() -> rx.Component:
    """The page at ``/inspections/[inspection_id]/requests``."""
    state, view = InspectionRequestsState, InspectionRequestsState.view
    return page(
        "Information requests",
        rx.el.p(rx.el.a("Back to the inspection", href=routes.inspection(view.inspection_id)),
                class_name="back-link"),
        notice(state.message),
        summary_list(("Provider", view.provider_name), ("Inspection group", view.group_name),
                     ("Lead contact", view.lead_name + ", " + view.lead_email + ", " + view.lead_phone)),
        rx.cond(view.may_ask, _ask_form(view)),
        rx.el.h2("Requests made", class_name="heading-m"),
        rx.cond(view.requests.length() > 0,
                rx.el.ul(rx.foreach(view.requests, lambda r: _request(r, view.may_ask)), class_name="request-list",
                         id="requests"),
                rx.el.p("No requests yet.", id="no-requests")),
    )
