"""Nominations for programme managers (``/programme/good-practice``) and one nomination's review
(``/programme/good-practice/[entry_id]``): the flagged names, editing, clearing, publishing, returning."""

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.domain.good_practice import MAX_REASON
from safehouse_portal.portals.learning.parts import example_fields
from safehouse_portal.portals.shared.auth_state import AuthState
from safehouse_portal.portals.shared.edge import form_fields, id_from_path
from safehouse_portal.portals.shared.forms import error_summary, field_group
from safehouse_portal.portals.shared.shell import page, table
from safehouse_portal.services.learning import nominations
from safehouse_portal.services.learning.nominations import NominationRow, NominationView


class NominationsState(AuthState):
    """The managers' queue."""

    rows: list[NominationRow] = []

    @rx.event
    def load(self):
        def fill(session, actor):
            self.rows = nominations.queue(session=session, actor=actor)

        return self._load_page(fill)


def nominations_page() -> rx.Component:
    """The page at ``/programme/good-practice``."""
    rows = NominationsState.rows
    return page(
        "Good practice nominations",
        rx.el.p(rx.el.a("Browse the published library", href=routes.GOOD_PRACTICE, id="to-library")),
        rx.cond(rows.length() == 0, rx.el.p("No nomination is waiting.", class_name="body")),
        rx.cond(rows.length() > 0, table(["Title", "KLOE", "Status", "Names flagged"], rows, lambda r: [
            rx.el.td(rx.el.a(r.title, href=routes.nomination(r.entry_id))), rx.el.td(r.kloe),
            rx.el.td(r.status_label), rx.el.td(r.flags)], caption="Nominations, newest first")),
    )


class NominationState(AuthState):
    """One nomination, its flags, and what the last action said."""

    view: NominationView = NominationView()
    errors: dict[str, str] = {}
    notice: str = ""
    form_key: int = 0

    def _entry_id(self):
        return id_from_path(self.router.url.path)

    def _refresh(self, session, actor) -> None:
        self.view = nominations.nomination(session=session, actor=actor, entry_id=self._entry_id())
        self.form_key += 1

    @rx.event
    def load(self):
        self.errors, self.notice = {}, ""
        return self._load_page(self._refresh)

    def _act(self, success: str, action):
        self.notice = ""
        done, _ = self._run(action, refresh=self._refresh)
        if done:
            self.notice = success
            return None
        return rx.set_focus("review-errors")

    @rx.event
    def save(self, form: dict):
        data = form_fields(form)
        return self._act("Changes saved; the names were checked again.", lambda s, a: nominations.edit(
            session=s, actor=a, entry_id=self._entry_id(), data=data))

    @rx.event
    def clear(self, form: dict):
        data = form_fields(form)
        return self._act("Marked as not identifying.", lambda s, a: nominations.clear(
            session=s, actor=a, entry_id=self._entry_id(), data=data))

    @rx.event
    def publish(self):
        return self._act("Published to the good-practice library.", lambda s, a: nominations.publish(
            session=s, actor=a, entry_id=self._entry_id()))

    @rx.event
    def send_back(self, form: dict):
        reason = form_fields(form).get("returned_reason", "")
        return self._act("Returned to the inspector.", lambda s, a: nominations.return_to_inspector(
            session=s, actor=a, entry_id=self._entry_id(), reason=reason))


def _flag(flag, index) -> rx.Component:
    return rx.el.li(
        rx.el.strong(f"\u201c", flag.found, "\u201d"), " in ", flag.field_label, " matches ", flag.kind_label, ". ",
        rx.cond(flag.cleared,
                rx.el.span("Marked not identifying: ", flag.cleared_reason),
                rx.cond(NominationState.view.may_review, rx.el.form(
                    rx.el.input(type="hidden", name="term", value=flag.term),
                    rx.el.label("Why it does not identify anyone", html_for="reason-" + index.to_string(), class_name="label"),
                    rx.el.input(id="reason-" + index.to_string(), name="reason", class_name="input", max_length=MAX_REASON),
                    rx.el.button("Mark as not identifying", type="submit", class_name="button secondary"),
                    on_submit=NominationState.clear, reset_on_submit=True, class_name="clear-form"))),
        class_name="flag-row")


def nomination_page() -> rx.Component:
    """The page at ``/programme/good-practice/[entry_id]``."""
    state, view, errors = NominationState, NominationState.view, NominationState.errors
    return page(
        "Good practice nomination",
        rx.el.p(view.status_label, " \u00b7 ", view.kloe, " \u00b7 ", view.year, " \u00b7 ", view.service_kind,
                " \u00b7 nominated by ", view.nominated_by, class_name="hint", id="nomination-status"),
        rx.el.div(rx.cond(state.notice != "", rx.el.div(state.notice, class_name="notification success")),
                  role="status", aria_live="polite", id="notice"),
        rx.cond(errors.length() > 0, rx.el.div(error_summary(errors, ""), id="review-errors", tab_index=-1)),
        rx.cond(view.returned_reason != "", rx.el.p("Returned: ", view.returned_reason, class_name="warning-text")),
        rx.el.h2("Names that could identify someone", class_name="heading-m"),
        rx.cond(view.flags.length() == 0, rx.el.p("No programme name found in the text.", class_name="body",
                                                   id="no-flags")),
        rx.el.ul(rx.foreach(view.flags, _flag), class_name="flags-list", id="flags"),
        rx.cond(view.may_review, rx.fragment(
            rx.el.h2("The example", class_name="heading-m"),
            rx.el.form(
                *example_fields(errors, view.title, view.what_they_do, view.why_it_works, view.themes),
                rx.el.button("Save changes", type="submit", class_name="button secondary", id="save-example"),
                on_submit=state.save, reset_on_submit=False, key=state.form_key.to_string(), id="example-form"),
            rx.el.h2("Publish", class_name="heading-m"),
            rx.cond(view.blockers.length() > 0,
                    rx.el.p("Publishing waits until every flagged name is edited out or marked as not identifying.",
                            class_name="warning-text")),
            rx.cond(errors.contains("publish"), rx.el.span(errors["publish"], class_name="error-message")),
            rx.cond(view.status != "published",
                    rx.el.button("Publish to the library", on_click=state.publish, class_name="button", id="publish")),
            rx.cond(view.status != "published", rx.el.form(
                field_group("Return to the inspector with a reason", "returned_reason", "", errors, rx.el.textarea(
                    id="returned_reason", name="returned_reason", class_name="input wide", rows=3,
                    max_length=MAX_REASON)),
                rx.el.button("Return", type="submit", class_name="button secondary", id="return"),
                on_submit=state.send_back, reset_on_submit=False)),
        ), rx.fragment(
            rx.el.h2(view.title, class_name="heading-m"),
            rx.el.p(view.what_they_do, class_name="body"), rx.el.p(view.why_it_works, class_name="body"))),
    )
