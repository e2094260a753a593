"""Inspectors' availability for planning the year (issue 20): home region, 4-week limit, skills, days off.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02 10:00:00.000000
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0013'
down_revision: Union[str, None] = '0012'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        'inspector_availability',
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('home_region', sa.String(length=100), nullable=False),
        sa.Column('max_leads_per_4_weeks', sa.Integer(), nullable=False),
        sa.Column('skills', sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['user.id']),
        sa.PrimaryKeyConstraint('user_id'),
    )
    op.create_table(
        'inspector_unavailability',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('first_day', sa.Date(), nullable=False),
        sa.Column('last_day', sa.Date(), nullable=False),
        sa.Column('reason', sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['user.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_inspector_unavailability_user_id', 'inspector_unavailability', ['user_id'])


def downgrade() -> None:
    op.drop_index('ix_inspector_unavailability_user_id', table_name='inspector_unavailability')
    op.drop_table('inspector_unavailability')
    op.drop_table('inspector_availability')
