"""Test data written straight into the models, so summaries can be tested alone."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from cafe.models import (
    AttendanceSample,
    Event,
    EventStatus,
    LiveSession,
    ModerationMode,
    Participant,
    Poll,
    PollKind,
    PollOption,
    PollResponse,
    PollStatus,
    Question,
    QuestionStatus,
    ResponseStatus,
    Series,
    Upvote,
    YouSaidQuestion,
    YouSaidStatus,
    YouSaidWeDid,
)

_numbers = itertools.count(1)
START = datetime(2030, 3, 4, 18, 0)


def make_series(db: Session, title: str = "Monthly recovery café") -> Series:
    series = Series(title=title)
    db.add(series)
    db.flush()
    return series


def make_event(
    db: Session,
    title: str = "Recovery café",
    *,
    status: EventStatus = EventStatus.CLOSED,
    series: Series | None = None,
    starts_at: datetime = START,
    place: str = "Central Library",
) -> Event:
    event = Event(
        title=title,
        status=status,
        series_id=series.id if series else None,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
        place=place,
    )
    db.add(event)
    db.flush()
    return event


def make_session(
    db: Session,
    event: Event,
    title: str = "Open Q&A",
    *,
    moderation: ModerationMode = ModerationMode.POST,
    notes: str = "",
) -> LiveSession:
    live = LiveSession(
        event_id=event.id,
        title=title,
        join_code=f"T{next(_numbers):05d}",
        moderation_mode=moderation,
        facilitator_notes=notes,
        position=len(event.sessions),
        starts_at=event.starts_at,
        ends_at=event.starts_at + timedelta(hours=1),
    )
    db.add(live)
    db.flush()
    db.refresh(event)
    return live


def add_people(
    db: Session, live: LiveSession, roles: dict[str | None, int]
) -> list[Participant]:
    """Participants with the given self-declared roles (None: not stated)."""
    people = []
    for role, count in roles.items():
        for _ in range(count):
            n = next(_numbers)
            person = Participant(
                session_id=live.id,
                token_hash=f"{n:064d}",
                pseudonym=f"Quiet Heron {n}",
                role=role,
                profile_done=role is not None,
            )
            db.add(person)
            people.append(person)
    db.flush()
    return people


def add_question(
    db: Session,
    live: LiveSession,
    body: str,
    *,
    status: QuestionStatus = QuestionStatus.LIVE,
    upvoters: Iterable[Participant] = (),
    author: Participant | None = None,
    reply: str | None = None,
    hidden_reason: str | None = None,
    edited: bool = False,
    minutes: int = 0,
) -> Question:
    question = Question(
        session_id=live.id,
        participant_id=author.id if author else None,
        body=body,
        status=status,
        reply=reply,
        hidden_reason=hidden_reason,
        edited=edited,
        created_at=START + timedelta(minutes=minutes or next(_numbers)),
    )
    db.add(question)
    db.flush()
    for person in upvoters:
        db.add(Upvote(question_id=question.id, participant_id=person.id))
    db.flush()
    return question


def add_poll(
    db: Session,
    live: LiveSession,
    kind: PollKind,
    question: str,
    options: Sequence[str] = (),
    *,
    scale_max: int | None = None,
    status: PollStatus = PollStatus.CLOSED,
    scale_labels: tuple[str, str] = ("", ""),
) -> Poll:
    poll = Poll(
        session_id=live.id,
        kind=kind,
        question=question,
        status=status,
        scale_max=scale_max,
        scale_min_label=scale_labels[0],
        scale_max_label=scale_labels[1],
        position=next(_numbers),
    )
    poll.options = [
        PollOption(label=label, position=i) for i, label in enumerate(options)
    ]
    db.add(poll)
    db.flush()
    return poll


def answer(
    db: Session,
    poll: Poll,
    person: Participant,
    *,
    choose: Sequence[str] = (),
    rating: int | None = None,
    text: str | None = None,
    status: ResponseStatus = ResponseStatus.VISIBLE,
) -> PollResponse:
    """One answer; `choose` names options by label, in order for a ranking."""
    ids = {o.label: o.id for o in poll.options}
    response = PollResponse(
        poll_id=poll.id,
        participant_id=person.id,
        option_ids=[ids[label] for label in choose] or None,
        rating=rating,
        text=text,
        status=status,
    )
    db.add(response)
    db.flush()
    return response


def answer_many(
    db: Session, poll: Poll, people: Sequence[Participant], **kwargs
) -> None:
    for person in people:
        answer(db, poll, person, **kwargs)


def add_attendance(db: Session, live: LiveSession, *readings: int) -> None:
    for i, connected in enumerate(readings):
        db.add(
            AttendanceSample(
                session_id=live.id,
                at=START + timedelta(minutes=i),
                connected=connected,
            )
        )
    db.flush()


def add_you_said(
    db: Session,
    event: Event,
    questions: Sequence[Question],
    *,
    theme: str = "",
    status: YouSaidStatus = YouSaidStatus.WILL_DO,
    reason: str = "We will fund it.",
    decided_on: date = date(2030, 4, 1),
) -> YouSaidWeDid:
    response = YouSaidWeDid(
        event_id=event.id,
        theme_title=theme,
        status=status,
        reason=reason,
        decided_on=decided_on,
    )
    response.links = [YouSaidQuestion(question_id=q.id) for q in questions]
    db.add(response)
    db.flush()
    return response


def table(summary, key: str):
    """The table with this key, from any section of a summary."""
    found = [t for t in summary.tables() if t.key == key]
    assert found, f"no table {key!r} in {[t.key for t in summary.tables()]}"
    return found[0]


def shown(summary, key: str) -> list[list[str]]:
    """A table's rows as a reader sees them."""
    from cafe.exports.tables import display

    return [[display(v) for v in row] for row in table(summary, key).rows]


def keys(summary) -> list[str]:
    return [t.key for t in summary.tables()]


def sign_in_as(client, store: Session, role: str, email: str | None = None):
    """Create a member of staff and give the test client their signed-in cookie."""
    from cafe.domain import users

    user = users.create_user(
        store,
        email or f"{role}-{next(_numbers)}@example.org",
        "correct horse battery",
        role,
    )
    login = users.start_login(store, user)
    store.commit()
    with client.session_transaction() as session:
        session["_user_id"] = login.token
        session["_fresh"] = True
    return user


def join_as_participant(client, store: Session, live: LiveSession) -> Participant:
    """Join a session the way the join page does: the token in the cookie."""
    from cafe.domain import participants

    person, token = participants.join(store, live)
    store.commit()
    with client.session_transaction() as session:
        session["participants"] = {str(live.id): token}
    return person


def small_world(store: Session):
    """A series with a closed event and a draft, each with a session, committed."""
    from types import SimpleNamespace

    series = make_series(store, "Monthly café")
    closed = make_event(store, "Closed café", series=series)
    draft = make_event(store, "Draft café", status=EventStatus.DRAFT, series=series)
    live = make_session(store, closed, "Open floor")
    draft_live = make_session(store, draft, "Planning")
    people = add_people(store, live, {"person_in_recovery": 6, "frontline_worker": 5})
    question = add_question(store, live, "Evening groups?", upvoters=people)
    poll = add_poll(store, live, PollKind.SINGLE, "Which day?", ["Mon", "Sat"])
    answer_many(store, poll, people[:6], choose=["Mon"])
    answer_many(store, poll, people[6:], choose=["Sat"])
    store.commit()
    return SimpleNamespace(
        series=series,
        closed=closed,
        draft=draft,
        live=live,
        draft_live=draft_live,
        question=question,
    )
