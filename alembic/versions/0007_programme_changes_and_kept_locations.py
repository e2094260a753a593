"""Keep the programme current (issue 16): change history, kept inspection locations, provider-notified changes.

Existing inspections that are under way (past planned) keep the locations their group has
today: the backfill writes them into ``inspection_location`` so a later group change
does not alter them.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-14 10:00:00.000000
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0007'
down_revision: Union[str, None] = '0006'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('location', schema=None) as batch_op:
        batch_op.add_column(sa.Column('closed_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('manager_name', sa.String(length=200), nullable=True))
    op.create_table('programme_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('provider_id', sa.Integer(), nullable=False),
    sa.Column('entity_type', sa.String(length=20), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('field', sa.String(length=60), nullable=False),
    sa.Column('before', sa.String(length=4000), nullable=True),
    sa.Column('after', sa.String(length=4000), nullable=True),
    sa.Column('reason', sa.String(length=2000), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('changed_by_id', sa.Integer(), nullable=True),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['changed_by_id'], ['user.id'], ),
    sa.ForeignKeyConstraint(['provider_id'], ['provider.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('programme_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_programme_change_provider_id'), ['provider_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_programme_change_entity_type'), ['entity_type'], unique=False)
        batch_op.create_index(batch_op.f('ix_programme_change_entity_id'), ['entity_id'], unique=False)
    op.create_table('inspection_location',
    sa.Column('inspection_id', sa.Integer(), nullable=False),
    sa.Column('location_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['inspection_id'], ['inspection.id'], ),
    sa.ForeignKeyConstraint(['location_id'], ['location.id'], ),
    sa.PrimaryKeyConstraint('inspection_id', 'location_id')
    )
    with op.batch_alter_table('inspection_location', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inspection_location_location_id'), ['location_id'], unique=False)
    op.create_table('service_change_proposal',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('provider_id', sa.Integer(), nullable=False),
    sa.Column('location_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.Column('note', sa.String(length=2000), nullable=False),
    sa.Column('status', sa.String(length=40), nullable=False),
    sa.Column('proposed_by_id', sa.Integer(), nullable=True),
    sa.Column('proposed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decline_reason', sa.String(length=2000), nullable=False),
    sa.ForeignKeyConstraint(['decided_by_id'], ['user.id'], ),
    sa.ForeignKeyConstraint(['location_id'], ['location.id'], ),
    sa.ForeignKeyConstraint(['proposed_by_id'], ['user.id'], ),
    sa.ForeignKeyConstraint(['provider_id'], ['provider.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('service_change_proposal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_service_change_proposal_provider_id'), ['provider_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_service_change_proposal_status'), ['status'], unique=False)
    op.create_table('provider_copy_recipient',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('provider_id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.ForeignKeyConstraint(['provider_id'], ['provider.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('provider_copy_recipient', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_provider_copy_recipient_provider_id'), ['provider_id'], unique=False)
    op.execute(
        "INSERT INTO inspection_location (inspection_id, location_id) "
        "SELECT inspection.id, location.id FROM inspection "
        "JOIN location ON location.group_id = inspection.group_id "
        "WHERE inspection.stage <> 'planned' AND location.active"
    )


def downgrade() -> None:
    with op.batch_alter_table('provider_copy_recipient', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_provider_copy_recipient_provider_id'))
    op.drop_table('provider_copy_recipient')
    with op.batch_alter_table('service_change_proposal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_service_change_proposal_status'))
        batch_op.drop_index(batch_op.f('ix_service_change_proposal_provider_id'))
    op.drop_table('service_change_proposal')
    with op.batch_alter_table('inspection_location', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inspection_location_location_id'))
    op.drop_table('inspection_location')
    with op.batch_alter_table('programme_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_programme_change_entity_id'))
        batch_op.drop_index(batch_op.f('ix_programme_change_entity_type'))
        batch_op.drop_index(batch_op.f('ix_programme_change_provider_id'))
    op.drop_table('programme_change')
    with op.batch_alter_table('location', schema=None) as batch_op:
        batch_op.drop_column('manager_name')
        batch_op.drop_column('closed_on')
