"""The inspector's home: their inspections with the next deadline, designated providers, open requests."""

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.portals.shared.auth_state import AuthState
from safehouse_portal.portals.shared.edge import programme_today
from safehouse_portal.services.programme import inspector_home
from safehouse_portal.services.programme.inspector_home import HomeInspection, HomeProvider, HomeRequest
from safehouse_portal.portals.shared.shell import page, stage_tag, table

class InspectorHomeState(AuthState):
    """The signed-in inspector's read models."""

    inspections: list[HomeInspection] = []
    providers: list[HomeProvider] = []
    requests: list[HomeRequest] = []

    @rx.event
    def load(self):
        def fill(session, actor):
            home = inspector_home.inspector_home(session=session, actor=actor, today=programme_today())
            self.inspections, self.providers, self.requests = home.inspections, home.providers, home.requests

        return self._load_page(fill)


def _countdown(i) -> rx.Component:
    return rx.cond(i.overdue, rx.el.strong(i.countdown_text, class_name="tag red"),
                   rx.cond(i.countdown_text != "", rx.el.strong(i.countdown_text, class_name="tag grey"), ""))


def _inspection_row(i) -> list[rx.Component]:
    return [
        rx.el.th(rx.el.a(i.group_name, href=routes.workspace(i.id)), rx.el.span(i.provider_name, class_name="hint"),
                 scope="row"),
        rx.el.td(i.role, rx.el.span(i.type, class_name="hint")),
        rx.el.td(i.dates),
        rx.el.td(stage_tag(i.stage_label)),
        rx.el.td(i.next_milestone, rx.cond(i.next_due != "", rx.el.span("Due ", i.next_due, class_name="hint"))),
        rx.el.td(_countdown(i)),
        rx.el.td(rx.el.a("Timeline", href=routes.inspection(i.id))),
    ]


def _request_row(r) -> list[rx.Component]:
    return [
        rx.el.td(r.question),
        rx.el.td(r.group_name, rx.cond(r.kloe != "", rx.el.span("KLOE ", r.kloe, class_name="hint"))),
        rx.el.td(r.due, rx.cond(r.overdue, rx.el.strong(" Overdue", class_name="tag red"))),
        rx.el.td(rx.el.a("Requests", href=routes.inspection_requests(r.inspection_id))),
    ]


def inspector_home_page() -> rx.Component:
    """The page at ``/inspector``."""
    state = InspectorHomeState
    return page(
        "Your inspections",
        rx.el.p("Countdowns are in working days: weekends, bank holidays and programme closures do not count.",
                class_name="hint"),
        rx.el.p("Planning uses your home region, skills and days off: ",
                rx.el.a("keep your availability up to date", href=routes.AVAILABILITY, id="own-availability"), "."),
        table(["Inspection group", "Your role", "Planned dates", "Stage", "Next milestone", "Countdown", "Details"],
              state.inspections, _inspection_row, caption="Inspections you lead or are on the team of", reflow=True),
        rx.cond(state.inspections.length() == 0, rx.el.p("You are not on any inspection yet.")),
        table(["Provider", "Lead person", "Email", "Phone"], state.providers,
              lambda p: [rx.el.td(rx.el.a(p.name, href=routes.provider(p.id))), rx.el.td(p.lead_name),
                         rx.el.td(rx.el.a(p.lead_email, href="mailto:" + p.lead_email)), rx.el.td(p.lead_phone)],
              caption="Providers you are the designated inspector for", reflow=True),
        table(["Request", "Inspection", "Due", "Answers"], state.requests, _request_row,
              caption="Information requests you sent that await an answer", reflow=True),
        rx.cond(state.requests.length() == 0, rx.el.p("No request you sent awaits an answer.", id="no-requests")),
    )
