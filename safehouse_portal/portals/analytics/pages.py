"""Pages of the analytics area, registered on the app."""

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.portals.analytics.items import AnalyticsItemsState, analytics_items_page
from safehouse_portal.portals.analytics.page import AnalyticsState, analytics_page
from safehouse_portal.portals.analytics.survey_view import SurveyAnalyticsState, survey_analytics_page


def register(app: rx.App) -> None:
    """Add this area's pages to ``app``."""
    app.add_page(analytics_page, route=routes.ANALYTICS, title="Programme analytics - Safehouse Portal",
                 on_load=AnalyticsState.load)
    app.add_page(analytics_items_page, route=routes.ANALYTICS_ITEMS,
                 title="Items behind a figure - Safehouse Portal", on_load=AnalyticsItemsState.load)
    app.add_page(survey_analytics_page, route=routes.ANALYTICS_SURVEY,
                 title="Survivor survey - Programme analytics - Safehouse Portal", on_load=SurveyAnalyticsState.load)
