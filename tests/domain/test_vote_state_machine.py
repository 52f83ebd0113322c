"""Interleaved votes, changes, retries and upvotes keep every count right."""

from __future__ import annotations

from collections import defaultdict

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy.orm import Session

from cafe.db import make_engine
from cafe.domain import polls, questions, tallies, votes
from cafe.domain.errors import Conflict, InvalidInput
from cafe.models import Base, PollKind, PollStatus

WORDS = ["hope", "Hope", " peers ", "calm"]


def answers_for(poll):
    """Well-formed answers for a poll, in the order a browser might send them."""
    ids = [o.id for o in poll.options]
    if poll.kind == PollKind.SINGLE:
        return st.sampled_from(ids).map(lambda i: {"option_ids": [i]})
    if poll.kind == PollKind.MULTIPLE:
        most = poll.max_choices or len(ids)
        chosen = st.lists(st.sampled_from(ids), min_size=1, max_size=most, unique=True)
        return chosen.map(lambda c: {"option_ids": c})
    if poll.kind == PollKind.RANKING:
        return st.permutations(ids).map(lambda order: {"option_ids": list(order)})
    if poll.kind == PollKind.RATING:
        return st.integers(1, poll.scale_max).map(lambda r: {"rating": r})
    return st.sampled_from(WORDS).map(lambda w: {"text": w})


def canonical(poll, answer):
    """An answer as it is stored: choices in the poll's order, text trimmed."""
    if poll.kind == PollKind.MULTIPLE:
        order = [o.id for o in poll.options]
        return {"option_ids": sorted(answer["option_ids"], key=order.index)}
    if "text" in answer:
        return {"text": answer["text"].strip()}
    return answer


class LiveSessionMachine(RuleBasedStateMachine):
    """Participants of one session vote and upvote while a host opens and closes
    polls; a model of who answered and upvoted what is checked after each step.
    """

    def __init__(self, builders):
        super().__init__()
        # A fresh database per run: nothing a run writes can reach the next one.
        self.engine = make_engine("sqlite://")
        Base.metadata.create_all(self.engine)
        self.db = Session(self.engine, expire_on_commit=False)
        self.host = builders.host(self.db)
        live = builders.session(self.db, self.host)
        self.session_id = live.id
        self.people = [builders.join(self.db, live) for _ in range(3)]
        self.polls = [
            builders.poll(self.db, self.host, live, "single"),
            builders.poll(
                self.db, self.host, live, "multiple", max_choices=2, allow_change=False
            ),
            builders.poll(self.db, self.host, live, "rating", allow_change=False),
            builders.poll(self.db, self.host, live, "ranking"),
            builders.poll(self.db, self.host, live, "word_cloud"),
        ]
        self.questions = [
            questions.ask_question(self.db, self.people[0], f"Question {i}?")
            for i in (1, 2)
        ]
        self.answers = {}  # (poll id, participant id) -> stored answer
        self.upvoters = defaultdict(set)  # question id -> participant ids

    def teardown(self):
        self.db.close()
        self.engine.dispose()

    def pick(self, data):
        who = data.draw(st.sampled_from(self.people), label="participant")
        poll = data.draw(st.sampled_from(self.polls), label="poll")
        return who, poll

    def send(self, who, poll, answer):
        key = (poll.id, who.id)
        stored = canonical(poll, answer)
        previous = self.answers.get(key)
        may = poll.status == PollStatus.OPEN and (
            previous in (None, stored) or poll.allow_change
        )
        try:
            votes.cast_vote(self.db, who, poll.id, answer)
        except Conflict:
            assert not may
        else:
            assert may
            self.answers[key] = stored

    @rule(data=st.data())
    def vote(self, data):
        who, poll = self.pick(data)
        self.send(who, poll, data.draw(answers_for(poll), label="answer"))

    @rule(data=st.data())
    def retry_last_answer(self, data):
        who, poll = self.pick(data)
        previous = self.answers.get((poll.id, who.id))
        if previous is not None:
            self.send(who, poll, dict(previous))

    @rule(data=st.data())
    def send_a_malformed_answer(self, data):
        who, poll = self.pick(data)
        junk = data.draw(st.sampled_from([{}, {"option_ids": [0]}, {"rating": 99}]))
        try:
            votes.cast_vote(self.db, who, poll.id, junk)
        except (InvalidInput, Conflict):
            pass
        else:
            raise AssertionError("a malformed answer was stored")

    @rule(data=st.data())
    def close_or_reopen_a_poll(self, data):
        poll = data.draw(st.sampled_from(self.polls), label="poll")
        if poll.status == PollStatus.OPEN:
            polls.close_poll(self.db, self.host, poll.id)
        else:
            polls.reopen_poll(self.db, self.host, poll.id)

    @rule(data=st.data(), again=st.booleans())
    def upvote(self, data, again):
        who = data.draw(st.sampled_from(self.people), label="participant")
        question = data.draw(st.sampled_from(self.questions), label="question")
        for _ in range(2 if again else 1):
            questions.upvote(self.db, who, question.id)
        self.upvoters[question.id].add(who.id)

    @rule(data=st.data())
    def remove_upvote(self, data):
        who = data.draw(st.sampled_from(self.people), label="participant")
        question = data.draw(st.sampled_from(self.questions), label="question")
        questions.remove_upvote(self.db, who, question.id)
        self.upvoters[question.id].discard(who.id)

    @invariant()
    def each_tally_counts_each_voter_once(self):
        for poll in self.polls:
            voters = {p for (poll_id, p) in self.answers if poll_id == poll.id}
            assert tallies.results_for_poll(self.db, poll)["n"] == len(voters)

    @invariant()
    def each_participant_sees_their_own_answers(self):
        for who in self.people:
            expected = {
                poll_id: answer
                for (poll_id, person), answer in self.answers.items()
                if person == who.id
            }
            assert votes.my_answers(self.db, who) == expected

    @invariant()
    def upvotes_count_distinct_upvoters(self):
        counts = questions.upvote_counts(self.db, self.session_id)
        assert counts == {q.id: len(self.upvoters[q.id]) for q in self.questions}


def test_votes_and_upvotes_stay_consistent_whatever_the_order(builders):
    run_state_machine_as_test(
        lambda: LiveSessionMachine(builders),
        settings=settings(max_examples=20, stateful_step_count=20, deadline=None),
    )
