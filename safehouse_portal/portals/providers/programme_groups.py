"""A provider's inspection groups at ``/programme/providers/[provider_id]/groups``: create, move, split, merge.

Each form asks why; each change is kept in the history. Inspections under way keep the
locations they started with, as each group's row says.
"""

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.portals.providers.programme_parts import (
    errors_box, focus_summary, history_table, reason_box, select, text_input,
)
from safehouse_portal.portals.shared.auth_state import AuthState
from safehouse_portal.portals.shared.edge import form_fields, id_from_path
from safehouse_portal.portals.shared.forms import field_group
from safehouse_portal.portals.shared.shell import page, table
from safehouse_portal.portals.shared.thread_parts import notice
from safehouse_portal.services.providers import groups
from safehouse_portal.services.providers.groups import GroupsView

_FORMS = {"create": ("create_group", "Group created."), "move": ("move_location", "Location moved."),
          "split": ("split_group", "Group split."), "merge": ("merge_groups", "Groups merged.")}


class ProgrammeGroupsState(AuthState):
    view: GroupsView = GroupsView()
    errors: dict[str, str] = {}
    failed: str = ""
    """Which form's errors ``errors`` holds."""
    message: str = ""

    @rx.event
    def load(self):
        self.errors, self.failed, self.message = {}, "", ""
        return self._load_page(self._fill)

    def _fill(self, session, actor):
        self.view = groups.groups_view(session=session, actor=actor, provider_id=id_from_path(self.router.url.path, -2))

    def _submit(self, which: str, data: dict):
        self.message, self.failed = "", ""
        service, done_text = _FORMS[which]
        provider_id = id_from_path(self.router.url.path, -2)
        done, _ = self._run(lambda s, a: getattr(groups, service)(session=s, actor=a, provider_id=provider_id,
                                                                   data=data), refresh=self._fill)
        if not done:
            self.failed = which
            return focus_summary(f"{which}-")
        self.message = f"{done_text} The change is kept in the history below."
        return None

    @rx.event
    def create(self, form: dict):
        return self._submit("create", form_fields(form))

    @rx.event
    def move(self, form: dict):
        return self._submit("move", form_fields(form))

    @rx.event
    def merge(self, form: dict):
        return self._submit("merge", form_fields(form))

    @rx.event
    def split(self, form: dict):
        data = form_fields(form)
        data["location_ids"] = [key.removeprefix("loc-") for key, value in data.items()
                                if key.startswith("loc-") and value == "on"]
        return self._submit("split", data)


def _errors(which: str) -> rx.Var:
    return rx.cond(ProgrammeGroupsState.failed == which, ProgrammeGroupsState.errors, {})


def _form(which: str, title: str, button: str, handler, *fields) -> rx.Component:
    prefix, errors = f"{which}-", _errors(which)
    return rx.el.form(
        rx.el.h2(title, class_name="heading-m"),
        errors_box(errors, prefix),
        *[make(prefix, errors) for make in fields],
        reason_box(prefix, errors),
        rx.el.button(button, type="submit", class_name="button", id=f"{which}-submit"),
        on_submit=handler, reset_on_submit=False, no_validate=True, id=f"{which}-form",
        key=ProgrammeGroupsState.message + which,
    )


def _groups_select(name: str, label: str):
    return lambda prefix, errors: select(label, name, prefix, errors, ProgrammeGroupsState.view.group_options)


def _split_locations(prefix: str, errors: rx.Var) -> rx.Component:
    return field_group("Locations that move to the new group", "location_ids", prefix, errors, rx.el.div(
        rx.foreach(ProgrammeGroupsState.view.location_options, lambda o: rx.el.div(
            rx.el.input(type="checkbox", name="loc-" + o.value, id=f"{prefix}loc-" + o.value),
            rx.el.label(o.label, html_for=f"{prefix}loc-" + o.value), class_name="pw-checkbox")),
        id=f"{prefix}location_ids", tab_index=-1))


def programme_groups_page() -> rx.Component:
    state, view = ProgrammeGroupsState, ProgrammeGroupsState.view
    return page(
        "Inspection groups",
        rx.el.p(rx.el.a("Back to the provider", href=routes.programme_provider(view.provider_id))),
        rx.el.h2(view.provider_name, class_name="heading-m"),
        notice(state.message),
        table(["Group", "Locations", "Latest inspection"], view.groups, lambda g: [
            rx.el.td(g.name), rx.el.td(g.locations), rx.el.td(g.inspection)], caption="Groups and their locations"),
        rx.el.p("An inspection under way keeps the locations it started with, whatever changes here.",
                class_name="hint"),
        _form("move", "Move a location to another group", "Move location", state.move,
              lambda p, e: select("Location", "location_id", p, e, view.location_options),
              _groups_select("group_id", "Move it to")),
        _form("split", "Split a group", "Split group", state.split,
              _groups_select("group_id", "Group to split"), _split_locations,
              lambda p, e: text_input("Name of the new group", "name", p, e)),
        _form("merge", "Merge two groups", "Merge groups", state.merge,
              _groups_select("source", "Group to merge (its locations move)"),
              _groups_select("target", "Merge it into")),
        _form("create", "Create an empty group", "Create group", state.create,
              lambda p, e: text_input("Name of the group", "name", p, e)),
        history_table(view.history, caption="Changes to this provider's groups, newest first"),
    )
