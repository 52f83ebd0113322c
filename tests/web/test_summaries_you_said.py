"""'You said, we did': the staff pages that record responses, and the public list."""

from __future__ import annotations

import re

import pytest

from cafe.models import EventStatus, QuestionStatus, YouSaidWeDid
from tests.exports import factories as f
from tests.web.conftest import count, csrf_token, submit


@pytest.fixture
def world(store):
    return f.small_world(store)


def _manage(world) -> str:
    return f"/summaries/events/{world.closed.id}/you-said-we-did"


def _answer(client, world, **fields):
    data = {
        "question_ids": [str(world.question.id)],
        "status": "will_do",
        "reason": "Groups start in May.",
        "decided_on": "2030-04-01",
        **fields,
    }
    return submit(client, _manage(world), data)


def test_a_commissioner_records_a_response_to_a_question(client, store, world):
    f.sign_in_as(client, store, "commissioner")
    response = _answer(client, world)
    assert response.status_code == 302
    assert count(store, YouSaidWeDid) == 1
    page = client.get(_manage(world)).get_data(as_text=True)
    assert "Groups start in May." in page


def test_a_facilitator_records_a_theme_over_several_questions(client, store, world):
    f.sign_in_as(client, store, "facilitator")
    other = f.add_question(store, world.live, "Weekend groups?")
    store.commit()
    response = _answer(
        client,
        world,
        question_ids=[str(world.question.id), str(other.id)],
        theme_title="When groups meet",
    )
    assert response.status_code == 302
    saved = store.query(YouSaidWeDid).one()
    assert saved.theme_title == "When groups meet" and len(saved.links) == 2


def test_a_theme_without_a_title_is_refused_with_a_message(client, store, world):
    f.sign_in_as(client, store, "facilitator")
    other = f.add_question(store, world.live, "Weekend groups?")
    store.commit()
    response = _answer(
        client, world, question_ids=[str(world.question.id), str(other.id)]
    )
    assert response.status_code == 400
    assert "Give the theme a title" in response.get_data(as_text=True)
    assert count(store, YouSaidWeDid) == 0


def test_the_form_offers_only_published_questions(client, store, world):
    f.add_question(store, world.live, "Hidden words", status=QuestionStatus.HIDDEN)
    store.commit()
    f.sign_in_as(client, store, "commissioner")
    page = client.get(_manage(world)).get_data(as_text=True)
    assert "Evening groups?" in page
    assert "Hidden words" not in page


def test_a_post_without_the_csrf_token_is_refused(client, store, world):
    f.sign_in_as(client, store, "commissioner")
    response = client.post(
        _manage(world),
        data={
            "question_ids": [str(world.question.id)],
            "status": "done",
            "reason": "x",
            "decided_on": "2030-04-01",
        },
    )
    assert response.status_code == 400
    assert count(store, YouSaidWeDid) == 0


def test_a_response_can_be_edited(client, store, world):
    saved = f.add_you_said(store, world.closed, [world.question])
    store.commit()
    f.sign_in_as(client, store, "commissioner")
    url = f"/summaries/you-said-we-did/{saved.id}/edit"
    page = client.get(url).get_data(as_text=True)
    assert '<option selected value="will_do">' in page
    (box,) = re.findall(r'<input[^>]*type="checkbox"[^>]*>', page)
    assert "checked" in box and f'value="{world.question.id}"' in box
    response = submit(
        client,
        url,
        {
            "question_ids": [str(world.question.id)],
            "status": "done",
            "reason": "Running since May.",
            "decided_on": "2030-06-01",
        },
    )
    assert response.status_code == 302
    store.expire_all()
    assert store.get(YouSaidWeDid, saved.id).reason == "Running since May."


def test_a_response_can_be_removed(client, store, world):
    saved = f.add_you_said(store, world.closed, [world.question])
    store.commit()
    f.sign_in_as(client, store, "facilitator")
    token = csrf_token(client, _manage(world))
    response = client.post(
        f"/summaries/you-said-we-did/{saved.id}/delete", data={"csrf_token": token}
    )
    assert response.status_code == 302
    assert count(store, YouSaidWeDid) == 0


def test_the_public_page_lists_responses_for_anyone(client, store, world):
    f.add_you_said(store, world.closed, [world.question], reason="Groups start in May.")
    store.commit()
    page = client.get(f"/events/{world.closed.id}/you-said-we-did")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "You said: Evening groups?" in text
    assert "Groups start in May." in text
    assert "We will do this" in text


def test_the_public_page_of_a_draft_is_not_found(client, world):
    assert client.get(f"/events/{world.draft.id}/you-said-we-did").status_code == 404


def test_the_public_page_escapes_what_people_wrote(client, store, world):
    question = f.add_question(store, world.live, "<script>alert(1)</script>")
    f.add_you_said(store, world.closed, [question], reason="<b>bold</b>")
    store.commit()
    text = client.get(f"/events/{world.closed.id}/you-said-we-did").get_data(
        as_text=True
    )
    assert "<script>alert(1)</script>" not in text and "&lt;b&gt;" in text


def test_a_session_code_leads_to_the_public_page(client, world):
    response = client.get(f"/j/{world.live.join_code}/you-said-we-did")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/events/{world.closed.id}/you-said-we-did"


def test_a_code_of_a_draft_event_leads_nowhere(client, world):
    assert (
        client.get(f"/j/{world.draft_live.join_code}/you-said-we-did").status_code
        == 404
    )


def test_anonymous_visitors_cannot_record_responses(client, world, store):
    response = client.post(_manage(world), data={"reason": "x"})
    assert response.status_code in (302, 400)
    assert count(store, YouSaidWeDid) == 0


def test_a_commissioner_cannot_manage_responses_of_a_draft(client, store, world):
    f.sign_in_as(client, store, "commissioner")
    url = f"/summaries/events/{world.draft.id}/you-said-we-did"
    assert client.get(url).status_code == 404
    assert world.draft.status == EventStatus.DRAFT
