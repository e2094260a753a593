"""The workspace's front page: the scope (and its widening) and the KLOE list per key question."""

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.portals.judgements.workspace_common import (
    WorkspaceBase, checkbox, ticked, workspace_layout, ws_form,
)
from safehouse_portal.services.judgements import workspace
from safehouse_portal.services.judgements.workspace import WorkspaceView
from safehouse_portal.portals.shared.edge import form_fields
from safehouse_portal.portals.shared.forms import error_summary, field_group
from safehouse_portal.portals.survey.link_panels import survey_panel

_EMPTY = WorkspaceView()


class WorkspaceState(WorkspaceBase):
    """The scope and KLOE list of one inspection."""

    view: WorkspaceView = _EMPTY

    def _refresh(self, session, actor) -> None:
        self.view = workspace.workspace(session=session, actor=actor, inspection_id=self._inspection_id())

    @rx.event
    def load(self):
        return self._open()

    @rx.event
    def widen_scope(self, form: dict):
        fields = form_fields(form)
        data = {"add": ticked(fields, "add"), "reason": fields.get("reason", "")}
        self._act(lambda session, actor: workspace.widen_scope(
            session=session, actor=actor, inspection_id=self._inspection_id(), data=data),
            "The scope is widened. The reason is kept in the inspection's history.")


def _widen_form() -> rx.Component:
    state, view = WorkspaceState, WorkspaceState.view
    return ws_form(
        rx.el.h3("Widen the scope", class_name="heading-s", id="widen"),
        rx.cond(state.errors.length() > 0, error_summary(state.errors, "widen-")),
        rx.el.fieldset(
            rx.el.legend("Key questions to add", class_name="label"),
            rx.cond(state.errors.contains("add"),
                    rx.el.span(state.errors["add"], class_name="error-message", id="widen-add-error")),
            rx.foreach(view.widenable, lambda o: checkbox("add:" + o.value, o.label, "widen-add-" + o.value)),
            id="widen-add",
            class_name=rx.cond(state.errors.contains("add"), "form-group error", "form-group"),
        ),
        field_group("Why the scope is widened", "reason", "widen-", state.errors, rx.el.textarea(
            id="widen-reason", name="reason", class_name="input", rows=3, max_length=workspace.MAX_REASON_LENGTH),
            hint="For example, what you found on the inspection. Kept in the inspection's history."),
        rx.el.button("Widen scope", type="submit", class_name="button", id="widen-scope"),
        on_submit=WorkspaceState.widen_scope,
        id="widen-form",
    )


def _kloe_row(k) -> list[rx.Component]:
    return [
        rx.el.th(rx.el.a(k.code, " ", k.title, href=routes.kloe(WorkspaceState.view.header.inspection_id, k.code)),
                 scope="row"),
        rx.el.td(rx.el.strong(k.status_label, class_name="tag ws-status ws-status-" + k.status)),
        rx.el.td(k.rating_label),
    ]


def _key_question(kq) -> rx.Component:
    return rx.el.section(
        rx.el.table(
            rx.el.caption(kq.label, rx.el.span(kq.final.to_string() + " of " + kq.total.to_string() + " KLOEs final",
                                               class_name="hint ws-kq-progress")),
            rx.el.thead(rx.el.tr(*[rx.el.th(h, scope="col") for h in ("KLOE", "Status", "Rating")])),
            rx.el.tbody(rx.foreach(kq.kloes, lambda k: rx.el.tr(*_kloe_row(k)))),
            class_name="table",
        ),
        id="kq-" + kq.key,
        class_name="ws-kq",
    )


def workspace_page() -> rx.Component:
    """The page at ``/inspections/[inspection_id]/workspace``."""
    state, view = WorkspaceState, WorkspaceState.view
    return workspace_layout(
        "Inspection workspace", state, "",
        rx.el.h2("Scope", class_name="heading-m"),
        rx.el.p("Key questions in scope: ", rx.el.strong(view.header.scope, id="scope")),
        rx.cond(view.scope_changes.length() > 0, rx.el.ul(rx.foreach(
            view.scope_changes,
            lambda c: rx.el.li("Widened on ", c.when, " by ", c.who, " to add ", c.added, ": ", c.reason)),
            class_name="ws-history", id="scope-history")),
        rx.cond(view.may_widen, _widen_form()),
        rx.el.h2("KLOEs", class_name="heading-m"),
        rx.el.p("Open a KLOE to choose its prompts, record evidence and rate it.", class_name="hint"),
        rx.foreach(view.key_questions, _key_question),
        survey_panel(),
    )
