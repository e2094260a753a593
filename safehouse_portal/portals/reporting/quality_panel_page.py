"""An inspection's independent quality panel review (``/inspections/[inspection_id]/quality-panel``).

Members (never on the inspection team) read the draft, the provider's comments, the
inspector's decisions and the judgement-change log, and record whether they agree; a
programme manager names the members and records the outcome.
"""

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.portals.reporting.common import download_link
from safehouse_portal.portals.shared.auth_state import AuthState
from safehouse_portal.portals.shared.edge import form_fields, id_from_path, programme_today
from safehouse_portal.portals.shared.forms import error_summary, field_group, radios
from safehouse_portal.portals.shared.shell import page, table
from safehouse_portal.services.reporting import quality_panel
from safehouse_portal.services.reporting.quality_panel import MAX_REASONS, PanelPageView

_P = "panel-"
"""Every control's id starts with it, so no id is a field's name (Reflex would send that element's own value)."""
_VIEWS = [("agree", "Agree with the change"), ("disagree", "Disagree with the change")]
_OUTCOMES = [("uphold", "Uphold the change"), ("revert", "Revert the change"), ("more_evidence", "Ask for more evidence")]


class QualityPanelState(AuthState):
    """The review as this person may see it, and what the last action said."""

    view: PanelPageView = PanelPageView()
    errors: dict[str, str] = {}
    notice: str = ""

    def _inspection_id(self):
        return id_from_path(self.router.url.path, -2)

    def _refresh(self, session, actor) -> None:
        self.view = quality_panel.panel_page(session=session, actor=actor, inspection_id=self._inspection_id())

    @rx.event
    def load(self):
        self.errors, self.notice = {}, ""
        return self._load_page(self._refresh)

    def _act(self, success: str, action):
        self.notice = ""
        done, _ = self._run(action, refresh=self._refresh)
        if done:
            self.notice = success
            return None
        return rx.set_focus("panel-errors")

    @rx.event
    def name_member(self, form: dict):
        data = form_fields(form)
        return self._act("Member named. They can now read the draft and record a view.", lambda s, a:
                         quality_panel.name_member(session=s, actor=a, inspection_id=self._inspection_id(), data=data))

    @rx.event
    def record_view(self, form: dict):
        data = form_fields(form)
        return self._act("Your view is recorded.", lambda s, a: quality_panel.record_view(
            session=s, actor=a, inspection_id=self._inspection_id(), data=data, today=programme_today()))

    @rx.event
    def record_outcome(self, form: dict):
        data = form_fields(form)
        return self._act("The panel's outcome is recorded.", lambda s, a: quality_panel.record_outcome(
            session=s, actor=a, inspection_id=self._inspection_id(), data=data, today=programme_today()))


def _evidence(view) -> rx.Component:
    return rx.fragment(
        rx.el.h2("The draft and the provider's comments", class_name="heading-m"),
        rx.el.ul(*[rx.el.li(download_link("Download the ", label, " (PDF)",
                                          href=routes.document(view.inspection_id, name)))
                   for label, name in (("draft report as sent", "report-draft"),
                                       ("factual accuracy response table", "fa-response"),
                                       ("draft and final compared", "comparison"))]),
        table(["Section", "Provider's comment", "Inspector's decision"], view.comments, lambda c: [
            rx.el.td(c.section_title), rx.el.td(c.text_concerned, rx.el.br(), c.proposed_correction),
            rx.el.td(rx.el.strong(c.decision_label), " ", c.reason)], caption="Factual accuracy comments"),
        table(["Date", "By", "Change", "Reason"], view.changes, lambda c: [
            rx.el.td(c.on), rx.el.td(c.by), rx.el.td(c.what), rx.el.td(c.reason)],
            caption="Judgement-change log"),
    )


def _forms(view, errors) -> rx.Component:
    state = QualityPanelState
    return rx.fragment(
        rx.cond(view.may_name, rx.el.form(
            field_group("Name a panel member", "member", _P, errors, rx.el.select(
                rx.el.option("Choose someone who was not on the inspection team", value=""),
                rx.foreach(view.member_choices, lambda o: rx.el.option(o.label, value=o.value)),
                id=_P + "member", name="member", class_name="select")),
            rx.el.button("Name member", type="submit", class_name="button secondary", id="name-member"),
            on_submit=state.name_member, reset_on_submit=True)),
        rx.cond(view.may_record_view, rx.el.form(
            rx.el.h2("Your view", class_name="heading-m"),
            rx.el.fieldset(rx.el.legend("Do you agree with the change?", class_name="label"),
                           rx.cond(errors.contains("view"), rx.el.span(errors["view"], class_name="error-message")),
                           radios("view", _P, _VIEWS), class_name="form-group"),
            field_group("Your reasons", "reasons", _P, errors, rx.el.textarea(
                id=_P + "reasons", name="reasons", class_name="input wide", rows=4, max_length=MAX_REASONS,
                default_value=view.my_reasons, key=view.my_reasons)),
            rx.el.button("Record my view", type="submit", class_name="button", id="record-view"),
            on_submit=state.record_view, reset_on_submit=False, id="view-form")),
        rx.cond(view.may_record_outcome, rx.el.form(
            rx.el.h2("The panel's outcome", class_name="heading-m"),
            rx.el.fieldset(rx.el.legend("Outcome", class_name="label"),
                           rx.cond(errors.contains("outcome"),
                                   rx.el.span(errors["outcome"], class_name="error-message")),
                           radios("outcome", _P, _OUTCOMES), class_name="form-group"),
            field_group("The panel's reasons", "outcome_reason", _P, errors, rx.el.textarea(
                id=_P + "outcome_reason", name="outcome_reason", class_name="input wide", rows=4, max_length=MAX_REASONS),
                hint="Upholding or reverting closes the review and lets the final report go."),
            rx.el.button("Record outcome", type="submit", class_name="button", id="record-outcome"),
            on_submit=state.record_outcome, reset_on_submit=False, id="outcome-form")),
    )


def quality_panel_page() -> rx.Component:
    """The page at ``/inspections/[inspection_id]/quality-panel``."""
    state, view, errors = QualityPanelState, QualityPanelState.view, QualityPanelState.errors
    return page(
        "Independent quality panel",
        rx.el.a("Back to the report", href=routes.report(view.inspection_id), class_name="back-link"),
        rx.el.p(view.group_name, " \u00b7 ", view.provider_name, class_name="hint"),
        rx.el.div(rx.cond(state.notice != "", rx.el.div(state.notice, class_name="notification success")),
                  role="status", aria_live="polite", id="notice"),
        rx.cond(errors.length() > 0, rx.el.div(error_summary(errors, _P), id="panel-errors", tab_index=-1)),
        rx.cond(view.review_id == 0, rx.el.p("No judgement change has gone to the panel.", class_name="body"),
                rx.fragment(
                    rx.el.p(rx.cond(view.summary.open, view.summary.blocking_reason,
                                    "The review is closed: " + view.summary.outcome_label + ". "
                                    + view.summary.outcome_reason), class_name="warning-text", id="panel-status"),
                    rx.cond(view.summary.open & (view.summary.outcome != ""),
                            rx.el.p("Latest outcome: ", view.summary.outcome_label, ". ", view.summary.outcome_reason)),
                    rx.el.h2("The change", class_name="heading-m"),
                    rx.el.ul(rx.foreach(view.reasons, lambda line: rx.el.li(line))),
                    _evidence(view),
                    rx.el.h2("Members and their views", class_name="heading-m"),
                    table(["Member", "View", "Reasons"], view.members, lambda m: [
                        rx.el.td(m.name), rx.el.td(m.view_label), rx.el.td(m.reasons)], caption="Panel members"),
                    _forms(view, errors))),
    )
