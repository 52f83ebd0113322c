"""Events and sessions: who may create them, validation, and their lifecycle."""

from datetime import datetime

import pytest

from cafe.domain import events, sessions
from cafe.domain.actors import Actor
from cafe.domain.errors import Conflict, Forbidden, InvalidInput, NotFound
from cafe.models import AuditEntry, EventStatus, ModerationMode

START, END = datetime(2026, 12, 1, 18), datetime(2026, 12, 1, 20)


def _details(**changes):
    return events.EventDetails(
        **{"title": "Café", "starts_at": START, "ends_at": END, **changes}
    )


def test_a_facilitator_creates_a_draft_event_and_it_is_audited(db, as_facilitator):
    event = events.create_event(db, as_facilitator, _details())
    assert event.status == EventStatus.DRAFT
    entry = db.query(AuditEntry).one()
    assert (entry.action, entry.target_id) == ("event.create", event.id)


def test_a_commissioner_cannot_create_an_event(db, commissioner):
    with pytest.raises(Forbidden):
        events.create_event(db, Actor.staff(commissioner), _details())


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": "  "}, "title"),
        ({"ends_at": START}, "ends_at"),
        ({"online_url": "javascript:alert(1)"}, "online_url"),
    ],
)
def test_bad_event_details_are_refused(db, as_facilitator, changes, field):
    with pytest.raises(InvalidInput) as error:
        events.create_event(db, as_facilitator, _details(**changes))
    assert error.value.field == field


def test_an_event_in_an_unknown_series_is_refused(db, as_facilitator):
    with pytest.raises(NotFound):
        events.create_event(db, as_facilitator, _details(series_id=999))


def test_an_event_is_published_then_closed_but_not_closed_twice(db, as_facilitator):
    event = events.create_event(db, as_facilitator, _details())
    events.change_event_status(db, as_facilitator, event.id, "publish")
    events.change_event_status(db, as_facilitator, event.id, "close")
    assert event.closed_at is not None
    with pytest.raises(Conflict):
        events.change_event_status(db, as_facilitator, event.id, "close")


def test_sessions_get_distinct_readable_join_codes(db, as_facilitator):
    event = events.create_event(db, as_facilitator, _details())
    codes = {
        sessions.create_session(
            db, as_facilitator, event.id, sessions.SessionDetails(f"Session {i}")
        ).join_code
        for i in range(20)
    }
    assert len(codes) == 20
    assert not any(set(code) & set("01OIL") for code in codes)


def test_a_session_cannot_start_before_its_event_is_published(db, as_facilitator):
    event = events.create_event(db, as_facilitator, _details())
    live = sessions.create_session(
        db, as_facilitator, event.id, sessions.SessionDetails("Forum")
    )
    with pytest.raises(Conflict, match="Publish"):
        sessions.change_session_state(db, as_facilitator, live.id, "start")


def test_an_unknown_moderation_mode_is_refused(db, as_facilitator):
    event = events.create_event(db, as_facilitator, _details())
    with pytest.raises(InvalidInput) as error:
        sessions.create_session(
            db,
            as_facilitator,
            event.id,
            sessions.SessionDetails("Forum", moderation_mode="none"),
        )
    assert error.value.field == "moderation_mode"


def test_pre_moderation_is_kept(db, as_facilitator):
    event = events.create_event(db, as_facilitator, _details())
    live = sessions.create_session(
        db,
        as_facilitator,
        event.id,
        sessions.SessionDetails("Forum", moderation_mode="pre"),
    )
    assert live.moderation_mode == ModerationMode.PRE


@pytest.mark.parametrize("typed", ["{code}", "{lower}", "{spaced}", " {dashed} "])
def test_a_typed_code_finds_the_session_of_a_published_event(db, as_facilitator, typed):
    event = events.create_event(db, as_facilitator, _details())
    events.change_event_status(db, as_facilitator, event.id, "publish")
    live = sessions.create_session(
        db, as_facilitator, event.id, sessions.SessionDetails("Forum")
    )
    code = live.join_code
    text = typed.format(
        code=code,
        lower=code.lower(),
        spaced=f"{code[:3]} {code[3:]}",
        dashed=f"{code[:3]}-{code[3:]}",
    )
    assert sessions.find_by_code(db, text) is live


def test_a_draft_events_code_finds_nothing(db, as_facilitator):
    event = events.create_event(db, as_facilitator, _details())
    live = sessions.create_session(
        db, as_facilitator, event.id, sessions.SessionDetails("Forum")
    )
    with pytest.raises(NotFound):
        sessions.find_by_code(db, live.join_code)


def test_a_malformed_code_gets_a_hint(db):
    with pytest.raises(InvalidInput, match="6 letters"):
        sessions.find_by_code(db, "12")
