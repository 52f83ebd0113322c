"""Guest hosts: inviting, accepting, hosting inside the window, and revoking."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from cafe.domain import (
    events,
    guests,
    polls,
    questions,
    sessions,
    stories,
    summary_access,
)
from cafe.domain.actors import Actor
from cafe.domain.errors import Conflict, Forbidden, InvalidInput, NotFound
from cafe.domain.events import EventDetails
from cafe.domain.hosting import require_host
from cafe.domain.participants import hash_token
from cafe.domain.polls import PollDraft
from cafe.domain.sessions import SessionDetails
from cafe.models import AuditEntry, GuestInvite, utcnow
from tests.domain.guest_helpers import HOUR, accepted_guest, invite


@pytest.fixture
def guest(db, host, live):
    """A guest who accepted a link for the live session, as their actor."""
    return accepted_guest(db, host, live)


def other_session(db, host, live, title="Second half"):
    other = sessions.create_session(db, host, live.event_id, SessionDetails(title))
    sessions.change_session_state(db, host, other.id, "start")
    return other


def audit_actions(db, label_start="guest:"):
    stmt = select(AuditEntry.action).where(
        AuditEntry.actor_label.startswith(label_start)
    )
    return list(db.scalars(stmt.order_by(AuditEntry.id)))


# ----- inviting -----


def test_an_invite_stores_only_a_hash_of_its_link(db, host, live):
    created, token = invite(db, host, live)
    assert created.token_hash == hash_token(token)
    assert token not in (created.token_hash, created.credential_hash)
    assert created.scope == "session"


def test_inviting_is_recorded_in_the_audit_log(db, host, live):
    created, _token = invite(db, host, live)
    entry = db.scalar(select(AuditEntry).where(AuditEntry.action == "guest.invite"))
    assert entry.target_id == created.id and entry.user_id == host.id


def test_a_window_that_ends_before_it_starts_is_refused(db, host, live):
    with pytest.raises(InvalidInput) as refusal:
        invite(db, host, live, starts=2 * HOUR, ends=HOUR)
    assert refusal.value.field == "ends_at"


def test_a_window_that_has_already_ended_is_refused(db, host, live):
    with pytest.raises(InvalidInput, match="future"):
        invite(db, host, live, starts=-3 * HOUR, ends=-HOUR)


def test_a_window_longer_than_two_weeks_is_refused(db, host, live):
    with pytest.raises(InvalidInput, match="14 days"):
        invite(db, host, live, starts=HOUR, ends=timedelta(days=15))


def test_a_session_of_another_event_cannot_be_the_scope(db, host, live):
    other_event = events.create_event(
        db, host, EventDetails("Other", live.event.starts_at, live.event.ends_at)
    )
    details = guests.InviteDetails(utcnow(), utcnow() + HOUR, session_id=live.id)
    with pytest.raises(NotFound):
        guests.create_invite(db, host, other_event.id, details)


def test_guests_cannot_be_invited_to_a_closed_event(db, host, live):
    events.change_event_status(db, host, live.event_id, "close")
    with pytest.raises(Conflict):
        invite(db, host, live)


# ----- accepting -----


def test_accepting_sets_the_name_and_a_credential_of_the_browser(db, host, live):
    created, token = invite(db, host, live)
    accepted, credential = guests.accept_invite(db, token, "  Sam   K ")
    assert accepted.display_name == "Sam K"
    assert accepted.used_at is not None
    assert credential != token
    assert guests.invite_for_credential(db, credential) is created


def test_accepting_is_recorded_as_the_guest(db, host, live, guest):
    assert audit_actions(db) == ["guest.accept"]


def test_a_link_works_only_once(db, host, live):
    _created, token = invite(db, host, live)
    guests.accept_invite(db, token, "Sam")
    with pytest.raises(Conflict, match="already been used"):
        guests.accept_invite(db, token, "Someone else")


def test_a_withdrawn_link_cannot_be_accepted(db, host, live):
    created, token = invite(db, host, live)
    guests.revoke_invite(db, host, created.id)
    with pytest.raises(Conflict, match="withdrawn"):
        guests.accept_invite(db, token, "Sam")


def test_an_expired_link_cannot_be_accepted(db, host, live):
    created, token = invite(db, host, live)
    created.ends_at = utcnow() - timedelta(minutes=1)
    with pytest.raises(Conflict, match="expired"):
        guests.invite_for_link(db, token)


def test_an_unknown_link_is_not_found(db):
    with pytest.raises(NotFound):
        guests.invite_for_link(db, "not-a-real-token")


def test_a_guest_must_choose_a_name(db, host, live):
    _created, token = invite(db, host, live)
    with pytest.raises(InvalidInput) as refusal:
        guests.accept_invite(db, token, "   ")
    assert refusal.value.field == "display_name"


def test_a_link_may_be_accepted_before_its_window_opens(db, host, live):
    _created, token = invite(db, host, live, starts=HOUR, ends=2 * HOUR)
    accepted, _credential = guests.accept_invite(db, token, "Sam")
    assert accepted.status(utcnow()) == "upcoming"


# ----- hosting -----


def test_a_guest_hosts_their_session_inside_the_window(db, live, guest):
    assert require_host(db, guest, live) is None


def test_a_guest_may_not_host_before_the_window_opens(db, host, live):
    _created, token = invite(db, host, live, starts=HOUR, ends=2 * HOUR)
    accepted, _credential = guests.accept_invite(db, token, "Sam")
    with pytest.raises(Forbidden, match="not started"):
        require_host(db, Actor.guest(accepted), live)


def test_a_guest_may_not_host_after_the_window_closes(db, live, guest):
    db.get(GuestInvite, guest.id).ends_at = utcnow() - timedelta(seconds=1)
    with pytest.raises(Forbidden, match="ended"):
        require_host(db, guest, live)


def test_a_revoked_guest_may_not_host(db, host, live, guest):
    guests.revoke_invite(db, host, guest.id)
    with pytest.raises(Forbidden, match="withdrawn"):
        require_host(db, guest, live)


def test_a_guest_of_one_session_may_not_host_another_of_the_event(
    db, host, live, guest
):
    with pytest.raises(Forbidden, match="another session"):
        require_host(db, guest, other_session(db, host, live))


def test_a_guest_of_the_whole_event_may_host_each_of_its_sessions(db, host, live):
    _created, token = invite(db, host, live, whole_event=True)
    accepted, _credential = guests.accept_invite(db, token, "Sam")
    actor = Actor.guest(accepted)
    require_host(db, actor, live)
    require_host(db, actor, other_session(db, host, live))
    assert [s.id for s in guests.hosted_sessions(accepted)] == [
        s.id for s in live.event.sessions
    ]


def test_a_guest_of_an_event_may_not_host_another_events_session(
    db, host, live, make_session
):
    _created, token = invite(db, host, live, whole_event=True)
    accepted, _credential = guests.accept_invite(db, token, "Sam")
    with pytest.raises(Forbidden):
        require_host(db, Actor.guest(accepted), make_session())


def test_an_invite_that_was_never_accepted_gives_no_rights(db, host, live):
    created, _token = invite(db, host, live)
    with pytest.raises(Forbidden):
        require_host(db, Actor.guest(created), live)


def test_a_guest_runs_a_poll_and_every_step_is_audited_as_them(db, live, guest):
    draft = PollDraft.from_dict(
        {"kind": "single", "question": "Tea or coffee?", "options": ["Tea", "Coffee"]}
    )
    poll = polls.create_poll(db, guest, live.id, draft)
    polls.open_poll(db, guest, poll.id)
    polls.close_poll(db, guest, poll.id)
    assert audit_actions(db) == [
        "guest.accept",
        "poll.create",
        "poll.open",
        "poll.close",
    ]
    labels = db.scalars(select(AuditEntry.actor_label).where(AuditEntry.id > 0))
    assert f"guest:Sam (invite {guest.id})" in set(labels)


def test_a_guest_moderates_questions_and_it_is_audited(db, live, guest, ask):
    question = ask("Can I bring a friend?")
    questions.hide_question(db, guest, question.id, "Answered in the notes")
    assert question.status.value == "hidden"
    assert audit_actions(db)[-1] == "question.hide"


def test_current_guest_is_the_one_hosting_now(db, host, live, guest):
    assert guests.current_guest(db, live).id == guest.id
    guests.revoke_invite(db, host, guest.id)
    assert guests.current_guest(db, live) is None


def test_withdrawing_a_link_twice_is_a_conflict(db, host, guest):
    guests.revoke_invite(db, host, guest.id)
    with pytest.raises(Conflict):
        guests.revoke_invite(db, host, guest.id)


def test_revoking_is_recorded_in_the_audit_log(db, host, guest):
    guests.revoke_invite(db, host, guest.id)
    entry = db.scalar(select(AuditEntry).where(AuditEntry.action == "guest.revoke"))
    assert entry.target_id == guest.id and entry.user_id == host.id


# ----- what a guest may never do -----


def test_a_guest_cannot_invite_another_guest(db, live, guest):
    details = guests.InviteDetails(utcnow(), utcnow() + HOUR, session_id=live.id)
    with pytest.raises(Forbidden):
        guests.create_invite(db, guest, live.event_id, details)


def test_a_guest_cannot_withdraw_a_link(db, host, live, guest):
    other, _token = invite(db, host, live)
    with pytest.raises(Forbidden):
        guests.revoke_invite(db, guest, other.id)


def test_a_guest_cannot_list_the_guest_links(db, live, guest):
    with pytest.raises(Forbidden):
        guests.list_invites(db, guest, live.event_id)


def test_a_guest_cannot_start_or_end_a_session(db, live, guest):
    with pytest.raises(Forbidden):
        sessions.change_session_state(db, guest, live.id, "end")


def test_a_guest_cannot_change_session_settings(db, live, guest):
    details = SessionDetails(live.title, moderation_mode="pre")
    with pytest.raises(Forbidden):
        sessions.update_session(db, guest, live.id, details)


def test_a_guest_cannot_change_the_event(db, live, guest):
    with pytest.raises(Forbidden):
        events.change_event_status(db, guest, live.event_id, "close")


def test_a_guest_cannot_list_other_events(db, guest):
    with pytest.raises(Forbidden):
        events.list_events(db, guest)


def test_a_guest_cannot_read_summaries(db, live, guest):
    with pytest.raises(Forbidden):
        summary_access.readable_session(db, guest, live.id)


def test_a_guest_cannot_curate_or_publish_stories(db, host, live, guest):
    story = stories.create_story(db, host, live.event_id, "Our café")
    with pytest.raises(Forbidden):
        stories.create_story(db, guest, live.event_id, "My story")
    with pytest.raises(Forbidden):
        stories.publish_story(db, guest, story.id)
