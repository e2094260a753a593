"""Survivor survey comments and results kept as KLOE evidence, with the identifying-details check (issue 18).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 10:00:00.000000
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0009'
down_revision: Union[str, None] = '0008'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('survey_evidence',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('inspection_id', sa.Integer(), nullable=False),
    sa.Column('evidence_item_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('question_code', sa.String(length=40), nullable=False),
    sa.Column('quote', sa.Text(), nullable=False),
    sa.Column('identifying_checked', sa.Boolean(), nullable=False),
    sa.Column('checked_by_id', sa.Integer(), nullable=True),
    sa.Column('checked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('in_report', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['checked_by_id'], ['user.id'], ),
    sa.ForeignKeyConstraint(['evidence_item_id'], ['evidence_item.id'], ),
    sa.ForeignKeyConstraint(['inspection_id'], ['inspection.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('evidence_item_id')
    )
    with op.batch_alter_table('survey_evidence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_evidence_inspection_id'), ['inspection_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('survey_evidence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_evidence_inspection_id'))

    op.drop_table('survey_evidence')
