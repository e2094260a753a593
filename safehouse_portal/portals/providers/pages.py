"""Pages of the providers area (the provider lead's home, one provider, the lead contact), registered on the app."""

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.portals.engagement.provider_section import ProviderEngagementState
from safehouse_portal.portals.providers.contact import LeadContactState, lead_contact_page
from safehouse_portal.portals.providers.detail import ProviderDetailState, provider_detail_page
from safehouse_portal.portals.providers.home import ProviderHomeState, provider_home_page
from safehouse_portal.portals.survey.link_panels import ProviderSurveyState
from safehouse_portal.portals.providers.programme_groups import ProgrammeGroupsState, programme_groups_page
from safehouse_portal.portals.providers.programme_location import ProgrammeLocationState, programme_location_page
from safehouse_portal.portals.providers.programme_provider import ProgrammeProviderState, programme_provider_page
from safehouse_portal.portals.providers.programme_providers import ProgrammeProvidersState, programme_providers_page
from safehouse_portal.portals.providers.provider_changes import ProviderChangesState, provider_changes_page
from safehouse_portal.portals.providers.service_changes import ServiceChangesState, service_changes_page


def register(app: rx.App) -> None:
    """Add the providers pages to ``app``."""
    app.add_page(provider_home_page, route=routes.PROVIDER_HOME, title="Your service - Safehouse Portal",
                 on_load=[ProviderHomeState.load, ProviderSurveyState.load])
    app.add_page(provider_detail_page, route=routes.PROVIDER, title="Provider - Safehouse Portal",
                 on_load=[ProviderDetailState.load, ProviderEngagementState.load])
    app.add_page(lead_contact_page, route=routes.PROVIDER_CONTACT, title="Lead contact - Safehouse Portal",
                 on_load=LeadContactState.load)
    app.add_page(programme_providers_page, route=routes.PROGRAMME_PROVIDERS, title="Providers - Safehouse Portal",
                 on_load=ProgrammeProvidersState.load)
    app.add_page(programme_provider_page, route=routes.PROGRAMME_PROVIDER, title="Provider details - Safehouse Portal",
                 on_load=ProgrammeProviderState.load)
    app.add_page(programme_groups_page, route=routes.PROGRAMME_GROUPS, title="Inspection groups - Safehouse Portal",
                 on_load=ProgrammeGroupsState.load)
    app.add_page(programme_location_page, route=routes.PROGRAMME_LOCATION, title="Location - Safehouse Portal",
                 on_load=ProgrammeLocationState.load)
    app.add_page(service_changes_page, route=routes.SERVICE_CHANGES,
                 title="Changes providers told us about - Safehouse Portal", on_load=ServiceChangesState.load)
    app.add_page(provider_changes_page, route=routes.PROVIDER_CHANGES,
                 title="Changes to your services - Safehouse Portal", on_load=ProviderChangesState.load)
