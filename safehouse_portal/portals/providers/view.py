"""How one provider is shown: lead contact, locations and inspections."""

import reflex as rx

from safehouse_portal.portals.shared.shell import stage_tag, summary_list, table


def provider_view(detail) -> rx.Component:
    """The provider's details; ``detail`` is a ProviderDetail var."""
    return rx.el.div(
        rx.el.h2("Lead contact", class_name="heading-m"),
        summary_list(
            ("Provider", detail.name),
            ("Lead person", detail.lead_name),
            ("Email", detail.lead_email),
            ("Phone", detail.lead_phone),
            ("Designated inspector", detail.designated_inspector),
        ),
        table(
            ["Inspection group", "Type", "Mode", "Planned dates", "Lead inspector", "Stage"],
            detail.inspections,
            lambda i: [
                rx.el.td(i.group_name), rx.el.td(i.type), rx.el.td(i.mode),
                rx.el.td(i.dates), rx.el.td(i.lead_inspector),
                rx.el.td(stage_tag(i.stage_label)),
            ],
            caption="Inspections", reflow=True,
        ),
        table(
            ["Location", "Kind", "Region", "Address", "Children", "Capacity", "Group"],
            detail.locations,
            lambda loc: [
                rx.el.td(loc.name), rx.el.td(loc.kind), rx.el.td(loc.region), rx.el.td(loc.address),
                rx.el.td(rx.cond(loc.accommodates_children, "Yes", "No")), rx.el.td(loc.capacity),
                rx.el.td(loc.group_name),
            ],
            caption="Locations", reflow=True,
        ),
    )
