"""Key-question judgements: the rule's suggestion, and the lead's override with its written reason."""

import reflex as rx

from safehouse_portal.portals.judgements.workspace_common import (
    WorkspaceBase, workspace_layout, ws_form,
)
from safehouse_portal.services.judgements import key_questions
from safehouse_portal.services.judgements.key_questions import JudgementsView
from safehouse_portal.portals.shared.edge import form_fields
from safehouse_portal.portals.shared.forms import error_summary, field_group
from safehouse_portal.portals.shared.shell import table

_EMPTY = JudgementsView()


class JudgementsState(WorkspaceBase):
    """The key-question judgements of one inspection."""

    view: JudgementsView = _EMPTY

    def _refresh(self, session, actor) -> None:
        self.view = key_questions.key_question_judgements(session=session, actor=actor,
                                                          inspection_id=self._inspection_id())

    @rx.event
    def load(self):
        return self._open()

    @rx.event
    def override(self, form: dict):
        data = form_fields(form)
        self._act(lambda session, actor: key_questions.override_judgement(
            session=session, actor=actor, inspection_id=self._inspection_id(), data=data),
            "Judgement overridden. The reason is shown with the judgement.")

    @rx.event
    def clear_override(self, key_question: str):
        self._act(lambda session, actor: key_questions.clear_override(
            session=session, actor=actor, inspection_id=self._inspection_id(), key_question=key_question),
            "Override withdrawn: the suggested judgement stands.")


def _judgement_cell(kq) -> rx.Component:
    return rx.el.td(
        rx.el.strong(kq.judgement_label, class_name="tag ws-rating ws-rating-" + kq.judgement,
                     id="judgement-" + kq.key),
        rx.cond(kq.overridden, rx.el.div(
            rx.el.p(rx.el.strong("Overridden by the lead inspector"), " (", kq.override_by, "). ",
                    "Suggested: ", kq.suggested_label, "."),
            rx.el.p("Reason: ", kq.override_reason, class_name="ws-reason", id="reason-" + kq.key),
            rx.cond(JudgementsState.view.may_override,
                    rx.el.button("Withdraw override", type="button", class_name="button secondary",
                                 id="clear-" + kq.key,
                                 on_click=JudgementsState.clear_override(kq.key))),
            class_name="ws-override")),
    )


def _row(kq) -> list[rx.Component]:
    return [
        rx.el.th(kq.label, scope="row"),
        rx.el.td(rx.el.span(kq.suggested_label, id="suggested-" + kq.key),
                 rx.el.span(kq.progress, class_name="hint"),
                 rx.cond(~kq.complete, rx.el.span("Provisional until every KLOE is final.", class_name="hint"))),
        _judgement_cell(kq),
        rx.el.td(rx.el.ul(rx.foreach(kq.kloes, lambda k: rx.el.li(k.code, ": ", k.rating_label,
                                                                     rx.cond(k.status_final, " (final)", ""))),
                          class_name="ws-kloe-ratings")),
    ]


def _override_form() -> rx.Component:
    state, view = JudgementsState, JudgementsState.view
    return ws_form(
        rx.el.h2("Override a suggested judgement", class_name="heading-m", id="override"),
        rx.el.p("Only the lead inspector may override, and only with a written reason. "
                "The reason is shown wherever the judgement is.", class_name="hint"),
        rx.cond(state.errors.length() > 0, error_summary(state.errors, "override-")),
        field_group("Key question", "key_question", "override-", state.errors, rx.el.select(
            rx.foreach(view.key_questions, lambda kq: rx.el.option(kq.label, value=kq.key)),
            id="override-key_question", name="key_question", class_name="select")),
        field_group("Judgement that should stand", "rating", "override-", state.errors, rx.el.select(
            rx.foreach(view.ratings, lambda o: rx.el.option(o.label, value=o.value)),
            id="override-rating", name="rating", class_name="select")),
        field_group("Reason", "reason", "override-", state.errors, rx.el.textarea(
            id="override-reason", name="reason", class_name="input", rows=4, max_length=key_questions.MAX_REASON_LENGTH),
            hint="Why the rule's suggestion does not reflect the evidence."),
        rx.el.button("Override judgement", type="submit", class_name="button", id="override-judgement"),
        on_submit=JudgementsState.override,
        id="override-form",
    )


def judgements_page() -> rx.Component:
    """The page at ``/inspections/[inspection_id]/workspace/judgements``."""
    state, view = JudgementsState, JudgementsState.view
    return workspace_layout(
        "Key-question judgements", state, "judgements",
        rx.el.div(rx.el.strong("The rule: "), view.rule, class_name="panel", id="judgement-rule"),
        table(["Key question", "Suggested by the rule", "Judgement", "KLOE ratings"], view.key_questions, _row,
              caption="Judgements by key question"),
        rx.cond(view.may_override, _override_form()),
    )
