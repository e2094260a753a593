"""The PIR's task list (``/provider/pir?inspection=N``): sections with their status, the deadline, submission.

Submitting checks every answer; when some are missing or wrong, the error summary at
the top links to each field on its section's page.
"""

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.portals.shared.auth_state import AuthState
from safehouse_portal.portals.shared.live import announce_board_changed, notify_pir_changed
from safehouse_portal.portals.pir.section import inspection_from_query
from safehouse_portal.portals.shared.edge import programme_today
from safehouse_portal.services.pir import returns as pir
from safehouse_portal.services.core.errors import InvalidInput, NotFound
from safehouse_portal.services.pir.views import ProblemView, TaskListView
from safehouse_portal.portals.shared.shell import page

_EMPTY = TaskListView()


class PirTaskListState(AuthState):
    """The task list and the outcome of the last submission."""

    view: TaskListView = _EMPTY
    problems: list[ProblemView] = []
    refusal: str = ""
    notice: str = ""
    no_return: bool = False

    def _fill(self, session, actor) -> None:
        inspection_id = inspection_from_query(self.router.url.query_parameters)
        try:
            self._fill_with(session, actor, inspection_id)
        except NotFound:
            if inspection_id is not None:
                raise
            self.view, self.no_return = _EMPTY, True

    @rx.event
    def load(self):
        self.problems, self.refusal, self.notice, self.no_return = [], "", "", False
        return self._load_page(self._fill)

    @rx.event
    async def submit(self):
        """Submit the return, or list what stops it; a submission reaches the board and the KLOE pages live."""
        self.problems, self.refusal, self.notice = [], "", ""
        inspection_id = inspection_from_query(self.router.url.query_parameters)
        done, outcome = self._run(
            lambda session, actor: pir.submit_return(session=session, actor=actor, inspection_id=inspection_id,
                                                     today=programme_today()),
            errors_field=None, refresh=lambda session, actor: self._fill_with(session, actor, inspection_id),
            refusal_hides_page=True)
        if not done:
            if isinstance(outcome, InvalidInput):
                self.refusal = self._refusal_text(outcome)
            return
        self.problems = outcome.problems
        self.notice = outcome.message
        if outcome.submitted and self.view.inspection_id:
            await notify_pir_changed(self, self.view.inspection_id)
            await announce_board_changed()

    def _fill_with(self, session, actor, inspection_id) -> None:
        self.view = pir.task_list(session=session, actor=actor, inspection_id=inspection_id, today=programme_today())


def _section_row(s) -> rx.Component:
    return rx.el.li(
        rx.el.a(s.title, href=routes.pir_section(PirTaskListState.view.inspection_id, s.key),
                class_name="pir-task-link", id="task-" + s.key),
        rx.match(
            s.status,
            ("complete", rx.el.strong(s.status_label, class_name="tag pir-complete")),
            ("in_progress", rx.el.strong(s.status_label, class_name="tag")),
            rx.el.strong(s.status_label, class_name="tag grey"),
        ),
        class_name="pir-task",
    )


def _summary() -> rx.Component:
    return rx.el.div(
        rx.el.h2("There is a problem"),
        rx.el.p("Your return cannot be submitted yet. Answer or correct each of these:"),
        rx.el.ul(rx.foreach(PirTaskListState.problems, lambda p: rx.el.li(rx.el.a(
            p.message, href=routes.pir_section(p.inspection_id, p.section_key, check=True, field=p.field_id))))),
        class_name="error-summary", role="alert", id="error-summary",
    )


def _deadline(view) -> rx.Component:
    return rx.el.div(
        rx.cond(view.late, rx.el.strong(view.due_text, class_name="tag red", id="pir-due"),
                rx.el.strong(view.due_text, class_name="tag", id="pir-due")),
        rx.cond(view.due_explanation != "", rx.el.details(rx.el.summary("How the due date was worked out"),
                                                           rx.el.p(view.due_explanation))),
        class_name="pir-deadline",
    )


def _choices(view) -> rx.Component:
    return rx.el.nav(
        rx.el.h2("Your information returns", class_name="heading-s"),
        rx.el.ul(rx.foreach(view.choices, lambda c: rx.el.li(
            rx.cond(c.current, rx.el.strong(c.label, " (shown)"),
                    rx.el.a(c.label, href=routes.provider_pir(c.inspection_id))),
            " - ", c.status_label))),
        class_name="pir-choices", aria_label="Information returns",
    )


def _return(state, view) -> rx.Component:
    return rx.fragment(
        rx.cond(state.problems.length() > 0, _summary()),
        rx.cond(state.refusal != "", rx.el.div(state.refusal, class_name="error-summary", role="alert")),
        rx.cond(state.notice != "", rx.el.div(state.notice, class_name="notification success", role="status",
                                              id="notice")),
        rx.el.p(view.inspection_label, class_name="caption", id="pir-inspection"),
        rx.el.p("Status: ", rx.el.strong(view.status_label, id="pir-status")),
        rx.cond(view.submitted_text != "", rx.el.p(view.submitted_text, id="pir-submitted")),
        _deadline(view),
        rx.cond(view.reopened_reason != "", rx.el.div(
            rx.el.strong("Your inspector reopened this return: "), view.reopened_reason, class_name="panel",
            id="pir-reopened")),
        rx.cond(view.editable & (view.prefilled_count > 0), rx.el.p(
            view.prefilled_count.to_string(), " answers were copied from your last return. Each is marked "
            "\u201cFrom your last return\u201d until you confirm or change it.", class_name="panel",
            id="pir-prefilled")),
        rx.el.p("You have completed ", view.complete_sections.to_string(), " of ", view.sections.length().to_string(),
                " sections."),
        rx.el.ol(rx.foreach(view.sections, _section_row), class_name="pir-task-list"),
        rx.cond(view.editable, rx.el.div(
            rx.el.h2("Submit your return", class_name="heading-m"),
            rx.el.p("Once submitted, your return cannot be changed unless your inspector reopens it. "
                    "Your name and the time are recorded."),
            rx.el.button("Submit return", type="button", class_name="button", id="submit-return",
                         on_click=state.submit),
        )),
        rx.cond(view.choices.length() > 1, _choices(view)),
    )


def pir_task_list_page() -> rx.Component:
    """The page at ``/provider/pir``."""
    state, view = PirTaskListState, PirTaskListState.view
    return page(
        "Provider information return",
        rx.cond(state.no_return,
                rx.el.p("No information return has been asked for yet. When an inspection is announced, its "
                        "return appears here.", class_name="panel", id="no-return"),
                _return(state, view)),
    )
