"""Pieces the programme pages share: the focusable error summary, selects, a reason box, the history table."""

import reflex as rx

from safehouse_portal.domain.programme_changes import MAX_REASON
from safehouse_portal.portals.shared.forms import error_summary, field_group
from safehouse_portal.portals.shared.shell import table
from safehouse_portal.services.providers.contacts import MAX_EMAIL


def summary_id(prefix: str) -> str:
    """The id of a form's error summary, focused when its submit fails."""
    return f"{prefix}error-summary"


def focus_summary(prefix: str):
    """The event that moves the focus to the form's error summary (GOV.UK: on a failed submit)."""
    return rx.set_focus(summary_id(prefix))


def errors_box(errors: rx.Var, prefix: str) -> rx.Component:
    """The error summary of one form, focusable (tabindex -1) and shown only when there are errors."""
    return rx.cond(errors.length() > 0,
                   rx.el.div(error_summary(errors, prefix), id=summary_id(prefix), tab_index=-1))


def select(label: str, name: str, prefix: str, errors: rx.Var, options, *, value=None, blank: str = "Choose",
           hint: str = "") -> rx.Component:
    """A labelled select of ``options`` (a var of Option, or a list of (value, label) pairs)."""
    if isinstance(options, list):
        choices = [rx.el.option(text, value=val) for val, text in options]
    else:
        choices = [rx.foreach(options, lambda o: rx.el.option(o.label, value=o.value))]
    extra = {"default_value": value} if value is not None else {}
    return field_group(label, name, prefix, errors, rx.el.select(
        rx.el.option(blank, value=""), *choices, id=f"{prefix}{name}", name=name, class_name="select", **extra),
        hint=hint)


def text_input(label: str, name: str, prefix: str, errors: rx.Var, *, value="", hint: str = "",
               class_name: str = "input", **props) -> rx.Component:
    """A labelled one-line box; the service checks each field's own limit, the box the longest of them."""
    return field_group(label, name, prefix, errors, rx.el.input(
        id=f"{prefix}{name}", name=name, class_name=class_name, default_value=value, max_length=MAX_EMAIL, **props),
        hint=hint)


def reason_box(prefix: str, errors: rx.Var, label: str = "Why are you making this change?") -> rx.Component:
    return field_group(label, "reason", prefix, errors, rx.el.textarea(
        id=f"{prefix}reason", name="reason", class_name="textarea", rows=2, max_length=MAX_REASON),
        hint="Kept in the history with your name and the date")


def history_table(rows: rx.Var, caption: str = "History of changes, newest first") -> rx.Component:
    return rx.el.section(
        rx.el.h2("History", class_name="heading-m"),
        rx.cond(rows.length() > 0,
                table(["When", "Who", "What", "Field", "Before", "After", "Why", "How"], rows, lambda r: [
                    rx.el.td(r.changed_on), rx.el.td(r.changed_by), rx.el.td(r.what), rx.el.td(r.field),
                    rx.el.td(r.before), rx.el.td(r.after), rx.el.td(r.reason), rx.el.td(r.source)],
                    caption=caption),
                rx.el.p("No changes yet.")),
        id="history",
    )
