"""Receipt codes in the browser: take one, then see and delete what you posted."""

from __future__ import annotations

import re

import pytest

from cafe.domain import questions, receipts, votes
from cafe.models import PollResponse, Question
from tests.web.conftest import count, csrf_token, refresh
from tests.web.test_participate import enter, open_poll, page_url

CODE = re.compile(r'id="receipt-code">([A-Z0-9-]+)<')


@pytest.fixture
def live(store, organiser, joinable):
    from cafe.domain import sessions
    from cafe.domain.actors import Actor

    sessions.change_session_state(store, Actor.staff(organiser), joinable.id, "start")
    store.commit()
    return joinable


@pytest.fixture
def me(client, store, live):
    return enter(client, store, live)


def take_receipt(client, live) -> str:
    token = csrf_token(client, page_url(live))
    page = client.post(f"/s/{live.join_code}/receipt", data={"csrf_token": token})
    assert page.status_code == 200
    assert page.headers["Cache-Control"] == "no-store"
    return CODE.search(page.get_data(as_text=True)).group(1)


def use_code(client, code: str):
    token = csrf_token(client, "/receipt")
    return client.post("/receipt", data={"csrf_token": token, "code": code})


def post(client, path):
    token = csrf_token(client, "/receipt/mine")
    return client.post(path, data={"csrf_token": token})


def test_the_session_page_offers_a_receipt_code(client, me, live):
    page = client.get(page_url(live)).get_data(as_text=True)
    assert "Get a receipt code" in page


def test_a_receipt_code_is_shown_once_and_only_its_hash_kept(client, store, me, live):
    code = take_receipt(client, live)
    assert receipts.participant_for_code(store, code).id == me.id


def test_the_code_shows_what_its_holder_posted(client, store, me, live):
    questions.ask_question(store, me, "Is the café open at Christmas?")
    store.commit()
    code = take_receipt(client, live)
    other = client.application.test_client()
    assert use_code(other, code.lower()).status_code == 302
    page = other.get("/receipt/mine")
    assert "Is the café open at Christmas?" in page.get_data(as_text=True)
    assert page.headers["Cache-Control"] == "no-store"


def test_a_wrong_code_says_so(client):
    response = use_code(client, "AAAA-BBBB-CCCC")
    assert response.status_code == 404
    assert "No contributions match that code" in response.get_data(as_text=True)


def test_without_a_code_the_list_sends_you_to_enter_one(client):
    response = client.get("/receipt/mine")
    assert response.headers["Location"].endswith("/receipt")


def test_the_holder_deletes_one_question(client, store, me, live):
    question = questions.ask_question(store, me, "Delete me later")
    store.commit()
    use_code(client, take_receipt(client, live))
    response = post(client, f"/receipt/questions/{question.id}/delete")
    assert response.status_code == 302
    assert count(store, Question) == 0


def test_the_holder_deletes_one_answer(client, store, organiser, me, live):
    poll = open_poll(store, organiser, live, kind="word_cloud", question="One word?")
    votes.cast_vote(store, me, poll.id, {"text": "hope"})
    store.commit()
    use_code(client, take_receipt(client, live))
    response_id = store.query(PollResponse).one().id
    post(client, f"/receipt/answers/{response_id}/delete")
    assert count(store, PollResponse) == 0


def test_the_holder_deletes_everything(client, store, organiser, me, live):
    questions.ask_question(store, me, "First")
    questions.ask_question(store, me, "Second")
    poll = open_poll(store, organiser, live, kind="word_cloud", question="One word?")
    votes.cast_vote(store, me, poll.id, {"text": "hope"})
    store.commit()
    use_code(client, take_receipt(client, live))
    post(client, "/receipt/delete-all")
    assert (count(store, Question), count(store, PollResponse)) == (0, 0)
    page = client.get("/receipt/mine").get_data(as_text=True)
    assert "Nothing you posted is left." in page


def test_someone_elses_question_cannot_be_deleted(client, store, me, live):
    from cafe.domain import participants

    other, _token = participants.join(store, live)
    theirs = questions.ask_question(store, other, "Not yours")
    store.commit()
    use_code(client, take_receipt(client, live))
    response = post(client, f"/receipt/questions/{theirs.id}/delete")
    assert response.status_code == 404
    refresh(store)
    assert count(store, Question) == 1


def test_forgetting_the_code_ends_access_on_this_device(client, me, live):
    use_code(client, take_receipt(client, live))
    post(client, "/receipt/forget")
    assert client.get("/receipt/mine").headers["Location"].endswith("/receipt")
