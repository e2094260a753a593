"""The provider's factual accuracy form: the draft by section, a comment per section, or no comment.

``/provider/factual-accuracy/[inspection_id]``. Only the inspected provider's own lead
sees it (the service refuses everyone else, and the page then shows 'not permitted').
"""

from typing import Any, Callable

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.portals.shared.auth_state import AuthState
from safehouse_portal.portals.reporting.common import (
    EMPTY_PROVIDER, download_link, inspection_id_from_path, notice_box,
)
from safehouse_portal.portals.shared.attachments import store_uploads
from safehouse_portal.portals.shared.thread_parts import upload_box
from safehouse_portal.services.reporting import factual_accuracy
from safehouse_portal.services.core.files import FileInfo
from safehouse_portal.services.reporting.factual_accuracy import KIND_LABELS, ProviderFaView
from safehouse_portal.portals.shared.edge import form_fields
from safehouse_portal.portals.shared.edge import programme_today as today
from safehouse_portal.portals.shared.shell import page

PURPOSE = ("Tell us where the draft report is factually wrong, or where its evidence is incomplete, section by "
           "section. The check is not for complaints or for disputing recommendations.")


DONE = "-done"
"""Where the notice goes after 'We have finished commenting' (no section key starts with a dash)."""


def _notice_here(where: rx.Var | str) -> rx.Component:
    """The outcome next to the control that acted: announced, and focused by assets/focus.js when it appears."""
    state = ProviderFaState
    return rx.cond((state.notice != "") & (state.notice_at == where), rx.el.div(
        state.notice, class_name="notification success", role="status", aria_live="polite", id="notice",
        tab_index=-1, data_focus_when_shown="true"))


class ProviderFaState(AuthState):
    """The draft as sent, the provider's comments, and the outcome of the last action.

    Evidence belongs to one comment: the provider opens the evidence box in a section's
    comment form (``evidence_for``), the files uploaded there are listed in that form, and
    they are sent with that section's comment only.
    """

    view: ProviderFaView = EMPTY_PROVIDER
    notice: str = ""
    notice_at: str = ""
    errors: dict[str, str] = {}
    errors_for: str = ""
    evidence_for: str = ""
    pending: list[FileInfo] = []
    upload_error: str = ""
    _pending_ids: list[int] = []

    def _inspection_id(self) -> int | None:
        return inspection_id_from_path(self.router.url.path)

    def _refresh(self, session, actor) -> None:
        self.view = factual_accuracy.provider_view(session=session, actor=actor,
                                                   inspection_id=self._inspection_id(), today=today())

    def _open_section(self, section_key: object) -> bool:
        """Whether ``section_key`` names a section of the draft this page shows, open for comments."""
        return (isinstance(section_key, str) and self.view.window.open
                and self.view.inspection_id == self._inspection_id()
                and any(section.key == section_key for section in self.view.sections))

    def _clear_evidence(self) -> None:
        self.evidence_for, self.pending, self.upload_error, self._pending_ids = "", [], "", []

    @rx.event
    def load(self):
        self.notice, self.notice_at, self.errors, self.errors_for = "", "", {}, ""
        self._clear_evidence()
        return self._load_page(self._refresh)

    @rx.event
    def attach_evidence_to(self, section_key: str):
        """Open the evidence box in this section's comment form; files chosen for another are dropped."""
        if not self._open_section(section_key) or section_key == self.evidence_for:
            return
        dropped = len(self.pending)
        self._clear_evidence()
        self.evidence_for = section_key
        if dropped:
            self.upload_error = (f"{dropped} file(s) chosen for your unsent comment on another section were not "
                                 "attached. Choose them again in that section's form if you still want to send them.")

    @rx.event
    async def attach_files(self, files: list[rx.UploadFile]):
        if not self._open_section(self.evidence_for):
            self.upload_error = "Choose the comment to attach evidence to first."
            return
        await store_uploads(self, files, "fa_comment")

    @rx.event
    def add_comment(self, form: dict):
        fields = form_fields(form)
        section = fields.get("section_key", "")
        evidence = list(self._pending_ids) if section and section == self.evidence_for else []
        data: dict[str, object] = {**fields, "file_ids": evidence}
        if self._act(lambda s, a: factual_accuracy.add_comment(
                session=s, actor=a, inspection_id=self._inspection_id(), data=data, today=today())):
            self.notice = "Your comment was sent. You can comment on other sections until the check closes."
            self.notice_at = section[:40]
            if evidence or section == self.evidence_for:
                self._clear_evidence()
        else:
            self.errors_for = section[:40]

    @rx.event
    def declare_done(self):
        if self._act(lambda s, a: factual_accuracy.declare_done(
                session=s, actor=a, inspection_id=self._inspection_id(), today=today())):
            self.notice = "Thank you. The factual accuracy check is closed: we will decide on any comments you sent."
            self.notice_at = DONE
            self._clear_evidence()

    def _act(self, action: Callable[[Any, Any], Any]) -> bool:
        self.notice, self.notice_at, self.errors_for = "", "", ""
        return self._run(action, refresh=self._refresh)[0]


def _comment(c: rx.Var) -> rx.Component:
    return rx.el.div(
        rx.el.p(rx.el.strong(c.kind_label), " sent on ", c.submitted_on),
        rx.cond(c.files.length() > 0, rx.el.ul(rx.foreach(c.files, lambda f: rx.el.li(
            download_link(f.name, href=routes.file(f.id)), " (", f.size_text, ")")), class_name="file-list")),
        rx.el.p(rx.el.strong("Text concerned: "), c.text_concerned),
        rx.el.p(rx.el.strong("Proposed correction: "), c.proposed_correction),
        rx.el.p(rx.el.strong("Decision: "), c.decision_label, rx.cond(c.reason != "", ". " + c.reason, "")),
        class_name="fa-comment",
    )


def _comment_form(section: rx.Var, state=ProviderFaState) -> rx.Component:
    """A section's comment form; it empties only once the comment is sent (its key counts the section's
    comments), so a refused comment keeps what was typed."""
    prefix = "comment-" + section.key + "-"
    errors = state.errors
    mine = state.errors_for == section.key
    return rx.el.details(
        rx.el.summary("Comment on this section", id=prefix + "open"),
        rx.el.form(
            rx.el.input(type="hidden", name="section_key", value=section.key),
            rx.cond(mine & (errors.length() > 0), rx.el.div(
                rx.el.h2("There is a problem"),
                rx.el.ul(rx.foreach(errors, lambda kv: rx.el.li(rx.el.a(kv[1], href="#" + prefix + kv[0])))),
                class_name="error-summary", role="alert")),
            rx.el.fieldset(
                rx.el.legend("Kind of comment", class_name="label"),
                *[rx.el.div(rx.el.input(type="radio", name="kind", value=value, id=prefix + value),
                            rx.el.label(label, html_for=prefix + value), class_name="radio")
                  for value, label in KIND_LABELS.items()],
                id=prefix + "kind",
            ),
            _field("Text concerned", "text_concerned", prefix, mine, errors,
                   "Copy the words in the draft that are wrong or incomplete."),
            _field("Proposed correction", "proposed_correction", prefix, mine, errors,
                   "What the report should say instead, and where your evidence shows it."),
            _evidence(section, prefix, state),
            rx.el.button("Send comment", type="submit", class_name="button", id=prefix + "send"),
            on_submit=state.add_comment, reset_on_submit=False,
            key=prefix + section.comments.length().to_string(),
        ),
        class_name="comment-form",
    )


def _evidence(section: rx.Var, prefix, state=ProviderFaState) -> rx.Component:
    """This comment's evidence: a button that opens the upload box here, then the box and its files."""
    return rx.cond(
        state.evidence_for == section.key,
        rx.el.div(
            upload_box("fa-evidence", state.attach_files, state.pending, state.upload_error,
                       "Evidence for this comment (optional)"),
            rx.el.p("These files are sent with this comment only.", class_name="hint"),
            id=prefix + "evidence",
        ),
        rx.el.div(
            rx.el.button("Attach evidence to this comment", type="button", class_name="button secondary",
                         on_click=state.attach_evidence_to(section.key), id=prefix + "attach"),
            class_name="form-group",
        ),
    )


def _field(label: str, name: str, prefix, mine, errors, hint: str) -> rx.Component:
    return rx.el.div(
        rx.el.label(label, html_for=prefix + name, class_name="label"),
        rx.el.span(hint, class_name="hint"),
        rx.cond(mine & errors.contains(name), rx.el.span(errors[name], class_name="error-message")),
        rx.el.textarea(id=prefix + name, name=name, class_name="input", rows=4,
                       max_length=factual_accuracy.MAX_TEXT),
        class_name="form-group",
    )


def _section(section: rx.Var) -> rx.Component:
    view = ProviderFaState.view
    return rx.el.section(
        rx.el.h3(section.title, class_name="heading-s"),
        rx.el.div(rx.foreach(section.lines, lambda line: rx.el.p(line)), class_name="draft-text"),
        rx.foreach(section.comments, _comment),
        _notice_here(section.key),
        rx.cond(view.window.open, _comment_form(section)),
        class_name="draft-section", id="section-" + section.key,
    )


def provider_fa_page() -> rx.Component:
    """The page at ``/provider/factual-accuracy/[inspection_id]``."""
    state, view = ProviderFaState, ProviderFaState.view
    return page(
        "Factual accuracy check",
        rx.cond(state.notice_at == "", notice_box(state.notice)),
        rx.cond(state.errors.contains("form"),
                rx.el.div(rx.el.p(state.errors["form"]), class_name="error-summary", role="alert")),
        rx.el.h2(view.group_name, class_name="heading-m"),
        rx.el.p("Draft report sent on ", view.draft_sent_on, "."),
        rx.el.div(
            rx.el.p(rx.el.strong("Comments due by: "), view.window.due),
            rx.el.p(view.window.countdown, class_name="tag", id="fa-countdown"),
            rx.el.details(rx.el.summary("How this date was worked out"), rx.el.p(view.window.explanation)),
            class_name="panel",
        ),
        rx.el.ul(
            rx.el.li(download_link("Draft report (PDF)", href=routes.document(view.inspection_id, "report-draft"))),
            rx.el.li(download_link("Factual accuracy form (PDF)", href=routes.document(view.inspection_id, "fa-form"))),
            rx.el.li(download_link("Our decisions on your comments (PDF)",
                                   href=routes.document(view.inspection_id, "fa-response"))),
            class_name="doc-list",
        ),
        rx.el.p(PURPOSE),
        rx.cond(view.window.open, rx.el.div(
            rx.el.p(rx.cond(view.comment_count > 0,
                            "When you have sent all your comments, tell us you have finished. This ends the check "
                            "early.",
                            "If you will not comment on the draft, tell us now. This ends the check early.")),
            rx.el.button(rx.cond(view.comment_count > 0, "We have finished commenting", "We will not comment"),
                         on_click=state.declare_done, class_name="button secondary", id="declare-done"),
        )),
        _notice_here(DONE),
        rx.el.h2("The draft report, section by section", class_name="heading-m"),
        rx.foreach(view.sections, _section),
    )
