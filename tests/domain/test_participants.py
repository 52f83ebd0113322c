"""Participants: pseudonymous, remembered by a token, with an optional profile."""

from datetime import datetime

import pytest

from cafe.domain import events, participants, sessions
from cafe.domain.errors import InvalidInput

ROLES = ["person_in_recovery", "frontline_worker", "prefer_not_to_say"]


@pytest.fixture
def live(db, as_facilitator):
    event = events.create_event(
        db,
        as_facilitator,
        events.EventDetails(
            "Café", datetime(2026, 12, 1, 18), datetime(2026, 12, 1, 20)
        ),
    )
    return sessions.create_session(
        db, as_facilitator, event.id, sessions.SessionDetails("Forum")
    )


def test_joining_gives_a_pseudonym_and_stores_only_a_hash_of_the_token(db, live):
    participant, token = participants.join(db, live)
    assert participant.pseudonym and participant.display_name is None
    assert token not in participant.token_hash
    assert participants.from_token(db, live.id, token) is participant


def test_a_token_does_not_work_in_another_session(db, live, as_facilitator):
    other = sessions.create_session(
        db, as_facilitator, live.event_id, sessions.SessionDetails("Other")
    )
    _participant, token = participants.join(db, live)
    assert participants.from_token(db, other.id, token) is None


def test_the_profile_may_be_skipped_entirely(db, live):
    participant, _ = participants.join(db, live)
    participants.set_profile(db, participant, "", "", ROLES)
    assert participant.display_name is None and participant.role is None
    assert participant.profile_done


def test_a_role_outside_the_list_is_refused(db, live):
    participant, _ = participants.join(db, live)
    with pytest.raises(InvalidInput) as error:
        participants.set_profile(db, participant, None, "landlord", ROLES)
    assert error.value.field == "role"


def test_an_overlong_name_is_refused(db, live):
    participant, _ = participants.join(db, live)
    with pytest.raises(InvalidInput):
        participants.set_profile(db, participant, "x" * 41, None, ROLES)


def test_participants_hold_no_email_or_address_columns():
    from cafe.models import Participant

    columns = set(Participant.__table__.columns.keys())
    assert not columns & {"email", "ip", "ip_address", "phone"}
