"""The provider lead's home at ``/provider``: what needs doing, most urgent first, then their service.

Everything comes from the lead's own provider only (the services decide that).
"""

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.portals.shared.auth_state import AuthState
from safehouse_portal.portals.providers.view import provider_view
from safehouse_portal.portals.shared.thread_parts import today
from safehouse_portal.services.providers import home as provider_home
from safehouse_portal.services.providers import profiles as providers
from safehouse_portal.services.providers.home import HomeView
from safehouse_portal.services.providers.profiles import ProviderDetail
from safehouse_portal.portals.shared.shell import page, summary_list
from safehouse_portal.portals.survey.link_panels import provider_survey_section


class ProviderHomeState(AuthState):
    """The lead's tasks and next inspection, and their provider's details."""

    home: HomeView = HomeView()
    detail: ProviderDetail = ProviderDetail()

    @rx.event
    def load(self):
        def fill(session, actor):
            self.home = provider_home.provider_home(session=session, actor=actor, today=today())
            self.detail = providers.own_provider(session=session, actor=actor)

        return self._load_page(fill)

    @rx.var
    def task_hrefs(self) -> list[str]:
        """Where each task is done, in the order of ``home.tasks``."""
        return [routes.provider_task(task.kind, task.target_id) for task in self.home.tasks]

    @rx.var
    def meetings_href(self) -> str:
        """The meetings with the designated inspector on the lead's provider page ("" until loaded)."""
        return routes.provider_meetings(self.detail.id) if self.detail.id else ""


def _task(task, href) -> rx.Component:
    return rx.el.li(
        rx.el.h3(rx.el.a(task.title, href=href), class_name="heading-s"),
        rx.el.p(task.detail),
        rx.el.p(
            rx.cond(task.overdue, rx.el.strong("Overdue", class_name="tag red"), rx.fragment()),
            " ", rx.el.span(task.due_text, class_name="task-due"),
            class_name="task-when",
        ),
        rx.el.details(rx.el.summary("How this date was worked out"), rx.el.p(task.explanation)),
        rx.el.p(rx.el.a(task.link_text, href=href, class_name="button secondary")),
        class_name=rx.cond(task.overdue, "task task-overdue", "task") + " task-" + task.kind.to(str),
    )


def _tasks(home) -> rx.Component:
    return rx.el.section(
        rx.el.h2("What needs doing", class_name="heading-m"),
        rx.cond(home.tasks.length() > 0,
                rx.el.ol(rx.foreach(home.tasks, lambda task, i: _task(task, ProviderHomeState.task_hrefs[i])),
                         class_name="task-list", id="tasks"),
                rx.el.p("Nothing needs doing now.", id="no-tasks")),
        id="what-needs-doing",
    )


def _next_inspection(next_inspection) -> rx.Component:
    return rx.el.section(
        rx.el.h2("Your next inspection", class_name="heading-m"),
        rx.cond(
            next_inspection.announced,
            summary_list(
                ("Inspection group", next_inspection.group_name),
                ("Dates", next_inspection.dates),
                ("Type", next_inspection.type_label),
                ("Mode", next_inspection.mode_label),
                ("Lead inspector", next_inspection.lead_inspector),
                ("Stage", next_inspection.stage_label),
            ),
            rx.el.p("No inspection has been announced to you.", id="no-next-inspection"),
        ),
        id="next-inspection",
    )


def _links() -> rx.Component:
    return rx.el.ul(
        rx.el.li(rx.el.a("Your information return (PIR)", href=routes.PROVIDER_PIR)),
        rx.el.li(rx.el.a("Requests for more information", href=routes.PROVIDER_REQUESTS)),
        rx.el.li(rx.el.a("Recommendations", href=routes.PROVIDER_RECOMMENDATIONS)),
        rx.el.li(rx.el.a("Lead contact and its history", href=routes.PROVIDER_CONTACT)),
        rx.cond(ProviderHomeState.meetings_href != "", rx.el.li(rx.el.a(
            "Engagement meetings and agreed actions", href=ProviderHomeState.meetings_href, id="meetings-link"))),
        class_name="link-list",
    )


def provider_home_page() -> rx.Component:
    """The page at ``/provider``."""
    home = ProviderHomeState.home
    return page(
        "Your service",
        rx.el.p(home.provider_name, class_name="caption"),
        rx.el.div(_tasks(home), _next_inspection(home.next_inspection), class_name="provider-home"),
        provider_survey_section(),
        _links(),
        provider_view(ProviderHomeState.detail),
    )
