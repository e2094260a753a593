"""One recommendation at ``/provider/recommendations/[recommendation_id]``: its thread, and the provider's update."""

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.portals.shared.auth_state import AuthState
from safehouse_portal.portals.shared.attachments import store_uploads
from safehouse_portal.portals.shared.thread_parts import (
    error_summary, field_group, form_fields, id_from_path, radios, today, upload_box,
)
from safehouse_portal.portals.recommendations.recommendation_view import recommendation_page
from safehouse_portal.services.recommendations import threads as recommendation_threads
from safehouse_portal.services.core.files import FileInfo
from safehouse_portal.services.recommendations.threads import ThreadView

EMPTY_THREAD = ThreadView()


class ProviderRecommendationState(AuthState):
    """The recommendation (id from the route), files attached to the next update, and the last outcome."""

    view: ThreadView = EMPTY_THREAD
    pending: list[FileInfo] = []
    upload_error: str = ""
    errors: dict[str, str] = {}
    message: str = ""
    _pending_ids: list[int] = []

    def _recommendation_id(self) -> int | None:
        return id_from_path(self.router.url.path)

    @rx.event
    def load(self):
        self.errors, self.message, self.upload_error, self.pending, self._pending_ids = {}, "", "", [], []

        def fill(session, actor):
            self.view = recommendation_threads.recommendation_thread(
                session=session, actor=actor, recommendation_id=self._recommendation_id(), today=today())

        return self._load_page(fill)

    @rx.event
    async def attach_files(self, files: list[rx.UploadFile]):
        if not (self.view.may_post and self.view.recommendation.id == self._recommendation_id()):
            self.upload_error = "Open the recommendation before attaching files to an update."
            return
        await store_uploads(self, files, "recommendation")

    @rx.event
    def post(self, form: dict):
        self.message = ""
        data = form_fields(form)
        done, view = self._run(lambda s, a: recommendation_threads.post_update(
            session=s, actor=a, recommendation_id=self._recommendation_id(), data=data,
            file_ids=list(self._pending_ids), today=today()))
        if done:
            self.view, self.pending, self._pending_ids = view, [], []
            self.message = "Posted. It is now in the thread below."


def _post_form() -> rx.Component:
    """The update form; it empties only once the update is in the thread (its key is the thread's length),
    so a refused update keeps what was typed."""
    state = ProviderRecommendationState
    return rx.el.div(
        rx.el.h2("Post an update", class_name="heading-m"),
        rx.cond(state.errors.length() > 0, error_summary(state.errors, "update-")),
        upload_box("update-files", state.attach_files, state.pending, state.upload_error, "Evidence files (optional)"),
        rx.el.form(
            field_group("What is this?", "kind", "update-", state.errors, radios("kind", "update-", [
                ("progress", "A progress update"),
                ("evidence", "Evidence that the recommendation is met: send it to the inspector to decide"),
            ], first_checked=True)),
            field_group("What you have done", "text", "update-", state.errors, rx.el.textarea(
                id="update-text", name="text", class_name="input", rows=6,
                max_length=recommendation_threads.MAX_TEXT)),
            rx.el.button("Post update", type="submit", class_name="button", id="post-update"),
            on_submit=state.post,
            reset_on_submit=False,
            id="update-form",
            key="update-form-" + state.view.updates.length().to_string(),
        ),
    )


def provider_recommendation_page() -> rx.Component:
    """The page at ``/provider/recommendations/[recommendation_id]``."""
    state, view = ProviderRecommendationState, ProviderRecommendationState.view
    return recommendation_page(rx.el.a("All recommendations", href=routes.PROVIDER_RECOMMENDATIONS), state.message, view,
                               rx.cond(view.may_post, _post_form()))
