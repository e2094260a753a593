"""Drafting recommendations: against KLOEs, with a theme and a timescale."""

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.portals.judgements.workspace_common import (
    WorkspaceBase, checkbox, ticked, workspace_layout, ws_form,
)
from safehouse_portal.services.judgements import draft_recommendations
from safehouse_portal.services.judgements.draft_recommendations import RecommendationsView
from safehouse_portal.portals.shared.edge import form_fields
from safehouse_portal.portals.shared.forms import error_summary, field_group
from safehouse_portal.portals.shared.shell import table

_EMPTY = RecommendationsView()


class RecommendationsState(WorkspaceBase):
    """The recommendations drafted for one inspection."""

    view: RecommendationsView = _EMPTY
    editing_id: int = 0
    edit_text: str = ""
    edit_theme: str = ""
    edit_timescale: str = ""
    edit_kloes: list[str] = []
    edit_errors: dict[str, str] = {}

    def _refresh(self, session, actor) -> None:
        self.view = draft_recommendations.recommendations(session=session, actor=actor,
                                                          inspection_id=self._inspection_id())

    @rx.event
    def load(self):
        self._stop_editing()
        return self._open()

    @rx.event
    def draft(self, form: dict):
        fields = form_fields(form)
        data = {"kloes": ticked(fields, "kloe"), "text": fields.get("text", ""),
                "theme": fields.get("theme", ""), "timescale": fields.get("timescale", "")}
        self._act(lambda session, actor: draft_recommendations.draft_recommendation(
            session=session, actor=actor, inspection_id=self._inspection_id(), data=data),
            "Recommendation drafted.")

    @rx.event
    def start_edit(self, recommendation_id: int):
        """Open the edit form for one of the drafts shown (only while drafts may change)."""
        row = next((r for r in self.view.recommendations if r.id == recommendation_id), None) \
            if type(recommendation_id) is int and self.view.may_draft else None
        self._stop_editing()
        if row is not None:
            self.editing_id, self.edit_text, self.edit_kloes = row.id, row.text, list(row.kloe_codes)
            self.edit_theme, self.edit_timescale = row.theme_value, row.timescale_value

    @rx.event
    def cancel_edit(self):
        self._stop_editing()

    @rx.event
    def save_edit(self, form: dict):
        """Change the draft being edited (the service checks it belongs to this inspection)."""
        if not self.editing_id:
            return
        fields = form_fields(form)
        data = {"kloes": ticked(fields, "kloe"), "text": fields.get("text", ""),
                "theme": fields.get("theme", ""), "timescale": fields.get("timescale", "")}
        recommendation_id = self.editing_id
        if self._act(lambda session, actor: draft_recommendations.update_recommendation(
                session=session, actor=actor, inspection_id=self._inspection_id(),
                recommendation_id=recommendation_id, data=data), "Recommendation changed."):
            self._stop_editing()
        else:
            self.edit_errors, self.errors = self.errors, {}

    def _stop_editing(self) -> None:
        self.editing_id, self.edit_text, self.edit_theme, self.edit_timescale = 0, "", "", ""
        self.edit_kloes, self.edit_errors = [], {}

    @rx.event
    def remove(self, recommendation_id: int):
        self._act(lambda session, actor: draft_recommendations.remove_recommendation(
            session=session, actor=actor, inspection_id=self._inspection_id(), recommendation_id=recommendation_id),
            "Recommendation removed.")


def _row(r) -> list[rx.Component]:
    return [
        rx.el.td(rx.cond(r.has_thread,
                         rx.el.a(r.text, href=routes.recommendation(r.id), id="thread-" + r.id.to_string()), r.text)),
        rx.el.td(r.kloes, rx.el.span(r.key_question, class_name="hint")),
        rx.el.td(r.theme),
        rx.el.td(r.timescale),
        rx.el.td(r.due),
        rx.el.td(r.status, rx.cond(RecommendationsState.view.may_draft, rx.fragment(
            rx.el.button("Change", rx.el.span(" this recommendation", class_name="visually-hidden"), type="button",
                         class_name="button secondary ws-small", id="change-" + r.id.to_string(),
                         on_click=RecommendationsState.start_edit(r.id)),
            rx.el.button("Remove", rx.el.span(" this recommendation", class_name="visually-hidden"), type="button",
                         class_name="button secondary ws-small", id="remove-" + r.id.to_string(),
                         on_click=RecommendationsState.remove(r.id))))),
    ]


def _select(name: str, options: rx.Var, prompt: str, prefix: str = "rec-",
            chosen: rx.Var | None = None) -> rx.Component:
    extra = {"default_value": chosen} if chosen is not None else {}
    return rx.el.select(
        rx.el.option(prompt, value=""),
        rx.foreach(options, lambda o: rx.el.option(o.label, value=o.value)),
        id=prefix + name, name=name, class_name="select", **extra,
    )


def _edit_form() -> rx.Component:
    """The form changing one draft, filled with what it says now."""
    state, view = RecommendationsState, RecommendationsState.view
    errors = state.edit_errors
    return ws_form(
        rx.el.h2("Change the recommendation", class_name="heading-m", id="edit"),
        rx.cond(errors.length() > 0, error_summary(errors, "edit-")),
        rx.el.fieldset(
            rx.el.legend("KLOEs it is made against", class_name="label"),
            rx.cond(errors.contains("kloes"),
                    rx.el.span(errors["kloes"], class_name="error-message", id="edit-kloes-error")),
            rx.el.div(rx.foreach(view.kloe_options, lambda o: checkbox(
                "kloe:" + o.value, o.label, "edit-kloe-" + o.value, state.edit_kloes.contains(o.value))),
                class_name="ws-kloe-choices"),
            id="edit-kloes",
            class_name=rx.cond(errors.contains("kloes"), "form-group error", "form-group"),
        ),
        field_group("What the provider should do", "text", "edit-", errors, rx.el.textarea(
            id="edit-text", name="text", class_name="input", rows=4, max_length=draft_recommendations.MAX_TEXT_LENGTH,
            default_value=state.edit_text)),
        field_group("Theme", "theme", "edit-", errors,
                    _select("theme", view.themes, "Choose a theme", "edit-", state.edit_theme)),
        field_group("Timescale", "timescale", "edit-", errors,
                    _select("timescale", view.timescales, "Choose a timescale", "edit-", state.edit_timescale)),
        rx.el.div(
            rx.el.button("Save changes", type="submit", class_name="button", id="save-recommendation"),
            rx.el.button("Cancel", type="button", class_name="button secondary", id="cancel-edit",
                         on_click=state.cancel_edit),
            class_name="button-group",
        ),
        on_submit=state.save_edit,
        key="edit-" + state.editing_id.to_string(),
        id="edit-form",
    )


def _draft_form() -> rx.Component:
    state, view = RecommendationsState, RecommendationsState.view
    return ws_form(
        rx.el.h2("Draft a recommendation", class_name="heading-m", id="draft"),
        rx.cond(state.errors.length() > 0, error_summary(state.errors, "rec-")),
        rx.el.fieldset(
            rx.el.legend("KLOEs it is made against", class_name="label"),
            rx.el.span("Choose one or more.", class_name="hint"),
            rx.cond(state.errors.contains("kloes"),
                    rx.el.span(state.errors["kloes"], class_name="error-message", id="rec-kloes-error")),
            rx.el.div(rx.foreach(view.kloe_options,
                                 lambda o: checkbox("kloe:" + o.value, o.label, "rec-kloe-" + o.value)),
                      class_name="ws-kloe-choices"),
            id="rec-kloes",
            class_name=rx.cond(state.errors.contains("kloes"), "form-group error", "form-group"),
        ),
        field_group("What the provider should do", "text", "rec-", state.errors, rx.el.textarea(
            id="rec-text", name="text", class_name="input", rows=4,
            max_length=draft_recommendations.MAX_TEXT_LENGTH)),
        field_group("Theme", "theme", "rec-", state.errors, _select("theme", view.themes, "Choose a theme")),
        field_group("Timescale", "timescale", "rec-", state.errors,
                    _select("timescale", view.timescales, "Choose a timescale"),
                    hint="Counted from the day the provider receives the final report."),
        rx.el.button("Draft recommendation", type="submit", class_name="button", id="draft-recommendation"),
        on_submit=RecommendationsState.draft,
        key=view.recommendations.length().to_string(),
        id="draft-form",
    )


def recommendations_page() -> rx.Component:
    """The page at ``/inspections/[inspection_id]/workspace/recommendations``."""
    state, view = RecommendationsState, RecommendationsState.view
    return workspace_layout(
        "Recommendations", state, "recommendations",
        rx.cond(view.recommendations.length() > 0,
                table(["Recommendation", "KLOEs", "Theme", "Timescale", "Due", "Status"], view.recommendations, _row,
                      caption="Recommendations"),
                rx.el.p("No recommendations drafted yet.", id="no-recommendations")),
        rx.cond(view.may_draft & (state.editing_id > 0), _edit_form()),
        rx.cond(view.may_draft, _draft_form()),
    )
