"""The signed-in person as the pages see them, resolved on the server for every event.

The session cookie is HttpOnly: the browser cannot read it, and Reflex never
sends request headers back to the client. Each handler resolves the actor from
the websocket's own request headers, so a forged argument cannot change who
is acting.
"""

from datetime import UTC, datetime
from typing import Any, Callable, TypeVar

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.web.cookies import token_from_cookie_header
from safehouse_portal.db.engine import new_session
from safehouse_portal.domain.enums import ROLE_LABELS
from safehouse_portal.services.accounts import sessions as auth_service
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.core.errors import InvalidInput, NotFound, PermissionDenied

T = TypeVar("T")


class AuthState(rx.State):
    """Who is signed in (display only) and whether the current page refused them."""

    user_name: str = ""
    role_label: str = ""
    nav_items: list[dict[str, str]] = []
    signed_in: bool = False
    not_permitted: bool = False

    def _actor(self) -> Actor | None:
        token = token_from_cookie_header(self.router.headers.cookie)
        if token is None:
            return None
        with new_session() as session:
            return auth_service.actor_for_token(session=session, token=token, now=datetime.now(UTC))

    def _show_actor(self, actor: Actor | None) -> None:
        self.signed_in = actor is not None
        self.user_name = actor.name if actor else ""
        self.role_label = ROLE_LABELS[actor.role] if actor else ""
        self.nav_items = [{"label": l, "href": h} for l, h in routes.navigation(actor.role)] if actor else []

    def _call(self, service: Callable[..., T], **kwargs: Any) -> T:
        """Run one service in one database session, as the signed-in actor."""
        actor = self._actor()
        with new_session() as session:
            return service(session=session, actor=actor, **kwargs)

    def _session(self):
        """A new database session for one handler."""
        return new_session()

    def _load_page(self, fill: Callable[[Any, Actor], None]):
        """Resolve the actor, then let ``fill(session, actor)`` load the page's read models.

        Returns the redirect to sign-in when nobody is signed in. A refusal from
        the service clears the page's data and shows 'not permitted' instead.
        """
        actor = self._actor()
        self._show_actor(actor)
        if actor is None:
            return rx.redirect(routes.SIGN_IN)
        try:
            with new_session() as session:
                fill(session, actor)
            self.not_permitted = False
        except (PermissionDenied, NotFound, InvalidInput):
            self.reset()
            self.not_permitted = True
        return None
