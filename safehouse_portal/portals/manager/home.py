"""The programme manager's home: every current inspection by stage."""

import reflex as rx

from safehouse_portal.auth.state import AuthState
from safehouse_portal.services import overview
from safehouse_portal.services.overview import StageCount
from safehouse_portal.services.providers import InspectionRow
from safehouse_portal.ui.shell import page, stage_tag, table


class ProgrammeHomeState(AuthState):
    stage_counts: list[StageCount] = []
    inspections: list[InspectionRow] = []
    provider_count: int = 0
    group_count: int = 0

    @rx.event
    def load(self):
        def fill(session, actor):
            view = overview.programme_overview(session=session, actor=actor)
            self.stage_counts, self.inspections = view.stage_counts, view.inspections
            self.provider_count, self.group_count = view.providers, view.groups

        return self._load_page(fill)


def programme_home_page() -> rx.Component:
    return page(
        "Programme",
        rx.el.p(ProgrammeHomeState.provider_count, " providers, ", ProgrammeHomeState.group_count,
                " inspection groups.", class_name="caption"),
        rx.el.div(
            rx.foreach(ProgrammeHomeState.stage_counts, lambda s: rx.el.div(
                rx.el.span(s.count, class_name="count"), rx.el.span(s.label), class_name="stage-card")),
            class_name="stage-grid", aria_label="Inspections by stage",
        ),
        table(
            ["Inspection group", "Provider", "Type", "Mode", "Planned dates", "Lead inspector", "Stage"],
            ProgrammeHomeState.inspections,
            lambda i: [
                rx.el.td(i.group_name), rx.el.td(i.provider_name), rx.el.td(i.type), rx.el.td(i.mode),
                rx.el.td(i.dates), rx.el.td(i.lead_inspector),
                rx.el.td(stage_tag(i.stage_label)),
            ],
            caption="Current inspections",
        ),
    )
