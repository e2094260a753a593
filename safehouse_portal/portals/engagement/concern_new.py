"""Record a concern at ``/programme/concerns/new`` (``?provider=ID`` chooses the provider first)."""

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.domain.engagement import MAX_TEXT
from safehouse_portal.domain.ids import parse_id
from safehouse_portal.portals.shared.auth_state import AuthState
from safehouse_portal.portals.shared.edge import form_fields, programme_today
from safehouse_portal.portals.shared.forms import error_summary, field_group
from safehouse_portal.portals.shared.shell import page
from safehouse_portal.services.engagement import concerns
from safehouse_portal.services.engagement.concerns import ConcernChoices

_EMPTY = ConcernChoices()


class NewConcernState(AuthState):
    """The form's choices and errors."""

    choices: ConcernChoices = _EMPTY
    provider: str = ""
    errors: dict[str, str] = {}

    @rx.event
    def load(self):
        self.errors = {}
        chosen = parse_id(self.router.url.query_parameters.get("provider"))
        self.provider = str(chosen) if chosen else ""

        def fill(session, actor):
            self.choices = concerns.concern_choices(session=session, actor=actor)

        return self._load_page(fill)

    @rx.event
    def save(self, form: dict):
        data = form_fields(form)
        done, concern_id = self._run(lambda session, actor: concerns.record_concern(
            session=session, actor=actor, data=data, today=programme_today()))
        if done:
            return rx.redirect(routes.concern(concern_id))
        return rx.set_focus("concern-errors")


def _select(label: str, name: str, options, errors, first: str, current="", hint: str = "") -> rx.Component:
    return field_group(label, name, "", errors, rx.el.select(
        rx.el.option(first, value=""),
        rx.foreach(options, lambda o: rx.el.option(o.label, value=o.value)),
        id=name, name=name, class_name="select", default_value=current, key=name + "-" + current), hint=hint)


def _box(name: str, label: str) -> rx.Component:
    return rx.el.div(rx.el.input(type="checkbox", name=name, id=name, class_name="checkbox"),
                     rx.el.label(label, html_for=name), class_name="choice")


def new_concern_page() -> rx.Component:
    """The page at ``/programme/concerns/new``."""
    state, choices, errors = NewConcernState, NewConcernState.choices, NewConcernState.errors
    return page(
        "Record a concern",
        rx.el.p(rx.el.a("Back to concerns", href=routes.CONCERNS)),
        rx.el.p("Confidential to CQC: the provider never sees it.", class_name="hint"),
        rx.el.form(
            rx.cond(errors.length() > 0, rx.el.div(error_summary(errors, ""), id="concern-errors", tab_index=-1)),
            _select("Provider", "provider_id", choices.providers, errors, "Choose a provider", state.provider),
            _select("Location (optional)", "location_id", choices.locations, errors, "The provider as a whole",
                    hint="Choose a location when the concern is about one service."),
            _select("Source", "source", choices.sources, errors, "Choose where it came from"),
            field_group("Date received", "received_on", "", errors, rx.el.input(
                type="date", id="received_on", name="received_on", class_name="input")),
            field_group("Summary", "summary", "", errors, rx.el.textarea(
                id="summary", name="summary", class_name="input", rows=5, max_length=MAX_TEXT),
                hint="What was reported, without survivors' names."),
            _select("Severity", "severity", choices.severities, errors, "Choose how serious it is"),
            rx.el.fieldset(rx.el.legend("Who was told (optional)", class_name="label"),
                           _box("told_prime_contractor", "Prime contractor"), _box("told_home_office", "Home Office"),
                           class_name="form-group"),
            field_group("Date they were told", "told_on", "", errors, rx.el.input(
                type="date", id="told_on", name="told_on", class_name="input"),
                hint="Significant concerns are escalated to the prime contractor and the Home Office. Leave empty "
                     "if nobody has been told yet: you can record it later."),
            rx.el.button("Record concern", type="submit", class_name="button", id="record-concern"),
            on_submit=state.save,
            reset_on_submit=False,
            id="concern-form",
        ),
    )
