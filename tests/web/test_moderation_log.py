"""The moderation log download: CSV for staff, naming no participant."""

from __future__ import annotations

import csv
import io

import pytest

from cafe.domain import participants, questions, sessions
from cafe.domain.actors import Actor


@pytest.fixture
def logged(store, organiser, joinable):
    """A session with a question hidden, one held for care, and one edited."""
    actor = Actor.staff(organiser)
    sessions.change_session_state(store, actor, joinable.id, "start")
    author, _token = participants.join(store, joinable)
    author.display_name = "Sam"
    rude = questions.ask_question(store, author, "Ring Sam on 07700 900123")
    questions.hide_question(store, actor, rude.id, '=HYPERLINK("http://x")')
    questions.ask_question(store, author, "I relapsed last night")
    store.commit()
    return joinable, author


def rows(response) -> list[list[str]]:
    return list(
        csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff")))
    )


def url(live) -> str:
    return f"/sessions/{live.id}/moderation-log.csv"


def test_staff_download_the_log_as_csv(facilitator_client, logged):
    live, _author = logged
    response = facilitator_client.get(url(live))
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    header, *entries = rows(response)
    assert header == ["When (UTC)", "Who", "What", "Item", "Why"]
    whats = [entry[2] for entry in entries]
    assert whats == ["Question hidden", "Question held for care"]


def test_a_commissioner_may_download_the_log(commissioner_client, logged):
    live, _author = logged
    assert commissioner_client.get(url(live)).status_code == 200


def test_signed_out_visitors_cannot(client, logged):
    live, _author = logged
    assert client.get(url(live)).status_code == 302


def test_the_log_names_no_participant_and_quotes_nothing_they_wrote(
    facilitator_client, logged
):
    live, author = logged
    text = facilitator_client.get(url(live)).get_data(as_text=True)
    for secret in ("Sam", author.pseudonym, "07700", "relapsed"):
        assert secret not in text


def test_a_reason_that_looks_like_a_formula_stays_text(facilitator_client, logged):
    live, _author = logged
    _header, hidden, _held = rows(facilitator_client.get(url(live)))
    assert hidden[4] == '\'=HYPERLINK("http://x")'


def test_an_unknown_session_is_not_found(facilitator_client):
    assert facilitator_client.get("/sessions/999/moderation-log.csv").status_code == 404
