"""The admin's page for one user: change their role and provider scope."""

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.portals.shared.auth_state import AuthState
from safehouse_portal.domain.enums import ROLE_LABELS
from safehouse_portal.domain.ids import parse_id
from safehouse_portal.portals.shared.edge import id_from_path
from safehouse_portal.services.accounts import users
from safehouse_portal.services.accounts.users import UserRow
from safehouse_portal.portals.shared.shell import page, summary_list

_EMPTY = UserRow()


class UserRoleState(AuthState):
    user: UserRow = _EMPTY
    provider_options: list[dict[str, str]] = []
    errors: dict[str, str] = {}
    message: str = ""

    @rx.event
    def load(self):
        user_id = id_from_path(self.router.url.path)
        self.errors, self.message = {}, ""

        def fill(session, actor):
            self.user = users.user_detail(session=session, actor=actor, user_id=user_id)
            self.provider_options = [{"id": str(i), "name": n}
                                     for i, n in users.provider_choices(session=session, actor=actor)]

        return self._load_page(fill)

    @rx.event
    def save(self, form: dict):
        data = dict(form) if isinstance(form, dict) else {}
        provider = data.get("provider_id")
        data["provider_id"] = parse_id(provider)
        self.message = ""
        user_id = self.user.id
        done, _ = self._run(lambda session, actor: users.change_role(
            session=session, actor=actor, user_id=user_id,
            data={"role": data.get("role"), "provider_id": data["provider_id"]}),
            refresh=self._show_user)
        if done:
            self.message = "Role saved."

    def _show_user(self, session, actor) -> None:
        self.user = users.user_detail(session=session, actor=actor, user_id=self.user.id)


def _error(field: str) -> rx.Component:
    return rx.cond(UserRoleState.errors.contains(field),
                   rx.el.span(UserRoleState.errors[field], class_name="error-message", id=f"{field}-error"))


def user_role_page() -> rx.Component:
    return page(
        "Change role",
        rx.cond(UserRoleState.message != "", rx.el.div(UserRoleState.message, class_name="notification success",
                                                         role="status")),
        rx.cond(UserRoleState.errors.length() > 0, rx.el.div(
            rx.el.h2("There is a problem"),
            rx.el.ul(rx.foreach(UserRoleState.errors, lambda kv: rx.el.li(rx.el.a(kv[1], href="#" + kv[0])))),
            class_name="error-summary", role="alert")),
        summary_list(("Name", UserRoleState.user.name), ("Email", UserRoleState.user.email),
                     ("Current role", UserRoleState.user.role_label),
                     ("Provider", UserRoleState.user.provider_name)),
        rx.el.form(
            rx.el.div(
                rx.el.label("Role", html_for="role", class_name="label"), _error("role"),
                rx.el.select(*[rx.el.option(label, value=role.value) for role, label in ROLE_LABELS.items()],
                             id="role", name="role", class_name="select", key=UserRoleState.user.role,
                             default_value=UserRoleState.user.role),
                class_name="form-group"),
            rx.el.div(
                rx.el.label("Provider (provider leads only)", html_for="provider_id", class_name="label"),
                _error("provider_id"),
                rx.el.select(rx.el.option("None", value=""),
                             rx.foreach(UserRoleState.provider_options,
                                        lambda p: rx.el.option(p["name"], value=p["id"])),
                             id="provider_id", name="provider_id", class_name="select"),
                class_name=rx.cond(UserRoleState.errors.contains("provider_id"), "form-group error", "form-group")),
            rx.el.button("Save role", type="submit", class_name="button", id="save-role"),
            on_submit=UserRoleState.save, reset_on_submit=False,
        ),
        rx.el.p(rx.el.a("Back to users", href=routes.ADMIN_USERS)),
    )
