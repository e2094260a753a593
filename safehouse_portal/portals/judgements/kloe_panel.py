"""The cross-reference panel beside a KLOE: its contract clauses, a search, and live PIR answers.

The PIR answers follow the provider's saves without a reload, through ``portals.shared.live``:
the inspection's PIR channel rises when the PIR page saves, and a check of when the answers
last changed runs every ``live.POLL_SECONDS`` while the page is open, for changes nobody
announced.
"""

import reflex as rx

from safehouse_portal.portals.shared import live
from safehouse_portal import routes
from safehouse_portal.portals.shared.auth_state import AuthState
from safehouse_portal.portals.judgements.kloe_route import route_ids
from safehouse_portal.services.judgements import kloe
from safehouse_portal.services.framework import cross_reference
from safehouse_portal.services.judgements import framework_search
from safehouse_portal.services.judgements import kloe_pir
from safehouse_portal.services.framework.cross_reference import ClauseView, SearchHit
from safehouse_portal.services.judgements.kloe_pir import EMPTY_PANEL, PirPanelView



class KloePanelState(AuthState):
    """What the panel shows: clauses, the open clause's citing KLOEs, search hits, PIR answers."""

    clauses: list[ClauseView] = []
    open_clause: str = ""
    query: str = ""
    hits: list[SearchHit] = []
    searched: bool = False
    search_error: str = ""
    pir: PirPanelView = EMPTY_PANEL
    watching: bool = False
    live_seen: int = -1
    _stamp: str = ""
    _read_at: str = ""

    def _ids(self) -> dict:
        inspection_id, code = route_ids(self.router.url.path)
        return {"inspection_id": inspection_id, "kloe_code": code}

    def _fill(self, session, actor, mark: str | None = None) -> None:
        """Read the panel, unless nothing it reads has changed since this tab last read it (``kloe.page_mark``,
        asked unless given)."""
        ids = self._ids()
        mark = mark if mark is not None else kloe.page_mark(session=session, actor=actor, **ids)
        if self._stale(mark):
            self._show(kloe.kloe_panel(session=session, actor=actor, **ids), mark)

    def _stale(self, mark: str) -> bool:
        """Whether what the panel shows was read at another mark than ``mark``."""
        return mark != self._read_at or self.not_permitted

    def _show(self, view: kloe.KloePanelView, mark: str) -> None:
        """Show the panel read at ``mark``."""
        self._keep(clauses=view.clauses, pir=view.pir)
        self._stamp, self._read_at = view.pir.stamp, mark

    def _start(self) -> None:
        """A page load begins: no clause open, no search, not following anything yet."""
        self._keep(open_clause="", query="", hits=[], searched=False, search_error="", watching=False)

    async def _watch(self) -> None:
        """Follow the inspection's PIR channel and poll afresh (only once the reader was authorised)."""
        await live.follow(self, live.pir_channel(self._ids()["inspection_id"]))
        await live.restart_polling(self)
        self.watching = True
        self.live_seen = await live.version_now(self)

    @rx.event
    def show_citing(self, reference: str):
        """Open (or close) the list of other KLOEs citing one of this KLOE's clauses."""
        if not isinstance(reference, str) or reference not in {c.reference for c in self.clauses}:
            self.open_clause = ""
            return
        self.open_clause = "" if self.open_clause == reference else reference

    @rx.event
    def search(self, form: dict):
        query = form.get("query") if isinstance(form, dict) else None
        self.hits, self.search_error, self.searched = [], "", False
        done, hits = self._run(lambda session, actor: framework_search.search_for(
            session=session, actor=actor, inspection_id=self._ids()["inspection_id"], query=query), errors_field=None)
        if not done:
            self.search_error = self._refusal_text(hits)
            return
        self.hits, self.query, self.searched = hits, query, True

    @rx.event
    def refresh_pir(self):
        """Re-read the panel if anything it reads changed (the shared revision rose, or the page mounted)."""
        done, _ = self._run(self._fill, errors_field=None)
        if not done:
            self._keep(clauses=[], pir=EMPTY_PANEL)

    def _poll_once(self) -> bool:
        """Refresh the answers if they changed since last read; False once the reader is refused."""
        ids = self._ids()

        def read_if_changed(session, actor) -> PirPanelView | None:
            if kloe_pir.pir_last_changed(session=session, actor=actor,
                                         inspection_id=ids["inspection_id"]) == self._stamp:
                return None
            return kloe_pir.pir_panel(session=session, actor=actor, **ids)

        done, panel = self._run(read_if_changed, errors_field=None)
        if not done:
            self.pir = EMPTY_PANEL
            return False
        if panel is not None:
            self.pir, self._stamp = panel, panel.stamp
        return True

    @rx.event
    def check_pir(self):
        """One round of the page's poll: stop polling once the reader is refused."""
        if self.watching:
            self.watching = self._poll_once()


def _clause(c) -> rx.Component:
    is_open = KloePanelState.open_clause == c.reference
    return rx.el.li(
        rx.el.h4(c.reference, " ", c.title, class_name="clause-title"),
        rx.cond(c.illustrative, rx.el.strong("Illustrative reference", class_name="tag grey",
                                             title="To be replaced when the contract's own schedule is imported")),
        rx.el.p(c.text, class_name="clause-text"),
        rx.cond(
            c.citing.length() > 0,
            rx.el.button(rx.cond(is_open, "Hide the other KLOEs citing it", "Other KLOEs citing it ("),
                         rx.cond(is_open, "", c.citing.length().to_string() + ")"),
                         type="button", class_name="link-like", aria_expanded=rx.cond(is_open, "true", "false"),
                         on_click=KloePanelState.show_citing(c.reference)),
            rx.el.p("No other KLOE cites it.", class_name="hint"),
        ),
        rx.cond(is_open, rx.el.ul(rx.foreach(c.citing, lambda k: rx.el.li(
            rx.el.a(k.code, " ", k.title, href=routes.kloe(k.inspection_id, k.code)))), class_name="citing")),
        class_name="clause",
    )


def _hit(h) -> rx.Component:
    return rx.el.li(
        rx.el.span(h.kind_label, class_name="tag grey"), " ",
        rx.cond(h.kind == "kloe",
                rx.el.a(h.reference, " ", h.title, href=routes.kloe(h.inspection_id, h.reference)),
                rx.el.strong(h.reference, " ", h.title)),
        rx.cond(h.illustrative, rx.el.span(" (illustrative)", class_name="hint")),
        rx.el.p(h.snippet, class_name="hint"),
    )


def _search() -> rx.Component:
    state = KloePanelState
    return rx.el.div(
        rx.el.form(
            rx.el.label("Search clauses and KLOEs", html_for="framework-query", class_name="label"),
            rx.cond(state.search_error != "", rx.el.span(state.search_error, class_name="error-message")),
            rx.el.div(
                rx.el.input(id="framework-query", name="query", type="search", class_name="input",
                            max_length=cross_reference.MAX_QUERY_LENGTH),
                rx.el.button("Search", type="submit", class_name="button secondary", id="framework-search"),
                class_name="search-row"),
            on_submit=state.search, reset_on_submit=False, role="search",
        ),
        rx.cond(state.searched, rx.el.div(
            rx.el.p(state.hits.length(), " results for '", state.query, "'", class_name="hint", role="status"),
            rx.el.ul(rx.foreach(state.hits, _hit), id="search-results", class_name="hits"))),
    )


def _pir_answers() -> rx.Component:
    pir = KloePanelState.pir
    return rx.el.section(
        rx.el.h3("PIR answers tagged with this KLOE", class_name="heading-s", id="kloe-pir-answers", tab_index=-1),
        rx.cond(
            pir.started,
            rx.el.div(
                rx.el.p("Return: ", pir.status_label, ". ",
                        rx.cond(pir.last_changed != "", rx.el.span("Last change: ", pir.last_changed,
                                                                   id="pir-last-changed"),
                                "No answers yet."), class_name="hint"),
                rx.el.ul(rx.foreach(pir.answers, lambda a: rx.el.li(
                    rx.el.strong(a.question), rx.el.p(a.answer, class_name="pir-answer"),
                    rx.cond(a.changed_at != "", rx.el.span("Changed ", a.changed_at, class_name="hint")),
                    id="pir-" + a.question_code)), class_name="pir-answers"),
            ),
            rx.el.p("The provider has not started the PIR for this inspection.", class_name="hint"),
        ),
        live.listener(KloePanelState.refresh_pir, seen=KloePanelState.live_seen),
        rx.cond(KloePanelState.watching, live.poller(KloePanelState.check_pir)),
        aria_live="polite", id="pir-panel",
    )


def cross_reference_panel() -> rx.Component:
    return rx.el.aside(
        rx.el.h2("Cross-references", class_name="heading-m"),
        _pir_answers(),
        _search(),
        rx.el.section(
            rx.el.h3("Contract clauses (MSVCC)", class_name="heading-s"),
            rx.cond(KloePanelState.clauses.length() > 0,
                    rx.el.ul(rx.foreach(KloePanelState.clauses, _clause), class_name="clauses", id="clauses"),
                    rx.el.p("No contract clause is cross-referenced to this KLOE.", class_name="hint")),
        ),
        class_name="kloe-panel", aria_label="Cross-references",
    )
