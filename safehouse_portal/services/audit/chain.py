"""Verifying the audit trail's hash chain: the first row an edit or a removal broke, if any.

Rows are read in id order (the order they were chained in, see ``services/core/audit``) a
batch at a time, so a trail of millions of rows is checked in constant memory.
"""

from dataclasses import dataclass

from sqlmodel import Session, select

from safehouse_portal.db import AuditEvent
from safehouse_portal.domain.audit_chain import GENESIS, BrokenLink, ChainRow, first_broken_link
from safehouse_portal.services.core import access
from safehouse_portal.services.core.access import Action
from safehouse_portal.services.core.actor import Actor

_COLUMNS = (AuditEvent.id, AuditEvent.at, AuditEvent.actor_id, AuditEvent.action, AuditEvent.entity_type,
            AuditEvent.entity_id, AuditEvent.provider_id, AuditEvent.inspection_id, AuditEvent.before,
            AuditEvent.after, AuditEvent.previous_hash, AuditEvent.row_hash)
"""What a row's hash covers, read as plain columns (no ORM objects for a million rows)."""


@dataclass(frozen=True)
class Verification:
    """How many rows were checked, and the first broken link (None when the chain holds)."""

    rows: int = 0
    broken: BrokenLink | None = None


def verify(*, session: Session, actor: Actor | None, batch: int = 5000) -> Verification:
    """Walk the chain from its first row; stop at the first row whose link or content does not hold."""
    access.require(actor, Action.VIEW_AUDIT_TRAIL)
    previous, previous_id, checked = GENESIS, None, 0
    while True:
        query = select(*_COLUMNS).order_by(AuditEvent.id).limit(batch)
        if previous_id is not None:
            query = query.where(AuditEvent.id > previous_id)
        rows = [ChainRow(**row._mapping) for row in session.exec(query).all()]
        if not rows:
            return Verification(checked)
        broken = first_broken_link(rows, previous, previous_id)
        if broken is not None:
            return Verification(checked + next(n for n, r in enumerate(rows) if r.id == broken.row_id), broken)
        checked += len(rows)
        previous, previous_id = rows[-1].row_hash, rows[-1].id
