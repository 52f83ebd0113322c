"""safeguarding, guest hosts and stories

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('crisis_terms',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('phrase', sa.String(length=120), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_crisis_terms')),
    sa.UniqueConstraint('phrase', name=op.f('uq_crisis_terms_phrase'))
    )
    op.create_table('moderation_reasons',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=200), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_moderation_reasons')),
    sa.UniqueConstraint('label', name=op.f('uq_moderation_reasons_label'))
    )
    op.create_table('redacted_names',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_redacted_names')),
    sa.UniqueConstraint('name', name=op.f('uq_redacted_names_name'))
    )
    op.create_table('signpost_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('description', sa.String(length=300), nullable=False),
    sa.Column('contact', sa.String(length=200), nullable=False),
    sa.Column('opening_times', sa.String(length=200), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_signpost_entries'))
    )
    op.create_table('stories',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('introduction', sa.Text(), nullable=False),
    sa.Column('status', sa.Enum('draft', 'published', name='storystatus', native_enum=False, length=20), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('published_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_stories_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_stories_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stories'))
    )
    with op.batch_alter_table('stories', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stories_event_id'), ['event_id'], unique=False)

    op.create_table('guest_invites',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=True),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('credential_hash', sa.String(length=64), nullable=True),
    sa.Column('label', sa.String(length=80), nullable=False),
    sa.Column('display_name', sa.String(length=40), nullable=True),
    sa.Column('starts_at', sa.DateTime(), nullable=False),
    sa.Column('ends_at', sa.DateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('used_at', sa.DateTime(), nullable=True),
    sa.Column('revoked_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_guest_invites_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_guest_invites_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['live_sessions.id'], name=op.f('fk_guest_invites_session_id_live_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_guest_invites')),
    sa.UniqueConstraint('credential_hash', name=op.f('uq_guest_invites_credential_hash')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_guest_invites_token_hash'))
    )
    with op.batch_alter_table('guest_invites', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_guest_invites_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_guest_invites_session_id'), ['session_id'], unique=False)

    op.create_table('participant_mutes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('device_hash', sa.String(length=64), nullable=True),
    sa.Column('muted_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['muted_by_id'], ['users.id'], name=op.f('fk_participant_mutes_muted_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], name=op.f('fk_participant_mutes_participant_id_participants'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['live_sessions.id'], name=op.f('fk_participant_mutes_session_id_live_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_participant_mutes')),
    sa.UniqueConstraint('session_id', 'participant_id', name=op.f('uq_participant_mutes_session_id_participant_id'))
    )
    with op.batch_alter_table('participant_mutes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_participant_mutes_device_hash'), ['device_hash'], unique=False)
        batch_op.create_index(batch_op.f('ix_participant_mutes_participant_id'), ['participant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_participant_mutes_session_id'), ['session_id'], unique=False)

    op.create_table('receipts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('code_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], name=op.f('fk_receipts_participant_id_participants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_receipts')),
    sa.UniqueConstraint('code_hash', name=op.f('uq_receipts_code_hash')),
    sa.UniqueConstraint('participant_id', name=op.f('uq_receipts_participant_id'))
    )
    op.create_table('story_posts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('author_kind', sa.Enum('staff', 'guest', name='authorkind', native_enum=False, length=20), nullable=False),
    sa.Column('author_user_id', sa.Integer(), nullable=True),
    sa.Column('guest_invite_id', sa.Integer(), nullable=True),
    sa.Column('author_name', sa.String(length=80), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('consent', sa.Boolean(), nullable=False),
    sa.Column('consent_withdrawn_at', sa.DateTime(), nullable=True),
    sa.Column('removed_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['author_user_id'], ['users.id'], name=op.f('fk_story_posts_author_user_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['guest_invite_id'], ['guest_invites.id'], name=op.f('fk_story_posts_guest_invite_id_guest_invites'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['session_id'], ['live_sessions.id'], name=op.f('fk_story_posts_session_id_live_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_story_posts'))
    )
    with op.batch_alter_table('story_posts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_story_posts_author_user_id'), ['author_user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_story_posts_guest_invite_id'), ['guest_invite_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_story_posts_session_id'), ['session_id'], unique=False)

    op.create_table('story_comments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=True),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('original_body', sa.Text(), nullable=True),
    sa.Column('needs_care', sa.Boolean(), nullable=False),
    sa.Column('status', sa.Enum('pending', 'visible', 'hidden', name='commentstatus', native_enum=False, length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], name=op.f('fk_story_comments_participant_id_participants'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['post_id'], ['story_posts.id'], name=op.f('fk_story_comments_post_id_story_posts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_story_comments'))
    )
    with op.batch_alter_table('story_comments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_story_comments_participant_id'), ['participant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_story_comments_post_id'), ['post_id'], unique=False)

    op.create_table('story_images',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('content_type', sa.String(length=20), nullable=False),
    sa.Column('width', sa.Integer(), nullable=False),
    sa.Column('height', sa.Integer(), nullable=False),
    sa.Column('alt_text', sa.String(length=300), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['post_id'], ['story_posts.id'], name=op.f('fk_story_images_post_id_story_posts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_story_images')),
    sa.UniqueConstraint('post_id', name=op.f('uq_story_images_post_id'))
    )
    op.create_table('story_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('story_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('post', 'question', 'poll', name='storyitemkind', native_enum=False, length=20), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=True),
    sa.Column('question_id', sa.Integer(), nullable=True),
    sa.Column('poll_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['poll_id'], ['polls.id'], name=op.f('fk_story_items_poll_id_polls'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['post_id'], ['story_posts.id'], name=op.f('fk_story_items_post_id_story_posts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['question_id'], ['questions.id'], name=op.f('fk_story_items_question_id_questions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['story_id'], ['stories.id'], name=op.f('fk_story_items_story_id_stories'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_story_items'))
    )
    with op.batch_alter_table('story_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_story_items_poll_id'), ['poll_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_story_items_post_id'), ['post_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_story_items_question_id'), ['question_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_story_items_story_id'), ['story_id'], unique=False)

    op.create_table('story_reactions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('heart', 'clap', 'hug', 'strong', name='reaction', native_enum=False, length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], name=op.f('fk_story_reactions_participant_id_participants'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['post_id'], ['story_posts.id'], name=op.f('fk_story_reactions_post_id_story_posts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_story_reactions')),
    sa.UniqueConstraint('post_id', 'participant_id', 'kind', name=op.f('uq_story_reactions_post_id_participant_id_kind'))
    )
    with op.batch_alter_table('story_reactions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_story_reactions_participant_id'), ['participant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_story_reactions_post_id'), ['post_id'], unique=False)

    op.create_table('support_alerts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=True),
    sa.Column('response_id', sa.Integer(), nullable=True),
    sa.Column('comment_id', sa.Integer(), nullable=True),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['comment_id'], ['story_comments.id'], name=op.f('fk_support_alerts_comment_id_story_comments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], name=op.f('fk_support_alerts_participant_id_participants'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['question_id'], ['questions.id'], name=op.f('fk_support_alerts_question_id_questions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['response_id'], ['poll_responses.id'], name=op.f('fk_support_alerts_response_id_poll_responses'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['live_sessions.id'], name=op.f('fk_support_alerts_session_id_live_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_support_alerts'))
    )
    with op.batch_alter_table('support_alerts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_support_alerts_comment_id'), ['comment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_support_alerts_participant_id'), ['participant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_support_alerts_question_id'), ['question_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_support_alerts_response_id'), ['response_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_support_alerts_session_id'), ['session_id'], unique=False)

    op.create_table('support_replies',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('alert_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('author_name', sa.String(length=80), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['alert_id'], ['support_alerts.id'], name=op.f('fk_support_replies_alert_id_support_alerts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_support_replies_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_support_replies'))
    )
    with op.batch_alter_table('support_replies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_support_replies_alert_id'), ['alert_id'], unique=False)

    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('retention_days', sa.Integer(), nullable=False, server_default='90'))
        batch_op.add_column(sa.Column('purged_at', sa.DateTime(), nullable=True))

    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.add_column(sa.Column('device_hash', sa.String(length=64), nullable=True))
        batch_op.create_index(batch_op.f('ix_participants_device_hash'), ['device_hash'], unique=False)

    with op.batch_alter_table('poll_responses', schema=None) as batch_op:
        batch_op.add_column(sa.Column('original_text', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('needs_care', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('hidden_reason', sa.String(length=200), nullable=True))

    with op.batch_alter_table('polls', schema=None) as batch_op:
        batch_op.add_column(sa.Column('content_note', sa.String(length=300), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('reveal_mode', sa.Enum('standard', 'everyone_answered', name='revealmode', native_enum=False, length=20), nullable=False, server_default='standard'))
        batch_op.add_column(sa.Column('revealed_at', sa.DateTime(), nullable=True))

    with op.batch_alter_table('questions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('original_body', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('needs_care', sa.Boolean(), nullable=False, server_default=sa.false()))



def downgrade():
    with op.batch_alter_table('questions', schema=None) as batch_op:
        batch_op.drop_column('needs_care')
        batch_op.drop_column('original_body')

    with op.batch_alter_table('polls', schema=None) as batch_op:
        batch_op.drop_column('revealed_at')
        batch_op.drop_column('reveal_mode')
        batch_op.drop_column('content_note')

    with op.batch_alter_table('poll_responses', schema=None) as batch_op:
        batch_op.drop_column('hidden_reason')
        batch_op.drop_column('needs_care')
        batch_op.drop_column('original_text')

    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_participants_device_hash'))
        batch_op.drop_column('device_hash')

    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_column('purged_at')
        batch_op.drop_column('retention_days')

    with op.batch_alter_table('support_replies', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_support_replies_alert_id'))

    op.drop_table('support_replies')
    with op.batch_alter_table('support_alerts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_support_alerts_session_id'))
        batch_op.drop_index(batch_op.f('ix_support_alerts_response_id'))
        batch_op.drop_index(batch_op.f('ix_support_alerts_question_id'))
        batch_op.drop_index(batch_op.f('ix_support_alerts_participant_id'))
        batch_op.drop_index(batch_op.f('ix_support_alerts_comment_id'))

    op.drop_table('support_alerts')
    with op.batch_alter_table('story_reactions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_story_reactions_post_id'))
        batch_op.drop_index(batch_op.f('ix_story_reactions_participant_id'))

    op.drop_table('story_reactions')
    with op.batch_alter_table('story_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_story_items_story_id'))
        batch_op.drop_index(batch_op.f('ix_story_items_question_id'))
        batch_op.drop_index(batch_op.f('ix_story_items_post_id'))
        batch_op.drop_index(batch_op.f('ix_story_items_poll_id'))

    op.drop_table('story_items')
    op.drop_table('story_images')
    with op.batch_alter_table('story_comments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_story_comments_post_id'))
        batch_op.drop_index(batch_op.f('ix_story_comments_participant_id'))

    op.drop_table('story_comments')
    with op.batch_alter_table('story_posts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_story_posts_session_id'))
        batch_op.drop_index(batch_op.f('ix_story_posts_guest_invite_id'))
        batch_op.drop_index(batch_op.f('ix_story_posts_author_user_id'))

    op.drop_table('story_posts')
    op.drop_table('receipts')
    with op.batch_alter_table('participant_mutes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_participant_mutes_session_id'))
        batch_op.drop_index(batch_op.f('ix_participant_mutes_participant_id'))
        batch_op.drop_index(batch_op.f('ix_participant_mutes_device_hash'))

    op.drop_table('participant_mutes')
    with op.batch_alter_table('guest_invites', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_guest_invites_session_id'))
        batch_op.drop_index(batch_op.f('ix_guest_invites_event_id'))

    op.drop_table('guest_invites')
    with op.batch_alter_table('stories', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stories_event_id'))

    op.drop_table('stories')
    op.drop_table('signpost_entries')
    op.drop_table('redacted_names')
    op.drop_table('moderation_reasons')
    op.drop_table('crisis_terms')
