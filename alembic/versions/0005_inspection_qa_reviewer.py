"""Named quality assurance reviewers of an inspection (issue 13: QA access limited to the team and them).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 10:00:00.000000
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0005'
down_revision: Union[str, None] = '0004'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('inspection_qa_reviewer',
    sa.Column('inspection_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['inspection_id'], ['inspection.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('inspection_id', 'user_id')
    )
    with op.batch_alter_table('inspection_qa_reviewer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inspection_qa_reviewer_user_id'), ['user_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('inspection_qa_reviewer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inspection_qa_reviewer_user_id'))

    op.drop_table('inspection_qa_reviewer')
