"""Who is acting, and the guards every service calls first."""

from dataclasses import dataclass

from safehouse_portal.domain.enums import Role
from safehouse_portal.services.core.errors import PermissionDenied


@dataclass(frozen=True)
class Actor:
    """The signed-in person, as resolved on the server from their session."""

    user_id: int
    name: str
    email: str
    role: Role
    provider_id: int | None = None
    stakeholder_organisation_id: int | None = None


CLI_OPERATOR = Actor(user_id=0, name="Command-line operator", email="", role=Role.ADMIN)
"""Who acts when the ``safehouse`` command runs on the server; never given to a browser.

``None`` is never an operator: a service given no actor refuses, so an
anonymous browser can never pass for the command line.
"""


def require_role(actor: Actor | None, *roles: Role) -> Actor:
    """Return ``actor`` if it holds one of ``roles``; refuse otherwise (deny by default)."""
    if actor is None or actor.role not in roles:
        raise PermissionDenied()
    return actor


def require_provider_scope(actor: Actor | None, provider_id: int) -> Actor:
    """Refuse a provider lead acting on any provider but their own.

    Staff roles (inspector, programme manager, admin) pass; stakeholders never do.
    """
    if actor is None:
        raise PermissionDenied()
    if actor.role == Role.PROVIDER_LEAD:
        if actor.provider_id is None or actor.provider_id != provider_id:
            raise PermissionDenied()
        return actor
    if actor.role in (Role.INSPECTOR, Role.PROGRAMME_MANAGER, Role.ADMIN):
        return actor
    raise PermissionDenied()
