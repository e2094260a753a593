"""Choose your own password: the one page a person given a one-time password can use.

The form posts to ``/auth/change-password`` (a plain HTTP route, like signing in), so the
password never passes through the page's State.
"""

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.portals.shared.auth_state import AuthState
from safehouse_portal.portals.shared.native_form import native_form
from safehouse_portal.portals.shared.shell import header
from safehouse_portal.services.accounts.own_password import MAX_PASSWORD_LENGTH, PASSWORD_ERRORS
from safehouse_portal.services.accounts.passwords import MIN_PASSWORD_LENGTH
from safehouse_portal.web.auth import password_change_actor


class ChangePasswordState(AuthState):
    """Why the last try was refused, if it was."""

    error: str = ""

    @rx.event
    def load(self):
        with self._unit() as (session, actor):
            pending = password_change_actor(session, self.router.headers.cookie)
        if actor is not None:
            return rx.redirect(routes.home(actor.role))
        if pending is None:
            return rx.redirect(routes.SIGN_IN)
        self.user_name, self.signed_in = pending.name, False
        self.error = PASSWORD_ERRORS.get(self.router.url.query_parameters.get("error", ""), "")
        return None


def _field(label: str, name: str, hint: str = "") -> rx.Component:
    return rx.el.div(
        rx.el.label(label, html_for=name, class_name="label"),
        rx.el.span(hint, class_name="hint", id=f"{name}-hint") if hint else rx.fragment(),
        rx.cond(ChangePasswordState.error != "", rx.el.span(
            rx.el.span("Error: ", class_name="visually-hidden"), ChangePasswordState.error,
            class_name="error-message", id=f"{name}-error")),
        rx.el.input(id=name, name=name, type="password", auto_complete="new-password", required=True,
                    class_name="input", spell_check=False, max_length=MAX_PASSWORD_LENGTH, **({"aria-describedby": f"{name}-hint"} if hint else {})),
        class_name=rx.cond(ChangePasswordState.error != "", "form-group error", "form-group"),
    )


def change_password_page() -> rx.Component:
    """One question: the new password, twice, with an error summary on refusal."""
    return rx.el.div(
        rx.el.a("Skip to main content", href="#main", class_name="skip-link"),
        header(),
        rx.el.main(
            rx.cond(
                ChangePasswordState.error != "",
                rx.el.div(
                    rx.el.h2("There is a problem"),
                    rx.el.p(rx.el.a(ChangePasswordState.error, href="#password"), id="change-password-error"),
                    class_name="error-summary", role="alert", tab_index=-1, id="error-summary",
                ),
            ),
            rx.el.h1("Choose your own password", class_name="heading-l"),
            rx.el.p("You signed in with a one-time password. Choose a password only you know before you go on."),
            native_form(
                _field("New password", "password", f"At least {MIN_PASSWORD_LENGTH} characters."),
                _field("Confirm new password", "confirm"),
                rx.el.button("Save password and continue", type="submit", class_name="button", id="save-password"),
                action=routes.CHANGE_PASSWORD_POST,
                method="post",
            ),
            id="main",
            class_name="main-wrapper",
        ),
    )
