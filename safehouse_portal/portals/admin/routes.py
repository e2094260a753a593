"""Pages of the admin portal, registered on the app."""

import reflex as rx

from safehouse_portal.portals.admin.closures import AdminClosuresState, admin_closures_page
from safehouse_portal.portals.admin.user_role import UserRoleState, user_role_page
from safehouse_portal.portals.admin.users import AdminUsersState, admin_users_page


def register(app: rx.App) -> None:
    """Add the admin pages to ``app``."""
    app.add_page(admin_users_page, route="/admin", title="Users - Safehouse Portal", on_load=AdminUsersState.load)
    app.add_page(user_role_page, route="/admin/users/[user_id]", title="Change role - Safehouse Portal",
                 on_load=UserRoleState.load)
    app.add_page(admin_closures_page, route="/admin/closures", title="Closure days - Safehouse Portal",
                 on_load=AdminClosuresState.load)
