"""Importing the programme spreadsheet: upload, check what it would do, confirm, see what it did.

A programme manager or an admin chooses the spreadsheet; it is checked at once as a dry run
(nothing written) and the page shows what would be created, changed and left alone, or every
problem by row and column. Confirming imports the same bytes, kept on the server, checked
again. New provider leads' one-time passwords are shown on the outcome once: leaving the
page forgets them.
"""

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.domain.programme_rows import COLUMNS, MAX_FILE_BYTES, MAX_MEGABYTES
from safehouse_portal.portals.shared.auth_state import AuthState
from safehouse_portal.portals.shared.downloads import download_link
from safehouse_portal.portals.shared.shell import page
from safehouse_portal.services.core import access
from safehouse_portal.services.core.access import Action
from safehouse_portal.services.providers.programme_import import ImportOutcome, ProgrammeFileError, import_programme

UPLOAD_ID = "programme-upload"
ACCEPT = {"text/csv": [".csv"],
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": [".xlsx"]}
NOT_A_FILE = "Choose one CSV or Excel (XLSX) file"
_WRAP = {"word_break": "break-all"}
"""Long emails and passwords wrap rather than widen the page at 320 px."""


class ProgrammeImportState(AuthState):
    """The checked file's dry run or its problems; after confirming, the outcome."""

    file_name: str = ""
    problems: list[str] = []
    preview: ImportOutcome = ImportOutcome()
    checked: bool = False
    outcome: ImportOutcome = ImportOutcome()
    imported: bool = False
    _content: bytes = b""

    @rx.event
    def load(self):
        self.reset()
        return self._load_page(lambda session, actor: access.admit(actor, Action.IMPORT_PROGRAMME))

    @rx.event
    async def upload(self, files: list[rx.UploadFile]):
        """Check the chosen file as a dry run; keep its bytes (on the server) for confirming."""
        self._forget()
        if not isinstance(files, list) or len(files) != 1 or not hasattr(files[0], "read"):
            self.problems = [NOT_A_FILE]
            return rx.set_focus("import-errors")
        content = await files[0].read(MAX_FILE_BYTES + 1)
        self.file_name = str(getattr(files[0], "filename", "") or "the file")[:120]
        return self._check(content)

    @rx.event
    def upload_rejected(self, rejections: list):
        """The browser refused the file before sending it (too big, or not CSV or XLSX)."""
        self._forget()
        self.problems = [f"The file must be a CSV or Excel (XLSX) file smaller than {MAX_MEGABYTES} MB"]
        return rx.set_focus("import-errors")

    @rx.event
    def confirm(self):
        """Import the checked file: all of it or nothing."""
        content, name = self._content, self.file_name
        if not self.checked or not content:
            return None
        done, result = self._run(lambda session, actor: import_programme(
            session=session, actor=actor, content=content, dry_run=False, file_name=name), errors_field=None)
        self._forget(keep_name=True)
        if not done:
            self.problems = _problems(result, self._refusal_text)
            return rx.set_focus("import-errors")
        self.outcome, self.imported = result, True
        return rx.set_focus("import-outcome")

    @rx.event
    def start_again(self):
        self._forget()

    def _check(self, content: bytes):
        done, result = self._run(lambda session, actor: import_programme(
            session=session, actor=actor, content=content, dry_run=True), errors_field=None)
        if not done:
            self.problems = _problems(result, self._refusal_text)
            return rx.set_focus("import-errors")
        self.preview, self.checked, self._content = result, True, content
        return rx.set_focus("import-preview")

    def _forget(self, keep_name: bool = False) -> None:
        name = self.file_name
        self.problems, self.checked, self.imported, self._content = [], False, False, b""
        self.preview, self.outcome = ImportOutcome(), ImportOutcome()
        self.file_name = name if keep_name else ""


def _problems(refusal: Exception, as_text) -> list[str]:
    if isinstance(refusal, ProgrammeFileError):
        return list(refusal.problems)
    return [as_text(refusal)]


def _items(title: str, items: rx.Var, box_id: str, open_: bool = True) -> rx.Component:
    """A heading with how many, then each item and what changes, in a details box."""
    return rx.el.details(
        rx.el.summary(title, " (", items.length().to_string(), ")"),
        rx.el.ul(rx.foreach(items, lambda item: rx.el.li(
            item.kind.to(str), ": ", item.name,
            rx.cond(item.changes.length() > 0, rx.el.span(": ", item.changes.join("; "))))),
            class_name="list"),
        open=open_, id=box_id,
    )


def _counts(view: rx.Var, verb: str) -> rx.Component:
    return rx.el.p(
        view.created.length().to_string(), f" {verb} created, ", view.changed.length().to_string(),
        f" {verb} changed, ", view.unchanged.length().to_string(), " left as they are; ",
        view.accounts.length().to_string(), " new provider lead accounts.", class_name="body-l",
    )


def _upload_box() -> rx.Component:
    state = ProgrammeImportState
    return rx.el.div(
        rx.el.span("Programme spreadsheet", class_name="label", id="programme-file-label"),
        rx.el.span(f"A CSV or Excel (XLSX) file up to {MAX_MEGABYTES} MB, one row per location, with the columns: "
                   + ", ".join(COLUMNS) + ". It is checked as soon as you choose it; nothing is imported until "
                   "you confirm.", class_name="hint"),
        rx.upload(
            rx.el.button("Choose the spreadsheet", type="button", class_name="button secondary", id="programme-file",
                         aria_describedby="programme-file-label"),
            id=UPLOAD_ID, multiple=False, accept=ACCEPT, max_size=MAX_FILE_BYTES,
            on_drop=state.upload(rx.upload_files(upload_id=UPLOAD_ID)),
            on_drop_rejected=state.upload_rejected, class_name="upload-box",
        ),
        class_name=rx.cond(state.problems.length() > 0, "form-group error", "form-group"),
    )


def _errors() -> rx.Component:
    state = ProgrammeImportState
    return rx.el.div(
        rx.el.h2("There is a problem: nothing was imported"),
        rx.el.p(rx.cond(state.file_name != "", state.file_name + " ", "The file "), "has ",
                state.problems.length().to_string(), rx.cond(state.problems.length() == 1, " problem", " problems"),
                ". Correct the spreadsheet and choose it again."),
        rx.el.ul(rx.foreach(state.problems, lambda problem: rx.el.li(rx.el.a(problem, href="#programme-file")))),
        class_name="error-summary", role="alert", id="import-errors", tab_index=-1,
    )


def _preview() -> rx.Component:
    view = ProgrammeImportState.preview
    return rx.el.div(
        rx.el.h2("Check what the import will do", class_name="heading-m"),
        rx.el.p(ProgrammeImportState.file_name, ": ", view.rows.to_string(), " rows. Nothing has been written yet."),
        _counts(view, "would be"),
        _items("Would be created", view.created, "preview-created"),
        _items("Would be changed", view.changed, "preview-changed"),
        rx.cond(view.accounts.length() > 0, rx.el.p(
            "Provider lead accounts would be made for: ",
            rx.foreach(view.accounts, lambda a: rx.el.span(a.email, " ")))),
        _items("Left as they are", view.unchanged, "preview-unchanged", open_=False),
        rx.el.div(
            rx.el.button("Import the programme", type="button", class_name="button", id="confirm-import",
                         on_click=ProgrammeImportState.confirm),
            rx.el.button("Choose another file", type="button", class_name="button secondary", id="start-again",
                         on_click=ProgrammeImportState.start_again),
            class_name="button-group"),
        id="import-preview", tab_index=-1,
    )


def _outcome() -> rx.Component:
    view = ProgrammeImportState.outcome
    return rx.el.div(
        rx.el.div(rx.el.h2("Programme imported", class_name="heading-m"), _counts(view, "were"),
                  class_name="notification success", role="status", aria_live="polite"),
        rx.cond(view.accounts.length() > 0, rx.el.div(
            rx.el.h2("New provider lead accounts", class_name="heading-m"),
            rx.el.p("Each password is shown this once and is not kept: give it to the lead securely now. "
                    "Leaving this page forgets them.", class_name="warning-text"),
            rx.el.table(rx.el.thead(rx.el.tr(rx.el.th("Email", scope="col"), rx.el.th("One-time password", scope="col"))),
                        rx.el.tbody(rx.foreach(view.accounts, lambda a: rx.el.tr(
                            rx.el.td(a.email, style=_WRAP), rx.el.td(rx.el.code(a.password), style=_WRAP)))),
                        class_name="table", id="new-accounts"))),
        _items("Created", view.created, "outcome-created"),
        _items("Changed", view.changed, "outcome-changed"),
        rx.el.p(rx.el.a("Import another file", href=routes.PROGRAMME_IMPORT, on_click=ProgrammeImportState.start_again)),
        id="import-outcome", tab_index=-1,
    )


def programme_import_page() -> rx.Component:
    """The page at ``/programme/import``."""
    state = ProgrammeImportState
    return page(
        "Import the programme",
        rx.el.p("Add and update providers, their inspection groups and locations from your spreadsheet. A location "
                "missing from the file is left as it is: to close one, set active to no.", class_name="caption"),
        rx.el.p("Download the programme as it stands: ",
                download_link("CSV", href=routes.programme_export("csv")), " or ",
                download_link("Excel (XLSX)", href=routes.programme_export("xlsx")),
                ". Addresses are left out; importing the file back changes nothing."),
        rx.cond(state.problems.length() > 0, _errors()),
        rx.cond(state.imported, _outcome(),
                rx.cond(state.checked, _preview(), _upload_box())),
    )
