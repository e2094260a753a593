"""Form pieces every portal shares: the error summary, a labelled field with its error, radios.

Stateless: each takes the vars it shows. Field ids are ``prefix + field``, so an error in
the summary links to ``#prefix+field`` and lands on the field (GOV.UK pattern).
"""

import reflex as rx


def error_summary(errors: rx.Var, anchor_prefix: str, reasons: rx.Var | None = None) -> rx.Component:
    """A GOV.UK error summary: field errors link to their field; ``reasons`` are plain text."""
    plain = [rx.foreach(reasons, lambda reason: rx.el.li(reason))] if reasons is not None else []
    return rx.el.div(
        rx.el.h2("There is a problem"),
        rx.el.ul(
            *plain,
            rx.foreach(errors, lambda kv: rx.el.li(rx.el.a(kv[1], href="#" + anchor_prefix + kv[0]))),
        ),
        class_name="error-summary", role="alert",
    )


def field_group(label: str, field: str, prefix: str, errors: rx.Var, control: rx.Component,
                hint: str = "") -> rx.Component:
    """A label, its hint, its error (when there is one) and the control, with the error border."""
    field_id = f"{prefix}{field}"
    return rx.el.div(
        rx.el.label(label, html_for=field_id, class_name="label"),
        rx.el.span(hint, class_name="hint", id=f"{field_id}-hint") if hint else rx.fragment(),
        rx.cond(errors.contains(field),
                rx.el.span(errors[field], class_name="error-message", id=f"{field_id}-error")),
        control,
        class_name=rx.cond(errors.contains(field), "form-group error", "form-group"),
    )


def radios(name: str, prefix: str, options: list[tuple[str, str]], first_checked: bool = False) -> rx.Component:
    """One radio per ``(value, label)``; the first has the field's id, so the error summary lands on it.

    The others are ``prefix + name + "-" + value``. ``first_checked`` preselects the first option.
    """
    def one(index: int, value: str, label: str) -> rx.Component:
        radio_id = f"{prefix}{name}" if index == 0 else f"{prefix}{name}-{value}"
        return rx.el.div(
            rx.el.input(type="radio", name=name, value=value, id=radio_id,
                        **({"default_checked": True} if index == 0 and first_checked else {})),
            rx.el.label(label, html_for=radio_id), class_name="pw-radio")

    return rx.el.div(*[one(i, value, label) for i, (value, label) in enumerate(options)], class_name="pw-radios")
