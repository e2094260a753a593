"""One KLOE of one inspection (``/inspections/[inspection_id]/kloes/[kloe_code]``).

The inspection and KLOE come from the route, never from an event argument. Each form
names the version of the KLOE the page showed; when a colleague saved in between, the
page keeps what the inspector typed and shows what the colleague changed.
"""

from typing import Any, Callable, ClassVar

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.portals.shared.auth_state import AuthState
from safehouse_portal.domain.evidence import FieldChange
from safehouse_portal.portals.judgements import kloe_forms as forms
from safehouse_portal.portals.judgements.kloe_panel import cross_reference_panel
from safehouse_portal.portals.judgements.kloe_route import route_ids
from safehouse_portal.services.judgements import kloe
from safehouse_portal.services.judgements import kloe_edit
from safehouse_portal.services.core.errors import PermissionDenied
from safehouse_portal.services.judgements.kloe import KloeView
from safehouse_portal.services.judgements.kloe_edit import EditConflict
from safehouse_portal.portals.shared.edge import form_fields, programme_today
from safehouse_portal.portals.shared.shell import page

_EMPTY = KloeView(status="not_started")


class KloeState(AuthState):
    """The KLOE's read model, the version the forms were filled from, and the last outcome."""

    view: KloeView = _EMPTY
    base_version: int = 0
    form_key: int = 0
    notice: str = ""
    errors: dict[str, str] = {}
    errors_of: str = ""
    final_reasons: list[str] = []
    conflict_changes: list[FieldChange] = []
    conflict_by: str = ""
    _seen: dict[str, str] = {}
    _refused_text: ClassVar[str] = str(PermissionDenied())
    """This page has always said a refused change is not permitted (its handler tests read so)."""

    def _ids(self) -> dict[str, Any]:
        inspection_id, code = route_ids(self.router.url.path)
        return {"inspection_id": inspection_id, "kloe_code": code}

    def _refresh(self, session, actor) -> None:
        self.view = kloe.kloe_page(session=session, actor=actor, **self._ids())
        self.base_version = self.view.version
        self._seen = kloe.saved_snapshot(session=session, actor=actor, **self._ids())
        self.form_key += 1

    @rx.event
    def load(self):
        self._clear()
        self.conflict_changes, self.conflict_by = [], ""
        return self._load_page(self._refresh)

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
        """Drop what this inspector typed and show the KLOE as saved now."""
        self.load()
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
    state, view = KloeState, KloeState.view
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
