"""The good-practice library (nominations, names cleared as not identifying, providers' trials) and the
independent quality panel (its reviews and members with their views).

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06 01:39:15.354828
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel

from safehouse_portal.db.types import UTCDateTime



revision: str = '0015'
down_revision: Union[str, None] = '0014'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('good_practice_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('inspection_id', sa.Integer(), nullable=False),
    sa.Column('key_question', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('kloe_code', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('kloe_title', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('what_they_do', sa.Text(), nullable=False),
    sa.Column('why_it_works', sa.Text(), nullable=False),
    sa.Column('themes', sa.JSON(), nullable=False),
    sa.Column('year', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('service_kind', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('returned_reason', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
    sa.Column('nominated_by_id', sa.Integer(), nullable=False),
    sa.Column('nominated_at', UTCDateTime(), nullable=False),
    sa.Column('reviewed_by_id', sa.Integer(), nullable=True),
    sa.Column('published_at', UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['inspection_id'], ['inspection.id'], ),
    sa.ForeignKeyConstraint(['nominated_by_id'], ['user.id'], ),
    sa.ForeignKeyConstraint(['reviewed_by_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('good_practice_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_good_practice_entry_inspection_id'), ['inspection_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_good_practice_entry_key_question'), ['key_question'], unique=False)
        batch_op.create_index(batch_op.f('ix_good_practice_entry_kloe_code'), ['kloe_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_good_practice_entry_status'), ['status'], unique=False)

    op.create_table('quality_panel_review',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('inspection_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('opened_by_id', sa.Integer(), nullable=False),
    sa.Column('opened_at', UTCDateTime(), nullable=False),
    sa.Column('outcome', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
    sa.Column('outcome_reason', sa.Text(), nullable=False),
    sa.Column('outcome_by_id', sa.Integer(), nullable=True),
    sa.Column('outcome_at', UTCDateTime(), nullable=True),
    sa.Column('closed', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['inspection_id'], ['inspection.id'], ),
    sa.ForeignKeyConstraint(['opened_by_id'], ['user.id'], ),
    sa.ForeignKeyConstraint(['outcome_by_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('quality_panel_review', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quality_panel_review_closed'), ['closed'], unique=False)
        batch_op.create_index(batch_op.f('ix_quality_panel_review_inspection_id'), ['inspection_id'], unique=False)

    op.create_table('good_practice_clearance',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('term', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
    sa.Column('cleared_by_id', sa.Integer(), nullable=False),
    sa.Column('cleared_at', UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['cleared_by_id'], ['user.id'], ),
    sa.ForeignKeyConstraint(['entry_id'], ['good_practice_entry.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('entry_id', 'term')
    )
    with op.batch_alter_table('good_practice_clearance', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_good_practice_clearance_entry_id'), ['entry_id'], unique=False)

    op.create_table('good_practice_trial',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('provider_id', sa.Integer(), nullable=False),
    sa.Column('how_it_went', sa.Text(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=False),
    sa.Column('recorded_at', UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['entry_id'], ['good_practice_entry.id'], ),
    sa.ForeignKeyConstraint(['provider_id'], ['provider.id'], ),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('entry_id', 'provider_id')
    )
    with op.batch_alter_table('good_practice_trial', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_good_practice_trial_entry_id'), ['entry_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_good_practice_trial_provider_id'), ['provider_id'], unique=False)

    op.create_table('quality_panel_member',
    sa.Column('review_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('inspection_id', sa.Integer(), nullable=False),
    sa.Column('named_by_id', sa.Integer(), nullable=False),
    sa.Column('named_at', UTCDateTime(), nullable=False),
    sa.Column('view', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
    sa.Column('view_reasons', sa.Text(), nullable=False),
    sa.Column('viewed_at', UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['inspection_id'], ['inspection.id'], ),
    sa.ForeignKeyConstraint(['named_by_id'], ['user.id'], ),
    sa.ForeignKeyConstraint(['review_id'], ['quality_panel_review.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('review_id', 'user_id')
    )
    with op.batch_alter_table('quality_panel_member', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quality_panel_member_inspection_id'), ['inspection_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_quality_panel_member_user_id'), ['user_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('quality_panel_member', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quality_panel_member_user_id'))
        batch_op.drop_index(batch_op.f('ix_quality_panel_member_inspection_id'))

    op.drop_table('quality_panel_member')
    with op.batch_alter_table('good_practice_trial', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_good_practice_trial_provider_id'))
        batch_op.drop_index(batch_op.f('ix_good_practice_trial_entry_id'))

    op.drop_table('good_practice_trial')
    with op.batch_alter_table('good_practice_clearance', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_good_practice_clearance_entry_id'))

    op.drop_table('good_practice_clearance')
    with op.batch_alter_table('quality_panel_review', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quality_panel_review_inspection_id'))
        batch_op.drop_index(batch_op.f('ix_quality_panel_review_closed'))

    op.drop_table('quality_panel_review')
    with op.batch_alter_table('good_practice_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_good_practice_entry_status'))
        batch_op.drop_index(batch_op.f('ix_good_practice_entry_kloe_code'))
        batch_op.drop_index(batch_op.f('ix_good_practice_entry_key_question'))
        batch_op.drop_index(batch_op.f('ix_good_practice_entry_inspection_id'))

    op.drop_table('good_practice_entry')
