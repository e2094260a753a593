"""Pages of the requests area (additional information requests), registered on the app."""

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.portals.requests.inspection_requests import InspectionRequestsState, inspection_requests_page
from safehouse_portal.portals.requests.provider_request import ProviderRequestState, provider_request_page
from safehouse_portal.portals.requests.provider_requests import ProviderRequestsState, provider_requests_page

_SUFFIX = " - Safehouse Portal"


def register(app: rx.App) -> None:
    """Add this area's pages to ``app``."""
    pages = [
        (provider_requests_page, routes.PROVIDER_REQUESTS, "Requests for more information", ProviderRequestsState.load),
        (provider_request_page, routes.PROVIDER_REQUEST, "Request for more information",
         ProviderRequestState.load),
        (inspection_requests_page, routes.INSPECTION_REQUESTS, "Information requests",
         InspectionRequestsState.load),
    ]
    for component, route, title, on_load in pages:
        app.add_page(component, route=route, title=title + _SUFFIX, on_load=on_load)
