"""Nominate good practice from a KLOE (``/inspections/[inspection_id]/kloes/[kloe_code]/good-practice``)."""

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.domain.ids import parse_id
from safehouse_portal.portals.learning.parts import example_fields
from safehouse_portal.portals.shared.auth_state import AuthState
from safehouse_portal.portals.shared.edge import form_fields, programme_today
from safehouse_portal.portals.shared.forms import error_summary
from safehouse_portal.portals.shared.shell import page
from safehouse_portal.services.learning import nominations
from safehouse_portal.services.learning.nominations import NominateView


class NominateState(AuthState):
    """The KLOE the example comes from, and the form's errors."""

    view: NominateView = NominateView()
    errors: dict[str, str] = {}

    def _ids(self) -> dict:
        parts = [p for p in self.router.url.path.split("/") if p]
        ok = len(parts) == 5 and parts[0] == "inspections" and parts[2] == "kloes"
        return {"inspection_id": parse_id(parts[1]) if ok else None, "kloe_code": parts[3] if ok else None}

    @rx.event
    def load(self):
        self.errors = {}

        def fill(session, actor):
            self.view = nominations.nominate_form(session=session, actor=actor, **self._ids())

        return self._load_page(fill)

    @rx.event
    def save(self, form: dict):
        data = form_fields(form)
        done, entry_id = self._run(lambda session, actor: nominations.nominate(
            session=session, actor=actor, data=data, today=programme_today(), **self._ids()))
        if done:
            return rx.redirect(routes.nomination(entry_id))
        return rx.set_focus("nominate-errors")


def nominate_page() -> rx.Component:
    """The page at ``/inspections/[inspection_id]/kloes/[kloe_code]/good-practice``."""
    view, errors = NominateState.view, NominateState.errors
    return page(
        "Nominate good practice",
        rx.el.a("Back to the KLOE", href=routes.kloe(view.inspection_id, view.kloe_code), class_name="back-link"),
        rx.el.p(view.key_question, ": ", view.kloe, class_name="body"),
        rx.el.p("A programme manager takes out anything that could identify the provider, its services, staff or "
                "survivors before the example is shared with every provider, inspector and stakeholder.",
                class_name="hint"),
        rx.el.form(
            rx.cond(errors.length() > 0, rx.el.div(error_summary(errors, ""), id="nominate-errors", tab_index=-1)),
            *example_fields(errors),
            rx.el.button("Nominate", type="submit", class_name="button", id="nominate"),
            on_submit=NominateState.save, reset_on_submit=False, id="nominate-form",
        ),
    )
