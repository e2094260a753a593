"""Serious concerns and the early outcome letter: its due date, the concerns, and its sending."""

import reflex as rx

from safehouse_portal.portals.judgements.workspace_common import (
    WorkspaceBase, checkbox, ticked, workspace_layout, ws_form,
)
from safehouse_portal.services.judgements import serious_concerns
from safehouse_portal.services.judgements.serious_concerns import ConcernsView
from safehouse_portal.portals.shared.edge import form_fields, programme_today
from safehouse_portal.portals.shared.forms import error_summary, field_group
from safehouse_portal.portals.shared.shell import summary_list

_EMPTY = ConcernsView()


class ConcernsState(WorkspaceBase):
    """The serious concerns of one inspection and its early outcome letter."""

    view: ConcernsView = _EMPTY

    def _refresh(self, session, actor) -> None:
        self.view = serious_concerns.concerns(session=session, actor=actor, inspection_id=self._inspection_id(),
                                              today=programme_today())

    @rx.event
    def load(self):
        return self._open()

    @rx.event
    def raise_concern(self, form: dict):
        data = {"details": form_fields(form).get("details", "")}
        self._act(lambda session, actor: serious_concerns.raise_concern(
            session=session, actor=actor, inspection_id=self._inspection_id(), data=data),
            "Serious concern raised. The early outcome letter is now due.")

    @rx.event
    def record_letter(self, form: dict):
        fields = form_fields(form)
        data = {"sent_on": fields.get("sent_on", ""), "recipients": ticked(fields, "recipient")}
        self._act(lambda session, actor: serious_concerns.record_letter(
            session=session, actor=actor, inspection_id=self._inspection_id(), data=data, today=programme_today()),
            "Early outcome letter recorded as sent.")


def _letter_track() -> rx.Component:
    view = ConcernsState.view
    return rx.el.section(
        rx.el.h2("Early outcome letter", class_name="heading-m"),
        summary_list(
            ("Due", rx.el.span(view.letter_due, id="letter-due")),
            ("Where it stands", rx.el.span(rx.cond(view.letter_sent != "", "Sent on " + view.letter_sent,
                                                   view.letter_state), id="letter-state")),
        ),
        rx.el.p("Due 5 working days after the inspection's last day. It sets out the concerns in detail and goes "
                "to the provider, copied to the Home Office and the prime contractor.", class_name="hint"),
        id="letter-track",
    )


def _concern(c) -> rx.Component:
    return rx.el.li(
        rx.el.p(c.details, class_name="ws-concern-details"),
        rx.el.p("Raised by ", c.raised, ". Letter: ", c.letter, class_name="hint"),
        class_name="ws-concern",
    )


def _raise_form() -> rx.Component:
    state = ConcernsState
    return ws_form(
        rx.el.h2("Raise a serious concern", class_name="heading-m", id="raise"),
        rx.cond(state.errors.contains("details"), error_summary(state.errors, "concern-")),
        field_group("The concern in detail", "details", "concern-", state.errors, rx.el.textarea(
            id="concern-details", name="details", class_name="input", rows=5,
            max_length=serious_concerns.MAX_DETAILS_LENGTH),
            hint="What was found, where, and the risk to survivors. This goes into the early outcome letter."),
        rx.el.button("Raise serious concern", type="submit", class_name="button warning", id="raise-concern"),
        on_submit=ConcernsState.raise_concern,
        key=state.view.concerns.length().to_string(),
        id="raise-form",
    )


def _letter_form() -> rx.Component:
    state, view = ConcernsState, ConcernsState.view
    return ws_form(
        rx.el.h2("Record the letter as sent", class_name="heading-m", id="letter"),
        rx.cond(state.errors.contains("sent_on") | state.errors.contains("recipients"),
                error_summary(state.errors, "letter-")),
        field_group("Date sent", "sent_on", "letter-", state.errors, rx.el.input(
            id="letter-sent_on", name="sent_on", type="date", class_name="input")),
        rx.el.fieldset(
            rx.el.legend("Sent to", class_name="label"),
            rx.cond(state.errors.contains("recipients"),
                    rx.el.span(state.errors["recipients"], class_name="error-message", id="letter-recipients-error")),
            rx.foreach(view.recipients, lambda o: checkbox("recipient:" + o.value, o.label, "letter-" + o.value)),
            id="letter-recipients",
            class_name=rx.cond(state.errors.contains("recipients"), "form-group error", "form-group"),
        ),
        rx.el.button("Record letter sent", type="submit", class_name="button", id="record-letter"),
        on_submit=ConcernsState.record_letter,
        id="letter-form",
    )


def concerns_page() -> rx.Component:
    """The page at ``/inspections/[inspection_id]/workspace/concerns``."""
    state, view = ConcernsState, ConcernsState.view
    return workspace_layout(
        "Serious concerns", state, "concerns",
        rx.cond(state.errors.contains("form"), rx.el.div(state.errors["form"], class_name="error-summary",
                                                         role="alert")),
        rx.cond(view.header.serious_concern, _letter_track(),
                rx.el.p("No serious concern has been raised on this inspection.", id="no-concerns")),
        rx.cond(view.concerns.length() > 0, rx.el.ul(rx.foreach(view.concerns, _concern), class_name="ws-concerns")),
        rx.cond(view.may_record_letter, _letter_form()),
        rx.cond(view.may_raise, _raise_form()),
    )
