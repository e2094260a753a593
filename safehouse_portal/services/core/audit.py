"""Writing the audit trail."""

from typing import Any

from sqlmodel import Session

from safehouse_portal.db import AuditEvent
from safehouse_portal.services.core.actor import Actor


def record(
    *,
    session: Session,
    actor: Actor | None,
    action: str,
    entity_type: str,
    entity_id: int | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    """Add an audit event to ``session`` (committed with the change it records)."""
    session.add(
        AuditEvent(
            actor_id=actor.user_id if actor and actor.user_id else None,
            action=action,
            entity_type=entity_type,
            entity_id=entity_id,
            before=before,
            after=after,
        )
    )
