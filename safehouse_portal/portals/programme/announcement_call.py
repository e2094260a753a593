"""The announcement call at ``/inspections/[inspection_id]/announcement-call``: the guidance's items, one by one.

The lead inspector (or a programme manager) records the call: who made it, to whom, when,
and each item's outcome and notes; a follow-up call when the plan needs confirming. The id
comes from the route, never from an event argument.
"""

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.portals.programme.board_live import BoardLive
from safehouse_portal.portals.shared.auth_state import AuthState
from safehouse_portal.portals.shared.edge import form_fields, id_from_path, programme_today
from safehouse_portal.portals.shared.forms import error_summary, field_group
from safehouse_portal.portals.shared.shell import page, summary_list
from safehouse_portal.services.programme import announcement_call
from safehouse_portal.services.programme.announcement_call import AnnouncementCallView

_EMPTY = AnnouncementCallView()


class AnnouncementCallState(AuthState):
    """The inspection's calls and the last form's outcome."""

    view: AnnouncementCallView = _EMPTY
    errors: dict[str, str] = {}
    notice: str = ""

    def _inspection_id(self) -> int | None:
        return id_from_path(self.router.url.path, -2)

    def _fill(self, session, actor) -> None:
        self.view = announcement_call.call_view(session=session, actor=actor, inspection_id=self._inspection_id())

    @rx.event
    def load(self):
        self.errors, self.notice = {}, ""
        return self._load_page(self._fill)

    @rx.event
    def record(self, form: dict):
        data = form_fields(form)
        self.notice = ""
        done, _ = self._run(lambda session, actor: announcement_call.record_call(
            session=session, actor=actor, inspection_id=self._inspection_id(), data=data, today=programme_today()),
            refresh=self._fill)
        if not done:
            return rx.set_focus("call-errors")
        self.notice = "Call recorded."
        return [BoardLive.announce, rx.set_focus("call-notice")]


def _item_fields(item, outcomes, errors) -> rx.Component:
    """One guidance item: its outcome as radios, and a note."""
    name = "outcome_" + item.value
    return rx.el.fieldset(
        rx.el.legend(item.label, class_name="label"),
        rx.cond(errors.contains(name), rx.el.span(errors[name], class_name="error-message")),
        rx.el.div(rx.foreach(outcomes, lambda o: rx.el.div(
            rx.el.input(type="radio", name=name, value=o.value, id=name + "-" + o.value, class_name="radio"),
            rx.el.label(o.label, html_for=name + "-" + o.value), class_name="choice")), id=name),
        rx.el.label("Notes (optional)", html_for="note_" + item.value, class_name="hint"),
        rx.el.textarea(id="note_" + item.value, name="note_" + item.value, class_name="input", rows=2,
                       max_length=announcement_call.MAX_NOTE),
        class_name=rx.cond(errors.contains(name), "form-group error call-item", "form-group call-item"),
    )


def _form(state) -> rx.Component:
    view, errors = state.view, state.errors
    return rx.el.form(
        rx.el.h2("Record a call", class_name="heading-m", id="record-call"),
        rx.cond(errors.length() > 0, rx.el.div(error_summary(errors, ""), id="call-errors", tab_index=-1)),
        field_group("Which call", "kind", "", errors, rx.el.select(
            rx.cond(view.has_initial, rx.fragment(), rx.el.option("The announcement call", value="initial")),
            rx.el.option("A follow-up call to confirm the plan", value="follow_up"),
            id="kind", name="kind", class_name="select", key=rx.cond(view.has_initial, "kind-follow", "kind-first"))),
        field_group("Date of the call", "called_on", "", errors,
                    rx.el.input(type="date", id="called_on", name="called_on", class_name="input"),
                    hint="Today or earlier."),
        field_group("Who made the call", "made_by_id", "", errors, rx.el.select(
            rx.foreach(view.callers, lambda o: rx.el.option(o.label, value=o.value)),
            id="made_by_id", name="made_by_id", class_name="select", default_value=view.default_caller,
            key="caller-" + view.default_caller)),
        field_group("Who you spoke to at the provider", "spoke_to", "", errors, rx.el.input(
            id="spoke_to", name="spoke_to", class_name="input", max_length=announcement_call.MAX_SPOKE_TO)),
        rx.el.p("The items the guidance sets for the call. On a follow-up call, choose an outcome only for the "
                "items it covered.", class_name="hint"),
        rx.foreach(view.checklist, lambda item: _item_fields(item, view.outcomes, errors)),
        field_group("Other notes (optional)", "notes", "", errors, rx.el.textarea(
            id="notes", name="notes", class_name="input", rows=3, max_length=announcement_call.MAX_NOTES)),
        rx.el.button("Record call", type="submit", class_name="button", id="record-call-button"),
        on_submit=state.record,
        reset_on_submit=False,
        id="call-form",
        key="call-form-" + view.calls.length().to_string(),
    )


def _call(call) -> rx.Component:
    return rx.el.section(
        rx.el.h3(call.kind_label, ": ", call.called_on, class_name="heading-s"),
        summary_list(("Made by", call.made_by), ("Spoke to", call.spoke_to),
                     ("Other notes", rx.cond(call.notes != "", call.notes, "None"))),
        rx.el.table(
            rx.el.caption("Items"),
            rx.el.thead(rx.el.tr(rx.el.th("Item", scope="col"), rx.el.th("Outcome", scope="col"),
                                 rx.el.th("Notes", scope="col"))),
            rx.el.tbody(rx.foreach(call.item_rows, lambda i: rx.el.tr(
                rx.el.th(i.text, scope="row"), rx.el.td(rx.el.strong(i.outcome_label, class_name="tag")),
                rx.el.td(i.note)))),
            class_name="table",
        ),
        class_name="call-record",
    )


def announcement_call_page() -> rx.Component:
    """The page at ``/inspections/[inspection_id]/announcement-call``."""
    state, view = AnnouncementCallState, AnnouncementCallState.view
    return page(
        "Announcement call",
        rx.el.p(rx.el.a("Back to the inspection", href=routes.inspection(view.inspection_id))),
        rx.el.div(rx.cond(state.notice != "", rx.el.div(state.notice, class_name="notification success")),
                  id="call-notice", role="status", aria_live="polite", tab_index=-1),
        summary_list(("Provider", view.provider_name), ("Inspection group", view.group_name),
                     ("Planned dates", view.planned_dates),
                     ("Call due", rx.cond(view.call_due != "", view.call_due, "When the dates are planned"))),
        rx.el.h2("Still to cover", class_name="heading-m"),
        rx.cond(view.outstanding.length() == 0,
                rx.el.p("Every item has been covered on a call.", class_name="body", id="all-covered"),
                rx.el.ul(rx.foreach(view.outstanding, lambda text: rx.el.li(text)), id="outstanding")),
        rx.el.h2("Calls recorded", class_name="heading-m"),
        rx.cond(view.calls.length() == 0, rx.el.p("No call recorded yet.", class_name="body")),
        rx.foreach(view.calls, _call),
        rx.cond(view.may_record, _form(state)),
    )
