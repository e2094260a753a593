"""The signed-in person as the pages see them, and the one way a page runs a service.

The session cookie is HttpOnly: the browser cannot read it, and Reflex never sends request
headers back to the client. Each event resolves the actor from the websocket's own request
headers, so a forged argument or anything the browser kept cannot change who is acting.

Every handler reaches the services through one method family: ``_run`` for an action,
``_load_page`` for a page load, both built on ``_unit``. An event opens one unit of work
(one database session, committed once on success and rolled back on any refusal), resolves
the actor once inside it, and turns refusals into the same messages on every page:
``InvalidInput`` into its per-field errors, ``PermissionDenied`` and ``NotFound`` into one
form-level message that does not say which it was.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, ClassVar

import reflex as rx
from sqlmodel import Session

from safehouse_portal.domain.enums import ROLE_LABELS
from safehouse_portal import routes
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.core.errors import InvalidInput, NotFound, NotYours, PermissionDenied
from safehouse_portal.services.core.uow import unit_of_work
from safehouse_portal.services.notifications.inbox import unread_count
from safehouse_portal.web.auth import password_change_actor
from safehouse_portal.portals.shared.event_actor import event_actor

REFUSED = "That could not be done: you may not have permission, or it no longer exists."
"""What a refused or vanished thing reads as, the same on every page."""

Refusal = InvalidInput | PermissionDenied | NotFound
Work = Callable[[Session, Actor | None], Any]


class AuthState(rx.State):
    """Who is signed in (display only) and whether the current page refused them."""

    user_name: str = ""
    role_label: str = ""
    nav_items: list[dict[str, str]] = []
    signed_in: bool = False
    not_permitted: bool = False
    unread_notifications: int = 0
    page_not_found: bool = False
    _refused_text: ClassVar[str] = REFUSED

    @contextmanager
    def _unit(self) -> Iterator[tuple[Session, Actor | None]]:
        """One unit of work for this event, and the person acting in it (resolved once, inside it)."""
        with unit_of_work() as session:
            yield session, event_actor(session, self.router.headers.cookie)

    def _run(self, action: Work, *, errors_field: str | None = "errors", refresh: Work | None = None,
             refusal_hides_page: bool = False) -> tuple[bool, Any]:
        """Run ``action(session, actor)`` (then ``refresh``) in one unit of work; show a refusal.

        Args:
            action: The service call.
            errors_field: The dict var cleared first and given the refusal's messages; None
                when the caller shows them itself (it gets the refusal back).
            refresh: Reloads the page's read models in the same unit, after the action.
            refusal_hides_page: A refusal or a missing record means this page is not the
                person's: its data is cleared and "not permitted" shown, as on loading.

        Returns:
            ``(True, what the action returned)``, or ``(False, the refusal)``; nothing of a
            refused action is kept, in the database or in the State.
        """
        if errors_field is not None:
            setattr(self, errors_field, {})
        acting: list[Actor | None] = []
        try:
            with self._unit() as (session, actor):
                acting.append(actor)
                result = action(session, actor)
                if refresh is not None:
                    refresh(session, actor)
        except (InvalidInput, PermissionDenied, NotFound) as exc:
            if refusal_hides_page and not isinstance(exc, InvalidInput):
                self._refuse_page(missing=_reads_as_missing(exc, acting))
            elif errors_field is not None:
                setattr(self, errors_field, self._refusal_errors(exc))
            return False, exc
        return True, result

    def _load_page(self, fill: Work):
        """Resolve the actor, then let ``fill(session, actor)`` load the page's read models.

        Returns the redirect to sign-in when nobody is signed in. A refusal from
        the service clears the page's data and shows 'not permitted' instead.
        """
        acting: list[Actor | None] = []
        try:
            with self._unit() as (session, actor):
                acting.append(actor)
                self._show_actor(actor)
                if actor is None:
                    return rx.redirect(self._signed_out_home(session))
                self._keep(unread_notifications=unread_count(session=session, actor=actor))
                fill(session, actor)
        except (PermissionDenied, NotFound, InvalidInput) as exc:
            self._refuse_page(missing=_reads_as_missing(exc, acting))
            return None
        self._keep(not_permitted=False, page_not_found=False)
        return None

    def _signed_out_home(self, session: Session) -> str:
        """Where a page sends a browser with no usable session: sign in, or choose a password
        first when the session is of a person still holding a one-time password."""
        pending = password_change_actor(session, self.router.headers.cookie)
        return routes.CHANGE_PASSWORD if pending is not None else routes.SIGN_IN

    def _refusal_errors(self, refusal: Refusal) -> dict[str, str]:
        """The messages a refusal shows: per field, or one for the form."""
        if isinstance(refusal, InvalidInput):
            return dict(refusal.errors)
        return {"form": self._refused_text}

    def _refusal_text(self, refusal: Refusal) -> str:
        """A refusal as one sentence, for a control that shows a single message."""
        return next(iter(self._refusal_errors(refusal).values()), self._refused_text)

    def _refuse_page(self, *, missing: bool = False) -> None:
        """Clear this page's data and show that it is not for this person ("Page not found" when ``missing``)."""
        self.reset()
        self.not_permitted = True
        self.page_not_found = missing

    def _show_actor(self, actor: Actor | None) -> None:
        """The header's person and menu (kept as they are when unchanged, so a page load does not resend them)."""
        self._keep(signed_in=actor is not None, user_name=actor.name if actor else "",
                   role_label=ROLE_LABELS[actor.role] if actor else "",
                   nav_items=[{"label": l, "href": h} for l, h in routes.navigation(actor.role)] if actor else [])

    def _keep(self, **values: Any) -> None:
        """Set each var to its value only where it differs: Reflex resends every var assigned, changed or not.

        The value held is compared as stored: through Reflex's change-tracking proxy every field of a
        page's read model was wrapped anew to be compared (5% of a KLOE page load), and a read model
        kept from the last load was never recognised as the very object held.
        """
        for name, value in values.items():
            held = self._plain(name)
            if held is not value and held != value:
                setattr(self, name, value)

    def _plain(self, name: str) -> Any:
        """The var ``name`` as stored, for reading only: Reflex hands a mutable value out wrapped in a proxy
        that tracks changes, and wraps each item again as it is read (a save read the PIR section's
        questions through some 25 new proxies)."""
        value = getattr(self, name)
        return getattr(value, "__wrapped__", value)

    def _drop(self, name: str, key: str) -> None:
        """Remove ``key`` from the dict var ``name``, assigning (so resending) it only when the key was there."""
        current = getattr(self, name)
        if key in current:
            setattr(self, name, {k: v for k, v in current.items() if k != key})


def _reads_as_missing(refusal: Refusal, acting: list[Actor | None]) -> bool:
    """Whether a refused page reads "Page not found": the thing does not exist, its id is not
    an id, or (for a provider lead) it is another provider's, which must look the same."""
    if isinstance(refusal, (NotFound, InvalidInput)):
        return True
    actor = acting[0] if acting else None
    return isinstance(refusal, NotYours) and actor is not None and actor.provider_id is not None
