"""Safeguarding on the participant, console and presenter pages, without JavaScript."""

from __future__ import annotations

import pytest

from cafe.domain import gentle, moderation, participants, questions, sessions
from cafe.domain.actors import Actor
from cafe.models import Question, SupportAlert
from cafe.web.device import COOKIE
from cafe.web.participate import CARE_MESSAGE
from tests.web.conftest import count, refresh
from tests.web.test_participate import enter, error_shown, open_poll, page_url, post


@pytest.fixture
def live(store, organiser, joinable):
    sessions.change_session_state(store, Actor.staff(organiser), joinable.id, "start")
    store.commit()
    return joinable


@pytest.fixture
def me(client, store, live):
    return enter(client, store, live)


def text(response) -> str:
    return response.get_data(as_text=True)


# ----- the participant -----


def test_every_participant_page_has_a_support_button_and_signposting(client, me, live):
    page = text(client.get(page_url(live)))
    assert "I need support" in page
    assert "Samaritans" in page and "116 123" in page


def test_a_crisis_question_is_held_and_its_author_signposted(client, store, me, live):
    response = post(client, live, "/questions", {"body": "I want to end it all"})
    page = text(client.get(response.headers["Location"]))
    assert CARE_MESSAGE.split(".")[0] in page
    assert 'id="care" aria-labelledby="care-heading" tabindex="-1">' in page
    assert "Passed privately to the facilitators" in page
    refresh(store)
    assert store.query(Question).one().needs_care is True


def test_the_care_message_stays_hidden_for_ordinary_questions(client, me, live):
    post(client, live, "/questions", {"body": "Is there parking?"})
    page = text(client.get(page_url(live)))
    assert 'id="care" aria-labelledby="care-heading" tabindex="-1" hidden>' in page


def test_a_crisis_answer_is_held_and_its_author_signposted(
    client, store, organiser, me, live
):
    poll = open_poll(store, organiser, live, kind="open_text", question="Ideas?")
    post(client, live, f"/polls/{poll.id}/vote", {"text": "I relapsed, sorry"})
    page = text(client.get(page_url(live)))
    assert "Your answer was passed privately to the facilitators" in page
    assert 'tabindex="-1" hidden>' not in page


def test_asking_for_support_without_javascript_alerts_the_facilitators(
    client, store, me, live
):
    response = post(client, live, "/support", {"message": "Feeling shaky"})
    assert response.status_code == 302
    assert count(store, SupportAlert) == 1
    page = text(client.get(page_url(live)))
    assert "Your request was sent privately to the facilitators" in page
    assert "Feeling shaky" in page


def test_a_muted_participant_is_refused_with_a_clear_message(
    client, store, organiser, me, live
):
    moderation.mute_participant(store, Actor.staff(organiser), live, me)
    store.commit()
    response = post(client, live, "/questions", {"body": "Hello?"})
    assert response.status_code == 403
    assert "paused your posts" in error_shown(response)


def test_a_mute_outlives_a_lost_session_cookie(client, store, organiser, me, live):
    client.get(page_url(live))
    assert client.get_cookie(COOKIE) is not None
    refresh(store)
    moderation.mute_participant(store, Actor.staff(organiser), live, store.merge(me))
    store.commit()
    with client.session_transaction() as cookie:
        cookie.clear()
    again, token = participants.join(store, live)
    store.commit()
    with client.session_transaction() as cookie:
        cookie["participants"] = {str(live.id): token}
    page = text(client.get(page_url(live)))
    assert "A host has paused your posts" in page
    response = post(client, live, "/questions", {"body": "New me"})
    assert response.status_code == 403


def test_a_content_note_is_shown_before_the_poll(client, store, organiser, me, live):
    poll = open_poll(
        store, organiser, live, kind="rating", question="How much?", scale_max=5
    )
    gentle.set_poll_care(
        store, Actor.staff(organiser), poll.id, "Asks about drinking", "standard"
    )
    store.commit()
    page = text(client.get(page_url(live)))
    assert page.index("Asks about drinking") < page.index("How much?")


def test_quiet_mode_marks_the_page_so_counts_are_hidden(
    client, store, organiser, me, live
):
    gentle.set_quiet_mode(store, Actor.staff(organiser), live.id, True)
    store.commit()
    page = text(client.get(page_url(live)))
    assert 'class="live participant quiet"' in page


# ----- hosts and the presenter -----


@pytest.fixture
def held(store, live):
    author, _token = participants.join(store, live)
    questions.ask_question(store, author, "I overdosed on Saturday")
    questions.ask_question(store, author, "Text me on 07700 900123 please")
    store.commit()


def test_the_presenter_never_shows_a_held_question(facilitator_client, live, held):
    page = text(facilitator_client.get(f"/present/sessions/{live.id}"))
    assert "overdosed" not in page
    assert "Text me on [phone number] please" in page
    assert "07700" not in page


def test_the_console_flags_a_held_question_and_lists_its_alert(
    facilitator_client, live, held
):
    page = text(facilitator_client.get(f"/console/sessions/{live.id}"))
    assert "Needs care" in page
    assert "I overdosed on Saturday" in page
    assert 'id="calert-' in page
    assert "As written (hosts only):" in page
    assert "Moderation log (CSV)" in page
