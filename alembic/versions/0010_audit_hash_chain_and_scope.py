"""A readable, tamper-evident audit trail (issue 17): whose trail each row belongs to, the filters'
indexes, and each row's hash chained to the row before it (backfilled for the rows already written).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 10:00:00.000000
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

from safehouse_portal.db.types import UTCDateTime
from safehouse_portal.domain.audit_chain import GENESIS, ChainRow, content_hash


revision: str = '0010'
down_revision: Union[str, None] = '0009'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

INDEXES = {
    'ix_audit_event_at_id': ['at', 'id'],
    'ix_audit_event_actor_at_id': ['actor_id', 'at', 'id'],
    'ix_audit_event_provider_at_id': ['provider_id', 'at', 'id'],
    'ix_audit_event_inspection_at_id': ['inspection_id', 'at', 'id'],
    'ix_audit_event_action_at_id': ['action', 'at', 'id'],
}

_SCOPE = [
    "UPDATE audit_event SET inspection_id = entity_id WHERE entity_type = 'inspection'",
    *[f"UPDATE audit_event SET inspection_id = (SELECT t.inspection_id FROM {table} t "
      f"WHERE t.id = audit_event.entity_id) WHERE entity_type = '{table}'"
      for table in ('pir_return', 'recommendation', 'kloe_assessment', 'info_request')],
    "UPDATE audit_event SET inspection_id = (SELECT a.inspection_id FROM evidence_item e "
    "JOIN kloe_assessment a ON a.id = e.assessment_id WHERE e.id = audit_event.entity_id) "
    "WHERE entity_type = 'evidence_item'",
    "UPDATE audit_event SET provider_id = (SELECT g.provider_id FROM inspection i "
    "JOIN inspection_group g ON g.id = i.group_id WHERE i.id = audit_event.inspection_id) "
    "WHERE inspection_id IS NOT NULL",
    "UPDATE audit_event SET provider_id = entity_id WHERE entity_type = 'provider'",
    "UPDATE audit_event SET provider_id = (SELECT s.provider_id FROM stored_file s "
    "WHERE s.id = audit_event.entity_id) WHERE entity_type = 'stored_file'",
    "UPDATE audit_event SET provider_id = (SELECT u.provider_id FROM \"user\" u "
    "WHERE u.id = audit_event.entity_id) WHERE entity_type = 'user'",
]

_audit = sa.table(
    'audit_event', sa.column('id', sa.Integer), sa.column('at', UTCDateTime), sa.column('actor_id', sa.Integer),
    sa.column('action', sa.String), sa.column('entity_type', sa.String), sa.column('entity_id', sa.Integer),
    sa.column('provider_id', sa.Integer), sa.column('inspection_id', sa.Integer), sa.column('before', sa.JSON),
    sa.column('after', sa.JSON), sa.column('previous_hash', sa.String), sa.column('row_hash', sa.String),
)


def upgrade() -> None:
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('provider_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('inspection_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('previous_hash', sa.String(length=64), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('row_hash', sa.String(length=64), nullable=False, server_default=''))
        for name, columns in INDEXES.items():
            batch_op.create_index(name, columns, unique=False)
    bind = op.get_bind()
    for statement in _SCOPE:
        bind.execute(sa.text(statement))
    _chain(bind)


def _chain(bind, batch: int = 5000) -> None:
    """Hash every existing row, in id order, each chained to the one before."""
    previous, last_id = GENESIS, 0
    while True:
        rows = bind.execute(sa.select(_audit).where(_audit.c.id > last_id).order_by(_audit.c.id).limit(batch)).all()
        if not rows:
            return
        updates = []
        for row in rows:
            digest = content_hash(ChainRow(**{k: v for k, v in row._mapping.items()
                                              if k not in ('previous_hash', 'row_hash')}), previous)
            updates.append({'row_id': row.id, 'previous_hash': previous, 'row_hash': digest})
            previous, last_id = digest, row.id
        bind.execute(_audit.update().where(_audit.c.id == sa.bindparam('row_id'))
                     .values(previous_hash=sa.bindparam('previous_hash'), row_hash=sa.bindparam('row_hash')),
                     updates)


def downgrade() -> None:
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        for name in INDEXES:
            batch_op.drop_index(name)
        batch_op.drop_column('row_hash')
        batch_op.drop_column('previous_hash')
        batch_op.drop_column('inspection_id')
        batch_op.drop_column('provider_id')
