"""Coverage and revisit priorities at ``/programme/coverage`` (programme managers and admins)."""

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.portals.shared.auth_state import AuthState
from safehouse_portal.services.programme import coverage
from safehouse_portal.services.programme.coverage import CoverageView
from safehouse_portal.portals.shared.edge import programme_today
from safehouse_portal.portals.shared.shell import page, table

_EMPTY = CoverageView()


class CoverageState(AuthState):
    """The coverage read model."""

    view: CoverageView = _EMPTY

    @rx.event
    def load(self):
        def fill(session, actor):
            self.view = coverage.coverage_view(session=session, actor=actor, today=programme_today())

        return self._load_page(fill)


def _group_link(row) -> rx.Component:
    """The row's group, linked to its current inspection when it has one."""
    return rx.cond(row.inspection_id, rx.el.a(row.group_name, href=routes.inspection(row.inspection_id)),
                   rx.el.span(row.group_name))


def _empty(rows, text: str) -> rx.Component:
    return rx.cond(rows.length() == 0, rx.el.p(text, class_name="body"))


def coverage_page() -> rx.Component:
    """The page at ``/programme/coverage``."""
    view = CoverageState.view
    return page(
        "Coverage and revisit priorities",
        rx.el.p("Every service is inspected at least once a year. Revisits are also due where recommendations "
                "were made or concerns arose.", class_name="body"),
        rx.el.h2("Revisit priorities", class_name="heading-m", id="priorities"),
        rx.el.p("Highest score first. Each reason adds points: a serious concern 40, an early outcome letter 30, "
                "each overdue recommendation 15 (up to 5), each key question not meeting requirements 12, "
                "each KLOE not meeting requirements 8, each key question requiring improvement 6, each KLOE "
                "requiring improvement 4, each open recommendation 3 (up to 5), each open concern heard between "
                "inspections 20 (up to 3).", class_name="hint"),
        _empty(view.priorities, "No group has a reason to be revisited."),
        table(["Inspection group", "Provider", "Score", "Why", "Last inspected"], view.priorities, lambda p: [
            rx.el.td(_group_link(p)), rx.el.td(p.provider_name), rx.el.td(p.score),
            rx.el.td(rx.el.ul(rx.foreach(p.reasons, lambda reason: rx.el.li(reason)), class_name="reasons")),
            rx.el.td(p.last_inspected),
        ], caption="Groups to revisit, and why"),
        rx.el.h2("Not inspected within a year", class_name="heading-m", id="uncovered"),
        _empty(view.uncovered, "Every location was inspected within the last 12 months."),
        table(["Location", "Kind", "Region", "Inspection group", "Provider", "Last inspection ended", "How long"],
              view.uncovered, lambda u: [
                  rx.el.td(u.name), rx.el.td(u.kind), rx.el.td(u.region), rx.el.td(_group_link(u)),
                  rx.el.td(u.provider_name), rx.el.td(u.last_inspected), rx.el.td(u.how_long),
              ], caption="Locations whose last inspection ended more than 12 months ago, or never inspected"),
        rx.el.h2("Annual inspections due in the next ", view.due_weeks, " weeks", class_name="heading-m",
                 id="due-soon"),
        _empty(view.due_soon, "No group's annual inspection falls due in the next 8 weeks."),
        table(["Inspection group", "Provider", "Last inspection ended", "Annual inspection due", "Planned"],
              view.due_soon, lambda d: [
                  rx.el.td(_group_link(d)), rx.el.td(d.provider_name), rx.el.td(d.last_inspected),
                  rx.el.td(d.due), rx.el.td(d.planned),
              ], caption="Groups whose annual inspection falls due soon"),
    )
