"""Pages of this portal, registered on the app (each page's State lives beside it)."""

import reflex as rx


def register(app: rx.App) -> None:
    """Add this portal's pages to ``app``."""
