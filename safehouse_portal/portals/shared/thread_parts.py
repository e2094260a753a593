"""Stateless pieces the request, contact and recommendation pages share.

Each takes the vars it shows and the handlers it calls, so every page's State stays
beside its page. Showing a form only to those who may use it is a courtesy; the
services refuse everyone else.
"""

import reflex as rx

from safehouse_portal.domain.uploads import KINDS_TEXT, MAX_FILES_PER_UPLOAD, SIZE_TEXT
from safehouse_portal import routes
from safehouse_portal.portals.shared.downloads import download_link
from safehouse_portal.portals.shared.edge import form_fields, id_from_path
from safehouse_portal.portals.shared.edge import programme_today as today
from safehouse_portal.portals.shared.forms import error_summary, field_group, radios

__all__ = ["error_summary", "field_group", "files_list", "form_fields", "id_from_path", "notice", "radios",
           "status_tag", "thread", "today", "upload_box"]


def notice(message: rx.Var) -> rx.Component:
    """A success message after a form went through."""
    return rx.cond(message != "", rx.el.div(message, class_name="notification success", role="status", id="notice"))


def status_tag(status: rx.Var, label: rx.Var) -> rx.Component:
    """A status as a tag: the words always say it, the colour only repeats it."""
    return rx.el.strong(label, class_name="tag status-" + status.to(str))


def files_list(items: rx.Var) -> rx.Component:
    """Download links of attached files (the download route checks who may have them)."""
    return rx.cond(
        items.length() > 0,
        rx.el.ul(rx.foreach(items, lambda f: rx.el.li(
            download_link(f.name, href=routes.file(f.id)), rx.el.span(" (", f.size_text, ")", class_name="hint"))),
            class_name="file-list"),
    )


def upload_box(upload_id: str, on_drop, pending: rx.Var, error: rx.Var, label: str) -> rx.Component:
    """Choose files to attach: each is uploaded and checked at once, then listed.

    ``pending`` lists what was uploaded for this form so far; ``error`` says why a file was refused.
    """
    return rx.el.div(
        rx.el.span(label, class_name="label"),
        rx.el.span(f"{KINDS_TEXT}, up to {SIZE_TEXT} each.", class_name="hint"),
        rx.cond(error != "", rx.el.span(error, class_name="error-message", id=f"{upload_id}-error", role="alert")),
        rx.upload.root(
            rx.el.button("Choose files", type="button", class_name="button secondary", id=f"{upload_id}-button"),
            rx.el.span(" or drop them here", class_name="hint"),
            id=upload_id,
            multiple=True,
            max_files=MAX_FILES_PER_UPLOAD,
            on_drop=on_drop(rx.upload_files(upload_id=upload_id)),
            class_name="upload-box",
        ),
        rx.cond(pending.length() > 0, rx.el.div(rx.el.p("Attached:", class_name="hint"), files_list(pending))),
        class_name=rx.cond(error != "", "form-group error", "form-group"),
        id=f"{upload_id}-group",
    )


def thread(updates: rx.Var) -> rx.Component:
    """A recommendation's thread, oldest first: who wrote what, when, with which files."""
    return rx.el.ol(
        rx.foreach(updates, lambda u: rx.el.li(
            rx.el.p(rx.el.strong(u.kind_label), " by ", u.author, ", ", u.at, class_name="thread-meta"),
            rx.el.p(u.text, class_name="thread-text"),
            files_list(u.files),
            class_name="thread-entry thread-" + u.kind.to(str),
        )),
        class_name="thread",
        id="thread",
    )
