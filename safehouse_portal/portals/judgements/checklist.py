"""The announcement call's checklist: each item ticked with a note."""

import reflex as rx

from safehouse_portal.domain.checklist import MAX_NOTE_LENGTH
from safehouse_portal.portals.judgements.workspace_common import WorkspaceBase, workspace_layout
from safehouse_portal.services.judgements import workspace
from safehouse_portal.services.judgements.workspace import ChecklistView
from safehouse_portal.portals.shared.edge import form_fields

_EMPTY = ChecklistView()


class ChecklistState(WorkspaceBase):
    """The checklist of one inspection's announcement call."""

    view: ChecklistView = _EMPTY
    error_item: str = ""

    def _refresh(self, session, actor) -> None:
        self.view = workspace.checklist(session=session, actor=actor, inspection_id=self._inspection_id())

    @rx.event
    def load(self):
        self.error_item = ""
        return self._open()

    @rx.event
    def save_item(self, form: dict):
        fields = form_fields(form)
        item = fields.get("item", "")
        data = {"item": item, "ticked": bool(fields.get("ticked")), "note": fields.get("note", "")}
        done = self._act(lambda session, actor: workspace.update_checklist(
            session=session, actor=actor, inspection_id=self._inspection_id(), data=data), "Checklist item saved.")
        self.error_item = "" if done else item


def _item(row) -> rx.Component:
    state = ChecklistState
    has_error = (state.error_item == row.key) & (state.errors.length() > 0)
    return rx.el.form(
        rx.el.input(type="hidden", name="item", value=row.key),
        rx.el.div(
            rx.el.input(type="checkbox", name="ticked", id="tick-" + row.key, default_checked=row.ticked,
                        class_name="ws-checkbox-input", disabled=~state.view.header.may_edit),
            rx.el.label(row.label, html_for="tick-" + row.key, class_name="ws-checkbox-label"),
            class_name="ws-checkbox",
        ),
        rx.el.p(rx.cond(row.ticked, "Confirmed", "Not confirmed yet"),
                rx.cond(row.updated != "", rx.el.span(" (", row.updated, ")")), class_name="hint ws-tick-state"),
        rx.cond(has_error, rx.foreach(state.errors, lambda kv: rx.el.span(kv[1], class_name="error-message"))),
        rx.el.label("Note", html_for="note-" + row.key, class_name="label"),
        rx.el.span(row.hint, class_name="hint"),
        rx.el.textarea(id="note-" + row.key, name="note", default_value=row.note, class_name="input", rows=2,
                       max_length=MAX_NOTE_LENGTH, read_only=~state.view.header.may_edit),
        rx.cond(state.view.header.may_edit,
                rx.el.button("Save", type="submit", class_name="button secondary", id="save-" + row.key)),
        on_submit=ChecklistState.save_item,
        reset_on_submit=False,
        id="item-" + row.key,
        class_name=rx.cond(has_error, "ws-check-item form-group error", "ws-check-item"),
        key=row.key + row.updated,
    )


def _error_summary() -> rx.Component:
    state = ChecklistState
    return rx.el.div(
        rx.el.h2("There is a problem"),
        rx.el.ul(rx.foreach(state.errors, lambda kv: rx.el.li(rx.el.a(kv[1], href="#note-" + state.error_item)))),
        class_name="error-summary", role="alert",
    )


def checklist_page() -> rx.Component:
    """The page at ``/inspections/[inspection_id]/workspace/checklist``."""
    state, view = ChecklistState, ChecklistState.view
    return workspace_layout(
        "Announcement checklist", state, "checklist",
        rx.cond(state.errors.length() > 0, _error_summary()),
        rx.el.p("Confirm each item on the phone call announcing the inspection, and note what was agreed. ",
                rx.el.strong(view.ticked.to_string() + " of " + view.total.to_string() + " items confirmed",
                             id="checklist-count")),
        rx.foreach(view.rows, _item),
    )
