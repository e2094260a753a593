"""The finished plan on the "Plan the year" page (stateless: each part takes the page's State).

What happened, the groups left out and why, the inspections to accept (each with its dates,
announcement, team and "why here"), then the same plan as a timeline by inspector and
month and as a list by month. Accepting confirms with links to the board.
"""

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.portals.shared.shell import table
from safehouse_portal.services.planning.plan_request import ACCEPT_PREFIX


def outcome(state) -> rx.Component:
    """The run's result in words, announced when it appears."""
    result = state.outcome
    return rx.el.div(
        rx.cond(result.kind != "", rx.el.div(
            rx.el.h2(result.headline, class_name="heading-m plan-outcome-heading"),
            rx.el.p(result.detail),
            rx.foreach(state.notes, lambda note: rx.el.p(note, class_name="hint")),
            class_name="notification " + result.kind, id="plan-outcome")),
        role="status", aria_live="polite")


def unplaced(state) -> rx.Component:
    """Every group the plan left out, with the rule that kept it out."""
    return rx.cond(state.unplaced.length() > 0, rx.el.div(
        rx.el.h2("Groups left out", class_name="heading-m"),
        rx.el.ul(rx.foreach(state.unplaced, lambda u: rx.el.li(rx.el.strong(u.group), ": ", u.why)),
                 class_name="list", id="plan-unplaced")))


def accepted(state) -> rx.Component:
    """What the last accept planned, with the way to the board."""
    return rx.cond(state.accepted.length() > 0, rx.el.div(
        rx.el.h2(state.accepted.length().to_string(),
                 rx.cond(state.accepted.length() == 1, " inspection planned", " inspections planned"),
                 class_name="heading-m"),
        rx.el.ul(rx.foreach(state.accepted, lambda r: rx.el.li(r.group, ": ", r.dates_label, ", led by ", r.lead_name)),
                 class_name="list"),
        rx.el.p("They are on the ", rx.el.a("programme board", href=routes.PROGRAMME_BOARD, id="plan-board-link"),
                " as planned. The next run keeps them where they are unless you release them."),
        class_name="notification success", id="plan-accepted", tab_index=-1))


def _team(row) -> rx.Component:
    return rx.el.span(row.lead_name, " (lead)",
                      rx.foreach(row.team_names[1:], lambda name: rx.el.span(", ", name)))


def _accept_row(row) -> list[rx.Component]:
    box_id = "plan-" + ACCEPT_PREFIX + row.group_id.to_string()
    return [
        rx.el.td(rx.el.div(rx.el.input(type="checkbox", name=ACCEPT_PREFIX + row.group_id.to_string(), id=box_id),
                           rx.el.label(rx.el.span("Accept ", class_name="visually-hidden"), row.group,
                                       html_for=box_id), class_name="checkbox-row"),
                 rx.el.span(row.provider, class_name="hint")),
        rx.el.td(row.dates_label, rx.el.span("Announce ", row.announce_label, class_name="hint"),
                 rx.cond(row.late, rx.el.strong("Late", class_name="tag red"))),
        rx.el.td(_team(row)),
        rx.el.td(row.why, rx.el.span(row.reason, class_name="hint"),
                 rx.cond(row.deadline_label != "", rx.el.span("Deadline ", row.deadline_label, class_name="hint"))),
    ]


def accept_form(state) -> rx.Component:
    """The plan's inspections, each with a box to tick; accept the ticked ones, or all."""
    return rx.cond(state.rows.length() > 0, rx.el.form(
        rx.el.p("Nothing is planned until you accept it. Accepting creates planned inspections; the usual "
                "allocation rules are checked again for each.", class_name="hint"),
        table(["Group", "Dates", "Team", "Why here"], state.rows, _accept_row,
              caption="Inspections in this plan", reflow=True),
        rx.el.div(
            rx.el.button("Accept ticked inspections", type="submit", class_name="button", id="accept-ticked"),
            rx.el.button("Accept all", type="button", class_name="button secondary", id="accept-all",
                         on_click=state.accept_all),
            class_name="button-group"),
        on_submit=state.accept, reset_on_submit=True, id="accept-form"))


def _month_cell(items) -> rx.Component:
    return rx.el.td(rx.foreach(items, lambda text: rx.el.div(text)))


def timeline(state) -> rx.Component:
    """The plan by inspector (rows) and month (columns), then a list by month."""
    tables = state.tables
    return rx.cond(tables.by_inspector.length() > 0, rx.el.div(
        rx.el.h2("Timeline by inspector", class_name="heading-m"),
        rx.el.div(rx.el.table(
            rx.el.caption("Inspections by inspector and month", class_name="visually-hidden"),
            rx.el.thead(rx.el.tr(rx.el.th("Inspector", scope="col"),
                                 rx.foreach(tables.months, lambda m: rx.el.th(m, scope="col")))),
            rx.el.tbody(rx.foreach(tables.by_inspector, lambda r: rx.el.tr(
                rx.el.th(r.inspector, scope="row"), rx.foreach(r.cells, _month_cell)))),
            class_name="table plan-timeline", id="plan-timeline"),
            class_name="plan-scroll", tab_index=0, role="region", aria_label="Timeline by inspector, scrolls sideways"),
        rx.el.h2("By month", class_name="heading-m"),
        rx.foreach(tables.by_month, lambda m: rx.el.div(
            rx.el.h3(m.month, class_name="heading-s"),
            rx.el.ul(rx.foreach(m.rows, lambda r: rx.el.li(
                rx.el.strong(r.group), ": ", r.dates_label, ", led by ", r.lead_name,
                rx.cond(r.late, rx.el.span(" (late)")))), class_name="list"))),
        id="plan-by-month"))
