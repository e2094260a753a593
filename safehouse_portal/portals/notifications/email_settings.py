"""``/notifications/settings``: which kinds of notification the person also gets by email."""

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.portals.shared.auth_state import AuthState
from safehouse_portal.portals.shared.forms import error_summary
from safehouse_portal.portals.shared.shell import page
from safehouse_portal.services.notifications import preferences
from safehouse_portal.services.notifications.preferences import PreferenceRow


class EmailSettingsState(AuthState):
    """The person's email choice for each kind they can receive."""

    rows: list[PreferenceRow] = []
    errors: dict[str, str] = {}
    message: str = ""

    def _refresh(self, session, actor) -> None:
        self.rows = preferences.my_preferences(session=session, actor=actor)

    @rx.event
    def load(self):
        self.message, self.errors = "", {}
        return self._load_page(self._refresh)

    @rx.event
    def save(self, form: dict):
        """Emails on for the boxes ticked (each named ``email-KIND``), off for the rest."""
        chosen = None if not isinstance(form, dict) else [
            key.removeprefix("email-") for key, value in form.items()
            if isinstance(key, str) and key.startswith("email-") and value in ("on", True, "true")]
        self.message = ""
        done, rows = self._run(lambda s, a: preferences.save_preferences(session=s, actor=a, email_on=chosen))
        if done:
            self.rows = rows
            self.message = "Your email choices are saved. You still see every notification in the portal."


def _choice(row) -> rx.Component:
    box_id = "email-" + row.kind
    return rx.el.div(
        rx.el.input(type="checkbox", name=box_id, id=box_id, default_checked=row.email, class_name="checkbox-input",
                    key=box_id + rx.cond(row.email, "-on", "-off")),
        rx.el.label(row.label, html_for=box_id, class_name="checkbox-label"),
        class_name="checkbox-item",
    )


def email_settings_page() -> rx.Component:
    """The page at ``/notifications/settings``."""
    state = EmailSettingsState
    return page(
        "Notification emails",
        rx.cond(state.errors.length() > 0, error_summary(state.errors, "")),
        rx.el.div(rx.cond(state.message != "", rx.el.p(state.message, class_name="notification")),
                  aria_live="polite", role="status"),
        rx.el.p("Every notification appears in the portal under ", rx.el.a("Notifications", href=routes.NOTIFICATIONS),
                ". Tick the ones you also want by email. Emails only say what happened and link here: "
                "they never contain addresses, survivors' words or report text.", class_name="caption"),
        rx.el.form(
            rx.el.fieldset(
                rx.el.legend("Send me an email when", class_name="label"),
                rx.foreach(state.rows, _choice),
                class_name="fieldset", id="email_on",
            ),
            rx.el.button("Save email choices", type="submit", class_name="button", id="save-email-choices"),
            on_submit=state.save, reset_on_submit=False,
        ),
    )
