"""One PIR question as a form field, for each question type (stateless).

``handlers`` carries the section page's event handlers, so the fields stay free of
State. Every field saves itself as it is left (and shortly after typing stops), so
nothing is lost when the browser closes. Inputs are uncontrolled: their ``key``
changes only when the page reloads answers (after a reload or a conflict), so a save
never moves the focus.
"""

from dataclasses import dataclass
from typing import Any

import reflex as rx

from safehouse_portal.domain.uploads import ACCEPT, KINDS_TEXT, MAX_BYTES, SIZE_TEXT
from safehouse_portal.domain.pir import MAX_TEXT_CHARS
from safehouse_portal.domain.pir_values import MAX_DATE_CHARS

from safehouse_portal import routes
from safehouse_portal.portals.shared.autosave import autosave_box


@dataclass(frozen=True)
class Handlers:
    """The section page's handlers and vars the fields use."""

    save: Any
    save_cell: Any
    add_row: Any
    remove_row: Any
    confirm: Any
    remove_file: Any
    choose_file: Any
    errors: rx.Var
    editable: rx.Var
    generation: rx.Var
    saved_versions: rx.Var
    """The answers saved since the page was drawn, {code: version}: the boxes keep what was entered."""


def _version(q: rx.Var, h: Handlers) -> rx.Var:
    """The version of the answer the field holds: as saved since the page was drawn, else as drawn."""
    return rx.cond(h.saved_versions.contains(q.code), h.saved_versions[q.code], q.version)


def _prefilled(q: rx.Var, h: Handlers) -> rx.Var:
    """Still an answer from the last return to confirm: a saved change clears the mark (as the service does)."""
    return q.prefilled & ~h.saved_versions.contains(q.code)


def question_field(q: rx.Var, h: Handlers) -> rx.Component:
    """The question's label, hint, error, pre-fill mark and control."""
    has_error = h.errors.contains(q.code)
    return rx.el.div(
        rx.match(
            q.type,
            ("yes_no", _choices(q, h, has_error)),
            ("choice", _choices(q, h, has_error)),
            ("rows", _rows(q, h, has_error)),
            _single(q, h, has_error),
        ),
        class_name=rx.cond(has_error, "form-group error pir-question", "form-group pir-question"),
        id=q.field_id + "-group",
    )


def _heading(q: rx.Var, h: Handlers, has_error: rx.Var, as_legend: bool = False) -> list[rx.Component]:
    label = rx.el.legend if as_legend else rx.el.label
    props = {} if as_legend else {"html_for": q.field_id}
    return [
        label(q.text, rx.cond(q.required, "", " (optional)"), class_name="label", **props),
        rx.cond(q.hint != "", rx.el.span(q.hint, class_name="hint")),
        rx.cond(q.word_limit > 0, rx.el.span("Use up to ", q.word_limit.to_string(), " words.", class_name="hint")),
        rx.cond(q.type == "date", rx.el.span("Day/month/year, for example 27/3/2026", class_name="hint",
                                             id=q.field_id + "-format")),
        rx.cond(_prefilled(q, h), _prefill_mark(q, h)),
        rx.cond(has_error, rx.el.span(rx.el.span("Error: ", class_name="visually-hidden"), h.errors[q.code],
                                      class_name="error-message", id=q.field_id + "-error")),
    ]


def _prefill_mark(q: rx.Var, h: Handlers) -> rx.Component:
    return rx.el.div(
        rx.el.strong("From your last return", class_name="tag grey"),
        rx.cond(h.editable, rx.el.button("Confirm this answer", type="button", class_name="button secondary small",
                                         id=q.field_id + "-confirm", on_click=h.confirm(q.code))),
        class_name="pir-prefilled",
    )


def _single(q: rx.Var, h: Handlers, has_error: rx.Var) -> rx.Component:
    """Text, whole number, date and file questions."""
    return rx.fragment(
        *_heading(q, h, has_error),
        rx.match(
            q.type,
            ("text", _editable(h, q, rx.el.textarea, rows=6, class_name="input pir-text", max_length=MAX_TEXT_CHARS)),
            ("number", _editable(h, q, rx.el.input, type="text", input_mode="numeric", max_length=MAX_TEXT_CHARS,
                                 class_name="input pir-number")),
            ("date", _editable(h, q, rx.el.input, type="text", class_name="input pir-date", max_length=MAX_DATE_CHARS,
                               auto_complete="off", aria_describedby=q.field_id + "-format")),
            _file(q, h),
        ),
    )


def _editable(h: Handlers, q: rx.Var, control, **props) -> rx.Component:
    """A box that saves itself while the return is open, and a read-only box with no handlers once submitted.

    Each save carries the version of the answer the box was drawn with and the page's
    generation then, so a save made from an out-of-date page (say, typed while the
    connection was down) is refused as a conflict instead of overwriting a newer answer.
    """
    return autosave_box(control, editable=h.editable, key=q.field_id, generation=h.generation,
                        save=lambda v: h.save(q.code, v, _version(q, h), h.generation),
                        default_value=q.value, id=q.field_id, name=q.code, **props)


def _choices(q: rx.Var, h: Handlers, has_error: rx.Var) -> rx.Component:
    """Radios for yes/no and single-choice questions."""
    return rx.el.fieldset(
        *_heading(q, h, has_error, as_legend=True),
        rx.el.div(
            rx.foreach(q.options, lambda o: rx.el.div(
                rx.el.input(type="radio", name=q.field_id, id=q.field_id + "-" + o.value, value=o.value,
                            default_checked=q.value == o.value, disabled=~h.editable,
                            key=q.field_id + o.value + h.generation.to_string(),
                            on_change=h.save(q.code, o.value, _version(q, h), h.generation)),
                rx.el.label(o.label, html_for=q.field_id + "-" + o.value),
                class_name="pir-radio",
            )),
            id=q.field_id,
        ),
        class_name="pir-fieldset",
    )


def _rows(q: rx.Var, h: Handlers, has_error: rx.Var) -> rx.Component:
    """Repeating rows: one line of cells per row, with add and remove."""
    return rx.el.fieldset(
        *_heading(q, h, has_error, as_legend=True),
        rx.el.div(rx.foreach(q.rows, lambda row: _row(q, row, h)), id=q.field_id),
        rx.cond(h.editable, rx.el.button("Add another row", type="button", class_name="button secondary",
                                         id=q.field_id + "-add", on_click=h.add_row(q.code))),
        class_name="pir-fieldset",
    )


def _row(q: rx.Var, row: rx.Var, h: Handlers) -> rx.Component:
    return rx.el.div(
        rx.el.span("Row ", row.number.to_string(), class_name="pir-row-number"),
        rx.foreach(row.cells, lambda cell: rx.el.div(
            rx.el.label(cell.label, html_for=cell.field_id, class_name="pir-cell-label"),
            rx.cond(
                cell.type == "choice",
                rx.el.select(
                    rx.el.option("Choose", value=""),
                    rx.foreach(cell.options, lambda o: rx.el.option(o.label, value=o.value)),
                    default_value=cell.value, id=cell.field_id, class_name="select", disabled=~h.editable,
                    key=cell.field_id + h.generation.to_string(),
                    on_change=lambda v: h.save_cell(q.code, row.index, cell.column, v)),
                rx.cond(
                    h.editable,
                    rx.el.input(default_value=cell.value, id=cell.field_id, class_name="input",
                                max_length=MAX_TEXT_CHARS,
                                input_mode=rx.cond(cell.type == "number", "numeric", "text"),
                                key=cell.field_id + h.generation.to_string(),
                                on_blur=lambda v: h.save_cell(q.code, row.index, cell.column, v)),
                    rx.el.input(default_value=cell.value, id=cell.field_id, class_name="input", read_only=True,
                                max_length=MAX_TEXT_CHARS, key=cell.field_id + "-read-only")),
            ),
            class_name="pir-cell",
        )),
        rx.cond(h.editable, rx.el.button("Remove row ", row.number.to_string(), type="button",
                                         class_name="link-button pir-remove",
                                         on_click=h.remove_row(q.code, row.index))),
        class_name="pir-row",
    )


def _file(q: rx.Var, h: Handlers) -> rx.Component:
    """The uploaded file (a download link) and, while the return is open, a way to upload or remove it.

    The upload itself happens in the page's one upload dialog (an upload control cannot
    sit inside a list of questions), opened for this question by its button.
    """
    return rx.el.div(
        rx.cond(
            q.file_name != "",
            rx.el.p(rx.el.a(q.file_name, href=routes.file(q.file_id), id=q.field_id + "-file"), " (", q.file_size, ") ",
                    rx.cond(h.editable, rx.el.button("Remove file", type="button", class_name="link-button pir-remove",
                                                     on_click=h.remove_file(q.code)))),
            rx.el.p("No file uploaded.", class_name="hint"),
        ),
        rx.cond(h.editable, rx.el.button(rx.cond(q.file_name != "", "Replace the file", "Upload a file"),
                                         type="button", class_name="button secondary", id=q.field_id,
                                         on_click=h.choose_file(q.code))),
    )


def upload_dialog(question_text: rx.Var, errors: rx.Var, target: rx.Var, on_upload, on_rejected,
                  on_cancel) -> rx.Component:
    """The dialog to choose the file for one question; the file is sent as soon as it is chosen."""
    return rx.el.div(
        rx.el.div(
            rx.el.h2("Upload a file", class_name="heading-m", id="upload-title"),
            rx.el.p(question_text, class_name="label"),
            rx.cond(errors.contains(target), rx.el.p(errors[target], class_name="error-message",
                                                     id="upload-error", role="alert")),
            rx.upload(
                rx.el.button("Choose a file", type="button", class_name="button", id="upload-choose",
                             auto_focus=True),
                rx.el.span(f"{KINDS_TEXT}, up to {SIZE_TEXT}. It is checked as soon as you choose it.",
                           class_name="hint"),
                id="pir-upload", multiple=False, accept=ACCEPT, max_size=MAX_BYTES,
                on_drop=on_upload(rx.upload_files(upload_id="pir-upload")),
                on_drop_rejected=on_rejected,
                class_name="pir-upload",
            ),
            rx.el.button("Close", type="button", class_name="button secondary", id="upload-close", on_click=on_cancel,
                         data_dialog_close="true"),
            class_name="pir-dialog-box",
        ),
        class_name="pir-dialog", role="dialog", aria_modal="true", aria_labelledby="upload-title",
        data_file_label="Choose a file for: " + question_text,
    )
