"""The provider's factual accuracy answer day; one-time passwords that must be changed (issue 14).

``inspection.fa_responded_on`` is the day the provider first sent a factual accuracy comment
or said it will not comment: the provider's deadline is met then, not when the inspector
closes the check. Existing inspections take the day of their earliest comment.
``user.must_change_password`` is set when an admin gives someone a one-time password.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01 10:00:00.000000
"""
from datetime import UTC, datetime
from typing import Sequence, Union
from zoneinfo import ZoneInfo

from alembic import op
import sqlalchemy as sa


revision: str = '0012'
down_revision: Union[str, None] = '0011'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('inspection', schema=None) as batch_op:
        batch_op.add_column(sa.Column('fa_responded_on', sa.Date(), nullable=True))
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('must_change_password', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    _backfill_fa_responded_on()


def downgrade() -> None:
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('must_change_password')
    with op.batch_alter_table('inspection', schema=None) as batch_op:
        batch_op.drop_column('fa_responded_on')


def _backfill_fa_responded_on() -> None:
    """Each inspection with comments answered on the (London) day of its first comment."""
    london = ZoneInfo("Europe/London")
    bind = op.get_bind()
    comment = sa.table('fa_comment', sa.column('inspection_id', sa.Integer()),
                       sa.column('submitted_at', sa.DateTime(timezone=True)))
    inspection = sa.table('inspection', sa.column('id', sa.Integer()), sa.column('fa_responded_on', sa.Date()))
    first = bind.execute(sa.select(comment.c.inspection_id, sa.func.min(comment.c.submitted_at))
                         .group_by(comment.c.inspection_id)).all()
    for inspection_id, submitted_at in first:
        if submitted_at is None:
            continue
        if isinstance(submitted_at, str):
            submitted_at = datetime.fromisoformat(submitted_at)
        if submitted_at.tzinfo is None:
            submitted_at = submitted_at.replace(tzinfo=UTC)
        bind.execute(sa.update(inspection).where(inspection.c.id == inspection_id)
                     .values(fa_responded_on=submitted_at.astimezone(london).date()))
