"""Provider lead accounts made for a programme import, each with a password shown once."""

from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import Session

from safehouse_portal.db import User
from safehouse_portal.domain.enums import Role
from safehouse_portal.services.accounts.passwords import generate_password, hash_generated_password
from safehouse_portal.services.accounts.users import OneTimePassword
from safehouse_portal.domain.notifications import LinkTarget, NotificationKind
from safehouse_portal.services.core import access, audit, outbox
from safehouse_portal.services.core.access import Action
from safehouse_portal.services.core.actor import Actor


@dataclass(frozen=True)
class NewLead:
    """Who a new provider lead account is for."""

    email: str = ""
    name: str = ""
    provider_id: int = 0


def create_provider_leads(*, session: Session, actor: Actor | None, leads: Sequence[NewLead]) -> list[OneTimePassword]:
    """One provider lead account per ``leads`` (emails the caller checked are free), audited.

    Returns:
        Each account's one-time password, to show once to the importer; only its hash is kept.
    """
    access.admit(actor, Action.IMPORT_PROGRAMME)
    made: list[tuple[User, str]] = []
    for lead in leads:
        secret = generate_password()
        made.append((User(email=lead.email.strip().lower(), name=lead.name, role=Role.PROVIDER_LEAD,
                          provider_id=lead.provider_id, password_hash=hash_generated_password(secret),
                          must_change_password=True), secret))
    session.add_all([user for user, _ in made])
    session.flush()
    for user, _ in made:
        audit.record(session=session, actor=actor, action="user.created", entity_type="user", entity_id=user.id,
                     after={"email": user.email, "role": user.role.value, "provider_id": user.provider_id,
                            "by": "programme import"})
        outbox.notify(session=session, kind=NotificationKind.ACCOUNT_CREATED, to_user_ids=[user.id],
                      link=LinkTarget.SIGN_IN)
    return [OneTimePassword(user.id, user.email, secret) for user, secret in made]
