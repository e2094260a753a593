"""Pages of the requests area, registered on the app: requests, lead contact and recommendation threads."""

import reflex as rx

from safehouse_portal.portals.requests.contact import LeadContactState, lead_contact_page
from safehouse_portal.portals.requests.inspection_requests import InspectionRequestsState, inspection_requests_page
from safehouse_portal.portals.requests.provider_recommendation import (
    ProviderRecommendationState, provider_recommendation_page,
)
from safehouse_portal.portals.requests.provider_recommendations import (
    ProviderRecommendationsState, provider_recommendations_page,
)
from safehouse_portal.portals.requests.provider_request import ProviderRequestState, provider_request_page
from safehouse_portal.portals.requests.provider_requests import ProviderRequestsState, provider_requests_page
from safehouse_portal.portals.requests.recommendation_review import (
    RecommendationReviewState, recommendation_review_page,
)

_SUFFIX = " - Safehouse Portal"


def register(app: rx.App) -> None:
    """Add this area's pages to ``app``."""
    pages = [
        (lead_contact_page, "/provider/contact", "Lead contact", LeadContactState.load),
        (provider_requests_page, "/provider/requests", "Requests for more information", ProviderRequestsState.load),
        (provider_request_page, "/provider/requests/[request_id]", "Request for more information",
         ProviderRequestState.load),
        (provider_recommendations_page, "/provider/recommendations", "Recommendations",
         ProviderRecommendationsState.load),
        (provider_recommendation_page, "/provider/recommendations/[recommendation_id]", "Recommendation",
         ProviderRecommendationState.load),
        (inspection_requests_page, "/inspections/[inspection_id]/requests", "Information requests",
         InspectionRequestsState.load),
        (recommendation_review_page, "/recommendations/[recommendation_id]", "Recommendation",
         RecommendationReviewState.load),
    ]
    for component, route, title, on_load in pages:
        app.add_page(component, route=route, title=title + _SUFFIX, on_load=on_load)
