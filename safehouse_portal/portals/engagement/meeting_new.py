"""Record an engagement meeting at ``/providers/[provider_id]/meetings/new``.

The designated inspector or a programme manager; the provider id comes from the route.
"""

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.portals.shared.auth_state import AuthState
from safehouse_portal.portals.shared.edge import form_fields, id_from_path, programme_today
from safehouse_portal.portals.shared.forms import error_summary, field_group
from safehouse_portal.portals.shared.shell import page
from safehouse_portal.domain.engagement import MAX_SHORT_TEXT, MAX_TEXT
from safehouse_portal.services.engagement import meetings
from safehouse_portal.services.engagement.meetings import ACTION_ROWS, MeetingsView

_EMPTY = MeetingsView()


class NewMeetingState(AuthState):
    """The provider the meeting is with, and the form's errors."""

    view: MeetingsView = _EMPTY
    errors: dict[str, str] = {}

    def _provider_id(self) -> int | None:
        return id_from_path(self.router.url.path, -3)

    @rx.event
    def load(self):
        self.errors = {}

        def fill(session, actor):
            self.view = meetings.meeting_form(session=session, actor=actor, provider_id=self._provider_id())

        return self._load_page(fill)

    @rx.event
    def save(self, form: dict):
        data = form_fields(form)
        done, _ = self._run(lambda session, actor: meetings.record_meeting(
            session=session, actor=actor, provider_id=self._provider_id(), data=data, today=programme_today()))
        if done:
            return rx.redirect(routes.provider(self._provider_id()) + "#meetings")
        return rx.set_focus("meeting-errors")


def _input(label: str, name: str, errors, kind: str = "text", hint: str = "") -> rx.Component:
    if kind == "date":
        control = rx.el.input(type="date", id=name, name=name, class_name="input")
    else:
        control = rx.el.input(type="text", id=name, name=name, class_name="input", max_length=MAX_SHORT_TEXT)
    return field_group(label, name, "", errors, control, hint=hint)


def _action_row(n: int, errors) -> rx.Component:
    return rx.el.fieldset(
        rx.el.legend(f"Agreed action {n} (optional)", class_name="label"),
        _input("What was agreed", f"action_{n}", errors),
        _input("Owner", f"owner_{n}", errors, hint="A person or organisation."),
        _input("Due date", f"due_{n}", errors, kind="date"),
        class_name="action-row",
    )


def new_meeting_page() -> rx.Component:
    """The page at ``/providers/[provider_id]/meetings/new``."""
    state, errors = NewMeetingState, NewMeetingState.errors
    return page(
        "Record an engagement meeting",
        rx.el.p(rx.el.a("Back to the provider", href=routes.provider(state.view.provider_id))),
        rx.el.h2(state.view.provider_name, class_name="heading-m"),
        rx.el.form(
            rx.cond(errors.length() > 0, rx.el.div(error_summary(errors, ""), id="meeting-errors", tab_index=-1)),
            _input("Date of the meeting", "held_on", errors, kind="date", hint="Today or earlier."),
            _input("Who attended", "attendees", errors, hint="Names and roles, for example: Ana Cole (service "
                                                             "manager), Sam Ito (designated inspector)."),
            field_group("Notes", "notes", "", errors, rx.el.textarea(
                id="notes", name="notes", class_name="input", rows=5, max_length=MAX_TEXT),
                hint="Shared with the provider's lead."),
            field_group("Internal notes", "internal_notes", "", errors, rx.el.textarea(
                id="internal_notes", name="internal_notes", class_name="input", rows=4, max_length=MAX_TEXT),
                hint="CQC only: never shown to the provider."),
            *[_action_row(n, errors) for n in range(1, ACTION_ROWS + 1)],
            rx.el.button("Record meeting", type="submit", class_name="button", id="record-meeting"),
            on_submit=state.save,
            reset_on_submit=False,
            id="meeting-form",
        ),
    )
