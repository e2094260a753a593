"""One section of the PIR (``/provider/pir/[section]?inspection=N``): every answer saves itself.

The section comes from the path and the inspection from the query string, never from
an event argument. Each save sends the version of the answer this page last saw (kept
server-side); when someone else saved in between, their answer is shown and ours is
quoted back, so nothing is overwritten or lost without a word.
"""

from dataclasses import replace

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.portals.shared.auth_state import AuthState
from safehouse_portal.portals.shared.edge import programme_now, programme_today
from safehouse_portal.portals.shared.live import notify_pir_changed
from safehouse_portal.portals.pir.fields import Handlers, question_field, upload_dialog
from safehouse_portal.domain.ids import parse_id
from safehouse_portal.domain.uploads import MAX_BYTES
from safehouse_portal.services.core.errors import InvalidInput
from safehouse_portal.services.pir import returns as pir
from safehouse_portal.domain.uploads import KINDS_TEXT, SIZE_TEXT
from safehouse_portal.services.pir.views import QuestionView, SectionView
from safehouse_portal.portals.shared.shell import page
from safehouse_portal.portals.shared.connection import save_status
from safehouse_portal.portals.shared.autosave import fresh_generation
from safehouse_portal.domain.autosave import client_version, conflict_text, expected_version

_EMPTY = SectionView()


def section_key_from_path(path: str) -> str:
    tail = path.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]
    return tail if tail.replace("_", "").isalnum() and len(tail) <= 40 else ""


def inspection_from_query(params) -> int | None:
    return parse_id(params.get("inspection", "")) if params else None


class PirSectionState(AuthState):
    """The section's read model, the problems shown at the fields, and the last save's outcome.

    The page is drawn from ``drawn``, sent when the page loads and whenever its boxes are
    drawn again (``generation`` changes). An answer saved as entered sends only the small
    vars beside it: the answer's version (``saved_versions``, the answers saved since the
    page was drawn; a saved answer is no longer a pre-fill to confirm), ``saved_at`` and the
    problems shown when they change; the server keeps the whole section with every saved
    answer in ``view`` for the next drawing.
    """

    drawn: SectionView = _EMPTY
    saved_versions: dict[str, int] = {}
    check: bool = False
    shown_errors: dict[str, str] = {}
    refused: dict[str, str] = {}
    conflict: str = ""
    conflicts: dict[str, str] = {}
    saved_at: str = ""
    generation: int = 0
    upload_target: str = ""
    upload_question: str = ""
    _versions: dict[str, int] = {}
    _mine: dict[str, int] = {}
    _mine_for: int = 0
    _view: SectionView = _EMPTY

    def _inspection_id(self) -> int | None:
        return inspection_from_query(self.router.url.query_parameters)

    @property
    def view(self) -> SectionView:
        """The section as this page knows it now: as loaded, with every answer saved or shown since (to read;
        it changes by ``_replace``)."""
        return self._plain("_view")

    def _fill(self, session, actor) -> None:
        self._view = pir.section_page(session=session, actor=actor, inspection_id=self._inspection_id(),
                                     section_key=section_key_from_path(self.router.url.path), today=programme_today())
        self._versions = {q.code: q.version for q in self.view.questions}
        if self._mine_for != self.view.inspection_id:
            # Another return: what this page saved and the conflicts it showed belong to the previous one.
            self._mine, self._mine_for, self.conflicts = {}, self.view.inspection_id, {}
        # A reload (say, on reconnecting) keeps the conflicts of this section's answers on screen.
        self.conflicts = {k: v for k, v in self.conflicts.items() if k in self._versions}
        self._draw()
        self._show()

    def _draw(self) -> None:
        """Draw the page from ``view``: its boxes take their text and versions only when drawn."""
        self.drawn = self._view
        self._keep(saved_versions={})

    def _redraw(self) -> None:
        """Draw the boxes again (a new generation gives them new keys), from what is stored now."""
        self._draw()
        self.generation = fresh_generation(self.generation)

    @rx.event
    def load(self):
        self.check = self.router.url.query_parameters.get("check") == "1"
        self.refused, self.conflict, self.saved_at = {}, "", ""
        self.upload_target, self.upload_question = "", ""
        self.generation = fresh_generation(self.generation)
        return self._load_page(self._fill)

    @rx.event
    async def save(self, code: str, value: str, version: int | None = None, seen: int | None = None):
        """Save a text, number, date or choice answer as entered (the service says why it refuses one).

        ``version`` is the version of the answer the box was drawn with and ``seen`` the page's
        generation then: after a reconnect the page reloads every answer, and a save typed
        against an older version than the stored one is refused as a conflict, never saved over it.
        """
        if _readable(code) and (value is None or isinstance(value, str)):
            await self._save(code, value, started_from=client_version(version), seen=client_version(seen))

    @rx.event
    async def save_cell(self, code: str, index: int, column: str, value: str):
        """Save one cell of a repeating row (the whole answer is saved with it)."""
        rows = self._rows(code)
        if rows is None or not isinstance(index, int) or not 0 <= index < len(rows) or not _readable(column) \
                or column not in rows[index] or not isinstance(value, str):
            return
        rows[index][column] = value
        await self._save(code, rows)

    @rx.event
    async def add_row(self, code: str):
        rows = self._rows(code)
        if rows is not None and rows:
            await self._save(code, rows + [{column: "" for column in rows[0]}], force_render=True)

    @rx.event
    async def remove_row(self, code: str, index: int):
        rows = self._rows(code)
        if rows is not None and isinstance(index, int) and 0 <= index < len(rows):
            await self._save(code, rows[:index] + rows[index + 1:], force_render=True)

    @rx.event
    async def confirm(self, code: str):
        if _readable(code):
            await self._save(code, None, confirm=True)

    @rx.event
    async def remove_file(self, code: str):
        if _readable(code):
            await self._save(code, None)

    def _rows(self, code: object) -> list[dict[str, str]] | None:
        if not self._section_read(self._inspection_id()):
            return None
        question = self._question(code)
        if question is None or question.type != "rows":
            return None
        return [{cell.column: cell.value for cell in row.cells} for row in question.rows]

    def _question(self, code: object) -> QuestionView | None:
        return next((q for q in self.view.questions if q.code == code), None) if _readable(code) else None

    async def _save(self, code: str, value, confirm: bool = False, force_render: bool = False,
                    started_from: int | None = None, seen: int | None = None) -> None:
        self._keep(conflict="")
        self._drop("refused", code)
        self._drop("conflicts", code)
        inspection_id = self._inspection_id()
        if not self._section_read(inspection_id):
            return
        expected = expected_version(started_from, self._versions.get(code, 0), self._mine.get(code))
        try:
            ok, saved = self._run(lambda session, actor: pir.save_answer(
                session=session, actor=actor, inspection_id=inspection_id, question_code=code, value=value,
                expected_version=expected, today=programme_today(), confirm=confirm),
                errors_field=None, refusal_hides_page=True)
        except pir.AnswerConflict as exc:
            self._replace(exc.current)
            self.conflicts = {**self.conflicts, code: conflict_text(
                exc.current.text, exc.by, exc.at, exc.current.value, value, noun="answer")}
            self._redraw()
            return
        if not ok:
            if isinstance(saved, InvalidInput):
                errors = self._refusal_errors(saved)
                self.refused = {**self.refused, **{k: v for k, v in errors.items() if k in (code, "return")}} \
                    or {code: "This answer could not be saved"}
                self._show()
            return
        self._replace(saved)
        self._mine = {**self._mine, code: saved.version}
        self.saved_at = programme_now().strftime("%H:%M:%S")
        if force_render or confirm or saved.type == "file" or (seen is not None and seen != self.generation):
            # A save from boxes drawn before the page last reloaded its answers: draw them again, so
            # the page shows what is stored now rather than what it held before the reload.
            self._redraw()
        elif saved.version != self._drawn_version(code):
            # The browser already shows what was entered: only the answer's new version goes to it.
            self.saved_versions = {**self.saved_versions, code: saved.version}
        await self._tell_readers(inspection_id)

    def _section_read(self, inspection_id: int | None) -> bool:
        """Make sure this tab's state holds the section it saves into; whether it does.

        A tab that reconnects may be given a new, empty state (Reflex hands it a new token
        when its old one still looks connected after a server restart), and the saves it
        queued while offline then arrive before its page load. Reading the section first
        means those saves are judged against the stored versions and their conflicts stay
        on screen, instead of being wiped by the load that follows.
        """
        if inspection_id is not None and self.view.inspection_id == inspection_id and self._versions:
            return True
        ok, _ = self._run(self._fill, errors_field=None, refusal_hides_page=True)
        return ok

    async def _tell_readers(self, saved_to: int | None) -> None:
        """Tell the inspectors' KLOE pages that this return changed (after the save is committed).

        The id told is the one the PIR service gave this page when it loaded, and only
        when the save went to that very return.
        """
        if saved_to is not None and saved_to == self.view.inspection_id:
            await notify_pir_changed(self, self.view.inspection_id)

    def _drawn_version(self, code: str) -> int | None:
        """The version of the answer the page's box holds now (as drawn, or as saved since)."""
        if code in self.saved_versions:
            return self.saved_versions[code]
        return next((q.version for q in self.drawn.questions if q.code == code), None)

    def _replace(self, question: QuestionView) -> None:
        self._versions[question.code] = question.version
        view = self.view
        self._view = replace(view, questions=[question if q.code == question.code else q for q in view.questions])
        self._show()

    def _show(self) -> None:
        """Problems shown at the fields: what is wrong with what was entered; missing answers once checked."""
        errors = {q.code: q.problem for q in self.view.questions
                  if q.problem and (self.check or not (q.missing or q.prefilled))}
        self._keep(shown_errors={**errors, **self.refused})

    @rx.event
    def check_section(self):
        """Show every problem of the section, or go on to the next section when there is none."""
        self.check = True
        self._show()
        if not self.shown_errors:
            view = self.view
            return rx.redirect(routes.pir_section(view.inspection_id, view.next_key) if view.next_key
                               else routes.provider_pir(view.inspection_id))
        return None

    @rx.event
    def choose_file(self, code: str):
        """Open the upload dialog for one file question of this section."""
        question = self._question(code)
        if question is not None and question.type == "file" and self.view.editable:
            self.upload_target, self.upload_question = question.code, question.text

    @rx.event
    def close_upload(self):
        self.upload_target, self.upload_question = "", ""

    @rx.event
    async def upload(self, files: list[rx.UploadFile]):
        """Keep the chosen file as the answer to the dialog's question; its content decides whether it is accepted."""
        code = self.upload_target
        if not code:
            return
        inspection_id = self._inspection_id()
        if not isinstance(files, list) or len(files) != 1:
            self.refused = {**self.refused, code: "Choose one file"}
            self._show()
            return
        upload = files[0]
        content = await upload.read(MAX_BYTES + 1) if hasattr(upload, "read") else None
        self.conflict = ""
        try:
            ok, saved = self._run(lambda session, actor: pir.attach_file(
                session=session, actor=actor, inspection_id=inspection_id, question_code=code,
                name=getattr(upload, "filename", None), content=content,
                expected_version=self._versions.get(code, 0), today=programme_today()),
                errors_field=None, refusal_hides_page=True)
        except pir.AnswerConflict as exc:
            self._replace(exc.current)
            self._draw()
            self.conflict = f"{exc.by} changed this answer at {exc.at}. Their answer is shown; upload yours again."
            self.upload_target, self.upload_question = "", ""
            return
        if not ok:
            if isinstance(saved, InvalidInput):
                errors = self._refusal_errors(saved)
                self.refused = {**self.refused, code: errors.get(code) or next(iter(errors.values()))}
                self._show()
            return
        self.refused = {k: v for k, v in self.refused.items() if k != code}
        self.upload_target, self.upload_question = "", ""
        self._replace(saved)
        self._draw()  # the file's name and link (the dialog held the focus, so no box is being typed in)
        self.saved_at = programme_now().strftime("%H:%M:%S")
        await self._tell_readers(inspection_id)

    @rx.event
    def upload_rejected(self, rejections: list):
        """The browser refused the file before sending it (too big, or not an allowed type)."""
        if self.upload_target:
            self.refused = {**self.refused,
                            self.upload_target: f"The selected file must be a {KINDS_TEXT} file smaller than {SIZE_TEXT}"}
            self._show()


def _readable(code: object) -> bool:
    return isinstance(code, str) and 0 < len(code) <= 40


def _handlers() -> Handlers:
    s = PirSectionState
    return Handlers(save=s.save, save_cell=s.save_cell, add_row=s.add_row, remove_row=s.remove_row, confirm=s.confirm,
                    remove_file=s.remove_file, choose_file=s.choose_file,
                    errors=s.shown_errors, editable=s.drawn.editable, generation=s.generation,
                    saved_versions=s.saved_versions)


def _summary() -> rx.Component:
    return rx.el.div(
        rx.el.h2("There is a problem"),
        rx.el.ul(rx.foreach(PirSectionState.shown_errors,
                            lambda kv: rx.el.li(rx.el.a(kv[1], href="#q-" + kv[0])))),
        class_name="error-summary", role="alert", id="error-summary", tab_index=-1,
    )


def pir_section_page() -> rx.Component:
    """The page at ``/provider/pir/[section]``."""
    state, view = PirSectionState, PirSectionState.drawn
    return page(
        "Information return",
        rx.el.a("Back to the task list", href=routes.provider_pir(view.inspection_id), class_name="pir-back",
                id="back-to-task-list"),
        rx.el.p(view.inspection_label, class_name="caption"),
        rx.el.h2("Section ", view.number.to_string(), " of ", view.total.to_string(), ": ", view.title,
                 class_name="heading-m", id="section-title"),
        rx.cond(view.description != "", rx.el.p(view.description)),
        rx.cond((state.check | (state.refused.length() > 0)) & (state.shown_errors.length() > 0), _summary()),
        rx.cond((state.conflict != "") | (state.conflicts.length() > 0), rx.el.div(
            rx.el.h2("Someone else changed an answer", class_name="heading-s"),
            rx.cond(state.conflict != "", rx.el.p(state.conflict)),
            rx.foreach(state.conflicts, lambda kv: rx.el.p(rx.el.a(kv[1], href="#q-" + kv[0]))),
            class_name="notification pir-conflict", role="alert", id="conflict")),
        rx.cond(~view.editable, rx.el.p("This return has been submitted, so it can no longer be changed.",
                                        class_name="panel", id="read-only")),
        rx.el.form(
            rx.foreach(view.questions, lambda q: question_field(q, _handlers())),
            rx.cond(view.editable, rx.el.button("Save and continue", type="submit", class_name="button",
                                                id="continue")),
            on_submit=lambda _: PirSectionState.check_section(),
            reset_on_submit=False,
            id="section-form",
        ),
        rx.cond(state.upload_target != "", upload_dialog(state.upload_question, state.shown_errors,
                                                         state.upload_target, state.upload, state.upload_rejected,
                                                         state.close_upload)),
        rx.cond(view.editable, save_status(rx.cond(state.saved_at != "", "Your answers are saved as you go. "
                                                   "Last saved at " + state.saved_at + ".", ""),
                                           "Your answers are saved as you go.")),
    )
