"""Pages of the accounts area (sign-in, the admin's users and roles), registered on the app."""

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.portals.accounts.sign_in import IndexState, SignInState, index_page, sign_in_page
from safehouse_portal.portals.accounts.change_password import ChangePasswordState, change_password_page
from safehouse_portal.portals.accounts.not_found import NotFoundState, not_found_page
from safehouse_portal.portals.accounts.user_role import UserRoleState, user_role_page
from safehouse_portal.portals.accounts.users import AdminUsersState, admin_users_page


def register(app: rx.App) -> None:
    """Add the accounts pages to ``app``."""
    app.add_page(index_page, route=routes.HOME, title="Safehouse Portal", on_load=IndexState.load)
    app.add_page(sign_in_page, route=routes.SIGN_IN, title="Sign in - Safehouse Portal", on_load=SignInState.load)
    app.add_page(admin_users_page, route=routes.ADMIN_USERS, title="Users - Safehouse Portal", on_load=AdminUsersState.load)
    app.add_page(user_role_page, route=routes.ADMIN_USER, title="Change role - Safehouse Portal",
                 on_load=UserRoleState.load)
    app.add_page(change_password_page, route=routes.CHANGE_PASSWORD, title="Choose your own password - Safehouse Portal",
                 on_load=ChangePasswordState.load)
    app.add_page(not_found_page, route=routes.NOT_FOUND, title="Page not found - Safehouse Portal",
                 on_load=NotFoundState.load)
