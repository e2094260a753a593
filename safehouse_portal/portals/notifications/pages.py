"""Pages of the notifications area, registered on the app."""

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.portals.notifications.email_settings import EmailSettingsState, email_settings_page
from safehouse_portal.portals.notifications.inbox import NotificationsState, notifications_page
from safehouse_portal.portals.notifications.outbox import OutboxState, outbox_page

_SUFFIX = " - Safehouse Portal"


def register(app: rx.App) -> None:
    """Add this area's pages to ``app``."""
    pages = [
        (notifications_page, routes.NOTIFICATIONS, "Notifications", NotificationsState.load),
        (email_settings_page, routes.NOTIFICATION_SETTINGS, "Notification emails", EmailSettingsState.load),
        (outbox_page, routes.ADMIN_OUTBOX, "Outbox", OutboxState.load),
    ]
    for component, route, title, on_load in pages:
        app.add_page(component, route=route, title=title + _SUFFIX, on_load=on_load)
