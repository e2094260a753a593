"""One KLOE of one inspection (``/inspections/[inspection_id]/kloes/[kloe_code]``).

The inspection and KLOE come from the route, never from an event argument. Each form
names the version of the KLOE the page showed; when a colleague saved in between, the
page keeps what the inspector typed and shows what the colleague changed.
"""

from dataclasses import replace
from typing import Any, Callable, ClassVar

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.portals.shared.auth_state import AuthState
from safehouse_portal.domain.evidence import FieldChange
from safehouse_portal.portals.judgements import kloe_forms as forms
from safehouse_portal.portals.judgements.kloe_panel import KloePanelState, cross_reference_panel
from safehouse_portal.portals.judgements.kloe_route import route_ids
from safehouse_portal.services.judgements import kloe
from safehouse_portal.services.judgements import kloe_edit
from safehouse_portal.services.core.errors import PermissionDenied
from safehouse_portal.services.judgements.kloe import KloeView
from safehouse_portal.services.judgements.kloe_edit import EditConflict
from safehouse_portal.portals.shared.edge import form_fields, programme_now, programme_today
from safehouse_portal.portals.shared.shell import page
from safehouse_portal.portals.shared.autosave import fresh_generation
from safehouse_portal.domain.autosave import client_version, conflict_text, expected_version
from safehouse_portal.services.core.errors import InvalidInput
from safehouse_portal.services.judgements import kloe_text

_EMPTY = KloeView(status="not_started")


class KloeState(AuthState):
    """The KLOE's read model, the version the forms were filled from, and the last outcome.

    The page is drawn from ``drawn``, sent when the page loads and when its boxes are drawn
    again. A text saved as typed sends only the small vars beside it: the box's version
    (``saved_versions``, the boxes saved since drawn), ``saved_at``, and where the page shows
    the text elsewhere (``chosen`` ticks a prompt, ``resolution`` the resolved conflict); the
    server keeps the whole read model with every saved text in ``view`` for the next drawing.
    """

    drawn: KloeView = _EMPTY
    saved_versions: dict[str, int] = {}
    chosen: list[str] = []
    resolution: str = ""
    base_version: int = 0
    form_key: int = 0
    notice: str = ""
    errors: dict[str, str] = {}
    errors_of: str = ""
    final_reasons: list[str] = []
    conflict_changes: list[FieldChange] = []
    conflict_by: str = ""
    generation: int = 0
    text_conflicts: dict[str, str] = {}
    text_refused: dict[str, str] = {}
    saved_at: str = ""
    _view: KloeView = _EMPTY
    _seen: dict[str, str] = {}
    _text_mine: dict[str, int] = {}
    _read_at: str = ""
    _refused_text: ClassVar[str] = str(PermissionDenied())
    """This page has always said a refused change is not permitted (its handler tests read so)."""

    def _ids(self) -> dict[str, Any]:
        inspection_id, code = route_ids(self.router.url.path)
        return {"inspection_id": inspection_id, "kloe_code": code}

    @property
    def view(self) -> KloeView:
        """The KLOE as this page knows it now: as loaded, with every text saved or shown since (to read; it
        changes only by being replaced)."""
        return self._plain("_view")

    def _refresh(self, session, actor, mark: str | None = None, panel: KloePanelState | None = None) -> None:
        """Read the page again, unless nothing it reads has changed since this tab last read it
        (``kloe.page_mark``, asked first unless given): then it is drawn again from what it holds.

        Given the ``panel`` and the mark, a panel that must be read again is read with the page, in one read.
        """
        ids = self._ids()
        mark = mark if mark is not None else kloe.page_mark(session=session, actor=actor, **ids)
        if mark != self._read_at or self.not_permitted:
            if panel is not None and panel._stale(mark):
                self._view, self._seen, cross = kloe.kloe_page_and_panel(session=session, actor=actor, **ids)
                panel._show(cross, mark)
            else:
                self._view, self._seen = kloe.kloe_page_with_snapshot(session=session, actor=actor, **ids)
            self._read_at = mark
        self.base_version = self._view.version
        self.form_key += 1
        self._draw()

    def _draw(self) -> None:
        """Draw the page and its boxes again from ``view`` (the boxes take their text only when drawn)."""
        self._keep(drawn=self._view, saved_versions={}, chosen=[],
                   resolution=self._view.conflict_resolution if self._view.conflict_resolved else "")
        self.generation = fresh_generation(self.generation)

    @rx.event
    async def load(self):
        """Load the KLOE and its cross-reference panel: one event, one unit of work, one check of who may read it."""
        self._begin()
        panel = await self.get_state(KloePanelState)
        panel._start()

        def fill(session, actor) -> None:
            mark = kloe.page_mark(session=session, actor=actor, **self._ids())
            self._refresh(session, actor, mark, panel)
            panel._fill(session, actor, mark)  # read with the page, unless only the panel is stale

        redirect = self._load_page(fill)
        if redirect is not None or self.not_permitted:
            panel.reset()  # nothing of a KLOE read before stays beside a page that is not this person's
            return redirect
        await panel._watch()
        return None

    def _begin(self) -> None:
        # A reload (say, on reconnecting) keeps the conflicts shown next to the boxes.
        self._clear()
        self.conflict_changes, self.conflict_by = [], ""
        self.text_refused, self.saved_at, self._text_mine = {}, "", {}

    @rx.event
    def save_text(self, box: str, value: str, version: int | None = None, seen: int | None = None):
        """Save one note or judgement text as typed (it saves itself when left and when typing stops).

        ``version`` is the version of the text the box was drawn with and ``seen`` the page's
        generation then: a save started from older text than is stored now (say, typed while
        the connection was down and someone else saved meanwhile) is shown as a conflict next
        to the box, never saved over theirs.
        """
        if not isinstance(box, str) or len(box) > 60 or not isinstance(value, str):
            return
        started_from, seen = client_version(version), client_version(seen)
        self._drop("text_refused", box)
        self._drop("text_conflicts", box)
        expected = expected_version(started_from, self.view.text_versions.get(box, 0), self._text_mine.get(box))
        try:
            ok, saved = self._run(lambda s, a: kloe_text.save_text(
                session=s, actor=a, box=box, value=value, expected_version=expected, **self._ids()),
                errors_field=None)
        except kloe_text.TextConflict as exc:
            self.text_conflicts = {**self.text_conflicts, box: conflict_text(exc.label, exc.by, exc.at, exc.theirs,
                                                                             value)}
            self._show_theirs(exc)
            return
        except EditConflict:
            self._load_page(self._refresh)
            return
        if not ok:
            if isinstance(saved, InvalidInput):
                errors = self._refusal_errors(saved)
                self.text_refused = {**self.text_refused, box: errors.get(box) or next(iter(errors.values()))}
            else:
                self._refuse_page()
            return
        self._text_saved(saved, redraw=seen is not None and seen != self.generation)

    def _show_theirs(self, exc: kloe_text.TextConflict) -> None:
        """Draw the boxes again, the refused one holding the text stored now (the message quotes ours)."""
        view = self.view
        versions = {**view.text_versions, exc.field: exc.version}
        if exc.field.startswith("note-"):
            prompts = [replace(p, note=exc.theirs) if f"note-{p.slug}" == exc.field else p for p in view.prompts]
            self._view = replace(view, prompts=prompts, text_versions=versions)
        else:
            self._view = replace(view, text_versions=versions, **{exc.field: exc.theirs})
        self._draw()

    def _text_saved(self, saved: kloe_text.TextSaved, redraw: bool) -> None:
        """Keep the saved text in ``view``; send only its version, and what shows it elsewhere on the page.

        The boxes are not drawn again unless ``redraw``: the browser already holds the text typed.
        """
        self._text_mine = {**self._text_mine, saved.field: saved.version}
        if saved.kloe_version_before == self.base_version:
            self.base_version = saved.kloe_version
        self._seen = {**self._seen, saved.seen_key: saved.seen_value}
        view = self.view
        versions = {**view.text_versions, saved.field: saved.version}
        if saved.prompt_used:
            slug = saved.field.removeprefix("note-")
            if not any(p.used for p in view.prompts if p.slug == slug):
                self.chosen = [*self.chosen, slug]
            prompts = [replace(p, note=saved.value, used=True) if p.slug == slug else p for p in view.prompts]
            self._view = replace(view, prompts=prompts, text_versions=versions, version=saved.kloe_version)
        else:
            self._view = replace(view, text_versions=versions, version=saved.kloe_version,
                                 **{saved.field: saved.value})
            if saved.field == "conflict_resolution" and view.conflict_resolved:
                self.resolution = saved.value
        self.saved_versions = {**self.saved_versions, saved.field: saved.version}
        self.saved_at = programme_now().strftime("%H:%M:%S")
        if redraw:
            # Typed in boxes drawn before the page last reloaded: draw them again from what is stored now.
            self._draw()

    @rx.event
    def save_prompts(self, form: dict):
        self._act("prompts", "Prompts saved.", lambda s, a: kloe_edit.save_prompts(
            session=s, actor=a, form=form, base_version=self.base_version, seen=self._seen, **self._ids()))

    @rx.event
    def add_evidence(self, form: dict):
        data = form_fields(form)
        self._act("evidence", "Evidence recorded.", lambda s, a: kloe_edit.add_evidence(
            session=s, actor=a, data=data, today=programme_today(), **self._ids()))

    @rx.event
    def save_judgement(self, form: dict):
        data = form_fields(form)
        self._act("judgement", "Judgement saved.", lambda s, a: kloe_edit.save_judgement(
            session=s, actor=a, data=data, base_version=self.base_version, seen=self._seen, **self._ids()))

    @rx.event
    def make_final(self):
        result = self._act("final", "", lambda s, a: kloe_edit.make_final(
            session=s, actor=a, base_version=self.base_version, seen=self._seen, **self._ids()))
        if result is None:
            return
        if result.allowed:
            self.notice = "The KLOE is final."
        else:
            self.final_reasons = list(result.reasons)

    @rx.event
    def reopen(self):
        self._act("final", "The KLOE is reopened for changes.", lambda s, a: kloe_edit.reopen(
            session=s, actor=a, base_version=self.base_version, seen=self._seen, **self._ids()))

    @rx.event
    def use_their_version(self):
        """Drop what this inspector typed and show the KLOE as saved now (read again, whatever the mark says)."""
        self._read_at = ""
        self._begin()
        self._load_page(self._refresh)
        self.notice = "The page now shows the KLOE as it is saved."

    def _act(self, where: str, success: str, action: Callable[[Any, Any], Any]) -> Any:
        """Run one service call; on success refresh the page, otherwise keep the forms as typed."""
        self._clear()

        def act(session, actor):
            try:
                return action(session, actor)
            except EditConflict:
                self._seen = kloe.saved_snapshot(session=session, actor=actor, **self._ids())
                raise

        try:
            done, result = self._run(act, refresh=self._refresh)
        except EditConflict as exc:
            self.conflict_changes, self.conflict_by = list(exc.changes), f"{exc.saved_by} on {exc.saved_at}"
            self.base_version = exc.version
            return None
        if not done:
            self.errors_of = where
            return None
        self.conflict_changes, self.conflict_by = [], ""
        self.notice = success
        return result

    def _clear(self) -> None:
        self.notice, self.errors, self.errors_of, self.final_reasons = "", {}, "", []


def kloe_page() -> rx.Component:
    """The page at ``/inspections/[inspection_id]/kloes/[kloe_code]``."""
    state, view = KloeState, KloeState.drawn
    return page(
        "Key line of enquiry",
        rx.el.a("Back to the inspection workspace", href=routes.workspace(view.inspection_id), class_name="back-link", id="back-to-workspace"),
        rx.el.p(rx.el.a("The provider\u2019s PIR answers for this KLOE", href="#kloe-pir-answers",
                        id="to-pir-answers")),
        rx.cond(view.may_edit, rx.el.p(rx.el.a("Nominate good practice found under this KLOE",
                        href=routes.nominate_good_practice(view.inspection_id, view.code), id="nominate-good-practice"))),
        rx.el.div(
            rx.el.div(
                forms.heading(view),
                rx.cond(state.notice != "",
                        rx.el.div(state.notice, class_name="notification success", role="status", id="notice")),
                rx.cond(state.conflict_changes.length() > 0,
                        forms.conflict_message(state.conflict_by, state.conflict_changes, state.use_their_version)),
                forms.prompts_form(view, state),
                forms.evidence_section(view, state),
                forms.judgement_form(view, state),
                forms.final_section(view, state),
                class_name="kloe-main",
            ),
            cross_reference_panel(),
            class_name="kloe-layout",
        ),
    )
