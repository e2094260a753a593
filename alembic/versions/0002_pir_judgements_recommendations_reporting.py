"""PIR, information requests, files, KLOE judgements and evidence, recommendations, QA, FA, report issue.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 09:55:20.540691
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel



revision: str = '0002'
down_revision: Union[str, None] = '0001'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('pir_template',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('definition', sa.JSON(), nullable=False),
    sa.Column('is_current', sa.Boolean(), nullable=False),
    sa.Column('imported_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('version')
    )
    op.create_table('stored_file',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('provider_id', sa.Integer(), nullable=False),
    sa.Column('original_name', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('content_type', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('storage_key', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('purpose', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
    sa.Column('uploaded_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['provider_id'], ['provider.id'], ),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('storage_key')
    )
    with op.batch_alter_table('stored_file', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stored_file_provider_id'), ['provider_id'], unique=False)

    op.create_table('checklist_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('inspection_id', sa.Integer(), nullable=False),
    sa.Column('item_key', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('ticked', sa.Boolean(), nullable=False),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['inspection_id'], ['inspection.id'], ),
    sa.ForeignKeyConstraint(['updated_by_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('inspection_id', 'item_key')
    )
    with op.batch_alter_table('checklist_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_checklist_item_inspection_id'), ['inspection_id'], unique=False)

    op.create_table('fa_comment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('inspection_id', sa.Integer(), nullable=False),
    sa.Column('section_key', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
    sa.Column('text_concerned', sa.Text(), nullable=False),
    sa.Column('proposed_correction', sa.Text(), nullable=False),
    sa.Column('file_ids', sa.JSON(), nullable=False),
    sa.Column('submitted_by_id', sa.Integer(), nullable=False),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('decision', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
    sa.Column('decision_reason', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
    sa.Column('changes_judgement', sa.Boolean(), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['decided_by_id'], ['user.id'], ),
    sa.ForeignKeyConstraint(['inspection_id'], ['inspection.id'], ),
    sa.ForeignKeyConstraint(['submitted_by_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('fa_comment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fa_comment_inspection_id'), ['inspection_id'], unique=False)

    op.create_table('info_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('inspection_id', sa.Integer(), nullable=False),
    sa.Column('kloe_code', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=True),
    sa.Column('question', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('asked_by_id', sa.Integer(), nullable=False),
    sa.Column('asked_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('answer', sqlmodel.sql.sqltypes.AutoString(length=10000), nullable=True),
    sa.Column('answered_by_id', sa.Integer(), nullable=True),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('file_ids', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['answered_by_id'], ['user.id'], ),
    sa.ForeignKeyConstraint(['asked_by_id'], ['user.id'], ),
    sa.ForeignKeyConstraint(['inspection_id'], ['inspection.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('info_request', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_info_request_inspection_id'), ['inspection_id'], unique=False)

    op.create_table('key_question_judgement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('inspection_id', sa.Integer(), nullable=False),
    sa.Column('key_question', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('override_rating', sa.String(length=40), nullable=True),
    sa.Column('override_reason', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['decided_by_id'], ['user.id'], ),
    sa.ForeignKeyConstraint(['inspection_id'], ['inspection.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('inspection_id', 'key_question')
    )
    with op.batch_alter_table('key_question_judgement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_key_question_judgement_inspection_id'), ['inspection_id'], unique=False)

    op.create_table('kloe_assessment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('inspection_id', sa.Integer(), nullable=False),
    sa.Column('kloe_id', sa.Integer(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('rating', sa.String(length=40), nullable=True),
    sa.Column('findings', sa.Text(), nullable=False),
    sa.Column('good_practice', sa.Text(), nullable=False),
    sa.Column('justification', sa.Text(), nullable=False),
    sa.Column('conflict_resolution', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['inspection_id'], ['inspection.id'], ),
    sa.ForeignKeyConstraint(['kloe_id'], ['kloe.id'], ),
    sa.ForeignKeyConstraint(['updated_by_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('inspection_id', 'kloe_id')
    )
    with op.batch_alter_table('kloe_assessment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_kloe_assessment_inspection_id'), ['inspection_id'], unique=False)

    op.create_table('pir_return',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('inspection_id', sa.Integer(), nullable=False),
    sa.Column('provider_id', sa.Integer(), nullable=False),
    sa.Column('template_id', sa.Integer(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('requested_on', sa.Date(), nullable=True),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('submitted_by_id', sa.Integer(), nullable=True),
    sa.Column('reopened_reason', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
    sa.ForeignKeyConstraint(['inspection_id'], ['inspection.id'], ),
    sa.ForeignKeyConstraint(['provider_id'], ['provider.id'], ),
    sa.ForeignKeyConstraint(['submitted_by_id'], ['user.id'], ),
    sa.ForeignKeyConstraint(['template_id'], ['pir_template.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('inspection_id')
    )
    with op.batch_alter_table('pir_return', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pir_return_provider_id'), ['provider_id'], unique=False)

    op.create_table('qa_review',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('inspection_id', sa.Integer(), nullable=False),
    sa.Column('reviewer_id', sa.Integer(), nullable=False),
    sa.Column('outcome', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('comments', sa.Text(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['inspection_id'], ['inspection.id'], ),
    sa.ForeignKeyConstraint(['reviewer_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('qa_review', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_qa_review_inspection_id'), ['inspection_id'], unique=False)

    op.create_table('recommendation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('inspection_id', sa.Integer(), nullable=False),
    sa.Column('kloe_codes', sa.JSON(), nullable=False),
    sa.Column('key_question', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('theme', sa.String(length=40), nullable=False),
    sa.Column('timescale', sa.String(length=40), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
    sa.Column('met_on', sa.Date(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], ),
    sa.ForeignKeyConstraint(['inspection_id'], ['inspection.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('recommendation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_recommendation_inspection_id'), ['inspection_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_recommendation_status'), ['status'], unique=False)

    op.create_table('report_issue',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('inspection_id', sa.Integer(), nullable=False),
    sa.Column('recipient', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=False),
    sa.Column('issued_by_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['inspection_id'], ['inspection.id'], ),
    sa.ForeignKeyConstraint(['issued_by_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('report_issue', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_issue_inspection_id'), ['inspection_id'], unique=False)

    op.create_table('report_snapshot',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('inspection_id', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('content', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['inspection_id'], ['inspection.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('report_snapshot', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_snapshot_inspection_id'), ['inspection_id'], unique=False)

    op.create_table('serious_concern',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('inspection_id', sa.Integer(), nullable=False),
    sa.Column('details', sa.Text(), nullable=False),
    sa.Column('raised_by_id', sa.Integer(), nullable=False),
    sa.Column('raised_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('letter_sent_on', sa.Date(), nullable=True),
    sa.Column('letter_recipients', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['inspection_id'], ['inspection.id'], ),
    sa.ForeignKeyConstraint(['raised_by_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('serious_concern', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_serious_concern_inspection_id'), ['inspection_id'], unique=False)

    op.create_table('evidence_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('summary', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
    sa.Column('relates_to', sa.Date(), nullable=True),
    sa.Column('robustness', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('supports', sa.Boolean(), nullable=False),
    sa.Column('pir_question_code', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
    sa.Column('file_id', sa.Integer(), nullable=True),
    sa.Column('recorded_by_id', sa.Integer(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['assessment_id'], ['kloe_assessment.id'], ),
    sa.ForeignKeyConstraint(['file_id'], ['stored_file.id'], ),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('evidence_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evidence_item_assessment_id'), ['assessment_id'], unique=False)

    op.create_table('pir_answer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('return_id', sa.Integer(), nullable=False),
    sa.Column('question_code', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('value', sa.JSON(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('prefilled', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['return_id'], ['pir_return.id'], ),
    sa.ForeignKeyConstraint(['updated_by_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('return_id', 'question_code')
    )
    with op.batch_alter_table('pir_answer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pir_answer_return_id'), ['return_id'], unique=False)

    op.create_table('prompt_note',
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('prompt_id', sa.Integer(), nullable=False),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
    sa.ForeignKeyConstraint(['assessment_id'], ['kloe_assessment.id'], ),
    sa.ForeignKeyConstraint(['prompt_id'], ['kloe_prompt.id'], ),
    sa.PrimaryKeyConstraint('assessment_id', 'prompt_id')
    )
    op.create_table('recommendation_update',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('recommendation_id', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('file_ids', sa.JSON(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['user.id'], ),
    sa.ForeignKeyConstraint(['recommendation_id'], ['recommendation.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('recommendation_update', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_recommendation_update_recommendation_id'), ['recommendation_id'], unique=False)

    with op.batch_alter_table('inspection', schema=None) as batch_op:
        batch_op.add_column(sa.Column('fa_declined', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('quality_panel_flag', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('quality_panel_reason', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('inspection', schema=None) as batch_op:
        batch_op.drop_column('quality_panel_reason')
        batch_op.drop_column('quality_panel_flag')
        batch_op.drop_column('fa_declined')

    with op.batch_alter_table('recommendation_update', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_recommendation_update_recommendation_id'))

    op.drop_table('recommendation_update')
    op.drop_table('prompt_note')
    with op.batch_alter_table('pir_answer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pir_answer_return_id'))

    op.drop_table('pir_answer')
    with op.batch_alter_table('evidence_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_evidence_item_assessment_id'))

    op.drop_table('evidence_item')
    with op.batch_alter_table('serious_concern', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_serious_concern_inspection_id'))

    op.drop_table('serious_concern')
    with op.batch_alter_table('report_snapshot', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_report_snapshot_inspection_id'))

    op.drop_table('report_snapshot')
    with op.batch_alter_table('report_issue', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_report_issue_inspection_id'))

    op.drop_table('report_issue')
    with op.batch_alter_table('recommendation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_recommendation_status'))
        batch_op.drop_index(batch_op.f('ix_recommendation_inspection_id'))

    op.drop_table('recommendation')
    with op.batch_alter_table('qa_review', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_qa_review_inspection_id'))

    op.drop_table('qa_review')
    with op.batch_alter_table('pir_return', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pir_return_provider_id'))

    op.drop_table('pir_return')
    with op.batch_alter_table('kloe_assessment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_kloe_assessment_inspection_id'))

    op.drop_table('kloe_assessment')
    with op.batch_alter_table('key_question_judgement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_key_question_judgement_inspection_id'))

    op.drop_table('key_question_judgement')
    with op.batch_alter_table('info_request', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_info_request_inspection_id'))

    op.drop_table('info_request')
    with op.batch_alter_table('fa_comment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fa_comment_inspection_id'))

    op.drop_table('fa_comment')
    with op.batch_alter_table('checklist_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_checklist_item_inspection_id'))

    op.drop_table('checklist_item')
    with op.batch_alter_table('stored_file', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stored_file_provider_id'))

    op.drop_table('stored_file')
    op.drop_table('pir_template')
