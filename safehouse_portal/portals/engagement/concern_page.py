"""One concern at ``/programme/concerns/[concern_id]``: escalate it, close it, start a focused inspection.

The id comes from the route. Starting an inspection is the ordinary allocation form with
the type (focused) and the reason (concern) fixed and only this provider's groups offered.
"""

from dataclasses import replace

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.domain.engagement import MAX_TEXT, RECIPIENT_LABELS
from safehouse_portal.domain.enums import INSPECTION_REASON_LABELS, InspectionReason, InspectionType
from safehouse_portal.domain.options import Option
from safehouse_portal.portals.programme.allocation import allocation_form, form_data
from safehouse_portal.portals.programme.board_live import BoardLive
from safehouse_portal.portals.shared.auth_state import AuthState
from safehouse_portal.portals.shared.edge import form_fields, id_from_path, programme_today
from safehouse_portal.portals.shared.forms import error_summary, field_group
from safehouse_portal.portals.shared.shell import page, summary_list, table
from safehouse_portal.services.engagement import concerns
from safehouse_portal.services.engagement.concerns import ConcernPage
from safehouse_portal.services.programme import allocation
from safehouse_portal.services.programme.allocation import TYPE_LABELS, AllocationChoices, AllocationValues

_EMPTY = ConcernPage()
_VALUES = AllocationValues(stage="planned", editable=True, type=InspectionType.FOCUSED.value,
                           reason=InspectionReason.CONCERN.value, mode="on_site")


class ConcernState(AuthState):
    """The concern, and each form's errors."""

    view: ConcernPage = _EMPTY
    choices: AllocationChoices = AllocationChoices()
    values: AllocationValues = _VALUES
    errors: dict[str, str] = {}
    escalate_errors: dict[str, str] = {}
    close_errors: dict[str, str] = {}
    notice: str = ""

    def _concern_id(self) -> int | None:
        return id_from_path(self.router.url.path)

    def _fill(self, session, actor) -> None:
        self.view = concerns.concern_page(session=session, actor=actor, concern_id=self._concern_id())
        if self.view.may_start_inspection:
            base = allocation.allocation_choices(session=session, actor=actor)
            self.choices = replace(
                base, groups=self.view.groups,
                types=[Option(InspectionType.FOCUSED.value, TYPE_LABELS[InspectionType.FOCUSED])],
                reasons=[Option(InspectionReason.CONCERN.value, INSPECTION_REASON_LABELS[InspectionReason.CONCERN])])

    def _clear(self) -> None:
        self.errors, self.escalate_errors, self.close_errors, self.notice = {}, {}, {}, ""

    @rx.event
    def load(self):
        self._clear()
        return self._load_page(self._fill)

    @rx.event
    def escalate(self, form: dict):
        data = form_fields(form)
        self._clear()
        done, _ = self._run(lambda session, actor: concerns.escalate(
            session=session, actor=actor, concern_id=self._concern_id(), data=data, today=programme_today()),
            errors_field="escalate_errors", refresh=self._fill)
        if done:
            self.notice = "Escalation recorded."
            return rx.set_focus("concern-notice")
        return rx.set_focus("escalate-errors")

    @rx.event
    def close(self, form: dict):
        data = form_fields(form)
        self._clear()
        done, _ = self._run(lambda session, actor: concerns.close_concern(
            session=session, actor=actor, concern_id=self._concern_id(), data=data, today=programme_today()),
            errors_field="close_errors", refresh=self._fill)
        if done:
            self.notice = "Concern closed. It no longer counts in the revisit priorities."
            return rx.set_focus("concern-notice")
        return rx.set_focus("close-errors")

    @rx.event
    def create(self, form: dict):
        data = form_data(form)
        self._clear()
        done, inspection_id = self._run(lambda session, actor: concerns.start_focused_inspection(
            session=session, actor=actor, concern_id=self._concern_id(), data=data, today=programme_today()))
        if done:
            return [BoardLive.announce, rx.redirect(routes.inspection(inspection_id))]


def _escalate_form(state) -> rx.Component:
    errors = state.escalate_errors
    return rx.el.form(
        rx.el.h2("Record an escalation", class_name="heading-m", id="escalate"),
        rx.cond(errors.length() > 0, rx.el.div(error_summary(errors, "escalate-"), id="escalate-errors",
                                               tab_index=-1)),
        field_group("Who was told", "told", "escalate-", errors, rx.el.select(
            rx.el.option("Choose who was told", value=""),
            *[rx.el.option(label, value=value) for value, label in RECIPIENT_LABELS.items()],
            id="escalate-told", name="told", class_name="select")),
        field_group("Date they were told", "told_on", "escalate-", errors, rx.el.input(
            type="date", id="escalate-told_on", name="told_on", class_name="input")),
        field_group("What was said (optional)", "note", "escalate-", errors, rx.el.textarea(
            id="escalate-note", name="note", class_name="input", rows=3, max_length=MAX_TEXT)),
        rx.el.button("Record escalation", type="submit", class_name="button secondary", id="record-escalation"),
        on_submit=state.escalate, reset_on_submit=False, id="escalate-form",
    )


def _close_form(state) -> rx.Component:
    errors = state.close_errors
    return rx.el.form(
        rx.el.h2("Close the concern", class_name="heading-m", id="close"),
        rx.cond(errors.length() > 0, rx.el.div(error_summary(errors, "close-"), id="close-errors", tab_index=-1)),
        field_group("Date closed", "closed_on", "close-", errors, rx.el.input(
            type="date", id="close-closed_on", name="closed_on", class_name="input")),
        field_group("What was done", "closing_note", "close-", errors, rx.el.textarea(
            id="close-closing_note", name="closing_note", class_name="input", rows=3, max_length=MAX_TEXT)),
        rx.el.button("Close concern", type="submit", class_name="button secondary", id="close-concern"),
        on_submit=state.close, reset_on_submit=False, id="close-form",
    )


def concern_page() -> rx.Component:
    """The page at ``/programme/concerns/[concern_id]``."""
    state, view = ConcernState, ConcernState.view
    c = view.concern
    return page(
        "Concern",
        rx.el.p(rx.el.a("Back to concerns", href=routes.CONCERNS)),
        rx.el.div(rx.cond(state.notice != "", rx.el.div(state.notice, class_name="notification success")),
                  id="concern-notice", role="status", aria_live="polite", tab_index=-1),
        rx.el.p("Confidential to CQC: the provider never sees it.", class_name="hint"),
        summary_list(
            ("Provider", rx.el.a(c.provider_name, href=routes.provider(c.provider_id))),
            ("About", c.location_name), ("Source", c.source), ("Received", c.received_on),
            ("Severity", c.severity), ("Summary", c.summary), ("Status", c.status_text),
            ("Told", c.told), ("Recorded by", c.recorded_by),
            ("Focused inspection", rx.cond(c.inspection_id > 0, rx.el.a(
                "Open the inspection", href=routes.inspection(c.inspection_id)), "None started")),
        ),
        rx.cond(c.closing_note != "", rx.el.p(rx.el.strong("What was done: "), c.closing_note, class_name="body")),
        rx.cond(c.escalations.length() > 0, table(["Told", "On", "What was said", "Recorded by"], c.escalations,
                                                  lambda e: [rx.el.td(e.told), rx.el.td(e.told_on), rx.el.td(e.note),
                                                             rx.el.td(e.recorded_by)], caption="Escalations")),
        rx.cond(view.may_record & c.open, rx.fragment(_escalate_form(state), _close_form(state))),
        rx.cond(view.may_start_inspection, rx.el.section(
            rx.el.h2("Start a focused inspection", class_name="heading-m", id="start-inspection"),
            rx.cond(view.groups.length() == 0,
                    rx.el.p("Every group of this provider has an inspection in progress.", class_name="body"),
                    allocation_form(state, "Allocate focused inspection", with_group=True)))),
    )
