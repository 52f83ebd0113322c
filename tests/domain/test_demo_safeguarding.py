"""The demo shows safeguarding at work: a held message answered privately, and a
phone number the room sees redacted."""

from __future__ import annotations

from sqlalchemy import select

from cafe.domain import demo, payloads
from cafe.models import LiveSession, Question, SessionState, SupportAlert


def test_the_demo_holds_a_crisis_message_and_answers_it_privately(db, quick_hashing):
    demo.load_demo(db)
    held = db.scalar(select(Question).where(Question.needs_care.is_(True)))
    assert held.body == demo.CRISIS_QUESTION
    alert = db.scalar(select(SupportAlert).where(SupportAlert.question_id == held.id))
    assert [r.body for r in alert.replies] == [demo.PRIVATE_REPLY]


def test_the_demo_room_sees_the_phone_number_redacted(db, quick_hashing):
    demo.load_demo(db)
    live = db.scalar(select(LiveSession).where(LiveSession.state == SessionState.LIVE))
    room = payloads.session_state(db, live, viewer_kind="presenter")
    bodies = [q["body"] for q in room["questions"]]
    assert "Could someone from the housing team ring me on [phone number]?" in bodies
    assert demo.CRISIS_QUESTION not in bodies
