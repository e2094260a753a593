"""Who is acting; what they may do is decided by ``access``."""

from dataclasses import dataclass

from safehouse_portal.domain.enums import Role


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

