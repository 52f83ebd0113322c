"""you said we did and api tokens

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('api_tokens',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('last_used_at', sa.DateTime(), nullable=True),
    sa.Column('revoked_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_api_tokens_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_api_tokens')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_api_tokens_token_hash'))
    )
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_api_tokens_user_id'), ['user_id'], unique=False)

    op.create_table('you_said_we_did',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('theme_title', sa.String(length=200), nullable=False),
    sa.Column('status', sa.Enum('under_consideration', 'will_do', 'done', 'cant_do', name='yousaidstatus', native_enum=False, length=20), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_you_said_we_did_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_you_said_we_did_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_you_said_we_did'))
    )
    with op.batch_alter_table('you_said_we_did', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_you_said_we_did_event_id'), ['event_id'], unique=False)

    op.create_table('attendance_samples',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('connected', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['live_sessions.id'], name=op.f('fk_attendance_samples_session_id_live_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attendance_samples'))
    )
    with op.batch_alter_table('attendance_samples', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attendance_samples_session_id'), ['session_id'], unique=False)

    op.create_table('you_said_we_did_questions',
    sa.Column('response_id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['question_id'], ['questions.id'], name=op.f('fk_you_said_we_did_questions_question_id_questions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['response_id'], ['you_said_we_did.id'], name=op.f('fk_you_said_we_did_questions_response_id_you_said_we_did'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('response_id', 'question_id', name=op.f('pk_you_said_we_did_questions'))
    )
    with op.batch_alter_table('you_said_we_did_questions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_you_said_we_did_questions_question_id'), ['question_id'], unique=False)


def downgrade():
    with op.batch_alter_table('you_said_we_did_questions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_you_said_we_did_questions_question_id'))

    op.drop_table('you_said_we_did_questions')
    with op.batch_alter_table('attendance_samples', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attendance_samples_session_id'))

    op.drop_table('attendance_samples')
    with op.batch_alter_table('you_said_we_did', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_you_said_we_did_event_id'))

    op.drop_table('you_said_we_did')
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_api_tokens_user_id'))

    op.drop_table('api_tokens')
