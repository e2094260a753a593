"""One information request at ``/provider/requests/[request_id]``: read it and answer it, with files."""

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.portals.shared.auth_state import AuthState
from safehouse_portal.portals.shared.attachments import store_uploads
from safehouse_portal.portals.shared.thread_parts import (
    error_summary, field_group, files_list, form_fields, id_from_path, notice, status_tag, today, upload_box,
)
from safehouse_portal.services.requests import info_requests
from safehouse_portal.services.core.files import FileInfo
from safehouse_portal.services.requests.info_requests import RequestRow
from safehouse_portal.portals.shared.shell import page, summary_list

_EMPTY = RequestRow()


class ProviderRequestState(AuthState):
    """The request (the id comes from the route), the files attached so far, and the last outcome."""

    request: RequestRow = _EMPTY
    pending: list[FileInfo] = []
    upload_error: str = ""
    errors: dict[str, str] = {}
    message: str = ""
    _pending_ids: list[int] = []

    def _request_id(self) -> int | None:
        return id_from_path(self.router.url.path)

    @rx.event
    def load(self):
        self.errors, self.message, self.upload_error, self.pending, self._pending_ids = {}, "", "", [], []

        def fill(session, actor):
            self.request = info_requests.provider_request(session=session, actor=actor,
                                                          request_id=self._request_id(), today=today())

        return self._load_page(fill)

    @rx.event
    async def attach_files(self, files: list[rx.UploadFile]):
        if not (self.request.may_answer and self.request.id == self._request_id()):
            self.upload_error = "Open the request before attaching files to your answer."
            return
        await store_uploads(self, files, "info_request")

    @rx.event
    def answer(self, form: dict):
        self.message = ""
        text = form_fields(form).get("answer")
        done, row = self._run(lambda s, a: info_requests.answer_request(
            session=s, actor=a, request_id=self._request_id(), answer=text, file_ids=list(self._pending_ids),
            today=today()))
        if done:
            self.request, self.pending, self._pending_ids = row, [], []
            self.message = "Your answer has been sent to the inspector."


def _answer_form() -> rx.Component:
    state = ProviderRequestState
    return rx.el.div(
        rx.el.h2("Your answer", class_name="heading-m"),
        rx.cond(state.errors.length() > 0, error_summary(state.errors, "request-")),
        upload_box("request-files", state.attach_files, state.pending, state.upload_error, "Files (optional)"),
        rx.el.form(
            field_group("Answer", "answer", "request-", state.errors, rx.el.textarea(
                id="request-answer", name="answer", class_name="input", rows=8, max_length=info_requests.MAX_ANSWER)),
            rx.el.button("Send answer", type="submit", class_name="button", id="send-answer"),
            on_submit=state.answer,
            reset_on_submit=False,
            id="answer-form",
        ),
    )


def _answered(request) -> rx.Component:
    return rx.cond(
        request.answer != "",
        rx.el.div(
            rx.el.h2("Answer", class_name="heading-m"),
            rx.el.p("Sent by ", request.answered_by, " on ", request.answered_on, class_name="hint"),
            rx.el.p(request.answer, class_name="answer-text", id="answer-text"),
            files_list(request.files),
        ),
    )


def provider_request_page() -> rx.Component:
    """The page at ``/provider/requests/[request_id]``."""
    state, request = ProviderRequestState, ProviderRequestState.request
    return page(
        "Request for more information",
        rx.el.p(rx.el.a("All requests", href=routes.PROVIDER_REQUESTS), class_name="back-link"),
        notice(state.message),
        rx.el.div(rx.el.p(request.question, class_name="request-question", id="request-question"),
                  class_name="panel"),
        summary_list(
            ("Inspection group", request.group_name),
            ("Key line of enquiry", rx.cond(request.kloe_label != "", request.kloe_label, "Not given")),
            ("Asked by", request.asked_by + " on " + request.asked_on),
            ("Due", request.due_on + " (" + request.due_text + ")"),
            ("Status", status_tag(request.status, request.status_label)),
        ),
        _answered(request),
        rx.cond(request.may_answer, _answer_form()),
    )
