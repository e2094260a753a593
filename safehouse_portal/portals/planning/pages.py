"""Pages of the planning area (plan the year, inspectors' availability), registered on the app."""

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.portals.planning.availability_page import AvailabilityState, availability_page
from safehouse_portal.portals.planning.plan_year import PlanYearState, plan_year_page


def register(app: rx.App) -> None:
    """Add the planning pages to ``app``."""
    app.add_page(plan_year_page, route=routes.PLAN_YEAR, title="Plan the year - Safehouse Portal",
                 on_load=PlanYearState.load)
    app.add_page(availability_page, route=routes.AVAILABILITY, title="Availability - Safehouse Portal",
                 on_load=AvailabilityState.load)
