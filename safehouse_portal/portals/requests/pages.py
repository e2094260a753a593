"""Pages of the requests area (additional information requests), registered on the app."""

import reflex as rx

from safehouse_portal.portals.requests.inspection_requests import InspectionRequestsState, inspection_requests_page
from safehouse_portal.portals.requests.provider_request import ProviderRequestState, provider_request_page
from safehouse_portal.portals.requests.provider_requests import ProviderRequestsState, provider_requests_page

_SUFFIX = " - Safehouse Portal"


def register(app: rx.App) -> None:
    """Add this area's pages to ``app``."""
    pages = [
        (provider_requests_page, "/provider/requests", "Requests for more information", ProviderRequestsState.load),
        (provider_request_page, "/provider/requests/[request_id]", "Request for more information",
         ProviderRequestState.load),
        (inspection_requests_page, "/inspections/[inspection_id]/requests", "Information requests",
         InspectionRequestsState.load),
    ]
    for component, route, title, on_load in pages:
        app.add_page(component, route=route, title=title + _SUFFIX, on_load=on_load)
