"""The provider's recommendations at ``/provider/recommendations``, with their due dates and statuses."""

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.portals.shared.auth_state import AuthState
from safehouse_portal.portals.shared.thread_parts import status_tag, today
from safehouse_portal.services.recommendations import threads as recommendation_threads
from safehouse_portal.services.recommendations.threads import RecommendationRow
from safehouse_portal.portals.shared.shell import page, table


class ProviderRecommendationsState(AuthState):
    """Recommendations from the lead's own provider's issued reports."""

    rows: list[RecommendationRow] = []

    @rx.event
    def load(self):
        def fill(session, actor):
            self.rows = recommendation_threads.provider_recommendations(session=session, actor=actor, today=today())

        return self._load_page(fill)


def _row(row) -> list[rx.Component]:
    return [
        rx.el.td(rx.el.a(row.text, href=routes.provider_recommendation(row.id), class_name="rec-link"),
                 rx.el.br(), rx.el.span(row.group_name, class_name="hint")),
        rx.el.td(row.key_question, rx.el.br(), rx.el.span(row.kloes, class_name="hint")),
        rx.el.td(row.theme),
        rx.el.td(row.timescale),
        rx.el.td(row.due_on),
        rx.el.td(status_tag(row.status, row.status_label)),
    ]


def provider_recommendations_page() -> rx.Component:
    """The page at ``/provider/recommendations``."""
    rows = ProviderRecommendationsState.rows
    return page(
        "Recommendations",
        rx.el.p("Each recommendation is due within its timescale of the day you received the final report. Post "
                "your progress and your evidence on each; the inspector accepts it as met or returns it with a "
                "comment.", class_name="caption"),
        rx.cond(rows.length() > 0,
                table(["Recommendation", "Key question and KLOEs", "Theme", "Timescale", "Due", "Status"], rows,
                      _row, caption="Recommendations from your issued reports"),
                rx.el.p("No recommendations from issued reports.", id="no-recommendations")),
    )
