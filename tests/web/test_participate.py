"""The participant's page without JavaScript: plain forms over the domain."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest
from markupsafe import Markup
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from cafe.domain import participants, polls, questions, sessions
from cafe.domain.actors import Actor
from cafe.models import PollKind, PollResponse, Question, Upvote
from cafe.web import charts
from cafe.web.participate import answer_from_form
from tests.web.conftest import count, csrf_token, refresh

ROOT = Path(__file__).resolve().parents[2]
MARKUP = "<img src=x onerror=alert(1)>"


@pytest.fixture
def live(store, organiser, joinable):
    """The joinable session, started."""
    sessions.change_session_state(store, Actor.staff(organiser), joinable.id, "start")
    store.commit()
    return joinable


def enter(client, store, live, name=None):
    """Join as the join pages would: a participant and its token in the cookie."""
    participant, token = participants.join(store, live)
    participant.display_name = name
    store.commit()
    with client.session_transaction() as cookie:
        cookie["participants"] = {str(live.id): token}
    return participant


@pytest.fixture
def me(client, store, live):
    return enter(client, store, live)


def page_url(live, sort=None) -> str:
    return f"/s/{live.join_code}" + (f"?sort={sort}" if sort else "")


def post(client, live, path, data=None):
    token = csrf_token(client, page_url(live))
    return client.post(
        f"/s/{live.join_code}{path}", data={"csrf_token": token, **(data or {})}
    )


def someone_asks(store, live, body, name=None) -> Question:
    participant, _token = participants.join(store, live)
    participant.display_name = name
    question = questions.ask_question(store, participant, body)
    store.commit()
    return question


def open_poll(store, organiser, live, **draft):
    actor = Actor.staff(organiser)
    poll = polls.create_poll(
        store, actor, live.id, polls.PollDraft.from_dict({"min_responses": 0, **draft})
    )
    polls.open_poll(store, actor, poll.id)
    store.commit()
    return poll


def error_shown(response) -> str:
    """The error message flashed on a page, or an empty text."""
    match = re.search(
        r'class="flash flash--error">([^<]+)<', response.get_data(as_text=True)
    )
    return match.group(1) if match else ""


def text(client, url) -> str:
    return client.get(url).get_data(as_text=True)


# ----- the page -----


def test_a_browser_that_has_not_joined_is_sent_to_the_join_page(client, live):
    response = client.get(page_url(live))

    assert response.status_code == 302
    assert response.location == f"/j/{live.join_code}"


def test_an_unknown_code_is_not_found(client, live, me):
    assert client.get("/s/ZZZZZZ").status_code == 404


def test_a_participant_of_another_session_is_sent_to_join_this_one(
    client, store, organiser, live
):
    other = sessions.create_session(
        store, Actor.staff(organiser), live.event_id, sessions.SessionDetails("Other")
    )
    store.commit()
    enter(client, store, other)

    assert client.get(page_url(live)).status_code == 302


def test_the_page_shows_the_room_s_questions_but_not_others_waiting_ones(
    client, store, live, me
):
    someone_asks(store, live, "Shown to everyone")
    waiting = someone_asks(store, live, "Still waiting")
    waiting.status = "pending"
    store.commit()

    page = text(client, page_url(live))

    assert "Shown to everyone" in page
    assert "Still waiting" not in page


def test_questions_sort_by_upvotes_or_newest(client, store, live, me):
    first = someone_asks(store, live, "First asked")
    someone_asks(store, live, "Second asked")
    voter, _token = participants.join(store, live)
    questions.upvote(store, voter, first.id)
    store.commit()

    top = text(client, page_url(live, "top"))
    recent = text(client, page_url(live, "recent"))

    assert top.index("First asked") < top.index("Second asked")
    assert recent.index("Second asked") < recent.index("First asked")


def test_user_text_is_escaped(client, store, live, me):
    someone_asks(store, live, MARKUP, name=MARKUP)

    page = text(client, page_url(live))

    assert MARKUP not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_the_page_loads_scripts_only_from_this_server_and_deferred(client, live, me):
    page = text(client, page_url(live))
    scripts = re.findall(r"<script[^>]*>", page)

    assert scripts
    assert all('src="/static/' in tag for tag in scripts)
    assert all("defer" in tag or 'type="module"' in tag for tag in scripts)


def test_the_page_with_its_scripts_and_styles_stays_light(
    client, store, organiser, live, me
):
    open_poll(
        store, organiser, live, kind="single", question="Which?", options=["A", "B"]
    )
    page = client.get(page_url(live)).get_data()
    assets = [
        "static/js/participant.js",
        "static/js/live.js",
        "static/js/charts.js",
        "static/js/vote-form.js",
        "static/css/cafe.css",
        "static/css/live.css",
    ]
    size = len(gzip.compress(page)) + sum(
        len(gzip.compress((ROOT / asset).read_bytes())) for asset in assets
    )

    assert size < 60 * 1024


# ----- asking -----


def test_asking_saves_the_question_and_comes_back_with_a_message(
    client, store, live, me
):
    response = post(client, live, "/questions", {"body": "Is there parking?"})

    assert response.status_code == 302
    assert response.location == page_url(live, "top")
    page = text(client, page_url(live))
    assert "Thank you. Your question is on the list." in page
    assert page.count("Is there parking?") == 2  # the room's list and my own


def test_in_a_pre_moderated_session_my_question_waits_and_i_am_told_so(
    client, store, organiser, live, me
):
    sessions.update_session(
        store,
        Actor.staff(organiser),
        live.id,
        sessions.SessionDetails(live.title, moderation_mode="pre"),
    )
    store.commit()

    post(client, live, "/questions", {"body": "Held for approval"})
    page = text(client, page_url(live))

    assert "will appear once a host approves it" in page
    assert "Waiting for a host to approve it" in page
    assert page.count("Held for approval") == 1  # in my list, not the room's


def test_an_empty_question_is_refused_with_400_and_nothing_is_saved(
    client, store, live, me
):
    response = post(client, live, "/questions", {"body": "   "})

    assert response.status_code == 400
    assert error_shown(response)
    assert count(store, Question) == 0


def test_a_refused_question_keeps_what_was_typed(client, store, live, me):
    long = "x" * 501

    response = post(client, live, "/questions", {"body": long})

    assert response.status_code == 400
    assert f">{long}</textarea>" in response.get_data(as_text=True)


def test_asking_while_questions_are_closed_is_a_conflict(
    client, store, organiser, live, me
):
    questions.set_questions_open(store, Actor.staff(organiser), live.id, False)
    store.commit()

    response = post(client, live, "/questions", {"body": "Too late?"})

    assert response.status_code == 409
    assert "closed" in error_shown(response)
    assert count(store, Question) == 0


def test_asking_too_often_is_refused_like_over_the_socket(client, store, live, me):
    for n in range(6):
        assert post(client, live, "/questions", {"body": f"Q{n}"}).status_code == 302

    response = post(client, live, "/questions", {"body": "One too many"})

    assert response.status_code == 429
    assert error_shown(response)
    assert count(store, Question) == 6


def test_a_form_without_its_csrf_token_is_refused(client, store, live, me):
    response = client.post(f"/s/{live.join_code}/questions", data={"body": "Hi"})

    assert response.status_code == 400
    assert count(store, Question) == 0


def test_posting_without_having_joined_goes_to_the_join_page(client, store, live):
    token = csrf_token(client, "/join")

    response = client.post(
        f"/s/{live.join_code}/questions", data={"csrf_token": token, "body": "Hi"}
    )

    assert response.status_code == 302
    assert count(store, Question) == 0


def test_my_questions_show_their_status_and_the_reason_for_hiding(
    client, store, organiser, live, me
):
    mine = questions.ask_question(store, me, "Something unkind")
    questions.hide_question(store, Actor.staff(organiser), mine.id, "Please be kind")
    store.commit()

    page = text(client, page_url(live))

    assert "Hidden by a host" in page
    assert "Please be kind" in page


# ----- upvotes -----


def test_upvoting_and_taking_it_back(client, store, live, me):
    question = someone_asks(store, live, "Food?")

    post(client, live, f"/questions/{question.id}/upvote")
    assert count(store, Upvote) == 1
    assert "Remove upvote" in text(client, page_url(live))
    post(client, live, f"/questions/{question.id}/unvote")

    assert count(store, Upvote) == 0


def test_upvoting_a_question_that_does_not_exist_is_refused(client, store, live, me):
    response = post(client, live, "/questions/999/upvote")

    assert response.status_code == 400
    assert error_shown(response)


# ----- polls -----

POLLS = {
    "single": {"options": ["Monday", "Friday"]},
    "multiple": {"options": ["Food", "Childcare", "Bus fare"], "max_choices": 2},
    "rating": {
        "scale_max": 5,
        "scale_min_label": "Not at all",
        "scale_max_label": "Very",
    },
    "word_cloud": {},
    "open_text": {},
    "ranking": {"options": ["Housing", "Jobs", "Peer support"]},
}


def test_each_kind_of_poll_has_its_own_inputs(client, store, organiser, live, me):
    for kind, extra in POLLS.items():
        open_poll(store, organiser, live, kind=kind, question=f"{kind}?", **extra)

    page = text(client, page_url(live))

    assert page.count('type="radio" name="option_id"') == 2
    assert page.count('type="checkbox" name="option_id"') == 3
    assert "Choose up to 2." in page
    assert page.count('type="radio" name="rating"') == 5
    assert "Not at all" in page and "Very" in page
    assert 'type="text" name="text"' in page and 'maxlength="40"' in page
    assert '<textarea name="text"' in page
    assert page.count('<select name="option_id"') == 3
    assert "Position 1 (highest)" in page


def form_for(poll) -> dict:
    ids = [o.id for o in poll.options]
    if poll.kind == PollKind.SINGLE:
        return {"option_id": ids[1]}
    if poll.kind == PollKind.MULTIPLE:
        return {"option_id": ids[:2]}
    if poll.kind == PollKind.RANKING:
        return {"option_id": [ids[2], ids[0], ids[1]]}
    if poll.kind == PollKind.RATING:
        return {"rating": "4"}
    return {"text": "hope"}


@pytest.mark.parametrize("kind", POLLS)
def test_answering_each_kind_of_poll_records_the_answer(
    client, store, organiser, live, me, kind
):
    poll = open_poll(store, organiser, live, kind=kind, question="?", **POLLS[kind])

    response = post(client, live, f"/polls/{poll.id}/vote", form_for(poll))

    assert response.status_code == 302
    refresh(store)
    answer = store.scalar(select(PollResponse).where(PollResponse.poll_id == poll.id))
    assert answer.participant_id == me.id
    assert "Your answer is recorded." in text(client, page_url(live))


def test_a_refused_answer_says_why_and_saves_nothing(
    client, store, organiser, live, me
):
    poll = open_poll(
        store, organiser, live, kind="multiple", question="?", **POLLS["multiple"]
    )

    response = post(
        client,
        live,
        f"/polls/{poll.id}/vote",
        {"option_id": [o.id for o in poll.options]},
    )

    assert response.status_code == 400
    assert "2" in error_shown(response)
    assert count(store, PollResponse) == 0


def test_answering_a_closed_poll_is_a_conflict(client, store, organiser, live, me):
    poll = open_poll(
        store, organiser, live, kind="single", question="?", **POLLS["single"]
    )
    polls.close_poll(store, Actor.staff(organiser), poll.id)
    store.commit()

    response = post(client, live, f"/polls/{poll.id}/vote", form_for(poll))

    assert response.status_code == 409
    assert count(store, PollResponse) == 0


def test_shown_results_are_drawn_as_an_svg_chart(client, store, organiser, live, me):
    poll = open_poll(
        store, organiser, live, kind="single", question="Day?", **POLLS["single"]
    )
    post(client, live, f"/polls/{poll.id}/vote", form_for(poll))

    page = text(client, page_url(live))

    assert '<svg class="chart"' in page
    assert 'aria-label="Day?: Monday: 0 (0%); Friday: 1 (100%)"' in page


def test_results_held_back_say_why(client, store, organiser, live, me):
    open_poll(
        store,
        organiser,
        live,
        kind="single",
        question="Day?",
        min_responses=5,
        **POLLS["single"],
    )

    page = text(client, page_url(live))

    assert "Results appear once 5 people have answered." in page
    assert '<svg class="chart"' not in page


# ----- reading a form -----


@pytest.mark.parametrize(
    ("kind", "form", "answer"),
    [
        (PollKind.SINGLE, [("option_id", "7")], {"option_ids": [7]}),
        (
            PollKind.RANKING,
            [("option_id", "9"), ("option_id", "7")],
            {"option_ids": [9, 7]},
        ),
        (PollKind.MULTIPLE, [("option_id", "")], {"option_ids": []}),
        (PollKind.RATING, [("rating", "3")], {"rating": 3}),
        (PollKind.OPEN_TEXT, [("text", "Hi")], {"text": "Hi"}),
    ],
)
def test_a_form_becomes_the_protocol_s_answer(kind, form, answer):
    assert answer_from_form(kind, MultiDict(form)) == answer


@pytest.mark.parametrize(
    ("kind", "form"),
    [(PollKind.SINGLE, [("option_id", "one")]), (PollKind.RATING, [])],
)
def test_a_form_with_no_number_where_one_is_needed_is_invalid(kind, form):
    from cafe.domain.errors import InvalidInput

    with pytest.raises(InvalidInput):
        answer_from_form(kind, MultiDict(form))


# ----- charts -----


def test_a_bar_chart_escapes_its_labels():
    chart = charts.bar_chart([charts.Bar(MARKUP, 1, "1")], title=MARKUP)

    assert isinstance(chart, Markup)
    assert "<img" not in chart
    assert "&lt;img" in chart


def test_bars_are_as_long_as_their_share_of_the_longest():
    chart = charts.bar_chart(
        [charts.Bar("a", 4, "4"), charts.Bar("b", 1, "1"), charts.Bar("c", 0, "0")],
        title="t",
    )

    widths = re.findall(r'class="chart-bar" x="0" y="\d+" width="([\d.]+)"', chart)
    assert widths == ["440.0", "110.0", "0.0"]


def test_word_sizes_step_from_one_to_five_by_count():
    words = [
        {"word": "a", "count": 8},
        {"word": "b", "count": 4},
        {"word": "c", "count": 1},
    ]

    assert charts.word_sizes(words) == [("a", 8, 5), ("b", 4, 3), ("c", 1, 1)]


def test_text_kinds_have_no_bar_chart():
    poll = {"kind": "open_text", "question": "?"}

    assert charts.results_chart(poll, {"shown": True, "answers": []}) == ""
