"""Programme analytics: the survivor survey view (``/programme/analytics/survey``).

Responses and the share who got the support they needed from staff, for a period of
response days, by month, kind of service and language; every group of fewer than five
responses is hidden by the service. Programme managers and admins only; no comment and no
single response ever reaches this page.
"""

from datetime import date

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.domain.survey_results import HIDDEN_TEXT
from safehouse_portal.portals.shared.auth_state import AuthState
from safehouse_portal.portals.shared.edge import form_fields
from safehouse_portal.portals.shared.forms import error_summary, field_group
from safehouse_portal.portals.shared.shell import page
from safehouse_portal.services.analytics.survey import SurveyFigures, survey_figures
from safehouse_portal.services.core.errors import InvalidInput


class SurveyAnalyticsState(AuthState):
    """The survey's programme figures for the chosen period."""

    figures: SurveyFigures = SurveyFigures()
    date_from: str = ""
    date_to: str = ""
    errors: dict[str, str] = {}

    def _fill(self, session, actor) -> None:
        self.figures = survey_figures(session=session, actor=actor, date_from=_day(self.date_from, "date_from"),
                                      date_to=_day(self.date_to, "date_to"))

    @rx.event
    def load(self):
        self.date_from, self.date_to, self.errors = "", "", {}
        return self._load_page(self._fill)

    @rx.event
    def choose_period(self, form: dict):
        fields = form_fields(form)
        self.date_from, self.date_to = fields.get("date_from", "")[:10], fields.get("date_to", "")[:10]
        self._run(self._fill)


def _day(value: str, name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInput({name: "Enter the date as a date, for example 2026-04-01"}) from None


def _breakdown(b) -> rx.Component:
    return rx.el.table(
        rx.el.caption(b.title),
        rx.el.thead(rx.el.tr(rx.el.th("Group", scope="col"), rx.el.th("Responses", scope="col", class_name="numeric"),
                             rx.el.th("Got the support they needed (yes)", scope="col", class_name="numeric"))),
        rx.el.tbody(rx.foreach(b.rows, lambda r: rx.el.tr(
            rx.el.th(r.label, scope="row"),
            rx.cond(r.hidden, rx.el.td(HIDDEN_TEXT, col_span=2, class_name="hint"),
                    rx.fragment(rx.el.td(r.responses, class_name="numeric"),
                                rx.el.td(r.share_yes, class_name="numeric")))))),
        class_name="table analytics-table",
    )


def survey_analytics_page() -> rx.Component:
    """The page at ``/programme/analytics/survey``."""
    state, f = SurveyAnalyticsState, SurveyAnalyticsState.figures
    return page(
        "Survivor survey",
        rx.el.a("Back to programme analytics", href=routes.ANALYTICS, class_name="back-link"),
        rx.el.form(
            rx.cond(state.errors.length() > 0, error_summary(state.errors, "survey-")),
            field_group("From (response date)", "date_from", "survey-", state.errors,
                        rx.el.input(type="date", name="date_from", id="survey-date_from", class_name="input")),
            field_group("To (response date)", "date_to", "survey-", state.errors,
                        rx.el.input(type="date", name="date_to", id="survey-date_to", class_name="input")),
            rx.el.button("Show", type="submit", class_name="button secondary", id="survey-period"),
            on_submit=state.choose_period, reset_on_submit=False, class_name="inline-form",
        ),
        rx.el.dl(
            rx.el.div(rx.el.dt("Responses"), rx.el.dd(f.responses.to_string(), id="survey-responses-total"),
                      class_name="summary-row"),
            rx.cond(~f.hidden, rx.fragment(
                rx.el.div(rx.el.dt("Got the support they needed from staff"),
                          rx.el.dd(f.share_text, " yes", id="survey-share-yes"), class_name="summary-row"),
                rx.el.div(rx.el.dt("Yes / partly / no / not answered"), rx.el.dd(
                    f.got_support_needed["yes"].to_string(), " / ", f.got_support_needed["partly"].to_string(), " / ",
                    f.got_support_needed["no"].to_string(), " / ", f.got_support_needed["not_answered"].to_string()),
                    class_name="summary-row"))),
            class_name="summary-list",
        ),
        rx.cond(f.hidden, rx.el.p(HIDDEN_TEXT, class_name="hint")),
        rx.el.p("Shares are of all responses in the group. A group with fewer than 5 responses is hidden.",
                class_name="hint"),
        rx.foreach(f.breakdowns, _breakdown),
    )
