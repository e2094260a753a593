"""The published good-practice library (``/good-practice``) and one example (``/good-practice/[entry_id]``)."""

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.domain.good_practice import MAX_TEXT
from safehouse_portal.portals.learning.parts import entry_text
from safehouse_portal.portals.shared.auth_state import AuthState
from safehouse_portal.portals.shared.edge import form_fields, id_from_path, programme_today
from safehouse_portal.portals.shared.forms import error_summary, field_group
from safehouse_portal.portals.shared.shell import page
from safehouse_portal.services.learning import library
from safehouse_portal.services.learning.library import MAX_QUERY, EntryPage, LibraryView

_FILTERS = ("kq", "kloe", "theme", "q")


class LibraryState(AuthState):
    """The library as the URL's query narrows it."""

    view: LibraryView = LibraryView()
    chosen: dict[str, str] = {}

    @rx.event
    def load(self):
        query = {k: v for k, v in self.router.url.query_parameters.items() if k in _FILTERS and isinstance(v, str)}
        self.chosen = {k: query.get(k, "") for k in _FILTERS}

        def fill(session, actor):
            self.view = library.browse(session=session, actor=actor, query=query)

        return self._load_page(fill)

    @rx.event
    def search(self, form: dict):
        fields = form_fields(form)
        return rx.redirect(routes.good_practice({k: fields.get(k, "")[:MAX_QUERY] for k in _FILTERS}))


def _select(label: str, name: str, options, first: str) -> rx.Component:
    return rx.el.div(
        rx.el.label(label, html_for=f"filter-{name}", class_name="label"),
        rx.el.select(rx.el.option(first, value=""), rx.foreach(options, lambda o: rx.el.option(o.label, value=o.value)),
                     id=f"filter-{name}", name=name, class_name="select", default_value=LibraryState.chosen[name],
                     key=name + LibraryState.chosen[name]),
        class_name="form-group")


def library_page() -> rx.Component:
    """The page at ``/good-practice``."""
    view = LibraryState.view
    return page(
        "Good practice library",
        rx.el.p("Examples found on inspections, shared so that every service can learn from them. Each shows the "
                "year and the kind of service; never the provider.", class_name="body"),
        rx.el.form(
            _select("Key question", "kq", view.key_questions, "Any key question"),
            _select("KLOE", "kloe", view.kloes, "Any KLOE"),
            _select("Theme", "theme", view.themes, "Any theme"),
            rx.el.div(rx.el.label("Words", html_for="filter-q", class_name="label"),
                      rx.el.input(id="filter-q", name="q", class_name="input", max_length=MAX_QUERY,
                                  default_value=LibraryState.chosen["q"], key="q" + LibraryState.chosen["q"]),
                      class_name="form-group"),
            rx.el.button("Search", type="submit", class_name="button", id="search"),
            on_submit=LibraryState.search, reset_on_submit=False, id="library-filters", class_name="filters"),
        rx.el.p(view.examples.length(), " of ", view.total, " examples", role="status", id="library-count"),
        rx.el.ul(rx.foreach(view.examples, lambda e: rx.el.li(
            rx.el.h2(rx.el.a(e.title, href=routes.good_practice_entry(e.entry_id)), class_name="heading-m"),
            entry_text(e), class_name="library-entry")), class_name="library", id="library"),
    )


class EntryState(AuthState):
    """One example, the trials this person may see, and the provider's "we tried this" form."""

    view: EntryPage = EntryPage()
    errors: dict[str, str] = {}
    notice: str = ""

    @rx.event
    def load(self):
        self.errors, self.notice = {}, ""

        def fill(session, actor):
            self.view = library.entry_page(session=session, actor=actor, entry_id=id_from_path(self.router.url.path))

        return self._load_page(fill)

    @rx.event
    def tried(self, form: dict):
        text = form_fields(form).get("how_it_went", "")
        self.notice = ""
        done, view = self._run(lambda s, a: library.record_trial(
            session=s, actor=a, entry_id=id_from_path(self.router.url.path), how_it_went=text,
            today=programme_today()))
        if done:
            self.view, self.notice = view, "Thank you: inspectors can now see how it went."
            return None
        return rx.set_focus("tried-errors")


def entry_page() -> rx.Component:
    """The page at ``/good-practice/[entry_id]``."""
    state, view, errors = EntryState, EntryState.view, EntryState.errors
    return page(
        "Good practice",
        rx.el.a("Back to the library", href=routes.GOOD_PRACTICE, class_name="back-link"),
        rx.el.h2(view.entry.title, class_name="heading-m"),
        entry_text(view.entry),
        rx.cond(view.trials.length() > 0, rx.el.div(
            rx.el.h2("Providers who tried it", class_name="heading-m"),
            rx.el.ul(rx.foreach(view.trials, lambda t: rx.el.li(
                rx.el.strong(t.provider_name), " (", t.on, "): ", t.how_it_went)), id="trials"))),
        rx.el.div(rx.cond(state.notice != "", rx.el.div(state.notice, class_name="notification success")),
                  role="status", aria_live="polite", id="notice"),
        rx.cond(view.may_try, rx.el.form(
            rx.el.h2("We tried this", class_name="heading-m"),
            rx.el.p("Only CQC inspectors and your organisation see what you write here.", class_name="hint"),
            rx.cond(errors.length() > 0, rx.el.div(error_summary(errors, ""), id="tried-errors", tab_index=-1)),
            field_group("How did it go?", "how_it_went", "", errors, rx.el.textarea(
                id="how_it_went", name="how_it_went", class_name="input wide", rows=4, max_length=MAX_TEXT,
                default_value=view.own_trial, key=view.own_trial)),
            rx.el.button("Save", type="submit", class_name="button", id="save-tried"),
            on_submit=state.tried, reset_on_submit=False, id="tried-form")),
    )
