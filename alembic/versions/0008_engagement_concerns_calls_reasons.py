"""Engagement meetings, concerns between inspections, announcement calls, and why an inspection is allocated.

Existing inspections get a reason from what they are: focused ones follow up recommendations,
the first comprehensive inspection of a group is of a new service, every other one is annual.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 01:03:36.040631
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel



revision: str = '0008'
down_revision: Union[str, None] = '0007'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('engagement_meeting',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('provider_id', sa.Integer(), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('attendees', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('notes', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
    sa.Column('internal_notes', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['provider_id'], ['provider.id'], ),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('engagement_meeting', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_engagement_meeting_provider_id'), ['provider_id'], unique=False)

    op.create_table('announcement_call',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('inspection_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('called_on', sa.Date(), nullable=False),
    sa.Column('made_by_id', sa.Integer(), nullable=False),
    sa.Column('spoke_to', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('outcomes', sa.JSON(), nullable=False),
    sa.Column('item_notes', sa.JSON(), nullable=False),
    sa.Column('notes', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['inspection_id'], ['inspection.id'], ),
    sa.ForeignKeyConstraint(['made_by_id'], ['user.id'], ),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('announcement_call', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_announcement_call_inspection_id'), ['inspection_id'], unique=False)

    op.create_table('concern',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('provider_id', sa.Integer(), nullable=False),
    sa.Column('location_id', sa.Integer(), nullable=True),
    sa.Column('source', sa.String(length=40), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('summary', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
    sa.Column('severity', sa.String(length=40), nullable=False),
    sa.Column('status', sa.String(length=40), nullable=False),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('closing_note', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=True),
    sa.Column('inspection_id', sa.Integer(), nullable=True),
    sa.Column('recorded_by_id', sa.Integer(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['inspection_id'], ['inspection.id'], ),
    sa.ForeignKeyConstraint(['location_id'], ['location.id'], ),
    sa.ForeignKeyConstraint(['provider_id'], ['provider.id'], ),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('concern', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_concern_provider_id'), ['provider_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_concern_status'), ['status'], unique=False)

    op.create_table('engagement_action',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('action', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('owner', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['engagement_meeting.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('engagement_action', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_engagement_action_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('concern_escalation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('concern_id', sa.Integer(), nullable=False),
    sa.Column('told', sa.String(length=40), nullable=False),
    sa.Column('told_on', sa.Date(), nullable=False),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['concern_id'], ['concern.id'], ),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('concern_escalation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_concern_escalation_concern_id'), ['concern_id'], unique=False)

    with op.batch_alter_table('inspection', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reason', sa.String(length=40), nullable=False, server_default='annual'))
        batch_op.add_column(sa.Column('short_notice_reason', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True))
    op.execute("UPDATE inspection SET reason = 'follow_up_recommendations' WHERE type = 'focused'")
    op.execute("UPDATE inspection SET reason = 'new_service' WHERE type = 'comprehensive' AND id IN "
               "(SELECT MIN(id) FROM inspection GROUP BY group_id)")



def downgrade() -> None:
    with op.batch_alter_table('inspection', schema=None) as batch_op:
        batch_op.drop_column('short_notice_reason')
        batch_op.drop_column('reason')

    with op.batch_alter_table('concern_escalation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_concern_escalation_concern_id'))

    op.drop_table('concern_escalation')
    with op.batch_alter_table('engagement_action', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_engagement_action_meeting_id'))

    op.drop_table('engagement_action')
    with op.batch_alter_table('concern', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_concern_status'))
        batch_op.drop_index(batch_op.f('ix_concern_provider_id'))

    op.drop_table('concern')
    with op.batch_alter_table('announcement_call', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_announcement_call_inspection_id'))

    op.drop_table('announcement_call')
    with op.batch_alter_table('engagement_meeting', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_engagement_meeting_provider_id'))

    op.drop_table('engagement_meeting')
