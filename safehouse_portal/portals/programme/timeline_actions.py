"""The forms on an inspection's page: move its stage, extend a deadline, record a step.

Stateless: each form takes the vars it shows and the handler it submits to, so the
page's State stays in one place. Showing a form only to those who may use it is a
courtesy; the services refuse everyone else.
"""

import reflex as rx

from safehouse_portal.portals.shared.forms import error_summary, field_group
from safehouse_portal.services.programme.schedule import MAX_REASON_LENGTH


def move_form(view: rx.Var, reasons: rx.Var, errors: rx.Var, on_submit) -> rx.Component:
    """Choose one of the stages the lifecycle allows from here, with a reason for moves back.

    ``reasons`` are the lifecycle's refusals; ``errors`` are field errors.
    """
    return rx.el.form(
        rx.el.h2("Move to another stage", class_name="heading-m", id="move"),
        rx.cond((reasons.length() > 0) | (errors.length() > 0), error_summary(errors, "move-", reasons)),
        field_group("Move to", "target", "move-", errors, rx.el.select(
            rx.foreach(view.move_targets, lambda o: rx.el.option(o.label, value=o.value)),
            id="move-target", name="target", class_name="select")),
        field_group("Reason", "reason", "move-", errors, rx.el.textarea(
            id="move-reason", name="reason", class_name="input", rows=3, max_length=MAX_REASON_LENGTH),
            hint="Needed to move back a stage; kept in the inspection's history."),
        rx.el.button("Move stage", type="submit", class_name="button", id="move-stage"),
        on_submit=on_submit,
        reset_on_submit=False,
        id="move-form",
    )


def extend_form(view: rx.Var, errors: rx.Var, on_submit) -> rx.Component:
    """A programme manager's extension: which deadline, the new date, and why."""
    return rx.el.form(
        rx.el.h2("Extend a deadline", class_name="heading-m", id="extend"),
        rx.cond(errors.length() > 0, error_summary(errors, "extend-")),
        field_group("Deadline", "milestone", "extend-", errors, rx.el.select(
            rx.foreach(view.extendable, lambda o: rx.el.option(o.label, value=o.value)),
            id="extend-milestone", name="milestone", class_name="select")),
        field_group("New due date", "new_due", "extend-", errors, rx.el.input(
            id="extend-new_due", name="new_due", type="date", class_name="input"),
            hint="A working day after the original due date. The original date is kept."),
        field_group("Reason", "reason", "extend-", errors, rx.el.textarea(
            id="extend-reason", name="reason", class_name="input", rows=3, max_length=MAX_REASON_LENGTH)),
        rx.el.button("Extend deadline", type="submit", class_name="button", id="extend-deadline"),
        on_submit=on_submit,
        reset_on_submit=False,
        id="extend-form",
    )


def record_form(view: rx.Var, errors: rx.Var, on_submit) -> rx.Component:
    """Record the day a step of the inspection happened (or correct it)."""
    return rx.el.form(
        rx.el.h2("Record a step", class_name="heading-m", id="record"),
        rx.cond(errors.length() > 0, error_summary(errors, "record-")),
        field_group("Step", "step", "record-", errors, rx.el.select(
            rx.foreach(view.recordable_steps, lambda o: rx.el.option(o.label, value=o.value)),
            id="record-step", name="step", class_name="select")),
        field_group("Date it happened", "on", "record-", errors, rx.el.input(
            id="record-on", name="on", type="date", class_name="input"),
            hint="Today or earlier. Deadlines that depend on this step are counted from it."),
        rx.el.button("Record step", type="submit", class_name="button secondary", id="record-step-button"),
        on_submit=on_submit,
        reset_on_submit=False,
        id="record-form",
    )
