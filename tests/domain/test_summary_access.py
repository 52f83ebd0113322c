"""Who may read which summaries."""

from __future__ import annotations

import pytest

from cafe.domain import summary_access, users
from cafe.domain.actors import Actor
from cafe.domain.errors import Forbidden, NotFound
from cafe.models import EventStatus, Participant
from tests.conftest import PASSWORD
from tests.exports import factories as f


@pytest.mark.parametrize(
    "status", [EventStatus.PUBLISHED, EventStatus.CLOSED, EventStatus.ARCHIVED]
)
def test_a_commissioner_reads_events_that_were_published(db, commissioner, status):
    event = f.make_event(db, status=status)
    found = summary_access.readable_event(db, Actor.staff(commissioner), event.id)
    assert found is event


def test_a_draft_is_not_found_for_a_commissioner(db, commissioner):
    event = f.make_event(db, status=EventStatus.DRAFT)
    with pytest.raises(NotFound):
        summary_access.readable_event(db, Actor.staff(commissioner), event.id)


def test_a_facilitator_reads_drafts_too(db, as_facilitator):
    event = f.make_event(db, status=EventStatus.DRAFT)
    assert summary_access.readable_event(db, as_facilitator, event.id) is event


def test_a_disabled_member_of_staff_reads_nothing(db, commissioner):
    event = f.make_event(db)
    users.set_active(db, commissioner, False)
    with pytest.raises(Forbidden):
        summary_access.readable_event(db, Actor.staff(commissioner), event.id)


def test_a_participant_reads_nothing(db):
    event = f.make_event(db)
    live = f.make_session(db, event)
    (person,) = f.add_people(db, live, {None: 1})
    with pytest.raises(Forbidden):
        summary_access.readable_session(db, Actor.participant(person), live.id)
    assert isinstance(person, Participant)


def test_a_session_of_a_draft_is_not_found_for_a_commissioner(db, commissioner):
    live = f.make_session(db, f.make_event(db, status=EventStatus.DRAFT))
    with pytest.raises(NotFound):
        summary_access.readable_session(db, Actor.staff(commissioner), live.id)


def test_a_series_lists_only_the_events_a_commissioner_may_read(db, commissioner):
    series = f.make_series(db)
    shown = f.make_event(db, series=series)
    f.make_event(db, series=series, status=EventStatus.DRAFT)
    _, events = summary_access.readable_series(db, Actor.staff(commissioner), series.id)
    assert events == [shown]


def test_a_series_of_drafts_only_is_not_found_for_a_commissioner(db, commissioner):
    series = f.make_series(db)
    f.make_event(db, series=series, status=EventStatus.DRAFT)
    with pytest.raises(NotFound):
        summary_access.readable_series(db, Actor.staff(commissioner), series.id)


def test_the_list_of_readable_events_leaves_out_drafts_for_commissioners(db):
    commissioner = users.create_user(db, "c2@example.org", PASSWORD, "commissioner")
    f.make_event(db, "Draft", status=EventStatus.DRAFT)
    f.make_event(db, "Closed")
    listed = summary_access.readable_events(db, Actor.staff(commissioner))
    assert [e.title for e in listed] == ["Closed"]


def test_a_download_is_written_to_the_audit_log(db, commissioner):
    from cafe.models import AuditEntry

    event = f.make_event(db)
    summary_access.record_download(db, Actor.staff(commissioner), event, "pdf")
    entry = db.query(AuditEntry).one()
    assert (entry.action, entry.target_id, entry.details) == (
        "summary.download",
        event.id,
        {"format": "pdf"},
    )
