"""Pages of the kloe area, registered on the app."""

import reflex as rx


def register(app: rx.App) -> None:
    """Add this area's pages to ``app``."""
