"""Crisis holds, signposting, private support and redaction, through the domain."""

from __future__ import annotations

import pytest

from cafe.domain import payloads, questions, safeguarding, support, users, votes
from cafe.domain.actors import Actor
from cafe.domain.errors import Conflict, Forbidden, InvalidInput, NotFound
from cafe.domain.redaction import NAME, PHONE
from cafe.domain.safeguarding import CrisisMatcher, Signpost
from cafe.exports.facts import load_session
from cafe.models import QuestionStatus, ResponseStatus
from tests.conftest import PASSWORD


@pytest.fixture
def admin(db, quick_hashing):
    user = users.create_user(db, "admin@example.org", PASSWORD, "admin", "Ade")
    return Actor.staff(user)


@pytest.fixture
def matcher():
    return CrisisMatcher(safeguarding.DEFAULT_CRISIS_TERMS)


# ----- matching -----


@pytest.mark.parametrize(
    "text",
    [
        "I think I took an OVERDOSE last night",
        "my mate overdosed",
        "I relapsed on Friday",
        "I feel suicidal",
        "su1c1dal thoughts again",
        "I've been self-harming",
        "selfharm is back",
        "I just want to end it all",
        "I can't go on like this",
        "i cant go on",
        "He OD'd in the toilets",
        "he hits me when he drinks",
    ],
)
def test_risk_words_are_found_in_any_case_and_common_spelling(matcher, text):
    assert matcher.matches(text)


@pytest.mark.parametrize(
    "text",
    [
        "Odd question: is there parking?",
        "How do services support relapse prevention?",
        "The mood was good",
        "Can the café open on Sundays?",
        "Abuse of the parking rules is a problem",
    ],
)
def test_ordinary_words_that_contain_risk_words_are_not_held(matcher, text):
    assert not matcher.matches(text)


def test_an_empty_list_matches_nothing():
    assert not CrisisMatcher([]).matches("overdose")


# ----- holding questions -----


@pytest.mark.parametrize("moderation", ["post", "pre"])
def test_a_crisis_question_is_held_for_care_whatever_the_moderation(
    db, make_session, join, moderation
):
    live = make_session(moderation=moderation)
    author = join(live)
    question = questions.ask_question(db, author, "I overdosed last week")
    assert question.status == QuestionStatus.PENDING
    assert question.needs_care is True


def test_a_held_question_never_reaches_the_room(db, live, participant, join):
    questions.ask_question(db, participant, "I want to kill myself")
    other = join()
    for kind, viewer in (("presenter", None), ("participant", other)):
        state = payloads.session_state(db, live, viewer_kind=kind, participant=viewer)
        assert state["questions"] == []


def test_hosts_see_a_held_question_flagged_as_needing_care(db, live, participant):
    questions.ask_question(db, participant, "I want to kill myself")
    state = payloads.session_state(db, live, viewer_kind="host")
    [held] = state["questions"]
    assert held["needs_care"] is True
    assert held["body"] == "I want to kill myself"


def test_a_held_question_raises_a_support_alert_with_its_text_for_hosts(
    db, live, participant
):
    question = questions.ask_question(db, participant, "I relapsed again")
    [alert] = support.list_alerts(db, live.id)
    shown = support.alert_payload(db, alert, for_host=True)
    assert (shown["held"], shown["held_text"]) == ("question", question.body)
    assert shown["pseudonym"] == participant.pseudonym


def test_the_author_of_a_held_question_is_told_it_needs_care(db, participant):
    question = questions.ask_question(db, participant, "I relapsed again")
    mine = payloads.question_payload(question, 0, for_author=True)
    assert mine["needs_care"] is True


def test_a_host_may_release_a_held_question(db, host, participant):
    question = questions.ask_question(db, participant, "Relapsed but OK now")
    questions.approve_question(db, host, question.id)
    assert (question.status, question.needs_care) == (QuestionStatus.LIVE, False)


# ----- holding answers -----


def test_a_crisis_open_text_answer_is_held_and_kept_from_the_room(
    db, participant, make_poll
):
    poll = make_poll("open_text")
    response = votes.cast_vote(db, participant, poll.id, {"text": "I'm suicidal"})
    assert (response.status, response.needs_care) == (ResponseStatus.PENDING, True)
    state = payloads.session_state(db, poll_session(db, poll), viewer_kind="presenter")
    assert state["results"][str(poll.id)]["answers"] == []


def test_a_crisis_word_cloud_entry_is_kept_from_the_words_but_shown_to_hosts(
    db, participant, join, make_poll
):
    poll = make_poll("word_cloud")
    votes.cast_vote(db, participant, poll.id, {"text": "overdose"})
    votes.cast_vote(db, join(), poll.id, {"text": "hope"})
    live = poll_session(db, poll)
    room = payloads.session_state(db, live, viewer_kind="presenter")
    hosts = payloads.session_state(db, live, viewer_kind="host")
    assert room["results"][str(poll.id)]["words"] == [{"word": "hope", "count": 1}]
    assert "entries" not in room["results"][str(poll.id)]
    [entry] = hosts["results"][str(poll.id)]["entries"]
    assert (entry["text"], entry["needs_care"]) == ("overdose", True)


def test_the_author_of_a_held_answer_is_told_it_needs_care(db, participant, make_poll):
    poll = make_poll("open_text")
    votes.cast_vote(db, participant, poll.id, {"text": "I relapsed"})
    notes = votes.my_answer_notes(db, participant)
    assert notes[poll.id]["needs_care"] is True


def test_a_held_answer_raises_a_support_alert(db, live, participant, make_poll):
    poll = make_poll("open_text")
    votes.cast_vote(db, participant, poll.id, {"text": "I relapsed"})
    [alert] = support.list_alerts(db, live.id)
    assert support.alert_payload(db, alert, for_host=True)["held"] == "answer"


def poll_session(db, poll):
    from cafe.models import LiveSession

    return db.get(LiveSession, poll.session_id)


# ----- redaction in use -----


def test_a_phone_number_in_a_question_is_redacted_for_the_room(db, live, participant):
    questions.ask_question(db, participant, "Text me on 07700 900123 about it")
    room = payloads.session_state(db, live, viewer_kind="presenter")
    assert room["questions"][0]["body"] == f"Text me on {PHONE} about it"
    assert "original" not in room["questions"][0]


def test_hosts_keep_the_original_of_a_redacted_question(db, live, participant):
    questions.ask_question(db, participant, "Text me on 07700 900123 about it")
    [shown] = payloads.session_state(db, live, viewer_kind="host")["questions"]
    assert shown["original"] == "Text me on 07700 900123 about it"


def test_exports_read_only_redacted_text(db, live, participant, make_poll):
    questions.ask_question(db, participant, "Mail me at jo@example.org")
    poll = make_poll("open_text")
    votes.cast_vote(db, participant, poll.id, {"text": "Call 07700 900123"})
    facts = load_session(db, live)
    assert "jo@example.org" not in facts.questions[0].body
    assert facts.polls[0].answers[0].text == f"Call {PHONE}"


def test_a_newly_listed_name_is_redacted_from_stored_text(db, admin, ask):
    question = ask("Is Dave Jones still running the group?")
    safeguarding.add_redacted_name(db, admin, "dave jones")
    assert question.body == f"Is {NAME} still running the group?"
    assert question.original_body == "Is Dave Jones still running the group?"


def test_an_unlisted_name_comes_back(db, admin, ask):
    question = ask("Is Dave Jones still running the group?")
    row = safeguarding.add_redacted_name(db, admin, "Dave Jones")
    safeguarding.remove_redacted_name(db, admin, row.id)
    assert (question.body, question.original_body) == (
        "Is Dave Jones still running the group?",
        None,
    )


def test_screen_text_reports_both_hold_and_redaction(db):
    screening = safeguarding.screen_text(db, "I overdosed, ring 07700 900123")
    assert screening.held and screening.redacted
    assert screening.shown == f"I overdosed, ring {PHONE}"


# ----- the lists admins keep -----


def test_until_admins_set_it_up_the_default_crisis_list_applies(db):
    assert safeguarding.crisis_terms(db) == list(safeguarding.DEFAULT_CRISIS_TERMS)


def test_an_admin_can_add_a_crisis_term_and_it_holds_text(db, admin, participant):
    safeguarding.add_crisis_term(db, admin, "spice attack")
    question = questions.ask_question(db, participant, "Had a SPICE-ATTACK today")
    assert question.needs_care is True


def test_a_facilitator_cannot_change_the_crisis_list(db, host):
    with pytest.raises(Forbidden):
        safeguarding.add_crisis_term(db, host, "spice")


def test_a_crisis_term_is_listed_once(db, admin):
    safeguarding.add_crisis_term(db, admin, "spice")
    with pytest.raises(Conflict):
        safeguarding.add_crisis_term(db, admin, "SPICE")


def test_a_crisis_term_needs_letters(db, admin):
    with pytest.raises(InvalidInput):
        safeguarding.add_crisis_term(db, admin, "***")


def test_the_last_crisis_term_cannot_be_removed(db, admin):
    terms = safeguarding.list_crisis_terms(db)
    for term in terms[:-1]:
        safeguarding.remove_crisis_term(db, admin, term.id)
    with pytest.raises(Conflict):
        safeguarding.remove_crisis_term(db, admin, terms[-1].id)


def test_signposting_has_sensible_defaults(db):
    names = [s.name for s in safeguarding.signposts(db)]
    assert "Samaritans" in names and "Emergency services" in names


def test_an_admin_can_add_a_local_service_with_opening_times(db, admin):
    entry = Signpost("Recovery hub", "0161 496 0000", "Mon–Fri 9am–5pm")
    safeguarding.add_signpost(db, admin, entry)
    listed = safeguarding.signposts(db)
    assert listed[-1].opening_times == "Mon–Fri 9am–5pm"


def test_a_signpost_needs_contact_details(db, admin):
    with pytest.raises(InvalidInput) as error:
        safeguarding.add_signpost(db, admin, Signpost("Recovery hub", " "))
    assert error.value.field == "contact"


# ----- asking for support -----


def test_a_participant_can_ask_for_support_privately(db, live, participant):
    support.request_support(db, participant, "Can someone talk to me?")
    [alert] = support.list_alerts(db, live.id)
    shown = support.alert_payload(db, alert, for_host=True)
    assert shown["pseudonym"] == participant.pseudonym
    assert shown["message"] == "Can someone talk to me?"


def test_the_author_of_an_alert_does_not_get_the_hosts_fields(db, participant):
    alert = support.request_support(db, participant)
    mine = support.alert_payload(db, alert, for_host=False)
    assert "pseudonym" not in mine and "held_text" not in mine


def test_a_facilitator_answers_an_alert_privately(db, host, live, participant):
    alert = support.request_support(db, participant)
    support.reply_to_support(db, host, live, alert.id, "I'm by the door, come over")
    [reply] = support.alert_payload(db, alert, for_host=False)["replies"]
    assert reply["body"] == "I'm by the door, come over"
    assert reply["author"] == "Hana"


def test_a_commissioner_cannot_answer_an_alert(db, commissioner, live, participant):
    alert = support.request_support(db, participant)
    with pytest.raises(Forbidden):
        support.reply_to_support(db, Actor.staff(commissioner), live, alert.id, "Hi")


def test_an_alert_of_another_session_cannot_be_answered(
    db, host, make_session, participant
):
    alert = support.request_support(db, participant)
    other = make_session()
    with pytest.raises(NotFound):
        support.reply_to_support(db, host, other, alert.id, "Hi")


def test_a_support_message_has_a_length_limit(db, participant):
    with pytest.raises(InvalidInput):
        support.request_support(db, participant, "x" * 501)


def test_a_story_comment_that_signals_risk_is_held_with_an_alert(
    db, host, live, participant
):
    from cafe.domain import story_feed

    post = story_feed.post_update(db, host, live.id, "Week one", consent=True)
    comment = story_feed.add_comment(db, participant, post.id, "I relapsed too")
    assert comment.needs_care and comment.status.value == "pending"
    [alert] = support.list_alerts(db, live.id)
    shown = support.alert_payload(db, alert, for_host=True)
    assert (shown["held"], shown["held_text"]) == ("comment", "I relapsed too")
