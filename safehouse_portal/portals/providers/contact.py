"""The provider's lead contact at ``/provider/contact``: see it, change it, and every change kept."""

import reflex as rx

from safehouse_portal.portals.shared.auth_state import AuthState
from safehouse_portal.portals.shared.thread_parts import error_summary, field_group, form_fields, notice
from safehouse_portal.services.providers import contacts
from safehouse_portal.services.providers.contacts import LeadContactView
from safehouse_portal.portals.shared.shell import page, summary_list, table

_EMPTY = LeadContactView()


class LeadContactState(AuthState):
    """The lead contact of the signed-in lead's own provider, and the outcome of the last change."""

    contact: LeadContactView = _EMPTY
    errors: dict[str, str] = {}
    message: str = ""

    @rx.event
    def load(self):
        self.errors, self.message = {}, ""

        def fill(session, actor):
            self.contact = contacts.lead_contact(session=session, actor=actor)

        return self._load_page(fill)

    @rx.event
    def save(self, form: dict):
        self.message = ""
        data = form_fields(form)
        done, view = self._run(lambda s, a: contacts.update_lead_contact(session=s, actor=a, data=data))
        if done:
            self.contact = view
            self.message = "Lead contact updated. The previous details are kept in the history below."


def _form() -> rx.Component:
    state, contact = LeadContactState, LeadContactState.contact
    return rx.el.form(
        rx.el.h2("Change the lead contact", class_name="heading-m"),
        rx.cond(state.errors.length() > 0, error_summary(state.errors, "contact-")),
        field_group("Full name", "name", "contact-", state.errors, rx.el.input(
            id="contact-name", name="name", class_name="input", default_value=contact.name,
            max_length=contacts.MAX_NAME,
            auto_complete="name")),
        field_group("Email address", "email", "contact-", state.errors, rx.el.input(
            id="contact-email", name="email", type="email", class_name="input", default_value=contact.email,
            max_length=contacts.MAX_EMAIL, auto_complete="email", spell_check=False)),
        field_group("Phone number", "phone", "contact-", state.errors, rx.el.input(
            id="contact-phone", name="phone", type="tel", class_name="input input-short",
            default_value=contact.phone, max_length=contacts.MAX_PHONE, auto_complete="tel"),
            hint="For example 01632 960 001 or +44 808 157 0192"),
        rx.el.button("Save lead contact", type="submit", class_name="button", id="save-contact"),
        on_submit=state.save,
        reset_on_submit=False,
        no_validate=True,
        key=contact.name + contact.email + contact.phone,
        id="contact-form",
    )


def _history_row(row) -> list[rx.Component]:
    return [rx.el.td(row.changed_on), rx.el.td(row.changed_by), rx.el.td(row.before), rx.el.td(row.after)]


def lead_contact_page() -> rx.Component:
    """The page at ``/provider/contact``."""
    state, contact = LeadContactState, LeadContactState.contact
    return page(
        "Lead contact",
        rx.el.p("The person CQC contacts about your inspections. Keep these details current: inspectors and "
                "programme managers always see the details saved here.", class_name="caption"),
        notice(state.message),
        summary_list(("Provider", contact.provider_name), ("Lead person", contact.name),
                     ("Email", contact.email), ("Phone", contact.phone)),
        _form(),
        rx.el.h2("History of changes", class_name="heading-m"),
        rx.cond(contact.history.length() > 0,
                table(["When", "Changed by", "Before", "After"], contact.history, _history_row,
                      caption="Every change to the lead contact, newest first"),
                rx.el.p("No changes yet.")),
    )
