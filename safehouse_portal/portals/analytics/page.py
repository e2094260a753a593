"""The programme's analytics at ``/programme/analytics``: five views, filtered, charted and tabled.

The view and the filters live in the URL's query (``?view=themes&from=2025-04-01&kind=outreach``):
the filter form is a plain GET form the browser submits, so a filtered page can be reloaded,
bookmarked and shared. Every number links to the items behind it.
"""

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.portals.shared.auth_state import AuthState
from safehouse_portal.portals.analytics.charts import chart
from safehouse_portal.services.analytics import service as analytics
from safehouse_portal.services.analytics.service import AnalyticsPage
from safehouse_portal.services.core.errors import InvalidInput
from safehouse_portal.portals.shared.downloads import download_link
from safehouse_portal.portals.shared.edge import programme_today
from safehouse_portal.portals.shared.native_form import native_form
from safehouse_portal.portals.shared.shell import page

_FIELDS = {"from": "analytics-from", "to": "analytics-to", "provider": "analytics-provider",
           "kind": "analytics-kind", "region": "analytics-region", "view": "analytics-views", "form": "analytics-from"}


class AnalyticsState(AuthState):
    """The page's read model, and any filter that could not be used."""

    view: AnalyticsPage = AnalyticsPage()
    errors: dict[str, str] = {}

    def _fill(self, session, actor) -> None:
        query = dict(self.router.url.query_parameters)
        try:
            self.view = analytics.analytics_page(session=session, actor=actor, query=query, today=programme_today())
        except InvalidInput as exc:
            self.errors = self._refusal_errors(exc)
            view = query.get("view") if "view" not in self.errors else None
            self.view = analytics.analytics_page(session=session, actor=actor, query={"view": view},
                                                 today=programme_today())

    @rx.event
    def load(self):
        self.errors = {}
        return self._load_page(self._fill)

    @rx.var
    def view_hrefs(self) -> list[str]:
        """Each view's link, in the order of ``view.views``, keeping the filters."""
        return [routes.analytics(link.query) for link in self.view.views]

    @rx.var
    def cell_hrefs(self) -> list[list[str]]:
        """Each number's link to the items behind it ("" for none), row by row as in ``view.table``."""
        return [[routes.analytics_items(cell.query) if cell.query else "" for cell in row.cells]
                for row in self.view.table.rows]

    @rx.var
    def clear_href(self) -> str:
        """The chosen view without filters."""
        return routes.analytics({"view": self.view.view})

    @rx.var
    def csv_href(self) -> str:
        """The table as CSV, with the same view and filters ("" before the page has loaded)."""
        return routes.analytics_export("csv", self.view.query) if self.view.query else ""

    @rx.var
    def xlsx_href(self) -> str:
        """The table as XLSX, with the same view and filters ("" before the page has loaded)."""
        return routes.analytics_export("xlsx", self.view.query) if self.view.query else ""

    @rx.var
    def programme_report_href(self) -> str:
        """The annual programme report for the period the filters choose (their dates only)."""
        return routes.programme_report(self.view.query) if self.view.query else ""


def _select(label: str, name: str, options, all_label: str) -> rx.Component:
    state = AnalyticsState
    return rx.el.div(
        rx.el.label(label, html_for=_FIELDS[name], class_name="label"),
        rx.el.select(
            rx.el.option(all_label, value=""),
            rx.foreach(options, lambda o: rx.el.option(o.label, value=o.value)),
            id=_FIELDS[name], name=name, class_name="select", default_value=state.view.chosen[name],
        ),
        class_name="form-group analytics-filter",
    )


def _date(label: str, name: str) -> rx.Component:
    return rx.el.div(
        rx.el.label(label, html_for=_FIELDS[name], class_name="label"),
        rx.cond(AnalyticsState.errors.contains(name),
                rx.el.span(AnalyticsState.errors[name], class_name="error-message")),
        rx.el.input(type="date", id=_FIELDS[name], name=name, class_name="input",
                    default_value=AnalyticsState.view.chosen[name]),
        class_name=rx.cond(AnalyticsState.errors.contains(name), "form-group analytics-filter error",
                           "form-group analytics-filter"),
    )


def filter_form() -> rx.Component:
    """The filters, submitted by the browser as a GET so they stay in the URL."""
    state = AnalyticsState
    return native_form(
        rx.el.h2("Filters", class_name="heading-m"),
        rx.el.input(type="hidden", name="view", value=state.view.view),
        rx.el.div(
            _date("Issued from", "from"), _date("Issued to", "to"),
            _select("Provider", "provider", state.view.providers, "All providers"),
            _select("Service kind", "kind", state.view.kinds, "Safehouse and outreach"),
            _select("Region", "region", state.view.regions, "All regions"),
            class_name="analytics-filters",
        ),
        rx.el.button("Apply filters", type="submit", class_name="button", id="apply-filters"),
        rx.el.a("Clear filters", href=state.clear_href, class_name="analytics-clear"),
        action=routes.ANALYTICS, method="get", id="analytics-filter-form",
        key=state.view.filter_summary + state.view.view,
    )


def _errors() -> rx.Component:
    state = AnalyticsState
    return rx.cond(state.errors.length() > 0, rx.el.div(
        rx.el.h2("There is a problem"),
        rx.el.p("These filters could not be used, so the page shows every issued report:"),
        rx.el.ul(rx.foreach(state.errors, lambda kv: rx.el.li(rx.el.a(kv[1], href="#analytics-" + kv[0])))),
        class_name="error-summary", role="alert"))


def _views() -> rx.Component:
    return rx.el.nav(
        rx.el.ul(rx.foreach(AnalyticsState.view.views, lambda v, i: rx.el.li(
            rx.el.a(v.title, href=AnalyticsState.view_hrefs[i], aria_current=rx.cond(v.current, "page", "false"),
                    class_name=rx.cond(v.current, "analytics-view current", "analytics-view"))))),
        aria_label="Views", id="analytics-views", class_name="analytics-views",
    )


def data_table(table) -> rx.Component:
    """The view's table: every number is a link to the items behind it."""
    hrefs = AnalyticsState.cell_hrefs
    return rx.el.table(
        rx.el.caption(table.title),
        rx.el.thead(rx.el.tr(rx.el.th(table.row_heading, scope="col"),
                             rx.foreach(table.columns, lambda c: rx.el.th(c, scope="col", class_name="numeric")))),
        rx.el.tbody(rx.foreach(table.rows, lambda row, r: rx.el.tr(
            rx.el.th(row.label, scope="row"),
            rx.foreach(row.cells, lambda cell, c: rx.el.td(
                rx.cond(hrefs[r][c] != "", rx.el.a(cell.text, href=hrefs[r][c], aria_label=cell.label),
                        rx.el.span(cell.text)), class_name="numeric")),
            class_name=rx.cond(row.total, "total-row", "")))),
        class_name="table analytics-table", id="analytics-table",
    )


def analytics_page() -> rx.Component:
    """The page at ``/programme/analytics``."""
    state = AnalyticsState
    table = state.view.table
    return page(
        "Programme analytics",
        rx.cond(state.view.final_reports_only,
                rx.el.p("You see final-report data only: reports that have been issued.", class_name="caption")),
        _errors(),
        _views(),
        rx.el.p(rx.el.a("Survivor survey: responses and the share who got the support they needed",
                        href=routes.ANALYTICS_SURVEY, id="analytics-survey-link")),
        filter_form(),
        rx.el.p(state.view.filter_summary, class_name="caption", id="analytics-filter-summary"),
        rx.el.h2(table.title, class_name="heading-m", id="analytics-title"),
        rx.el.p(table.note, class_name="hint"),
        chart(state.view.view, table.chart),
        data_table(table),
        rx.el.p("Download this table: ",
                download_link("CSV", href=state.csv_href, id="export-csv"), " or ",
                download_link("XLSX (Excel)", href=state.xlsx_href, id="export-xlsx"),
                ". Downloads carry the protective marking and are recorded.", class_name="analytics-downloads"),
        rx.el.h2("Programme report", class_name="heading-m"),
        rx.el.p("The annual programme report: judgements, recommendations and their themes, what survivors told "
                "us, good practice and timeliness, for reports issued in the period chosen above (other filters "
                "do not apply). ",
                download_link("Download the programme report (PDF)", href=state.programme_report_href,
                              id="programme-report-pdf"), class_name="analytics-downloads"),
    )
