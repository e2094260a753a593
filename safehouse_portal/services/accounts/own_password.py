"""A person chooses their own password, replacing the one-time password an admin gave them.

Until they do, their session is good for nothing else (``sessions.actor_for_token``).
"""

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from safehouse_portal.db import User
from safehouse_portal.services.accounts.passwords import MIN_PASSWORD_LENGTH, hash_password, verify_password
from safehouse_portal.services.accounts.sessions import actor_for
from safehouse_portal.services.core import audit
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.core.errors import InvalidInput, PermissionDenied

MAX_PASSWORD_LENGTH = 200
PASSWORD_ERRORS = {
    "short": f"Enter a password of at least {MIN_PASSWORD_LENGTH} characters",
    "long": f"Enter a password of at most {MAX_PASSWORD_LENGTH} characters",
    "mismatch": "Enter the same password in both boxes",
    "same": "Choose a password different from the one-time password you were given",
}
"""What the change-password page says for each refusal, by the key the form's redirect carries."""


@dataclass(frozen=True)
class PasswordChosen:
    """The person's password is now their own; ``actor`` may use the app."""

    actor: Actor | None = None


def choose_own_password(*, session: Session, actor: Actor | None, password: object, confirm: object,
                        now: datetime) -> PasswordChosen:
    """Set the person's own password and clear the one-time flag.

    Raises:
        PermissionDenied: Nobody, or a person who has no one-time password to replace.
        InvalidInput: ``{"password": key}`` with a key of ``PASSWORD_ERRORS``.
    """
    user = session.get(User, actor.user_id) if actor is not None else None
    if user is None or not user.must_change_password or not user.active:
        raise PermissionDenied()
    new = password if isinstance(password, str) else ""
    if len(new) < MIN_PASSWORD_LENGTH:
        raise InvalidInput({"password": "short"})
    if len(new) > MAX_PASSWORD_LENGTH:
        raise InvalidInput({"password": "long"})
    if new != confirm:
        raise InvalidInput({"password": "mismatch"})
    if verify_password(user.password_hash, new):
        raise InvalidInput({"password": "same"})
    user.password_hash = hash_password(new)
    user.must_change_password = False
    session.add(user)
    audit.record(session=session, actor=actor, action="user.password_chosen", entity_type="user", entity_id=user.id,
                 after={"at": now.isoformat()})
    session.flush()
    return PasswordChosen(actor_for(user))
