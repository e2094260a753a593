"""Writing the audit trail: one row per change or sensitive view, chained by hashes.

Each row names whose trail it belongs to (its provider and inspection, worked out from the
entity it is about) and carries the hash of its content and of the row before it
(``domain/audit_chain``). Appending reads the chain's head, so two writers must not both
read the same head: on PostgreSQL the writer takes a transaction-level advisory lock first
(held until its unit of work commits or rolls back); SQLite lets one writer at a time.
"""

from dataclasses import fields
from datetime import datetime
from typing import Any

from sqlalchemy import insert, text
from sqlmodel import Session, select

from safehouse_portal.db import (
    AuditEvent, EvidenceItem, InfoRequest, Inspection, InspectionGroup, KloeAssessment, PirReturn, Recommendation,
    StoredFile, User,
)
from safehouse_portal.db.types import utcnow
from safehouse_portal.domain.audit_chain import GENESIS, ChainRow, canonical_json, content_hash
from safehouse_portal.services.core.actor import Actor

CHAIN_LOCK = 0x5AFE_A0D1
"""The PostgreSQL advisory lock key that serialises appends to the chain."""


def record(
    *,
    session: Session,
    actor: Actor | None,
    action: str,
    entity_type: str,
    entity_id: int | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    at: datetime | None = None,
    scope: tuple[int | None, int | None] | None = None,
) -> None:
    """Add an audit event to ``session`` (committed with the change it records), chained to the one before.

    ``at`` is now unless given (the demo writes a believable past); the chain's order is the
    order rows are written, whatever their times. ``scope`` is the provider and inspection
    whose trail it belongs to, when the caller has just read them (else they are looked up).
    """
    provider_id, inspection_id = scope if scope is not None else _scope(session, entity_type, entity_id)
    lock_chain(session)
    # The change being recorded is written first: on SQLite that write is what makes this transaction
    # the one writer before it reads the chain's head (a read alone would not).
    session.flush()
    connection = session.connection()
    previous = connection.execute(HEAD).scalar() or GENESIS
    row = ChainRow(actor_id=actor.user_id if actor and actor.user_id else None, at=at or utcnow(), action=action,
                   entity_type=entity_type, entity_id=entity_id, provider_id=provider_id,
                   inspection_id=inspection_id, before=canonical_json(before), after=canonical_json(after),
                   previous_hash=previous)
    # A plain insert, not an ORM object: the row is never changed after it is written, and this runs
    # on every save (building and flushing an ORM object cost as much as the rest of a PIR save).
    # On the connection, so the access-facts memo is not told: an audit row is no access fact.
    # Its columns are named one by one: ``dataclasses.asdict`` deep-copies the before and after.
    connection.execute(_APPEND, {column: getattr(row, column) for column in _COLUMNS}
                       | {"row_hash": content_hash(row, previous)})


HEAD = select(AuditEvent.row_hash).order_by(AuditEvent.id.desc()).limit(1)
"""The newest record's hash: read at every recorded change, and by ``head`` (built once)."""
_APPEND = insert(AuditEvent.__table__)
"""Built once: it runs at every recorded change."""
_COLUMNS = tuple(f.name for f in fields(ChainRow) if f.name not in ("id", "row_hash"))
"""What a record stores of its ``ChainRow`` besides its hash (the database numbers it)."""


def head(session: Session) -> str:
    """The newest record's hash ("" while the trail is empty).

    It changes with every recorded change, anywhere, so a page whose every source is audited
    can tell from it alone that nothing it read has changed. Two databases never share it
    (each record's hash covers its time), so a restored or re-seeded database reads as changed.
    """
    return session.connection().execute(HEAD).scalar() or ""


def lock_chain(session: Session) -> None:
    """Hold the chain's append lock until this transaction ends (PostgreSQL; SQLite has one writer)."""
    if session.get_bind().dialect.name == "postgresql":
        session.exec(text("SELECT pg_advisory_xact_lock(:key)").bindparams(key=CHAIN_LOCK))


def _scope(session: Session, entity_type: str, entity_id: int | None) -> tuple[int | None, int | None]:
    """The provider and inspection whose trail an event about ``entity_type`` ``entity_id`` belongs to."""
    if entity_id is None:
        return None, None
    if entity_type == "provider":
        return entity_id, None
    if entity_type == "stored_file":
        stored = session.get(StoredFile, entity_id)
        return (stored.provider_id if stored else None), None
    if entity_type == "user":
        user = session.get(User, entity_id)
        return (user.provider_id if user else None), None
    inspection_id = _inspection_of(session, entity_type, entity_id)
    if inspection_id is None:
        return None, None
    inspection = session.get(Inspection, inspection_id)
    group = session.get(InspectionGroup, inspection.group_id) if inspection else None
    return (group.provider_id if group else None), inspection_id


def _inspection_of(session: Session, entity_type: str, entity_id: int) -> int | None:
    if entity_type == "inspection":
        return entity_id
    if entity_type == "evidence_item":
        item = session.get(EvidenceItem, entity_id)
        return _inspection_of(session, "kloe_assessment", item.assessment_id) if item else None
    table = {"pir_return": PirReturn, "recommendation": Recommendation, "kloe_assessment": KloeAssessment,
             "info_request": InfoRequest}.get(entity_type)
    row = session.get(table, entity_id) if table is not None else None
    return row.inspection_id if row is not None else None
