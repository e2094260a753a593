"""The inspector's home: their inspections and designated providers."""

import reflex as rx

from safehouse_portal.auth.state import AuthState
from safehouse_portal.services import overview
from safehouse_portal.services.overview import DesignatedProvider
from safehouse_portal.services.providers import InspectionRow
from safehouse_portal.ui.shell import page, stage_tag, table


class InspectorHomeState(AuthState):
    inspections: list[InspectionRow] = []
    providers: list[DesignatedProvider] = []

    @rx.event
    def load(self):
        def fill(session, actor):
            home = overview.inspector_home(session=session, actor=actor)
            self.inspections, self.providers = home.inspections, home.providers

        return self._load_page(fill)


def inspector_home_page() -> rx.Component:
    return page(
        "Your inspections",
        table(
            ["Inspection group", "Provider", "Type", "Mode", "Planned dates", "Lead inspector", "Stage"],
            InspectorHomeState.inspections,
            lambda i: [
                rx.el.td(i.group_name), rx.el.td(i.provider_name), rx.el.td(i.type), rx.el.td(i.mode),
                rx.el.td(i.dates), rx.el.td(i.lead_inspector),
                rx.el.td(stage_tag(i.stage_label)),
            ],
            caption="Inspections you lead or are on the team of",
        ),
        table(
            ["Provider", "Lead person", "Email", "Phone"],
            InspectorHomeState.providers,
            lambda p: [
                rx.el.td(rx.el.a(p.name, href="/providers/" + p.id.to_string())), rx.el.td(p.lead_name),
                rx.el.td(p.lead_email), rx.el.td(p.lead_phone),
            ],
            caption="Providers you are the designated inspector for",
        ),
    )
