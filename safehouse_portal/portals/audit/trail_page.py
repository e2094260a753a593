"""The audit trail at ``/audit``: who changed or viewed what, filtered, before and after in words.

The filters and the page position live in the URL's query (``?inspection=12&kind=inspection.stage_moved``,
then ``&after=<cursor>``): the filter form is a plain GET form the browser submits, so a filtered
trail can be reloaded, bookmarked and linked to from a provider's or an inspection's page. Pages
go forward by keyset (the cursor names the last row shown), never by offset.
"""

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.portals.shared.auth_state import AuthState
from safehouse_portal.portals.shared.downloads import download_link
from safehouse_portal.portals.shared.native_form import native_form
from safehouse_portal.portals.shared.shell import page
from safehouse_portal.services.audit import trail
from safehouse_portal.services.audit.trail import FILTERS, TrailOptions, TrailPage, TrailRow
from safehouse_portal.services.core.errors import InvalidInput

_FIELD_IDS = {name: f"audit-{name}" for name in FILTERS} | {"form": "audit-person"}


class AuditTrailState(AuthState):
    """A page of the trail, the filters' choices and values, and any filter that could not be used."""

    trail: TrailPage = TrailPage()
    options: TrailOptions = TrailOptions()
    chosen: dict[str, str] = {}
    errors: dict[str, str] = {}
    next_href: str = ""
    first_href: str = ""
    csv_href: str = ""
    deeper: bool = False

    def _fill(self, session, actor) -> None:
        query = dict(self.router.url.query_parameters)
        filters = {k: query.get(k, "") for k in FILTERS}
        self.options = trail.trail_options(session=session, actor=actor)
        try:
            self.trail = trail.trail_page(session=session, actor=actor, query=filters, cursor=query.get("after", ""))
        except InvalidInput as exc:
            self.errors = self._refusal_errors(exc)
            filters = {k: v for k, v in filters.items() if k not in self.errors}
            self.trail = trail.trail_page(session=session, actor=actor, query=filters)
        self.chosen = {k: str(v) for k, v in filters.items()}
        self.deeper = bool(query.get("after"))
        self.first_href = routes.audit_trail(filters)
        self.next_href = routes.audit_trail({**filters, "after": self.trail.next_cursor}) \
            if self.trail.next_cursor else ""
        self.csv_href = routes.audit_export(filters)

    @rx.event
    def load(self):
        self.errors = {}
        return self._load_page(self._fill)


def _select(label: str, name: str, options, all_label: str) -> rx.Component:
    return rx.el.div(
        rx.el.label(label, html_for=_FIELD_IDS[name], class_name="label"),
        rx.cond(AuditTrailState.errors.contains(name),
                rx.el.span(AuditTrailState.errors[name], class_name="error-message")),
        rx.el.select(
            rx.el.option(all_label, value=""),
            rx.foreach(options, lambda o: rx.el.option(o.label, value=o.value)),
            id=_FIELD_IDS[name], name=name, class_name="select", default_value=AuditTrailState.chosen[name],
        ),
        class_name="form-group analytics-filter",
    )


def _date(label: str, name: str) -> rx.Component:
    return rx.el.div(
        rx.el.label(label, html_for=_FIELD_IDS[name], class_name="label"),
        rx.cond(AuditTrailState.errors.contains(name),
                rx.el.span(AuditTrailState.errors[name], class_name="error-message")),
        rx.el.input(type="date", id=_FIELD_IDS[name], name=name, class_name="input",
                    default_value=AuditTrailState.chosen[name]),
        class_name="form-group analytics-filter",
    )


def filter_form() -> rx.Component:
    """The filters, submitted by the browser as a GET so they stay in the URL."""
    options = AuditTrailState.options
    return native_form(
        rx.el.h2("Filters", class_name="heading-m"),
        rx.el.div(
            _select("Person", "person", options.people, "Everyone"),
            _select("Provider", "provider", options.providers, "All providers"),
            _select("Inspection", "inspection", options.inspections, "All inspections"),
            _select("Kind of change", "kind", options.kinds, "Every kind"),
            _date("From", "from"), _date("To", "to"),
            class_name="analytics-filters",
        ),
        rx.el.button("Apply filters", type="submit", class_name="button", id="apply-filters"),
        rx.el.a("Clear filters", href=routes.AUDIT_TRAIL, class_name="analytics-clear"),
        action=routes.AUDIT_TRAIL, method="get", id="audit-filter-form",
        key=AuditTrailState.first_href,
    )


def _errors() -> rx.Component:
    state = AuditTrailState
    return rx.cond(state.errors.length() > 0, rx.el.div(
        rx.el.h2("There is a problem"),
        rx.el.p("These filters could not be used, so the trail is shown without them:"),
        rx.el.ul(rx.foreach(state.errors, lambda kv: rx.el.li(rx.el.a(kv[1], href="#audit-" + kv[0])))),
        class_name="error-summary", role="alert", tab_index=-1, id="audit-errors"))


def _event(row: TrailRow) -> rx.Component:
    return rx.el.tr(
        rx.el.td(row.when, rx.el.br(), rx.el.span("Event ", row.id, class_name="hint")),
        rx.el.td(row.who),
        rx.el.td(rx.el.strong(row.what), rx.el.br(), rx.el.span(row.about, class_name="hint"),
                 rx.cond(row.provider != "", rx.fragment(rx.el.br(), rx.el.span(row.provider, class_name="hint"))),
                 rx.cond(row.inspection != "",
                         rx.fragment(rx.el.br(), rx.el.span("Inspection ", row.inspection, class_name="hint")))),
        rx.el.td(rx.cond(row.changes.length() > 0, rx.el.table(
            rx.el.thead(rx.el.tr(rx.el.th("Field", scope="col"), rx.el.th("Before", scope="col"),
                                 rx.el.th("After", scope="col"))),
            rx.el.tbody(rx.foreach(row.changes, lambda c: rx.el.tr(
                rx.el.th(c.field, scope="row"), rx.el.td(c.before), rx.el.td(c.after)))),
            class_name="table audit-changes"), rx.el.span("No details recorded", class_name="hint"))),
        class_name="audit-event",
    )


def audit_trail_page() -> rx.Component:
    """The page at ``/audit``."""
    state = AuditTrailState
    return page(
        "Audit trail",
        rx.el.p("Every change, every document downloaded and every view of a safehouse address, newest first. "
                "Each entry is chained to the one before it, so an entry changed afterwards is detected."),
        _errors(),
        filter_form(),
        rx.el.p(download_link("Download these entries (CSV)", href=state.csv_href, id="audit-csv"),
                ". The export is recorded in the trail."),
        rx.cond(state.trail.rows.length() == 0, rx.el.p("No entries match these filters.", id="audit-empty")),
        rx.el.div(rx.el.table(
            rx.el.caption("Audit entries"),
            rx.el.thead(rx.el.tr(*[rx.el.th(h, scope="col") for h in ("When (London)", "Who", "What",
                                                                         "Before and after")])),
            rx.el.tbody(rx.foreach(state.trail.rows, _event)),
            class_name="table", id="audit-table",
        ), class_name="table-scroll"),
        rx.el.nav(
            rx.cond(state.deeper, rx.el.a("Newest entries", href=state.first_href, id="audit-first")),
            rx.cond(state.next_href != "", rx.el.a("Older entries", href=state.next_href, id="audit-next")),
            aria_label="Pages of the trail", class_name="pagination",
        ),
    )
