"""Allocating an inspection from the board: a new one for a group, or changing a planned one.

``/programme/inspections/new`` creates; ``/programme/inspections/[inspection_id]/allocation``
changes type, scope, mode, dates, lead and team while the inspection is still planned.
The id comes from the route, never from an event argument.
"""

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.portals.shared.auth_state import AuthState
from safehouse_portal.domain.enums import KeyQuestion
from safehouse_portal.portals.programme.board_live import BoardLive
from safehouse_portal.services.programme import allocation
from safehouse_portal.services.programme.allocation import AllocationChoices, AllocationValues
from safehouse_portal.portals.shared.edge import form_fields, id_from_path, programme_today
from safehouse_portal.portals.shared.forms import error_summary, field_group
from safehouse_portal.portals.shared.shell import page

_NO_CHOICES = AllocationChoices()
_NO_VALUES = AllocationValues()
_NEW_VALUES = AllocationValues(stage="planned", editable=True, type="comprehensive", mode="on_site")


def form_data(form: object) -> dict:
    """The allocation fields from the submitted form (checkboxes arrive one name each)."""
    if not isinstance(form, dict):
        return {}
    text = form_fields(form)
    return {
        "group_id": text.get("group_id"),
        "type": text.get("type"),
        "key_questions": [k.value for k in KeyQuestion if text.get(f"kq_{k.value}")],
        "mode": text.get("mode"),
        "planned_start": text.get("planned_start"),
        "planned_end": text.get("planned_end"),
        "lead_inspector_id": text.get("lead_inspector_id"),
        "team": [key.removeprefix("team_") for key, value in text.items() if key.startswith("team_") and value],
        "reason": text.get("reason"),
        "short_notice_reason": text.get("short_notice_reason"),
    }


class _AllocationBase(AuthState):
    choices: AllocationChoices = _NO_CHOICES
    values: AllocationValues = _NO_VALUES
    errors: dict[str, str] = {}


class NewInspectionState(_AllocationBase):
    """Allocate a new inspection to a group."""

    @rx.event
    def load(self):
        self.errors = {}

        def fill(session, actor):
            self.choices = allocation.allocation_choices(session=session, actor=actor)
            self.values = _NEW_VALUES

        return self._load_page(fill)

    @rx.event
    def create(self, form: dict):
        data = form_data(form)
        done, inspection_id = self._run(lambda session, actor: allocation.create_inspection(
            session=session, actor=actor, data=data, today=programme_today()))
        if done:
            return [BoardLive.announce, rx.redirect(routes.inspection(inspection_id))]


class AllocationState(_AllocationBase):
    """Change a planned inspection's allocation."""

    notice: str = ""
    def _inspection_id(self) -> int | None:
        return id_from_path(self.router.url.path, -2)

    def _fill(self, session, actor) -> None:
        self.choices = allocation.allocation_choices(session=session, actor=actor)
        self.values = allocation.allocation_values(session=session, actor=actor, inspection_id=self._inspection_id())

    @rx.event
    def load(self):
        self.errors, self.notice = {}, ""
        return self._load_page(self._fill)

    @rx.event
    def save(self, form: dict):
        data = form_data(form)
        self.notice = ""
        done, _ = self._run(lambda session, actor: allocation.update_allocation(
            session=session, actor=actor, inspection_id=self._inspection_id(), data=data, today=programme_today()),
            refresh=self._fill)
        if done:
            self.notice = "Allocation saved."
            return BoardLive.announce


def _radios(name: str, options, current) -> rx.Component:
    return rx.el.div(rx.foreach(options, lambda o: rx.el.div(
        rx.el.input(type="radio", name=name, value=o.value, id=f"{name}-" + o.value, class_name="radio",
                    default_checked=current == o.value, key=f"{name}-" + o.value + "-" + current),
        rx.el.label(o.label, html_for=f"{name}-" + o.value),
        class_name="choice")), id=name)


def _checkboxes(prefix: str, options, chosen) -> rx.Component:
    return rx.el.div(rx.foreach(options, lambda o: rx.el.div(
        rx.el.input(type="checkbox", name=prefix + o.value, id=prefix + o.value, class_name="checkbox",
                    default_checked=chosen.contains(o.value),
                    key=prefix + o.value + rx.cond(chosen.contains(o.value), "-on", "-off")),
        rx.el.label(o.label, html_for=prefix + o.value),
        class_name="choice")), id=prefix.rstrip("_"))


def _date(field: str, label: str, errors, current) -> rx.Component:
    return field_group(label, field, "", errors, rx.el.input(
        type="date", id=field, name=field, class_name="input", default_value=current, key=field + current))


def allocation_form(state, submit_label: str, with_group: bool) -> rx.Component:
    """The allocation fields, shared by the new and the change pages."""
    choices, values, errors = state.choices, state.values, state.errors
    group = field_group("Inspection group", "group_id", "", errors, rx.el.select(
        rx.el.option("Choose a group", value=""),
        rx.foreach(choices.groups, lambda o: rx.el.option(o.label, value=o.value)),
        id="group_id", name="group_id", class_name="select"),
        hint="Groups with no inspection, or whose last inspection is closed.")
    return rx.el.form(
        rx.cond(errors.length() > 0, error_summary(errors, "")),
        group if with_group else rx.fragment(),
        field_group("Type", "type", "", errors, _radios("type", choices.types, values.type),
                    hint="The type sets the key questions in scope."),
        field_group("Key questions (focused inspections only)", "key_questions", "", errors,
                    _checkboxes("kq_", choices.key_questions, values.key_questions)),
        field_group("Reason for the inspection", "reason", "", errors,
                    _radios("reason", choices.reasons, values.reason)),
        field_group("Mode", "mode", "", errors, _radios("mode", choices.modes, values.mode)),
        _date("planned_start", "Planned first day", errors, values.planned_start),
        _date("planned_end", "Planned last day", errors, values.planned_end),
        field_group("Why it starts at short notice", "short_notice_reason", "", errors, rx.el.textarea(
            id="short_notice_reason", name="short_notice_reason", class_name="input", rows=3,
            max_length=allocation.MAX_SHORT_NOTICE_REASON, default_value=values.short_notice_reason,
            key="short-notice-" + values.short_notice_reason),
            hint="Only needed when the first day is fewer than 10 working days away: the provider then gets the "
                 "announcement call and letter late."),
        field_group("Lead inspector", "lead_inspector_id", "", errors, rx.el.select(
            rx.el.option("Not allocated yet", value=""),
            rx.foreach(choices.inspectors, lambda o: rx.el.option(o.label, value=o.value)),
            id="lead_inspector_id", name="lead_inspector_id", class_name="select",
            default_value=values.lead_inspector_id, key="lead-" + values.lead_inspector_id)),
        field_group("Team", "team", "", errors, _checkboxes("team_", choices.inspectors, values.team),
                    hint="Inspectors besides the lead."),
        rx.el.button(submit_label, type="submit", class_name="button", id="allocate"),
        on_submit=state.create if with_group else state.save,
        reset_on_submit=False,
        id="allocation-form",
    )


def new_inspection_page() -> rx.Component:
    """The page at ``/programme/inspections/new``."""
    return page(
        "Allocate an inspection",
        rx.el.p(rx.el.a("Back to the board", href=routes.PROGRAMME_BOARD)),
        allocation_form(NewInspectionState, "Allocate inspection", with_group=True),
    )


def allocation_page() -> rx.Component:
    """The page at ``/programme/inspections/[inspection_id]/allocation``."""
    state, values = AllocationState, AllocationState.values
    return page(
        "Change allocation",
        rx.el.p(rx.el.a("Back to the inspection", href=routes.inspection(values.inspection_id))),
        rx.el.h2(values.group_name, " (", values.provider_name, ")", class_name="heading-m"),
        rx.cond(state.notice != "", rx.el.div(state.notice, class_name="notification success", role="status")),
        rx.cond(values.editable, allocation_form(state, "Save allocation", with_group=False),
                rx.el.p("This inspection has been announced, so its allocation can no longer change here.",
                        class_name="panel")),
    )
