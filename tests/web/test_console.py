"""The facilitator's console and the presenter screen, as first drawn by the server."""

from __future__ import annotations

import pytest

from cafe.domain import participants, polls, questions, sessions, votes
from cafe.domain.actors import Actor
from cafe.web.present import current_polls, featured_questions

MARKUP = "<img src=x onerror=alert(1)>"


@pytest.fixture
def live(store, organiser, joinable):
    sessions.change_session_state(store, Actor.staff(organiser), joinable.id, "start")
    store.commit()
    return joinable


@pytest.fixture
def host(organiser):
    return Actor.staff(organiser)


def ask(store, live, body, name=None):
    participant, _token = participants.join(store, live)
    participant.display_name = name
    question = questions.ask_question(store, participant, body)
    store.commit()
    return question


def make_poll(store, host, live, *, open_it=True, **draft):
    values = {"kind": "single", "question": "Which day?", "options": ["Mon", "Fri"]}
    poll = polls.create_poll(
        store, host, live.id, polls.PollDraft.from_dict({**values, **draft})
    )
    if open_it:
        polls.open_poll(store, host, poll.id)
    store.commit()
    return poll


def vote(store, live, poll, answer):
    participant, _token = participants.join(store, live)
    votes.cast_vote(store, participant, poll.id, answer)
    store.commit()


def console_url(live) -> str:
    return f"/console/sessions/{live.id}"


def present_url(live) -> str:
    return f"/present/sessions/{live.id}"


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.get_data(as_text=True)


# ----- who may see them -----


@pytest.mark.parametrize("url", [console_url, present_url])
def test_someone_signed_out_is_asked_to_sign_in(client, live, url):
    response = client.get(url(live))

    assert response.status_code == 302
    assert response.location.startswith("/login")


@pytest.mark.parametrize("url", [console_url, present_url])
def test_a_commissioner_may_not_run_a_session(commissioner_client, live, url):
    assert commissioner_client.get(url(live)).status_code == 403


@pytest.mark.parametrize("url", ["/console/sessions/999", "/present/sessions/999"])
def test_an_unknown_session_is_not_found(facilitator_client, url):
    assert facilitator_client.get(url).status_code == 404


# ----- the console -----


def test_the_console_shows_the_session_header(facilitator_client, live):
    html = page(facilitator_client, console_url(live))

    assert "Open Q&amp;A" in html
    assert f"{live.join_code[:3]} {live.join_code[3:]}" in html
    assert 'id="participant-count">0<' in html
    assert "Close questions" in html
    assert f'href="/present/sessions/{live.id}"' in html


def test_a_waiting_question_is_in_the_queue_with_approve_and_hide(
    facilitator_client, store, organiser, live
):
    sessions.update_session(
        store,
        Actor.staff(organiser),
        live.id,
        sessions.SessionDetails(live.title, moderation_mode="pre"),
    )
    store.commit()
    question = ask(store, live, "Please approve me")

    html = page(facilitator_client, console_url(live))
    queue = html[html.index('id="list-pending"') : html.index('id="group-live"')]

    assert "Please approve me" in queue
    assert f'data-action="approve_question" data-question-id="{question.id}"' in queue
    assert 'data-action="hide_question"' in queue
    assert 'id="count-pending">1<' in html


def test_a_hidden_question_shows_its_reason_and_can_be_reopened(
    facilitator_client, store, host, live
):
    question = ask(store, live, "Unkind words")
    questions.hide_question(store, host, question.id, "Please keep it kind")
    store.commit()

    html = page(facilitator_client, console_url(live))
    archived = html[html.index('id="list-archived"') :]

    assert "Please keep it kind" in archived
    assert f'data-action="reopen_question" data-question-id="{question.id}"' in archived


def test_the_console_escapes_questions_and_names(facilitator_client, store, live):
    ask(store, live, MARKUP, name=MARKUP)

    html = page(facilitator_client, console_url(live))

    assert MARKUP not in html
    assert html.count("&lt;img src=x onerror=alert(1)&gt;") >= 3  # body, name, edit box


def test_a_draft_poll_is_listed_with_open_and_edit(
    facilitator_client, store, host, live
):
    poll = make_poll(store, host, live, open_it=False, question="Draft poll")

    html = page(facilitator_client, console_url(live))

    assert "Draft poll" in html
    assert f'data-action="open_poll" data-poll-id="{poll.id}"' in html
    assert f'data-action="update_poll" data-poll-id="{poll.id}"' in html


def test_an_answered_poll_can_no_longer_be_edited(
    facilitator_client, store, host, live
):
    poll = make_poll(store, host, live)
    vote(store, live, poll, {"option_ids": [poll.options[0].id]})

    html = page(facilitator_client, console_url(live))

    assert f'data-action="close_poll" data-poll-id="{poll.id}"' in html
    assert f'data-action="update_poll" data-poll-id="{poll.id}"' not in html


def test_the_console_shows_full_results_the_room_may_not_see_yet(
    facilitator_client, store, host, live
):
    poll = make_poll(store, host, live, results_visibility="hidden")
    vote(store, live, poll, {"option_ids": [poll.options[1].id]})

    html = page(facilitator_client, console_url(live))

    assert 'aria-label="Which day?: Mon: 0 (0%); Fri: 1 (100%)"' in html


def test_open_text_answers_come_with_show_and_hide(
    facilitator_client, store, host, live
):
    poll = make_poll(store, host, live, kind="open_text", question="Say", options=[])
    vote(store, live, poll, {"text": "My answer"})

    html = page(facilitator_client, console_url(live))

    assert "My answer" in html
    assert 'data-action="moderate_response"' in html


# ----- the presenter screen -----


def test_the_presenter_shows_the_join_code_spaced_and_its_qr(facilitator_client, live):
    html = page(facilitator_client, present_url(live))

    assert f"{live.join_code[:3]} {live.join_code[3:]}" in html
    assert f'src="/j/{live.join_code}/qr.svg"' in html
    assert f"/j/{live.join_code}</strong>" in html
    assert "<kbd>F</kbd> full screen" in html


def test_the_presenter_never_shows_waiting_or_hidden_questions(
    facilitator_client, store, host, live
):
    ask(store, live, "Shown")
    hidden = ask(store, live, "Hidden one")
    questions.hide_question(store, host, hidden.id, "Off topic")
    store.commit()

    html = page(facilitator_client, present_url(live))

    assert "Shown" in html
    assert "Hidden one" not in html
    assert "Off topic" not in html


def test_the_presenter_withholds_results_the_room_may_not_see(
    facilitator_client, store, host, live
):
    poll = make_poll(store, host, live, results_visibility="after_close")
    vote(store, live, poll, {"option_ids": [poll.options[1].id]})

    html = page(facilitator_client, present_url(live))

    assert "Results appear when the poll closes." in html
    assert '<svg class="chart"' not in html


def test_the_presenter_draws_results_once_the_poll_closes(
    facilitator_client, store, host, live
):
    poll = make_poll(
        store, host, live, results_visibility="after_close", min_responses=0
    )
    vote(store, live, poll, {"option_ids": [poll.options[1].id]})
    polls.close_poll(store, host, poll.id)
    store.commit()

    html = page(facilitator_client, present_url(live))

    assert 'aria-label="Which day?: Mon: 0 (0%); Fri: 1 (100%)"' in html


def test_the_presenter_escapes_what_people_typed(facilitator_client, store, live):
    ask(store, live, MARKUP)

    html = page(facilitator_client, present_url(live))

    assert MARKUP not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_open_polls_are_current_and_else_the_last_closed_one():
    draft = {"id": 1, "status": "draft"}
    closed = [{"id": 2, "status": "closed"}, {"id": 3, "status": "closed"}]
    opened = {"id": 4, "status": "open"}

    assert current_polls([draft, *closed, opened]) == [opened]
    assert current_polls([draft, *closed]) == [closed[1]]
    assert current_polls([draft]) == []


def test_the_pinned_question_stands_apart_from_the_five_most_upvoted():
    def question(n, upvotes, pinned=False, status="live"):
        return {
            "id": n,
            "created_at": f"2030-01-01T00:00:0{n}",
            "upvotes": upvotes,
            "pinned": pinned,
            "status": status,
        }

    pinned = question(1, 0, pinned=True)
    others = [question(n, n) for n in range(2, 9)]
    answered = question(9, 99, status="answered")

    got_pinned, top = featured_questions([pinned, *others, answered])

    assert got_pinned is pinned
    assert [q["id"] for q in top] == [8, 7, 6, 5, 4]
