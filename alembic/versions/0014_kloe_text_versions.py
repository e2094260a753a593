"""One version per autosaving box of a KLOE (issue 14): a note's or a judgement text's save is refused
when someone changed that text since the box was drawn.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06 12:00:00.000000
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0014'
down_revision: Union[str, None] = '0013'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('kloe_assessment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('text_versions', sa.JSON(), nullable=False, server_default='{}'))


def downgrade() -> None:
    with op.batch_alter_table('kloe_assessment', schema=None) as batch_op:
        batch_op.drop_column('text_versions')
