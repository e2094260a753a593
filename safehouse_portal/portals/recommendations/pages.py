"""Pages of the recommendations area (each recommendation followed to done), registered on the app."""

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.portals.recommendations.provider_recommendation import (
    ProviderRecommendationState, provider_recommendation_page,
)
from safehouse_portal.portals.recommendations.provider_recommendations import (
    ProviderRecommendationsState, provider_recommendations_page,
)
from safehouse_portal.portals.recommendations.recommendation_review import (
    RecommendationReviewState, recommendation_review_page,
)

_SUFFIX = " - Safehouse Portal"


def register(app: rx.App) -> None:
    """Add this area's pages to ``app``."""
    pages = [
        (provider_recommendations_page, routes.PROVIDER_RECOMMENDATIONS, "Recommendations",
         ProviderRecommendationsState.load),
        (provider_recommendation_page, routes.PROVIDER_RECOMMENDATION, "Recommendation",
         ProviderRecommendationState.load),
        (recommendation_review_page, routes.RECOMMENDATION, "Recommendation",
         RecommendationReviewState.load),
    ]
    for component, route, title, on_load in pages:
        app.add_page(component, route=route, title=title + _SUFFIX, on_load=on_load)
