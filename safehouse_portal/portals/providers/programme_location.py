"""A location's programme page at ``/programme/locations/[location_id]``: change it with a reason, see its history.

The address is shown and editable only for those who may see it (the service audits each view).
"""

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.domain.programme_rows import MAX_POSTCODE
from safehouse_portal.domain.regions import REGIONS
from safehouse_portal.portals.providers.programme_parts import (
    errors_box, focus_summary, history_table, reason_box, select, text_input,
)
from safehouse_portal.portals.shared.auth_state import AuthState
from safehouse_portal.portals.shared.edge import form_fields, id_from_path
from safehouse_portal.portals.shared.forms import field_group
from safehouse_portal.portals.shared.shell import page, summary_list
from safehouse_portal.portals.shared.thread_parts import notice
from safehouse_portal.services.providers import location_setup
from safehouse_portal.services.providers.location_setup import MAX_ADDRESS, LocationSetup

_PREFIX = "location-"
_YES_NO = [("yes", "Yes"), ("no", "No")]


class ProgrammeLocationState(AuthState):
    location: LocationSetup = LocationSetup()
    errors: dict[str, str] = {}
    message: str = ""

    @rx.event
    def load(self):
        self.errors, self.message = {}, ""
        return self._load_page(self._fill)

    def _fill(self, session, actor):
        self.location = location_setup.location_setup(session=session, actor=actor,
                                                      location_id=id_from_path(self.router.url.path))

    @rx.event
    def save(self, form: dict):
        self.message = ""
        location_id, data = id_from_path(self.router.url.path), form_fields(form)
        done, _ = self._run(lambda s, a: location_setup.update_location(session=s, actor=a, location_id=location_id,
                                                                        data=data), refresh=self._fill)
        if not done:
            return focus_summary(_PREFIX)
        self.message = "Location saved. The change is kept in the history below."
        return None


def _form() -> rx.Component:
    state, loc = ProgrammeLocationState, ProgrammeLocationState.location
    return rx.el.form(
        rx.el.h2("Change the location", class_name="heading-m"),
        errors_box(state.errors, _PREFIX),
        text_input("Name", "name", _PREFIX, state.errors, value=loc.name),
        select("Kind of service", "kind", _PREFIX, state.errors, [("safehouse", "Safehouse"), ("outreach", "Outreach")],
               value=loc.kind),
        select("Region", "region", _PREFIX, state.errors, [(r, r) for r in REGIONS], value=loc.region),
        rx.cond(loc.may_see_address,
                field_group("Address (confidential)", "address", _PREFIX, state.errors, rx.el.textarea(
                    id=f"{_PREFIX}address", name="address", class_name="textarea", rows=2,
                    default_value=loc.address, max_length=MAX_ADDRESS))),
        rx.cond(loc.may_see_address,
                field_group("Postcode (confidential)", "postcode", _PREFIX, state.errors, rx.el.input(
                    id=f"{_PREFIX}postcode", name="postcode", class_name="input input-short", default_value=loc.postcode,
                    max_length=MAX_POSTCODE), hint="Like ZZ99 1AB; leave blank if you do not know it")),
        text_input("Manager", "manager_name", _PREFIX, state.errors, value=loc.manager_name,
                   hint="The service's registered manager (may be left blank)"),
        select("Accommodates children", "accommodates_children", _PREFIX, state.errors, _YES_NO,
               value=rx.cond(loc.accommodates_children, "yes", "no")),
        text_input("Capacity (places)", "capacity", _PREFIX, state.errors, value=loc.capacity,
                   input_mode="numeric", class_name="input input-short"),
        select("Open", "active", _PREFIX, state.errors, [("yes", "Open"), ("no", "Closed")],
               value=rx.cond(loc.active, "yes", "no"), blank="Choose open or closed"),
        text_input("Closing date", "closed_on", _PREFIX, state.errors, value=loc.closed_on, type="date",
                   hint="Only for a closed service: the day it closed, or will close"),
        reason_box(_PREFIX, state.errors),
        rx.el.button("Save location", type="submit", class_name="button", id="save-location"),
        on_submit=state.save, reset_on_submit=False, no_validate=True,
        key=loc.name + loc.status + loc.manager_name + loc.capacity + loc.region + loc.kind + loc.postcode,
        id="location-form",
    )


def programme_location_page() -> rx.Component:
    state, loc = ProgrammeLocationState, ProgrammeLocationState.location
    return page(
        "Location",
        rx.el.p(rx.el.a("Back to the provider", href=routes.programme_provider(loc.provider_id))),
        summary_list(("Provider", loc.provider_name), ("Location", loc.name), ("Status", loc.status),
                     ("Inspection group", loc.group_name), ("Address", loc.address),
                     ("Postcode", rx.cond(loc.may_see_address, rx.cond(loc.postcode != "", loc.postcode, "Not recorded"),
                                          "Withheld"))),
        notice(state.message),
        _form(),
        history_table(loc.history),
    )
