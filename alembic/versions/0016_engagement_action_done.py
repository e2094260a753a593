"""Agreed actions of engagement meetings can be marked done: the day and by whom.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-10 10:00:00.000000
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0016'
down_revision: Union[str, None] = '0015'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('engagement_action', schema=None) as batch_op:
        batch_op.add_column(sa.Column('done_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('done_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_engagement_action_done_by', 'user', ['done_by_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('engagement_action', schema=None) as batch_op:
        batch_op.drop_constraint('fk_engagement_action_done_by', type_='foreignkey')
        batch_op.drop_column('done_by_id')
        batch_op.drop_column('done_on')
