"""The inspection team's view of a PIR (``/inspections/[inspection_id]/pir``): read-only, with Reopen.

The inspection id comes from the route; the service decides who may read and reopen.
"""

import reflex as rx

from safehouse_portal.domain.ids import parse_id
from safehouse_portal import routes
from safehouse_portal.portals.shared.auth_state import AuthState
from safehouse_portal.portals.shared.edge import programme_today
from safehouse_portal.services.pir import review as pir_review
from safehouse_portal.services.pir.views import ReviewView
from safehouse_portal.portals.shared.shell import page

_EMPTY = ReviewView()


def inspection_id_from_path(path: str) -> int | None:
    parts = path.rstrip("/").split("/")
    return parse_id(parts[-2]) if len(parts) >= 2 else None


class PirReviewState(AuthState):
    view: ReviewView = _EMPTY
    errors: dict[str, str] = {}
    notice: str = ""

    def _inspection_id(self) -> int | None:
        return inspection_id_from_path(self.router.url.path)

    def _fill(self, session, actor) -> None:
        self.view = pir_review.review(session=session, actor=actor, inspection_id=self._inspection_id(),
                                      today=programme_today())

    @rx.event
    def load(self):
        self.errors, self.notice = {}, ""
        return self._load_page(self._fill)

    @rx.event
    def reopen(self, form: dict):
        """Reopen the submitted return so the provider can change it, with the reason they will see."""
        self.errors, self.notice = {}, ""
        reason = form.get("reason") if isinstance(form, dict) else None
        done, _ = self._run(lambda session, actor: pir_review.reopen(
            session=session, actor=actor, inspection_id=self._inspection_id(), data={"reason": reason}),
            refresh=self._fill, refusal_hides_page=True)
        if done:
            self.notice = "The return is reopened. The provider sees your reason and can change their answers."


def _answer(a) -> rx.Component:
    return rx.el.div(
        rx.el.dt(a.question, rx.el.span(" (KLOEs: ", a.kloes, ")", class_name="hint")),
        rx.el.dd(rx.cond(a.file_id, rx.el.a(a.answer, href=routes.file(a.file_id)), a.answer)),
        class_name="summary-row",
    )


def _reopen_form() -> rx.Component:
    errors = PirReviewState.errors
    return rx.el.form(
        rx.el.h2("Reopen the return", class_name="heading-m"),
        rx.cond(errors.length() > 0, rx.el.div(
            rx.el.h2("There is a problem"),
            rx.el.ul(rx.foreach(errors, lambda kv: rx.el.li(rx.el.a(kv[1], href="#reopen-reason")))),
            class_name="error-summary", role="alert")),
        rx.el.div(
            rx.el.label("Why the provider must change it", html_for="reopen-reason", class_name="label"),
            rx.el.span("The provider sees this reason.", class_name="hint"),
            rx.cond(errors.contains("reason"), rx.el.span(errors["reason"], class_name="error-message")),
            rx.el.textarea(id="reopen-reason", name="reason", rows=3, class_name="input", max_length=pir_review.MAX_REASON),
            class_name=rx.cond(errors.contains("reason"), "form-group error", "form-group"),
        ),
        rx.el.button("Reopen", type="submit", class_name="button warning", id="reopen"),
        on_submit=PirReviewState.reopen,
        reset_on_submit=False,
    )


def pir_review_page() -> rx.Component:
    """The page at ``/inspections/[inspection_id]/pir``."""
    state, view = PirReviewState, PirReviewState.view
    return page(
        "Provider information return",
        rx.el.a("Back to the inspection", href=routes.inspection(view.inspection_id)),
        rx.el.p(view.provider_name, ", ", view.group_name, class_name="caption"),
        rx.cond(state.notice != "", rx.el.div(state.notice, class_name="notification success", role="status")),
        rx.el.p("Status: ", rx.el.strong(view.status_label, id="pir-status")),
        rx.cond(view.submitted_text != "", rx.el.p(view.submitted_text, id="pir-submitted")),
        rx.cond(view.timing_text != "", rx.cond(
            view.late, rx.el.strong(view.timing_text, class_name="tag red", id="pir-timing"),
            rx.el.strong(view.timing_text, class_name="tag", id="pir-timing"))),
        rx.cond(view.reopened_reason != "", rx.el.p("Reopened: ", view.reopened_reason, class_name="panel")),
        rx.foreach(view.sections, lambda s: rx.el.section(
            rx.el.h2(s.title, class_name="heading-m"),
            rx.el.dl(rx.foreach(s.answers, _answer), class_name="summary-list"),
        )),
        rx.cond(view.may_reopen, _reopen_form()),
    )
