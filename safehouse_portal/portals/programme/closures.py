"""The admin's closure days: days the programme is closed, which no deadline counts."""

import reflex as rx

from safehouse_portal.portals.shared.auth_state import AuthState
from safehouse_portal.domain.enums import Role
from safehouse_portal.services.core import calendar
from safehouse_portal.services.core.access import require_role
from safehouse_portal.services.core.calendar import ClosureDayRow
from safehouse_portal.portals.shared.shell import page, table


class AdminClosuresState(AuthState):
    """Closure days, and the outcome of the last add or remove."""

    rows: list[ClosureDayRow] = []
    errors: dict[str, str] = {}
    message: str = ""

    def _refresh(self, session, actor) -> None:
        require_role(actor, Role.ADMIN)
        self.rows = calendar.list_closure_days(session=session, actor=actor)

    @rx.event
    def load(self):
        self.errors, self.message = {}, ""
        return self._load_page(self._refresh)

    @rx.event
    def add(self, form: dict):
        data = {k: v for k, v in form.items() if isinstance(v, str)} if isinstance(form, dict) else {}
        self._act(lambda s, a: calendar.add_closure_day(session=s, actor=a, data=data),
                  "Closure day added. Deadlines no longer count it.")

    @rx.event
    def remove(self, closure_id: int):
        self._act(lambda s, a: calendar.remove_closure_day(session=s, actor=a, closure_id=closure_id),
                  "Closure day removed. Deadlines count it again.")

    def _act(self, action, success: str) -> None:
        self.message = ""
        done, _ = self._run(action, refresh=self._refresh)
        if done:
            self.message = success


def _group(label: str, field: str, control: rx.Component, hint: str = "") -> rx.Component:
    errors = AdminClosuresState.errors
    return rx.el.div(
        rx.el.label(label, html_for=f"closure-{field}", class_name="label"),
        rx.el.span(hint, class_name="hint") if hint else rx.fragment(),
        rx.cond(errors.contains(field),
                rx.el.span(errors[field], class_name="error-message", id=f"closure-{field}-error")),
        control,
        class_name=rx.cond(errors.contains(field), "form-group error", "form-group"),
    )


def _add_form() -> rx.Component:
    return rx.el.form(
        rx.el.h2("Add a closure day", class_name="heading-m"),
        _group("Date", "day", rx.el.input(id="closure-day", name="day", type="date", class_name="input"),
               hint="Every deadline counted over this day moves one working day later."),
        _group("Reason", "reason", rx.el.input(id="closure-reason", name="reason", class_name="input",
                                               max_length=calendar.MAX_REASON_LENGTH),
               hint="Shown in the explanation of every deadline it moves, for example 'Office move'."),
        rx.el.button("Add closure day", type="submit", class_name="button", id="add-closure"),
        on_submit=AdminClosuresState.add,
        reset_on_submit=False,
        id="closure-form",
    )


def _row(row) -> list[rx.Component]:
    return [
        rx.el.td(row.day_label),
        rx.el.td(row.reason,
                 rx.cond(row.is_weekend_or_bank_holiday,
                         rx.el.span(" (already a weekend or bank holiday: moves no deadline)", class_name="hint"))),
        rx.el.td(row.added_by),
        rx.el.td(rx.el.button("Remove", on_click=AdminClosuresState.remove(row.id), class_name="button warning",
                              aria_label="Remove closure day " + row.day_label)),
    ]


def admin_closures_page() -> rx.Component:
    """The page at ``/admin/closures``."""
    state = AdminClosuresState
    return page(
        "Closure days",
        rx.el.p("Days the programme is closed. Like weekends and bank holidays, they are not working days: "
                "no deadline counts them, from the moment they are added.", class_name="caption"),
        rx.cond(state.message != "", rx.el.div(state.message, class_name="notification success", role="status")),
        rx.cond(state.errors.length() > 0, rx.el.div(
            rx.el.h2("There is a problem"),
            rx.el.ul(rx.foreach(state.errors, lambda kv: rx.el.li(rx.el.a(kv[1], href="#closure-" + kv[0])))),
            class_name="error-summary", role="alert")),
        _add_form(),
        rx.cond(state.rows.length() > 0,
                table(["Date", "Reason", "Added by", "Actions"], state.rows, _row, caption="Closure days"),
                rx.el.p("No closure days yet: only weekends and bank holidays are skipped.")),
    )
