"""Pieces the good-practice pages share: the example's form fields and an entry's summary."""

import reflex as rx

from safehouse_portal.domain.good_practice import MAX_TEXT, MAX_TITLE, THEME_LABELS
from safehouse_portal.portals.shared.forms import field_group


def example_fields(errors: rx.Var, title="", what="", why="", themes: rx.Var | None = None) -> list[rx.Component]:
    """Title, what they do, why it works and the themes, each labelled with its error.

    A checkbox's id differs from its name: Reflex sends an input whose id is a field's name
    as that element's own value, which for a checkbox is not what the person ticked.
    """
    def box(value: str, label: str) -> rx.Component:
        checked = {"default_checked": themes.contains(value)} if themes is not None else {}
        return rx.el.div(rx.el.input(type="checkbox", name=f"theme_{value}", id=f"gp-theme-{value}",
                                     class_name="checkbox", **checked),
                         rx.el.label(label, html_for=f"gp-theme-{value}"), class_name="checkbox-row")

    first = next(iter(THEME_LABELS)).value
    return [
        field_group("Title", "title", "", errors, rx.el.input(
            id="title", name="title", class_name="input wide", max_length=MAX_TITLE, default_value=title)),
        field_group("What they do", "what_they_do", "", errors, rx.el.textarea(
            id="what_they_do", name="what_they_do", class_name="input wide", rows=5, max_length=MAX_TEXT,
            default_value=what), hint="Describe the practice, not the provider: no names of services, staff, "
                                      "survivors or places."),
        field_group("Why it works", "why_it_works", "", errors, rx.el.textarea(
            id="why_it_works", name="why_it_works", class_name="input wide", rows=4, max_length=MAX_TEXT,
            default_value=why)),
        rx.el.fieldset(
            rx.el.legend("Themes", class_name="label"),
            rx.cond(errors.contains("themes"),
                    rx.el.span(errors["themes"], class_name="error-message", id="themes-error")),
            rx.el.span(id="themes", tab_index=-1),
            *[box(theme.value, label) for theme, label in THEME_LABELS.items()],
            class_name=rx.cond(errors.contains("themes"), "form-group error", "form-group"),
            id=f"themes-{first}-group"),
    ]


def entry_text(entry) -> rx.Component:
    """What an example is, where in the framework it sits, its year and the kind of service."""
    return rx.el.div(
        rx.el.p(entry.key_question_label, ": ", entry.kloe, " \u00b7 ", entry.year, " \u00b7 ", entry.service_kind,
                class_name="hint"),
        rx.el.h3("What they do", class_name="heading-s"),
        rx.el.p(entry.what_they_do, class_name="body pre-line"),
        rx.el.h3("Why it works", class_name="heading-s"),
        rx.el.p(entry.why_it_works, class_name="body pre-line"),
        rx.el.p("Themes: ", rx.foreach(entry.theme_labels, lambda t: rx.el.strong(t, class_name="tag")),
                class_name="body"),
    )
