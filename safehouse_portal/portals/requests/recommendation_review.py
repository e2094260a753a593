"""A recommendation's thread for inspectors at ``/recommendations/[recommendation_id]``: accept or return."""

import reflex as rx

from safehouse_portal.auth.state import AuthState
from safehouse_portal.portals.requests.actions import act
from safehouse_portal.portals.requests.components import (
    error_summary, field_group, form_data, id_from_path, notice, today,
)
from safehouse_portal.portals.requests.provider_recommendation import EMPTY_THREAD
from safehouse_portal.portals.requests.recommendation_view import recommendation_summary
from safehouse_portal.services import recommendation_threads
from safehouse_portal.services.recommendation_threads import ThreadView
from safehouse_portal.ui.shell import page


class RecommendationReviewState(AuthState):
    """The recommendation (id from the route) and the outcome of the last decision."""

    view: ThreadView = EMPTY_THREAD
    errors: dict[str, str] = {}
    message: str = ""

    def _recommendation_id(self) -> int | None:
        return id_from_path(self.router.url.path)

    @rx.event
    def load(self):
        self.errors, self.message = {}, ""

        def fill(session, actor):
            self.view = recommendation_threads.recommendation_thread(
                session=session, actor=actor, recommendation_id=self._recommendation_id(), today=today())

        return self._load_page(fill)

    @rx.event
    def decide(self, form: dict):
        self.message = ""
        data = form_data(form)
        done, view = act(self, lambda s, a: recommendation_threads.decide(
            session=s, actor=a, recommendation_id=self._recommendation_id(), data=data, today=today()))
        if done:
            self.view = view
            self.message = ("Accepted: the recommendation is met." if data.get("decision") == "accept"
                            else "Returned to the provider with your comment.")


def _decision_form() -> rx.Component:
    state = RecommendationReviewState
    return rx.el.form(
        rx.el.h2("Decide on the evidence", class_name="heading-m"),
        rx.cond(state.errors.length() > 0, error_summary(state.errors, "decision-")),
        field_group("Decision", "decision", "decision-", state.errors, rx.el.div(
            rx.el.div(rx.el.input(type="radio", name="decision", value="accept", id="decision-decision"),
                      rx.el.label("Accept: the recommendation is met", html_for="decision-decision"),
                      class_name="pw-radio"),
            rx.el.div(rx.el.input(type="radio", name="decision", value="return", id="decision-return"),
                      rx.el.label("Return it to the provider", html_for="decision-return"), class_name="pw-radio"),
            class_name="pw-radios")),
        field_group("Comment", "comment", "decision-", state.errors, rx.el.textarea(
            id="decision-comment", name="comment", class_name="input", rows=4, max_length=5000),
            hint="Needed when you return it: say what is still missing. Kept in the thread."),
        rx.el.button("Record decision", type="submit", class_name="button", id="record-decision"),
        on_submit=state.decide,
        reset_on_submit=True,
        id="decision-form",
    )


def recommendation_review_page() -> rx.Component:
    """The page at ``/recommendations/[recommendation_id]``."""
    state, view = RecommendationReviewState, RecommendationReviewState.view
    return page(
        "Recommendation",
        rx.el.p(rx.el.a("Back to the inspection", href="/inspections/" + view.recommendation.inspection_id.to(str)),
                class_name="back-link"),
        notice(state.message),
        recommendation_summary(view),
        rx.cond(view.may_decide, _decision_form()),
    )
