"""A provider's programme page at ``/programme/providers/[provider_id]``: lead contact, designated inspector, copy list.

Lists its locations (each links to its own page) and the provider's whole history.
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
from safehouse_portal.services.providers import setup
from safehouse_portal.services.providers.setup import ProviderSetup

_PREFIX = "provider-"


class ProgrammeProviderState(AuthState):
    provider: ProviderSetup = ProviderSetup()
    errors: dict[str, str] = {}
    message: str = ""

    @rx.event
    def load(self):
        self.errors, self.message = {}, ""
        return self._load_page(self._fill)

    def _fill(self, session, actor):
        self.provider = setup.provider_setup(session=session, actor=actor,
                                             provider_id=id_from_path(self.router.url.path))

    @rx.event
    def save(self, form: dict):
        self.message = ""
        provider_id, data = id_from_path(self.router.url.path), form_fields(form)
        done, _ = self._run(lambda s, a: setup.update_provider(session=s, actor=a, provider_id=provider_id, data=data),
                            refresh=self._fill)
        if not done:
            return focus_summary(_PREFIX)
        self.message = "Provider details saved. The change is kept in the history below."
        return None


def _form() -> rx.Component:
    state, p = ProgrammeProviderState, ProgrammeProviderState.provider
    return rx.el.form(
        rx.el.h2("Change the provider's details", class_name="heading-m"),
        errors_box(state.errors, _PREFIX),
        text_input("Lead person's full name", "name", _PREFIX, state.errors, value=p.lead_name),
        text_input("Lead person's email address", "email", _PREFIX, state.errors, value=p.lead_email, type="email", spell_check=False),
        text_input("Lead person's phone number", "phone", _PREFIX, state.errors, value=p.lead_phone, type="tel"),
        select("Designated inspector", "designated_inspector_id", _PREFIX, state.errors, p.inspectors,
               value=p.designated_inspector_id, blank="Not yet allocated"),
        field_group("Copy list", "copy_list", _PREFIX, state.errors, rx.el.textarea(
            id=f"{_PREFIX}copy_list", name="copy_list", class_name="textarea", rows=3, default_value=p.copy_list,
            max_length=setup.MAX_COPY_LIST),
            hint="People at the provider copied into reports and letters: one email address a line"),
        reason_box(_PREFIX, state.errors),
        rx.el.button("Save provider details", type="submit", class_name="button", id="save-provider"),
        on_submit=state.save, reset_on_submit=False, no_validate=True,
        key=p.lead_name + p.lead_email + p.lead_phone + p.designated_inspector_id + p.copy_list,
        id="provider-form",
    )


def programme_provider_page() -> rx.Component:
    state, p = ProgrammeProviderState, ProgrammeProviderState.provider
    return page(
        "Provider",
        rx.el.p(rx.el.a("All providers", href=routes.PROGRAMME_PROVIDERS), " · ",
                rx.el.a("Inspection groups", href=routes.programme_groups(p.id))),
        rx.el.h2(p.name, class_name="heading-m", id="provider-name"),
        notice(state.message),
        _form(),
        table(["Location", "Kind", "Region", "Inspection group", "Status"], p.locations, lambda loc: [
            rx.el.td(rx.el.a(loc.name, href=routes.programme_location(loc.id))), rx.el.td(loc.kind),
            rx.el.td(loc.region), rx.el.td(loc.group_name), rx.el.td(loc.status)], caption="Locations"),
        history_table(p.history),
    )
