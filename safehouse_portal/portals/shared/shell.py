"""The page frame every portal shares: header, navigation, marking, main content."""

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.portals.shared.native_form import native_form

from safehouse_portal.portals.shared.auth_state import AuthState

PROTECTIVE_MARKING = "Official - sensitive: not for publication"


def _sign_out() -> rx.Component:
    return native_form(
        rx.el.button("Sign out", type="submit", class_name="link-button", id="sign-out"),
        action=routes.SIGN_OUT_POST,
        method="post",
    )


def _notifications_link() -> rx.Component:
    """Notifications, with the unread count when there are any (the words say it, not a badge alone)."""
    count = AuthState.unread_notifications
    return rx.el.a(
        "Notifications",
        rx.cond(count > 0, rx.el.span(" ", rx.el.strong(count, class_name="count-badge", id="unread-count"),
                                      rx.el.span(" unread", class_name="visually-hidden"))),
        href=routes.NOTIFICATIONS, id="notifications-link", class_name="notifications-link",
    )


def header() -> rx.Component:
    """The black header bar with the service name, navigation and sign-out."""
    return rx.el.header(
        rx.el.div(
            rx.el.a("Safehouse Portal", href=routes.HOME, class_name="service-name"),
            rx.cond(
                AuthState.signed_in,
                rx.el.nav(
                    rx.el.ul(
                        rx.foreach(
                            AuthState.nav_items,
                            lambda item: rx.el.li(rx.el.a(item["label"], href=item["href"])),
                        ),
                    ),
                    _notifications_link(),
                    rx.el.span(AuthState.user_name, " (", AuthState.role_label, ")", class_name="who"),
                    _sign_out(),
                    aria_label="Main",
                ),
            ),
            class_name="header-inner",
        ),
        class_name="site-header",
    )


def not_permitted() -> rx.Component:
    """What a person sees on a page their role or provider may not use."""
    return rx.el.div(
        rx.el.h1("You are not permitted to see this page", class_name="heading-l"),
        rx.el.p("Your account does not give access to this page or to the information on it."),
        rx.el.p(rx.el.a("Go to your home page", href=routes.HOME)),
        id="not-permitted",
    )


def not_found() -> rx.Component:
    """What a person sees for an address that leads nowhere: a page, or a thing, that is not there."""
    return rx.el.div(
        rx.el.h1("Page not found", class_name="heading-l"),
        rx.el.p("If you typed the web address, check it is correct."),
        rx.el.p("If you pasted the web address, check you copied the entire address."),
        rx.el.p("If you followed a link, the page may have moved or what it showed may have been removed."),
        rx.el.p(rx.el.a("Go to your home page", href=routes.HOME, id="not-found-home")),
        id="page-not-found",
    )


def page(title: str, *children: rx.Component) -> rx.Component:
    """A full page: skip link, header, marking banner, and the content (or 'not permitted')."""
    return rx.el.div(
        rx.el.a("Skip to main content", href="#main", class_name="skip-link"),
        header(),
        rx.el.div(PROTECTIVE_MARKING, class_name="marking-banner", role="note"),
        rx.el.main(
            rx.cond(
                AuthState.page_not_found,
                not_found(),
                rx.cond(
                    AuthState.not_permitted,
                    not_permitted(),
                    rx.el.div(rx.el.h1(title, class_name="heading-l"), *children),
                ),
            ),
            id="main",
            class_name="main-wrapper",
        ),
    )


def summary_list(*rows: tuple[str, rx.Var | str]) -> rx.Component:
    """A GOV.UK-style key/value list."""
    return rx.el.dl(
        *[rx.el.div(rx.el.dt(k), rx.el.dd(v), class_name="summary-row") for k, v in rows],
        class_name="summary-list",
    )


def table(headers: list[str], rows: rx.Var, render_row, caption: str = "", reflow: bool = False) -> rx.Component:
    """A plain accessible table: ``render_row(item)`` returns the ``td`` cells.

    With ``reflow`` each cell carries its column's header as ``data-label``, and at narrow
    widths (styles.css) each row is restacked as a block of labelled cells instead of the
    table scrolling sideways in its box.
    """
    def row(item) -> rx.Component:
        cells = render_row(item)
        return rx.el.tr(*(labelled(cells, headers) if reflow else cells))

    return rx.el.table(
        rx.el.caption(caption) if caption else rx.fragment(),
        rx.el.thead(rx.el.tr(*[rx.el.th(h, scope="col") for h in headers])),
        rx.el.tbody(rx.foreach(rows, row)),
        class_name="table table-reflow" if reflow else "table",
    )


def labelled(cells: list[rx.Component], headers: list[str]) -> list[rx.Component]:
    """Each cell labelled with its column's header (``data-label``), for a table that reflows."""
    for cell, header in zip(cells, headers):
        cell.custom_attrs = {**cell.custom_attrs, "data-label": header}
    return cells


def stage_tag(label: rx.Var | str) -> rx.Component:
    """A stage shown as a tag (text, never colour alone)."""
    return rx.el.strong(label, class_name="tag")
