"""The items behind one number of the analytics (``/programme/analytics/items?view=...&...``)."""

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.portals.shared.auth_state import AuthState
from safehouse_portal.services.analytics.items import ItemList, analytics_items
from safehouse_portal.portals.shared.edge import programme_today
from safehouse_portal.portals.shared.shell import page

_EMPTY = ItemList()


class AnalyticsItemsState(AuthState):
    """The list of items the URL's query names."""

    items: ItemList = _EMPTY

    def _fill(self, session, actor) -> None:
        self.items = analytics_items(session=session, actor=actor, query=dict(self.router.url.query_parameters),
                                     today=programme_today())

    @rx.event
    def load(self):
        self.items = _EMPTY
        return self._load_page(self._fill)

    @rx.var
    def back_href(self) -> str:
        """The analytics page the figure was on: its view and filters."""
        return routes.analytics(self.items.back_query)


def analytics_items_page() -> rx.Component:
    """The page at ``/programme/analytics/items``."""
    items = AnalyticsItemsState.items
    return page(
        "Items behind a figure",
        rx.el.p(rx.el.a("Back to the analytics", href=AnalyticsItemsState.back_href, id="analytics-back")),
        rx.el.p(items.title, ": ", rx.el.strong(items.chosen_by), class_name="caption"),
        rx.el.p(items.filter_summary, class_name="hint"),
        rx.el.p(items.count, " items", rx.cond(items.shown < items.count, rx.el.span(" (first ", items.shown,
                " shown)")), id="analytics-item-count"),
        rx.el.table(
            rx.el.thead(rx.el.tr(rx.foreach(items.columns, lambda c: rx.el.th(c, scope="col")),
                                 rx.el.th("Open", scope="col"))),
            rx.el.tbody(rx.foreach(items.rows, lambda row: rx.el.tr(
                rx.foreach(row.cells, lambda c: rx.el.td(c)),
                rx.el.td(rx.cond(row.inspection_id, rx.el.a(row.link_text, href=routes.inspection(row.inspection_id)),
                                 rx.el.span("-")))))),
            class_name="table", id="analytics-items",
        ),
    )
