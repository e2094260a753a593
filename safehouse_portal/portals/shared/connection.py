"""What a person sees while the connection to the server is down, in plain words.

Reflex's own overlay shows a developer toast ("Cannot connect to server: websocket
error ... Check if server is reachable at ws://..."). The app swaps it for a banner that
says what it means for the person, announced politely, and pages with autosaving forms
put ``save_status`` next to their fields, so nobody reads "saved as you go" while nothing
can be saved. Reflex keeps the events of a disconnected page and sends them on reconnect;
the pages then reload what is stored and show any conflict.
"""

import reflex as rx
from reflex.components.core.banner import has_connection_errors

RECONNECTING = "Not saved: trying to reconnect"
"""The save status while the page cannot reach the server."""


def connection_banner() -> rx.Component:
    """The app-wide notice while disconnected (replaces Reflex's connection toast)."""
    return rx.el.div(
        rx.cond(
            has_connection_errors,
            rx.el.p(
                rx.el.strong("Not connected: trying to reconnect. "),
                "Keep this page open. What you type stays on the page and is saved when the connection is back.",
                class_name="connection-banner-text",
            ),
        ),
        role="status", aria_live="polite", id="connection-status", class_name="connection-banner",
    )


def save_status(saved_text: rx.Var | str, idle_text: rx.Var | str, element_id: str = "save-status") -> rx.Component:
    """The save status of an autosaving form: ``saved_text`` once saved, and never "saved" while disconnected."""
    return rx.el.p(
        rx.cond(has_connection_errors, rx.el.strong(RECONNECTING, class_name="save-status-offline"),
                rx.cond(saved_text != "", saved_text, idle_text)),
        class_name="hint", role="status", id=element_id,
    )


def install(app: rx.App) -> None:
    """Put the banner where Reflex's overlay (the connection toaster and pulser) would go."""
    app.app_wraps[(5, "Overlay")] = lambda stateful: connection_banner() if stateful else None
