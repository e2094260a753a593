"""Changes providers told us about, at ``/programme/service-changes``: a programme manager accepts or declines each.

Accepting applies the change (with history); declining needs a reason the provider's lead will read.
"""

import reflex as rx

from safehouse_portal.domain.programme_changes import MAX_REASON
from safehouse_portal.portals.shared.auth_state import AuthState
from safehouse_portal.portals.shared.edge import form_fields
from safehouse_portal.portals.shared.thread_parts import notice
from safehouse_portal.portals.shared.shell import page
from safehouse_portal.services.providers import proposals
from safehouse_portal.services.providers.proposals import ProposalRow


class ServiceChangesState(AuthState):
    pending: list[ProposalRow] = []
    errors: dict[str, str] = {}
    """By proposal id: why its decision was refused."""
    message: str = ""

    @rx.event
    def load(self):
        self.errors, self.message = {}, ""
        return self._load_page(self._fill)

    def _fill(self, session, actor):
        self.pending = proposals.pending_proposals(session=session, actor=actor)

    @rx.event
    def accept(self, form: dict):
        proposal_id = form_fields(form).get("proposal_id", "")
        self.message = ""
        done, refusal = self._run(lambda s, a: proposals.accept(session=s, actor=a, proposal_id=proposal_id),
                                  refresh=self._fill, errors_field=None)
        return self._after(done, refusal, proposal_id, "Change accepted: it is applied and kept in the history.")

    @rx.event
    def decline(self, form: dict):
        data = form_fields(form)
        proposal_id = data.get("proposal_id", "")
        self.message = ""
        done, refusal = self._run(lambda s, a: proposals.decline(session=s, actor=a, proposal_id=proposal_id,
                                                                 reason=data.get("reason", "")),
                                  refresh=self._fill, errors_field=None)
        return self._after(done, refusal, proposal_id, "Change declined: the provider's lead will see your reason.")

    def _after(self, done: bool, refusal, proposal_id: str, text: str):
        if done:
            self.errors, self.message = {}, text
            return rx.set_focus("notice-anchor")
        self.errors = {proposal_id[:12]: self._refusal_text(refusal)}
        return rx.set_focus(f"decline-reason-{proposal_id[:12]}")


def _proposal(p: ProposalRow) -> rx.Component:
    key = p.id.to(str)
    error = ServiceChangesState.errors.get(key, "")
    return rx.el.article(
        rx.el.h2(p.provider_name, ": ", p.kind_label, class_name="heading-s"),
        rx.el.dl(
            rx.el.div(rx.el.dt("Service"), rx.el.dd(p.location_name), class_name="summary-row"),
            rx.el.div(rx.el.dt("Change"), rx.el.dd(p.summary), class_name="summary-row"),
            rx.el.div(rx.el.dt("Note from the provider"), rx.el.dd(p.note), class_name="summary-row"),
            rx.el.div(rx.el.dt("Told us"), rx.el.dd(p.proposed_on, " by ", p.proposed_by), class_name="summary-row"),
            class_name="summary-list"),
        rx.el.form(
            rx.el.input(type="hidden", name="proposal_id", value=key),
            rx.el.button("Accept and apply", type="submit", class_name="button", id="accept-" + key),
            on_submit=ServiceChangesState.accept, reset_on_submit=False),
        rx.el.form(
            rx.el.input(type="hidden", name="proposal_id", value=key),
            rx.el.div(
                rx.el.label("Why are you declining it?", html_for="decline-reason-" + key, class_name="label"),
                rx.cond(error != "", rx.el.span(error, class_name="error-message", id="decline-error-" + key)),
                rx.el.textarea(id="decline-reason-" + key, name="reason", class_name="textarea", rows=2,
                               max_length=MAX_REASON),
                class_name=rx.cond(error != "", "form-group error", "form-group")),
            rx.el.button("Decline", type="submit", class_name="button secondary", id="decline-" + key),
            on_submit=ServiceChangesState.decline, reset_on_submit=False, no_validate=True),
        class_name="card", id="proposal-" + key,
    )


def service_changes_page() -> rx.Component:
    state = ServiceChangesState
    return page(
        "Changes providers told us about",
        rx.el.div(notice(state.message), id="notice-anchor", tab_index=-1, aria_live="polite"),
        rx.cond(state.pending.length() > 0, rx.el.div(rx.foreach(state.pending, _proposal)),
                rx.el.p("No changes are waiting for a decision.", id="no-pending")),
    )
