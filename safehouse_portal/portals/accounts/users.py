"""The admin's page: create users, set role and provider, deactivate, reset passwords."""

from datetime import UTC, datetime

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.portals.shared.auth_state import AuthState
from safehouse_portal.domain.enums import ROLE_LABELS
from safehouse_portal.domain.ids import parse_id
from safehouse_portal.services.accounts import users
from safehouse_portal.services.accounts.users import UserRow
from safehouse_portal.portals.shared.shell import page, table

class AdminUsersState(AuthState):
    rows: list[UserRow] = []
    provider_options: list[dict[str, str]] = []
    errors: dict[str, str] = {}
    message: str = ""
    shown_password: str = ""
    shown_password_for: str = ""

    def _refresh(self, session, actor) -> None:
        self.rows = users.list_users(session=session, actor=actor)
        self.provider_options = [{"id": str(i), "name": n} for i, n in
                                 users.provider_choices(session=session, actor=actor)]

    @rx.event
    def load(self):
        self.shown_password = self.shown_password_for = self.message = ""
        self.errors = {}
        return self._load_page(self._refresh)

    @rx.event
    def create(self, form: dict):
        data = dict(form) if isinstance(form, dict) else {}
        provider = data.get("provider_id") or None
        data["provider_id"] = parse_id(provider) or provider
        self._act(lambda s, a: users.create_user(session=s, actor=a, data=data), "User created.")

    @rx.event
    def set_active(self, user_id: int, active: bool):
        self._act(lambda s, a: users.set_active(session=s, actor=a, user_id=user_id, active=active,
                                                now=datetime.now(UTC)),
                  "Account reactivated." if active is True else "Account deactivated and signed out.")

    @rx.event
    def reset_password(self, user_id: int):
        self._act(lambda s, a: users.reset_password(session=s, actor=a, user_id=user_id, now=datetime.now(UTC)),
                  "Password reset. Their sessions have ended.")

    def _act(self, action, success: str) -> None:
        self.message, self.shown_password, self.shown_password_for = "", "", ""
        done, result = self._run(action, refresh=self._refresh)
        if not done:
            return
        self.message = success
        if isinstance(result, users.OneTimePassword) and result.password:
            self.shown_password, self.shown_password_for = result.password, result.email


def _error(field: str) -> rx.Component:
    return rx.cond(AdminUsersState.errors.contains(field),
                   rx.el.span(AdminUsersState.errors[field], class_name="error-message", id=f"{field}-error"))


def _group(label: str, field: str, control: rx.Component) -> rx.Component:
    return rx.el.div(
        rx.el.label(label, html_for=field, class_name="label"), _error(field), control,
        class_name=rx.cond(AdminUsersState.errors.contains(field), "form-group error", "form-group"),
    )


def _create_form() -> rx.Component:
    return rx.el.form(
        rx.el.h2("Add a user", class_name="heading-m"),
        _group("Email address", "email", rx.el.input(id="email", name="email", type="email", class_name="input",
                                                      max_length=users.MAX_EMAIL)),
        _group("Full name", "name", rx.el.input(id="name", name="name", class_name="input", max_length=users.MAX_NAME)),
        _group("Role", "role", rx.el.select(
            *[rx.el.option(label, value=role.value) for role, label in ROLE_LABELS.items()],
            id="role", name="role", class_name="select")),
        _group("Provider (provider leads only)", "provider_id", rx.el.select(
            rx.el.option("None", value=""),
            rx.foreach(AdminUsersState.provider_options, lambda p: rx.el.option(p["name"], value=p["id"])),
            id="provider_id", name="provider_id", class_name="select")),
        rx.el.button("Add user", type="submit", class_name="button", id="add-user"),
        on_submit=AdminUsersState.create,
        reset_on_submit=False,
    )


def _row(u) -> list[rx.Component]:
    return [
        rx.el.td(rx.el.a(u.name, href=routes.admin_user(u.id), title="Change role")), rx.el.td(u.email), rx.el.td(u.role_label), rx.el.td(u.provider_name),
        rx.el.td(rx.cond(u.active, "Active", rx.el.strong("Deactivated", class_name="tag red"))),
        rx.el.td(
            rx.cond(u.active,
                    rx.el.button("Deactivate", on_click=AdminUsersState.set_active(u.id, False),
                                 class_name="button warning"),
                    rx.el.button("Reactivate", on_click=AdminUsersState.set_active(u.id, True),
                                 class_name="button secondary")),
            rx.el.button("Reset password", on_click=AdminUsersState.reset_password(u.id),
                         class_name="button secondary"),
        ),
    ]


def admin_users_page() -> rx.Component:
    return page(
        "Users",
        rx.cond(AdminUsersState.message != "",
                rx.el.div(AdminUsersState.message, class_name="notification", role="status")),
        rx.cond(AdminUsersState.shown_password != "", rx.el.div(
            rx.el.p("New password for ", AdminUsersState.shown_password_for,
                    ". It is shown only once: give it to them securely."),
            rx.el.span(AdminUsersState.shown_password, class_name="secret", id="one-time-password"),
            class_name="panel")),
        rx.cond(AdminUsersState.errors.length() > 0, rx.el.div(
            rx.el.h2("There is a problem"),
            rx.el.ul(rx.foreach(AdminUsersState.errors, lambda kv: rx.el.li(rx.el.a(kv[1], href="#" + kv[0])))),
            class_name="error-summary", role="alert")),
        _create_form(),
        table(["Name", "Email", "Role", "Provider", "Status", "Actions"], AdminUsersState.rows, _row,
              caption="Everyone who can sign in"),
    )
