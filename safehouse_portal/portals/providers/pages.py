"""Pages of the providers area (the provider lead's home, one provider, the lead contact), registered on the app."""

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.portals.engagement.provider_section import ProviderEngagementState
from safehouse_portal.portals.providers.contact import LeadContactState, lead_contact_page
from safehouse_portal.portals.providers.detail import ProviderDetailState, provider_detail_page
from safehouse_portal.portals.providers.home import ProviderHomeState, provider_home_page
from safehouse_portal.portals.survey.link_panels import ProviderSurveyState


def register(app: rx.App) -> None:
    """Add the providers pages to ``app``."""
    app.add_page(provider_home_page, route=routes.PROVIDER_HOME, title="Your service - Safehouse Portal",
                 on_load=[ProviderHomeState.load, ProviderSurveyState.load])
    app.add_page(provider_detail_page, route=routes.PROVIDER, title="Provider - Safehouse Portal",
                 on_load=[ProviderDetailState.load, ProviderEngagementState.load])
    app.add_page(lead_contact_page, route=routes.PROVIDER_CONTACT, title="Lead contact - Safehouse Portal",
                 on_load=LeadContactState.load)
