"""The Reflex app: each portal registers its pages; the HTTP routes sit in front."""

import reflex as rx

from safehouse_portal.auth.allowlist import EventAllowlist
from safehouse_portal.http import http_routes
from safehouse_portal.portals.admin import routes as admin_routes
from safehouse_portal.portals.analytics import routes as analytics_routes
from safehouse_portal.portals.common.sign_in import IndexState, SignInState, index_page, sign_in_page
from safehouse_portal.portals.inspection import routes as inspection_routes
from safehouse_portal.portals.inspector import routes as inspector_routes
from safehouse_portal.portals.kloe import routes as kloe_routes
from safehouse_portal.portals.manager import routes as manager_routes
from safehouse_portal.portals.provider import routes as provider_routes
from safehouse_portal.portals.reports import routes as report_routes
from safehouse_portal.portals.requests import routes as request_routes
from safehouse_portal.portals.stakeholder import routes as stakeholder_routes
from safehouse_portal.portals.workspace import routes as workspace_routes

STYLESHEETS = ["/styles.css", "/provider.css", "/provider_work.css", "/inspector.css", "/kloe.css", "/programme.css",
               "/reports.css", "/analytics.css"]

app = rx.App(stylesheets=STYLESHEETS, api_transformer=http_routes(), theme=None)
app.add_middleware(EventAllowlist())

app.add_page(index_page, route="/", title="Safehouse Portal", on_load=IndexState.load)
app.add_page(sign_in_page, route="/sign-in", title="Sign in - Safehouse Portal", on_load=SignInState.load)
for portal in (provider_routes, inspector_routes, manager_routes, stakeholder_routes, admin_routes,
               inspection_routes, workspace_routes, request_routes, report_routes, analytics_routes,
               kloe_routes):
    portal.register(app)
