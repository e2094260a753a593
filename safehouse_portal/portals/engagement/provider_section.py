"""The engagement section of a provider's page: meetings and agreed actions, and (for staff) concerns.

Its own State, loaded beside the provider page's: the services decide what each viewer
gets. A provider's lead receives the meetings without their internal notes and no concern
at all (not even a count). The designated inspector and programme managers mark agreed
actions done here.
"""

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.portals.shared.auth_state import AuthState
from safehouse_portal.portals.shared.edge import id_from_path
from safehouse_portal.portals.shared.shell import table
from safehouse_portal.portals.shared.thread_parts import notice, today
from safehouse_portal.services.engagement import concerns, meetings
from safehouse_portal.services.engagement.concerns import ProviderConcerns
from safehouse_portal.services.engagement.meetings import MeetingsView

_NO_MEETINGS = MeetingsView()
_NO_CONCERNS = ProviderConcerns()


class ProviderEngagementState(AuthState):
    """The provider's meetings and, for those who may see them, its concerns."""

    meetings: MeetingsView = _NO_MEETINGS
    concerns: ProviderConcerns = _NO_CONCERNS
    action_message: str = ""
    action_errors: dict[str, str] = {}

    @rx.event
    def load(self):
        self.action_message, self.action_errors = "", {}
        # A section of the provider page, loaded beside it: the page's own load decides whether the
        # page is shown ("not permitted" / "Page not found"); this load must not undo that decision.
        self._run(self._fill, errors_field=None)

    def _fill(self, session, actor):
        provider_id = id_from_path(self.router.url.path)
        self.meetings = meetings.provider_meetings_section(session=session, actor=actor, provider_id=provider_id)
        self.concerns = concerns.provider_concerns(session=session, actor=actor, provider_id=provider_id)

    @rx.event
    def mark_action(self, action_id: str, done: bool):
        """Mark an agreed action done, or not done after all (the service decides who may)."""
        self.action_message = ""
        ok, _ = self._run(lambda s, a: meetings.mark_action_done(session=s, actor=a, action_id=action_id, done=done,
                                                                 today=today()),
                          errors_field="action_errors", refresh=self._fill)
        if ok:
            self.action_message = "Action marked done." if done is True else "Action marked not done."


def _meeting(m, shows_internal) -> rx.Component:
    return rx.el.article(
        rx.el.h3("Meeting on ", m.held_on, class_name="heading-s"),
        rx.el.p(rx.el.strong("Attended: "), m.attendees),
        rx.cond(m.notes != "", rx.el.p(m.notes, class_name="body meeting-notes")),
        rx.cond(shows_internal & (m.internal_notes != ""), rx.el.div(
            rx.el.strong("Internal notes (CQC only): "), m.internal_notes, class_name="panel internal-notes")),
        rx.cond(m.actions.length() > 0, table(["Action", "Owner", "Due", "Done"], m.actions, lambda a: [
            rx.el.td(a.action), rx.el.td(a.owner), rx.el.td(a.due), rx.el.td(_done(a))], caption="Agreed actions")),
        rx.el.p("Recorded by ", m.recorded_by, class_name="hint"),
        class_name="meeting",
    )


def _done(a) -> rx.Component:
    """Whether an action is done and, for those who may, the button that changes it."""
    may = ProviderEngagementState.meetings.may_mark_done
    return rx.fragment(
        rx.cond(a.done, rx.el.span("Done on ", a.done_on), rx.el.span("Not done yet")),
        rx.cond(may, rx.el.button(
            rx.cond(a.done, "Mark not done", "Mark done"), type="button", class_name="button secondary small",
            aria_label=rx.cond(a.done, "Mark not done: ", "Mark done: ") + a.action.to(str),
            on_click=ProviderEngagementState.mark_action(a.id.to_string(), ~a.done),
            id="mark-action-" + a.id.to_string())),
    )


def _concerns(section) -> rx.Component:
    return rx.el.section(
        rx.el.h2("Concerns between inspections (CQC only)", class_name="heading-m", id="concerns"),
        rx.cond(section.may_record, rx.el.p(rx.el.a("Record a concern", href=routes.new_concern(ProviderEngagementState.meetings.provider_id),
                                                    id="record-concern-link"))),
        rx.cond(section.concerns.length() == 0, rx.el.p("No concern recorded.", class_name="body")),
        rx.cond(section.concerns.length() > 0, table(
            ["Received", "About", "Severity", "Status"], section.concerns, lambda c: [
                rx.el.td(rx.el.a(c.received_on, href=routes.concern(c.id))), rx.el.td(c.location_name),
                rx.el.td(c.severity), rx.el.td(c.status_text)], caption="Concerns")),
    )


def engagement_section() -> rx.Component:
    """Meetings (and concerns, for those who may see them) for the provider page."""
    view, section = ProviderEngagementState.meetings, ProviderEngagementState.concerns
    return rx.cond(view.visible, rx.el.div(
        rx.el.h2("Engagement meetings", class_name="heading-m", id="meetings"),
        rx.el.p("With the designated inspector, ", view.designated_inspector, ".", class_name="body"),
        rx.cond(view.may_record, rx.el.p(rx.el.a("Record a meeting", href=routes.new_meeting(view.provider_id),
                                                 id="record-meeting-link"))),
        notice(ProviderEngagementState.action_message),
        rx.cond(ProviderEngagementState.action_errors.contains("form"), rx.el.p(
            ProviderEngagementState.action_errors["form"], class_name="error-message", role="alert")),
        rx.cond(view.meetings.length() == 0, rx.el.p("No meeting recorded yet.", class_name="body")),
        rx.foreach(view.meetings, lambda m: _meeting(m, view.shows_internal)),
        rx.cond(section.visible, _concerns(section)),
        id="engagement",
    ))
