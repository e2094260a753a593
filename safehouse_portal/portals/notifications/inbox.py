"""The signed-in person's notifications at ``/notifications``: newest first, each opening its page."""

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.portals.shared.auth_state import AuthState
from safehouse_portal.portals.shared.edge import programme_now
from safehouse_portal.portals.shared.shell import page
from safehouse_portal.services.notifications import inbox
from safehouse_portal.services.notifications.inbox import NotificationRow


class NotificationsState(AuthState):
    """The person's own notifications; opening one marks it read and goes to its page."""

    rows: list[NotificationRow] = []
    message: str = ""
    errors: dict[str, str] = {}

    def _refresh(self, session, actor) -> None:
        self.rows = inbox.my_notifications(session=session, actor=actor)
        self.unread_notifications = inbox.unread_count(session=session, actor=actor)

    @rx.event
    def load(self):
        self.message = ""
        return self._load_page(self._refresh)

    @rx.event
    def open(self, notification_id: int):
        """Mark the person's own notification read and go to the page it is about."""
        done, row = self._run(lambda s, a: inbox.open_notification(session=s, actor=a, notification_id=notification_id,
                                                                    now=programme_now()))
        if done:
            return rx.redirect(routes.notification_href(row.link_target, row.link_id))
        return None

    @rx.event
    def mark_all_read(self):
        done, count = self._run(lambda s, a: inbox.mark_all_read(session=s, actor=a, now=programme_now()),
                                refresh=self._refresh)
        if done:
            self.message = "All notifications marked as read." if count else "There were no unread notifications."


def _item(row) -> rx.Component:
    return rx.el.li(
        rx.el.button(
            rx.cond(row.unread, rx.el.strong("New", class_name="tag notification-new"), rx.fragment()),
            rx.el.span(row.title, class_name="notification-title"),
            on_click=NotificationsState.open(row.id),
            class_name="link-button notification-open", id=f"open-notification-{row.id}", type="button",
        ),
        rx.el.span(row.when, class_name="hint"),
        class_name=rx.cond(row.unread, "notification-item unread", "notification-item"),
    )


def notifications_page() -> rx.Component:
    """The page at ``/notifications``."""
    rows = NotificationsState.rows
    return page(
        "Notifications",
        rx.el.div(rx.cond(NotificationsState.message != "", rx.el.p(NotificationsState.message)),
                  rx.cond(NotificationsState.errors.contains("form"), rx.el.p(NotificationsState.errors["form"],
                                                                               class_name="error-message")),
                  aria_live="polite", role="status", class_name="notification-notice"),
        rx.el.p("Select a notification to open the page it is about. ",
                rx.el.a("Choose which notifications you also get by email", href=routes.NOTIFICATION_SETTINGS),
                ".", class_name="caption"),
        rx.cond(
            rows.length() > 0,
            rx.el.div(
                rx.el.ul(rx.foreach(rows, _item), class_name="notification-list", id="notification-list"),
                rx.cond(NotificationsState.unread_notifications > 0,
                        rx.el.button("Mark all as read", on_click=NotificationsState.mark_all_read,
                                     class_name="button secondary", id="mark-all-read", type="button")),
            ),
            rx.el.p("You have no notifications.", id="no-notifications"),
        ),
    )
