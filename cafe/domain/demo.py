"""A realistic demo: a café series with two events, sessions, polls and answers.

Everything goes through the domain functions, so the demo obeys the same rules as
real use. The staff logins it creates are printed by `cafe demo`.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from ..models import LiveSession, Participant, utcnow
from . import (
    events,
    participants,
    polls,
    questions,
    safeguarding,
    sessions,
    support,
    users,
    votes,
)
from .actors import Actor

DEMO_PASSWORD = "cafe-demo-password"
DEMO_STAFF = (
    ("admin@cafe.example", "admin", "Ade Admin"),
    ("facilitator@cafe.example", "facilitator", "Fran Facilitator"),
    ("commissioner@cafe.example", "commissioner", "Cam Commissioner"),
)
ROLES = (
    "person_in_recovery",
    "person_in_recovery",
    "person_in_recovery",
    "family_or_carer",
    "frontline_worker",
    "frontline_worker",
    "commissioner",
    "other",
    "prefer_not_to_say",
    None,
)
QUESTIONS = (
    "Can the Tuesday drop-in stay open past 6pm for people who work?",
    "How do I find a peer mentor who has been through detox?",
    "Will family members get their own support group?",
    "What happens to aftercare funding after March?",
    "Could sessions be held somewhere that isn't a clinic?",
    "How can frontline workers refer someone straight to the café?",
)
POLLS = (
    {
        "kind": "single",
        "question": "Which evening suits you best for the café?",
        "options": ["Monday", "Wednesday", "Friday"],
    },
    {
        "kind": "multiple",
        "question": "What would help you keep coming?",
        "options": ["Food", "Childcare", "Bus fare", "Quiet room", "Peer mentors"],
        "max_choices": 3,
    },
    {
        "kind": "rating",
        "question": "How welcome did you feel today?",
        "scale_max": 5,
        "scale_min_label": "Not at all",
        "scale_max_label": "Very",
    },
    {"kind": "word_cloud", "question": "One word for what recovery means to you"},
    {"kind": "open_text", "question": "What should the council fund next year?"},
    {
        "kind": "ranking",
        "question": "Rank these services by importance",
        "options": ["Aftercare", "Housing support", "Peer mentoring", "Family support"],
    },
)
WORDS = ("hope", "freedom", "family", "hope", "community", "peace", "hope", "work")
PHONE_QUESTION = "Could someone from the housing team ring me on 07700 900123?"
CRISIS_QUESTION = "I relapsed last weekend and I don't know who to talk to."
PRIVATE_REPLY = (
    "Thank you for telling us. I'm Fran, by the tea urn: come and find me, or "
    "call Samaritans on 116 123 at any time."
)
IDEAS = (
    "More evening groups",
    "A family support worker",
    "Peer mentors in A&E",
    "Free bus passes to appointments",
    "A recovery café in every ward",
)


def load_demo(db: Session, seed: int = 7) -> list[tuple[str, str, str]]:
    """Create the demo staff, series, events, sessions and activity.

    Returns (e-mail, role, password) for each staff login. Raises Conflict if the
    demo staff already exist.
    """
    rng = random.Random(seed)
    staff = [users.create_user(db, e, DEMO_PASSWORD, r, n) for e, r, n in DEMO_STAFF]
    actor = Actor.staff(staff[1])
    series = events.create_series(
        db,
        actor,
        "Recovery social media café",
        "A monthly café for the city's recovery community and frontline workers.",
    )
    today = utcnow().replace(hour=18, minute=0, second=0, microsecond=0)
    past = _event(
        db,
        actor,
        series.id,
        "November café: what helps you stay well",
        today - timedelta(days=28),
    )
    _session(db, actor, past, "Stories and questions", rng, people=14)
    events.change_event_status(db, actor, past.id, "close")
    upcoming = _event(
        db, actor, series.id, "December café: planning next year's services", today
    )
    consultation = _session(
        db,
        actor,
        upcoming,
        "Consultation: aftercare services",
        rng,
        people=9,
        keep_live=True,
    )
    _safeguarding(db, actor, consultation)
    sessions.create_session(
        db,
        actor,
        upcoming.id,
        sessions.SessionDetails("Peer support drop-in", moderation_mode="pre"),
    )
    return [(e, r, DEMO_PASSWORD) for e, r, _ in DEMO_STAFF]


def _safeguarding(db: Session, actor: Actor, live: LiveSession) -> None:
    """A message held for care with a private answer, and a phone number that the
    room and exports see redacted."""
    safeguarding.seed_defaults(db)
    caller, _token = participants.join(db, live)
    questions.ask_question(db, caller, PHONE_QUESTION)
    worried, _token = participants.join(db, live)
    held = questions.ask_question(db, worried, CRISIS_QUESTION)
    [alert] = [a for a in support.list_alerts(db, live.id) if a.question_id == held.id]
    support.reply_to_support(db, actor, live, alert.id, PRIVATE_REPLY)


def _event(db: Session, actor: Actor, series_id: int, title: str, start: datetime):
    event = events.create_event(
        db,
        actor,
        events.EventDetails(
            title=title,
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            description="Tea, coffee and conversation. Everyone is welcome; "
            "nobody has to give their name.",
            place="Central Library, Community Room 2",
            online_url="https://meet.example.org/recovery-cafe",
            accessibility_notes="Step-free access, hearing loop, quiet room available.",
            series_id=series_id,
        ),
    )
    events.change_event_status(db, actor, event.id, "publish")
    return event


def _session(db, actor, event, title, rng, *, people, keep_live=False) -> LiveSession:
    live = sessions.create_session(db, actor, event.id, sessions.SessionDetails(title))
    sessions.change_session_state(db, actor, live.id, "start")
    crowd = [_participant(db, live, rng) for _ in range(people)]
    asked = [questions.ask_question(db, rng.choice(crowd), q) for q in QUESTIONS]
    for person in crowd:
        for question in rng.sample(asked, rng.randint(0, 3)):
            questions.upvote(db, person, question.id)
    questions.answer_question(db, actor, asked[0].id)
    questions.reply_to_question(
        db,
        actor,
        asked[3].id,
        "Funding is agreed until March; the board decides in May.",
    )
    questions.pin_question(db, actor, asked[1].id, True)
    for spec in POLLS:
        _poll(db, actor, live, crowd, spec, rng)
    if not keep_live:
        sessions.change_session_state(db, actor, live.id, "end")
    return live


def _participant(db: Session, live: LiveSession, rng: random.Random) -> Participant:
    participant, _token = participants.join(db, live)
    role = rng.choice(ROLES)
    participants.set_profile(db, participant, None, role, [r for r in ROLES if r])
    return participant


def _poll(db, actor, live, crowd, spec, rng) -> None:
    poll = polls.create_poll(db, actor, live.id, polls.PollDraft.from_dict(spec))
    polls.open_poll(db, actor, poll.id)
    option_ids = [o.id for o in poll.options]
    for person in crowd:
        votes.cast_vote(db, person, poll.id, _answer(spec, option_ids, rng))
    if spec["kind"] != "single":
        polls.close_poll(db, actor, poll.id)


def _answer(spec: dict, option_ids: list[int], rng: random.Random) -> dict:
    kind = spec["kind"]
    if kind == "single":
        return {"option_ids": [rng.choice(option_ids)]}
    if kind == "multiple":
        return {"option_ids": rng.sample(option_ids, rng.randint(1, 3))}
    if kind == "ranking":
        return {"option_ids": rng.sample(option_ids, len(option_ids))}
    if kind == "rating":
        return {"rating": rng.choice((3, 4, 4, 5, 5, 2))}
    if kind == "word_cloud":
        return {"text": rng.choice(WORDS)}
    return {"text": rng.choice(IDEAS)}
