"""The sign-in page. The form posts to /auth/sign-in, which sets an HttpOnly cookie."""

import reflex as rx

from safehouse_portal.portals.shared.native_form import native_form

from safehouse_portal.portals.shared.auth_state import AuthState
from safehouse_portal import routes
from safehouse_portal.services.accounts.sessions import SIGN_IN_REFUSED, SIGN_IN_THROTTLED
from safehouse_portal.portals.shared.shell import header


_ERRORS = {"refused": SIGN_IN_REFUSED, "wait": SIGN_IN_THROTTLED}
"""What the sign-in route's ``error`` says: wrong details, or too many failures from here."""


class SignInState(AuthState):
    """Whether to show the refusal (and whether it is about the fields) or the signed-out notice."""

    error: str = ""
    fields_wrong: bool = False
    notice: str = ""

    @rx.event
    def load(self):
        with self._unit() as (session, actor):
            self._show_actor(actor)
            elsewhere = routes.home(actor.role) if actor is not None else self._signed_out_home(session)
        self.not_permitted = False
        if elsewhere != routes.SIGN_IN:
            return rx.redirect(elsewhere)
        query = self.router.url.query_parameters
        self.error = _ERRORS.get(query.get("error", ""), "")
        self.fields_wrong = query.get("error") == "refused"
        self.notice = "You have signed out." if query.get("signed_out") else ""
        return None


def _field(label: str, name: str, kind: str, autocomplete: str) -> rx.Component:
    return rx.el.div(
        rx.el.label(label, html_for=name, class_name="label"),
        rx.cond(SignInState.fields_wrong, rx.el.span(
            rx.el.span("Error: ", class_name="visually-hidden"), "Enter a correct email address and password",
            class_name="error-message", id=f"{name}-error")),
        rx.el.input(id=name, name=name, type=kind, auto_complete=autocomplete, required=True,
                    class_name="input", spell_check=False),
        class_name=rx.cond(SignInState.fields_wrong, "form-group error", "form-group"),
    )


def sign_in_page() -> rx.Component:
    """One question per page: email and password, with an error summary on refusal."""
    return rx.el.div(
        header(),
        rx.el.main(
            rx.cond(SignInState.notice != "", rx.el.div(SignInState.notice, class_name="notification success",
                                                         role="status")),
            rx.cond(
                SignInState.error != "",
                rx.el.div(
                    rx.el.h2("There is a problem"),
                    rx.el.p(rx.el.a(SignInState.error, href="#email"), id="sign-in-error"),
                    class_name="error-summary", role="alert", tab_index=-1,
                ),
            ),
            rx.el.h1("Sign in to Safehouse Portal", class_name="heading-l"),
            native_form(
                _field("Email address", "email", "email", "username"),
                _field("Password", "password", "password", "current-password"),
                rx.el.button("Sign in", type="submit", class_name="button", id="sign-in"),
                action=routes.SIGN_IN_POST,
                method="post",
            ),
            id="main",
            class_name="main-wrapper",
        ),
    )


class IndexState(AuthState):
    """The root sends each person to their home, or to sign in."""

    @rx.event
    def load(self):
        with self._unit() as (session, actor):
            return rx.redirect(routes.home(actor.role) if actor else self._signed_out_home(session))


def index_page() -> rx.Component:
    return rx.el.div(header(), rx.el.main(rx.el.p("Loading..."), class_name="main-wrapper"))
