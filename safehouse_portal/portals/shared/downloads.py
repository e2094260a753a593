"""Links to the plain HTTP download routes (``/files/...``, ``/exports/...``, ``/documents/...``).

In Reflex 0.10.1 ``rx.el.a`` and ``rx.link`` render React Router's ``Link``: a click is
routed inside the app and never reaches the server, so the download route would not
run. ``reload_document`` makes it an ordinary browser navigation; the route answers with
``Content-Disposition: attachment``, so the browser saves the file and stays on the page.
"""

import reflex as rx


def download_link(*children, href, **props) -> rx.Component:
    """A link that downloads its file: the browser fetches it, not the app's client-side router."""
    return rx.el.a(*children, href=href, download=True, reload_document=True, **props)
