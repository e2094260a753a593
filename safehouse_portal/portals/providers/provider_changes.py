"""The provider lead's ``/provider/changes``: tell CQC of a change to the services, and see each outcome."""

import reflex as rx

from safehouse_portal.domain.programme_changes import MAX_REASON, PROPOSAL_LABELS
from safehouse_portal.domain.regions import REGIONS
from safehouse_portal.portals.providers.programme_parts import errors_box, focus_summary, select, text_input
from safehouse_portal.portals.shared.auth_state import AuthState
from safehouse_portal.portals.shared.edge import form_fields
from safehouse_portal.portals.shared.forms import field_group
from safehouse_portal.portals.shared.shell import page, table
from safehouse_portal.portals.shared.thread_parts import notice, status_tag
from safehouse_portal.services.providers import proposals
from safehouse_portal.services.providers.location_setup import MAX_ADDRESS
from safehouse_portal.services.providers.proposals import ProviderChangesView

_PREFIX = "change-"
_KINDS = [(kind.value, label) for kind, label in PROPOSAL_LABELS.items()]


class ProviderChangesState(AuthState):
    view: ProviderChangesView = ProviderChangesView()
    kind: str = ""
    errors: dict[str, str] = {}
    message: str = ""

    @rx.event
    def load(self):
        self.errors, self.message, self.kind = {}, "", ""
        return self._load_page(self._fill)

    def _fill(self, session, actor):
        self.view = proposals.provider_changes(session=session, actor=actor)

    @rx.event
    def choose(self, kind: str):
        self.kind = kind if kind in dict(_KINDS) else ""

    @rx.event
    def send(self, form: dict):
        self.message = ""
        data = form_fields(form)
        done, _ = self._run(lambda s, a: proposals.propose(session=s, actor=a, data=data), refresh=self._fill)
        if not done:
            return focus_summary(_PREFIX)
        self.kind, self.message = "", "Thank you: a programme manager will look at the change. Its outcome shows below."
        return None


def _fields() -> rx.Component:
    state = ProviderChangesState
    errors, kind = state.errors, state.kind
    return rx.el.div(
        rx.cond(kind != "new_service", rx.cond(kind != "", select(
            "Which service?", "location_id", _PREFIX, errors, state.view.locations))),
        rx.cond(kind == "new_service", rx.el.div(
            text_input("Name of the service", "name", _PREFIX, errors),
            select("Kind of service", "kind_of_service", _PREFIX, errors,
                   [("safehouse", "Safehouse"), ("outreach", "Outreach")]),
            select("Region", "region", _PREFIX, errors, [(r, r) for r in REGIONS]),
            _address("Address"),
            text_input("Manager", "manager_name", _PREFIX, errors),
            select("Does it accommodate children?", "accommodates_children", _PREFIX, errors,
                   [("yes", "Yes"), ("no", "No")]),
            text_input("Capacity (places)", "capacity", _PREFIX, errors, input_mode="numeric",
                       class_name="input input-short"))),
        rx.cond(kind == "closure", text_input("Closing date", "closed_on", _PREFIX, errors, type="date",
                                              hint="The day it closed, or will close")),
        rx.cond(kind == "manager", text_input("New manager's full name", "manager_name", _PREFIX, errors)),
        rx.cond(kind == "address", _address("New address")),
    )


def _address(label: str) -> rx.Component:
    return field_group(label, "address", _PREFIX, ProviderChangesState.errors, rx.el.textarea(
        id=f"{_PREFIX}address", name="address", class_name="textarea", rows=2, max_length=MAX_ADDRESS),
        hint="Kept confidential: only CQC staff who must see it can")


def _form() -> rx.Component:
    state = ProviderChangesState
    return rx.el.form(
        rx.el.h2("Tell us about a change", class_name="heading-m"),
        errors_box(state.errors, _PREFIX),
        field_group("What has changed?", "kind", _PREFIX, state.errors, rx.el.select(
            rx.el.option("Choose", value=""), *[rx.el.option(label, value=value) for value, label in _KINDS],
            id=f"{_PREFIX}kind", name="kind", class_name="select", value=state.kind, on_change=state.choose)),
        _fields(),
        field_group("Anything else we should know (optional)", "note", _PREFIX, state.errors, rx.el.textarea(
            id=f"{_PREFIX}note", name="note", class_name="textarea", rows=2, max_length=MAX_REASON)),
        rx.el.button("Send to CQC", type="submit", class_name="button", id="send-change"),
        on_submit=state.send, reset_on_submit=False, no_validate=True, key=state.message, id="change-form",
    )


def provider_changes_page() -> rx.Component:
    state = ProviderChangesState
    return page(
        "Changes to your services",
        rx.el.p("Tell us about any changes to the services you provide: a new service, one closing, a new "
                "manager or a new address.", class_name="caption"),
        notice(state.message),
        _form(),
        rx.el.h2("What you told us", class_name="heading-m"),
        rx.cond(state.view.proposals.length() > 0,
                table(["Told us", "Change", "Service", "Details", "Status", "Outcome"], state.view.proposals,
                      lambda p: [rx.el.td(p.proposed_on), rx.el.td(p.kind_label), rx.el.td(p.location_name),
                                 rx.el.td(p.summary), rx.el.td(status_tag(p.status, p.status_label)),
                                 rx.el.td(p.outcome)], caption="Changes you told us about, newest first"),
                rx.el.p("You have not told us of any changes yet.")),
    )
