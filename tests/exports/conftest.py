"""Fixtures for summary tests: options with a fixed clock and the default roles."""

from __future__ import annotations

from datetime import datetime

import pytest

from cafe.config import DEFAULT_PARTICIPANT_ROLES
from cafe.exports.groups import RoleLabels
from cafe.exports.summary import Options

NOW = datetime(2030, 4, 2, 9, 30)


@pytest.fixture
def roles() -> RoleLabels:
    return RoleLabels(DEFAULT_PARTICIPANT_ROLES)


@pytest.fixture
def options(roles) -> Options:
    return Options(k=5, roles=roles, now=NOW)


@pytest.fixture
def tuesday(db):
    """A session whose every figure was worked out by hand (see the tests)."""
    from types import SimpleNamespace

    from cafe.models import (
        ModerationMode,
        PollKind,
        PollStatus,
        QuestionStatus,
        ResponseStatus,
        YouSaidStatus,
    )
    from tests.exports import factories as f

    event = f.make_event(db, "Tuesday café")
    live = f.make_session(
        db,
        event,
        "Open Q&A",
        moderation=ModerationMode.PRE,
        notes="Peer mentors hosted",
    )
    other = f.make_session(db, event, "Workshop")
    recovery = f.add_people(db, live, {"person_in_recovery": 7})
    workers = f.add_people(db, live, {"frontline_worker": 6})
    family = f.add_people(db, live, {"family_or_carer": 2})
    unstated = f.add_people(db, live, {None: 1})
    everyone = recovery + workers + family + unstated
    f.add_attendance(db, live, 4, 15, 11)

    evening = f.add_question(
        db,
        live,
        "Can groups run in the evening?",
        upvoters=recovery + workers[:2],
        status=QuestionStatus.ANSWERED,
        reply="Yes, from May.",
        minutes=1,
    )
    housing = f.add_question(
        db, live, "Is there help with housing?", upvoters=workers, minutes=2
    )
    childcare = f.add_question(
        db,
        live,
        "What about childcare?",
        upvoters=family,
        status=QuestionStatus.CLOSED,
        minutes=3,
    )
    f.add_question(
        db,
        live,
        "I'm not coping",
        status=QuestionStatus.PENDING,
        hidden_reason="Possible crisis: signposted",
        minutes=4,
    )
    hidden = f.add_question(
        db,
        live,
        "Jo at the hub is rude",
        status=QuestionStatus.HIDDEN,
        hidden_reason="Personal information",
        minutes=5,
    )
    f.add_question(
        db,
        live,
        "Dave's number is 0777",
        status=QuestionStatus.HIDDEN,
        hidden_reason="Personal information",
        minutes=6,
    )
    f.add_question(db, live, "More peer mentors", edited=True, minutes=7)

    single = f.add_poll(
        db,
        live,
        PollKind.SINGLE,
        "Which would help most?",
        ["Peer support", "Housing advice", "Evening groups"],
    )
    for people, option in (
        (recovery[:4] + workers[:1] + unstated, "Peer support"),
        (recovery[4:5] + workers[1:4], "Housing advice"),
        (recovery[5:] + workers[4:] + family, "Evening groups"),
    ):
        f.answer_many(db, single, people, choose=[option])

    rating = f.add_poll(
        db,
        live,
        PollKind.RATING,
        "How useful was today?",
        scale_max=5,
        scale_labels=("Not at all", "Very"),
    )
    for value, people in (
        (2, everyone[:1]),
        (3, everyone[1:4]),
        (4, everyone[4:10]),
        (5, everyone[10:]),
    ):
        f.answer_many(db, rating, people, rating=value)

    ranking = f.add_poll(
        db,
        live,
        PollKind.RANKING,
        "Rank these services",
        ["Drop-in", "Phone line", "Outreach"],
    )
    f.answer_many(
        db, ranking, everyone[:3], choose=["Drop-in", "Phone line", "Outreach"]
    )
    f.answer_many(
        db, ranking, everyone[3:5], choose=["Outreach", "Drop-in", "Phone line"]
    )
    f.answer_many(
        db, ranking, everyone[5:6], choose=["Phone line", "Outreach", "Drop-in"]
    )

    cloud = f.add_poll(db, live, PollKind.WORD_CLOUD, "One word for today")
    for person in recovery[:5]:
        f.answer(db, cloud, person, text="Hope")
    f.answer(db, cloud, recovery[5], text="hope.")
    f.answer_many(db, cloud, workers[:2], text="Community")
    f.answer(db, cloud, workers[2], text="tired", status=ResponseStatus.HIDDEN)

    open_text = f.add_poll(db, live, PollKind.OPEN_TEXT, "What should change?")
    for person, text, status in (
        (everyone[0], "More peer support in the evenings", ResponseStatus.VISIBLE),
        (everyone[1], "Peer support works", ResponseStatus.VISIBLE),
        (everyone[2], "Housing first", ResponseStatus.VISIBLE),
        (everyone[3], "Call me on 07777 123456", ResponseStatus.PENDING),
        (everyone[4], "You are all useless", ResponseStatus.HIDDEN),
    ):
        f.answer(db, open_text, person, text=text, status=status)

    f.add_poll(
        db,
        live,
        PollKind.SINGLE,
        "A draft nobody saw",
        ["Yes", "No"],
        status=PollStatus.DRAFT,
    )

    f.add_you_said(db, event, [evening], reason="Evening groups start in May.")
    f.add_you_said(
        db,
        event,
        [housing, childcare],
        theme="Practical help",
        status=YouSaidStatus.UNDER_CONSIDERATION,
        reason="We are costing it.",
    )
    f.add_you_said(db, event, [hidden], reason="Not for publication.")
    db.flush()
    return SimpleNamespace(
        event=event, live=live, other=other, everyone=everyone, polls=[single, rating]
    )


RISKY = ['=HYPERLINK("http://x")', "+SUM(1,2)", "-2+3", "@cmd", "\tTabbed", "\rReturn"]


@pytest.fixture
def risky_summary(db, options):
    """An event summary whose every kind of free text starts like a formula."""
    from cafe.exports.summary import event_summary
    from cafe.models import PollKind, QuestionStatus
    from tests.exports import factories as f

    event = f.make_event(db, "=Event title")
    live = f.make_session(db, event, "+Session title", notes="@notes")
    people = f.add_people(db, live, {"person_in_recovery": 6})
    asked = [
        f.add_question(
            db,
            live,
            text,
            upvoters=people,
            reply="-reply",
            status=QuestionStatus.ANSWERED,
        )
        for text in RISKY
    ]
    poll = f.add_poll(db, live, PollKind.SINGLE, "=Poll question", ["=A", "+B"])
    f.answer_many(db, poll, people, choose=["=A"])
    open_text = f.add_poll(db, live, PollKind.OPEN_TEXT, "@Open")
    for person, text in zip(people, RISKY, strict=False):
        f.answer(db, open_text, person, text=text)
    f.add_you_said(db, event, asked[:2], theme="=Theme", reason="+Reason")
    return event_summary(db, event, options)
