"""The programme's providers at ``/programme/providers``: each with its locations and changes waiting for a decision."""

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.portals.shared.auth_state import AuthState
from safehouse_portal.portals.shared.shell import page, table
from safehouse_portal.services.providers import setup
from safehouse_portal.services.providers.setup import ProviderListRow


class ProgrammeProvidersState(AuthState):
    providers: list[ProviderListRow] = []

    @rx.event
    def load(self):
        def fill(session, actor):
            self.providers = setup.providers_list(session=session, actor=actor)

        return self._load_page(fill)


def programme_providers_page() -> rx.Component:
    return page(
        "Providers",
        rx.el.p("Keep each provider's details, locations and inspection groups current. Every change asks why "
                "and is kept in the provider's history.", class_name="caption"),
        rx.el.p(rx.el.a("Changes providers told us about", href=routes.SERVICE_CHANGES)),
        table(["Provider", "Lead person", "Designated inspector", "Locations (open)", "Waiting for a decision", ""],
              ProgrammeProvidersState.providers, lambda p: [
                  rx.el.td(rx.el.a(p.name, href=routes.programme_provider(p.id))),
                  rx.el.td(p.lead_name), rx.el.td(p.designated_inspector),
                  rx.el.td(p.locations.to(str) + " (" + p.open_locations.to(str) + ")"),
                  rx.el.td(p.pending_changes),
                  rx.el.td(rx.el.a("Inspection groups", href=routes.programme_groups(p.id))),
              ], caption="Providers on the programme"),
    )
