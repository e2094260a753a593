"""A plain HTML form that the browser itself submits (no JavaScript).

Reflex's own form always prevents the browser's submission; sign-in and
sign-out must reach the server's HTTP routes so the session cookie can be HttpOnly.
"""

import reflex as rx
from reflex_components_core.el.elements.base import BaseHTML


class NativeForm(BaseHTML):
    """``<form action=... method=post>`` submitted by the browser, not by Reflex."""

    tag = "form"
    action: rx.Var[str]
    method: rx.Var[str]


native_form = NativeForm.create
