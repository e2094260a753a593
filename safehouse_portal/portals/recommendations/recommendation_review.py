"""A recommendation's thread for inspectors at ``/recommendations/[recommendation_id]``: accept or return."""

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.portals.shared.auth_state import AuthState
from safehouse_portal.portals.shared.thread_parts import (
    error_summary, field_group, form_fields, id_from_path, radios, today,
)
from safehouse_portal.portals.recommendations.provider_recommendation import EMPTY_THREAD
from safehouse_portal.portals.recommendations.recommendation_view import recommendation_page
from safehouse_portal.services.recommendations import threads as recommendation_threads
from safehouse_portal.services.recommendations.threads import ThreadView


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
        data = form_fields(form)
        done, view = self._run(lambda s, a: recommendation_threads.decide(
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
        field_group("Decision", "decision", "decision-", state.errors, radios("decision", "decision-", [
            ("accept", "Accept: the recommendation is met"), ("return", "Return it to the provider")])),
        field_group("Comment", "comment", "decision-", state.errors, rx.el.textarea(
            id="decision-comment", name="comment", class_name="input", rows=4, max_length=recommendation_threads.MAX_TEXT),
            hint="Needed when you return it: say what is still missing. Kept in the thread."),
        rx.el.button("Record decision", type="submit", class_name="button", id="record-decision"),
        on_submit=state.decide,
        reset_on_submit=False,
        id="decision-form",
    )


def recommendation_review_page() -> rx.Component:
    """The page at ``/recommendations/[recommendation_id]``."""
    state, view = RecommendationReviewState, RecommendationReviewState.view
    back = rx.el.a("Back to the inspection", href=routes.inspection(view.recommendation.inspection_id))
    return recommendation_page(back, state.message, view, rx.cond(view.may_decide, _decision_form()))
