"""The Reflex app: pages register here; the HTTP sign-in routes sit in front."""

import reflex as rx

from safehouse_portal.auth.allowlist import EventAllowlist
from safehouse_portal.auth.web import auth_routes
from safehouse_portal.portals.admin.user_role import UserRoleState, user_role_page
from safehouse_portal.portals.admin.users import AdminUsersState, admin_users_page
from safehouse_portal.portals.common.sign_in import IndexState, SignInState, index_page, sign_in_page
from safehouse_portal.portals.inspector.home import InspectorHomeState, inspector_home_page
from safehouse_portal.portals.manager.home import ProgrammeHomeState, programme_home_page
from safehouse_portal.portals.provider.detail import ProviderDetailState, provider_detail_page
from safehouse_portal.portals.provider.home import ProviderHomeState, provider_home_page
from safehouse_portal.portals.stakeholder.reports import ReportsState, reports_page

app = rx.App(stylesheets=["/styles.css"], api_transformer=auth_routes(), theme=None)
app.add_middleware(EventAllowlist())

app.add_page(index_page, route="/", title="Safehouse Portal", on_load=IndexState.load)
app.add_page(sign_in_page, route="/sign-in", title="Sign in - Safehouse Portal", on_load=SignInState.load)
app.add_page(provider_home_page, route="/provider", title="Your service - Safehouse Portal",
             on_load=ProviderHomeState.load)
app.add_page(provider_detail_page, route="/providers/[provider_id]", title="Provider - Safehouse Portal",
             on_load=ProviderDetailState.load)
app.add_page(inspector_home_page, route="/inspector", title="Your inspections - Safehouse Portal",
             on_load=InspectorHomeState.load)
app.add_page(programme_home_page, route="/programme", title="Programme - Safehouse Portal",
             on_load=ProgrammeHomeState.load)
app.add_page(reports_page, route="/reports", title="Reports - Safehouse Portal", on_load=ReportsState.load)
app.add_page(admin_users_page, route="/admin", title="Users - Safehouse Portal", on_load=AdminUsersState.load)
app.add_page(user_role_page, route="/admin/users/[user_id]", title="Change role - Safehouse Portal",
             on_load=UserRoleState.load)
