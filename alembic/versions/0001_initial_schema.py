"""Initial schema: organisations, inspections, the framework as data, users, sessions, audit.

Provider and user refer to each other (designated inspector / a lead's provider),
so the provider -> user foreign key is added after both tables exist.

Revision ID: 0001
Revises: 
Create Date: 2026-11-23 09:36:34.854168
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision: str = '0001'
down_revision: Union[str, None] = None
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('framework_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('is_current', sa.Boolean(), nullable=False),
    sa.Column('imported_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('version')
    )
    op.create_table('provider',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('lead_name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('lead_email', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
    sa.Column('lead_phone', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('designated_inspector_id', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('provider', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_provider_name'), ['name'], unique=True)

    op.create_table('stakeholder_organisation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name')
    )
    op.create_table('contract_clause',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('reference', sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('text', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
    sa.Column('illustrative', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['version_id'], ['framework_version.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('version_id', 'reference')
    )
    with op.batch_alter_table('contract_clause', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contract_clause_version_id'), ['version_id'], unique=False)

    op.create_table('framework_key_question',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['version_id'], ['framework_version.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('version_id', 'key')
    )
    with op.batch_alter_table('framework_key_question', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_framework_key_question_version_id'), ['version_id'], unique=False)

    op.create_table('inspection_group',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('provider_id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.ForeignKeyConstraint(['provider_id'], ['provider.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('provider_id', 'name')
    )
    with op.batch_alter_table('inspection_group', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inspection_group_provider_id'), ['provider_id'], unique=False)

    op.create_table('user',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('password_hash', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('role', sa.String(length=40), nullable=False),
    sa.Column('provider_id', sa.Integer(), nullable=True),
    sa.Column('stakeholder_organisation_id', sa.Integer(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('failed_attempts', sa.Integer(), nullable=False),
    sa.Column('locked_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['provider_id'], ['provider.id'], ),
    sa.ForeignKeyConstraint(['stakeholder_organisation_id'], ['stakeholder_organisation.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_user_email'), ['email'], unique=True)
        batch_op.create_index(batch_op.f('ix_user_provider_id'), ['provider_id'], unique=False)

    with op.batch_alter_table('provider', schema=None) as batch_op:
        batch_op.create_foreign_key('fk_provider_designated_inspector', 'user', ['designated_inspector_id'], ['id'])

    op.create_table('audit_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('action', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('entity_type', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=True),
    sa.Column('before', sa.JSON(), nullable=True),
    sa.Column('after', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['actor_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_event_action'), ['action'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_event_actor_id'), ['actor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_event_entity_id'), ['entity_id'], unique=False)

    op.create_table('auth_session',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token_sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('auth_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_auth_session_token_sha256'), ['token_sha256'], unique=True)
        batch_op.create_index(batch_op.f('ix_auth_session_user_id'), ['user_id'], unique=False)

    op.create_table('closure_day',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('added_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['added_by_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('day')
    )
    op.create_table('inspection',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('type', sa.String(length=40), nullable=False),
    sa.Column('mode', sa.String(length=40), nullable=False),
    sa.Column('key_questions', sa.JSON(), nullable=False),
    sa.Column('planned_start', sa.Date(), nullable=True),
    sa.Column('planned_end', sa.Date(), nullable=True),
    sa.Column('lead_inspector_id', sa.Integer(), nullable=True),
    sa.Column('stage', sa.String(length=40), nullable=False),
    sa.Column('framework_version_id', sa.Integer(), nullable=False),
    sa.Column('serious_concern', sa.Boolean(), nullable=False),
    sa.Column('announcement_call_on', sa.Date(), nullable=True),
    sa.Column('announcement_letter_on', sa.Date(), nullable=True),
    sa.Column('pir_requested_on', sa.Date(), nullable=True),
    sa.Column('pir_received_on', sa.Date(), nullable=True),
    sa.Column('started_on', sa.Date(), nullable=True),
    sa.Column('ended_on', sa.Date(), nullable=True),
    sa.Column('early_outcome_letter_on', sa.Date(), nullable=True),
    sa.Column('draft_sent_on', sa.Date(), nullable=True),
    sa.Column('fa_closed_on', sa.Date(), nullable=True),
    sa.Column('final_issued_on', sa.Date(), nullable=True),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['framework_version_id'], ['framework_version.id'], ),
    sa.ForeignKeyConstraint(['group_id'], ['inspection_group.id'], ),
    sa.ForeignKeyConstraint(['lead_inspector_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('inspection', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inspection_group_id'), ['group_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_inspection_lead_inspector_id'), ['lead_inspector_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_inspection_stage'), ['stage'], unique=False)

    op.create_table('kloe',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('key_question_id', sa.Integer(), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('question', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['key_question_id'], ['framework_key_question.id'], ),
    sa.ForeignKeyConstraint(['version_id'], ['framework_version.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('version_id', 'code')
    )
    with op.batch_alter_table('kloe', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_kloe_key_question_id'), ['key_question_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_kloe_version_id'), ['version_id'], unique=False)

    op.create_table('lead_contact_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('provider_id', sa.Integer(), nullable=False),
    sa.Column('changed_by_id', sa.Integer(), nullable=True),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('old_name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('old_email', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
    sa.Column('old_phone', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('new_name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('new_email', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
    sa.Column('new_phone', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.ForeignKeyConstraint(['changed_by_id'], ['user.id'], ),
    sa.ForeignKeyConstraint(['provider_id'], ['provider.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('lead_contact_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_lead_contact_change_provider_id'), ['provider_id'], unique=False)

    op.create_table('location',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('provider_id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=True),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('region', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('address', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('accommodates_children', sa.Boolean(), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['inspection_group.id'], ),
    sa.ForeignKeyConstraint(['provider_id'], ['provider.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('location', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_location_group_id'), ['group_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_location_provider_id'), ['provider_id'], unique=False)

    op.create_table('deadline_extension',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('inspection_id', sa.Integer(), nullable=False),
    sa.Column('milestone', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('original_due', sa.Date(), nullable=False),
    sa.Column('new_due', sa.Date(), nullable=False),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('extended_by_id', sa.Integer(), nullable=False),
    sa.Column('extended_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['extended_by_id'], ['user.id'], ),
    sa.ForeignKeyConstraint(['inspection_id'], ['inspection.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('deadline_extension', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_deadline_extension_inspection_id'), ['inspection_id'], unique=False)

    op.create_table('inspection_team_member',
    sa.Column('inspection_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['inspection_id'], ['inspection.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('inspection_id', 'user_id')
    )
    with op.batch_alter_table('inspection_team_member', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inspection_team_member_user_id'), ['user_id'], unique=False)

    op.create_table('kloe_clause_link',
    sa.Column('kloe_id', sa.Integer(), nullable=False),
    sa.Column('clause_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['clause_id'], ['contract_clause.id'], ),
    sa.ForeignKeyConstraint(['kloe_id'], ['kloe.id'], ),
    sa.PrimaryKeyConstraint('kloe_id', 'clause_id')
    )
    with op.batch_alter_table('kloe_clause_link', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_kloe_clause_link_clause_id'), ['clause_id'], unique=False)

    op.create_table('kloe_prompt',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kloe_id', sa.Integer(), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('text', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['kloe_id'], ['kloe.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('kloe_id', 'code')
    )
    with op.batch_alter_table('kloe_prompt', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_kloe_prompt_kloe_id'), ['kloe_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('provider', schema=None) as batch_op:
        batch_op.drop_constraint('fk_provider_designated_inspector', type_='foreignkey')
    with op.batch_alter_table('kloe_prompt', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_kloe_prompt_kloe_id'))

    op.drop_table('kloe_prompt')
    with op.batch_alter_table('kloe_clause_link', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_kloe_clause_link_clause_id'))

    op.drop_table('kloe_clause_link')
    with op.batch_alter_table('inspection_team_member', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inspection_team_member_user_id'))

    op.drop_table('inspection_team_member')
    with op.batch_alter_table('deadline_extension', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_deadline_extension_inspection_id'))

    op.drop_table('deadline_extension')
    with op.batch_alter_table('location', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_location_provider_id'))
        batch_op.drop_index(batch_op.f('ix_location_group_id'))

    op.drop_table('location')
    with op.batch_alter_table('lead_contact_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_lead_contact_change_provider_id'))

    op.drop_table('lead_contact_change')
    with op.batch_alter_table('kloe', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_kloe_version_id'))
        batch_op.drop_index(batch_op.f('ix_kloe_key_question_id'))

    op.drop_table('kloe')
    with op.batch_alter_table('inspection', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inspection_stage'))
        batch_op.drop_index(batch_op.f('ix_inspection_lead_inspector_id'))
        batch_op.drop_index(batch_op.f('ix_inspection_group_id'))

    op.drop_table('inspection')
    op.drop_table('closure_day')
    with op.batch_alter_table('auth_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_auth_session_user_id'))
        batch_op.drop_index(batch_op.f('ix_auth_session_token_sha256'))

    op.drop_table('auth_session')
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_event_entity_id'))
        batch_op.drop_index(batch_op.f('ix_audit_event_actor_id'))
        batch_op.drop_index(batch_op.f('ix_audit_event_action'))

    op.drop_table('audit_event')
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_user_provider_id'))
        batch_op.drop_index(batch_op.f('ix_user_email'))

    op.drop_table('user')
    with op.batch_alter_table('inspection_group', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inspection_group_provider_id'))

    op.drop_table('inspection_group')
    with op.batch_alter_table('framework_key_question', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_framework_key_question_version_id'))

    op.drop_table('framework_key_question')
    with op.batch_alter_table('contract_clause', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contract_clause_version_id'))

    op.drop_table('contract_clause')
    op.drop_table('stakeholder_organisation')
    with op.batch_alter_table('provider', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_provider_name'))

    op.drop_table('provider')
    op.drop_table('framework_version')
