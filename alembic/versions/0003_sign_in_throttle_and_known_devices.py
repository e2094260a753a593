"""Sign-in throttling shared by every worker: each client's streak of failures, and known devices.

``sign_in_throttle`` holds one row per failing client (hashed), deleted once its streak is
forgotten; ``known_device`` holds the hashed cookie of each browser a user signed in from,
so the account's lockout never keeps its owner out.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-05 22:12:30.006010
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision: str = '0003'
down_revision: Union[str, None] = '0002'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('sign_in_throttle',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('blocked_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('forget_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('sign_in_throttle', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sign_in_throttle_client_sha256'), ['client_sha256'], unique=True)
        batch_op.create_index(batch_op.f('ix_sign_in_throttle_forget_at'), ['forget_at'], unique=False)

    op.create_table('known_device',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('token_sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('known_device', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_known_device_token_sha256'), ['token_sha256'], unique=True)
        batch_op.create_index(batch_op.f('ix_known_device_user_id'), ['user_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('known_device', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_known_device_user_id'))
        batch_op.drop_index(batch_op.f('ix_known_device_token_sha256'))

    op.drop_table('known_device')
    with op.batch_alter_table('sign_in_throttle', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sign_in_throttle_forget_at'))
        batch_op.drop_index(batch_op.f('ix_sign_in_throttle_client_sha256'))

    op.drop_table('sign_in_throttle')
