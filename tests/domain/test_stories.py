"""The story feed (posts, reactions, comments) and curated stories with consent."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from cafe.domain import (
    events,
    guests,
    images,
    polls,
    questions,
    sessions,
    stories,
    story_feed,
    votes,
)
from cafe.domain.errors import Conflict, Forbidden, InvalidInput, NotFound
from cafe.domain.events import EventDetails
from cafe.domain.profanity import ProfanityFilter
from cafe.domain.story_payloads import feed_payload
from cafe.models import AuditEntry, GuestInvite, StoryStatus, utcnow
from tests.domain.guest_helpers import HOUR, accepted_guest
from tests.pictures import camera_photo


@pytest.fixture
def guest(db, host, live):
    return accepted_guest(db, host, live)


@pytest.fixture
def post(db, live, guest):
    """Post an update as the guest, with consent unless told otherwise."""

    def make(body="Day one of my takeover.", *, by=None, consent=True, **extra):
        return story_feed.post_update(
            db, by or guest, live.id, body, consent=consent, **extra
        )

    return make


@pytest.fixture
def story(db, host, live):
    return stories.create_story(db, host, live.event_id, "A week with Sam", "Intro")


def publish_with(db, host, story, *refs):
    stories.set_items(db, host, story.id, list(refs))
    return stories.publish_story(db, host, story.id)


# ----- posting -----


def test_a_guest_posts_an_update_under_their_chosen_name(db, post):
    posted = post()
    assert posted.author_name == "Sam" and posted.author_kind.value == "guest"
    assert posted.consent is True


def test_posting_is_recorded_in_the_audit_log_as_the_guest(db, post, guest):
    posted = post()
    entry = db.scalar(
        select(AuditEntry).where(AuditEntry.action == "story_post.create")
    )
    assert entry.target_id == posted.id
    assert entry.actor_label == f"guest:Sam (invite {guest.id})"


def test_a_facilitator_posts_under_their_own_name(db, post, host):
    assert post(by=host).author_name == "Hana"


def test_an_update_over_the_limit_is_refused(db, post):
    with pytest.raises(InvalidInput, match="500 characters"):
        post("x" * 501)


def test_someone_who_may_not_host_cannot_post(db, live, outsider):
    with pytest.raises(Forbidden):
        story_feed.post_update(db, outsider, live.id, "Hello", consent=True)


def test_a_revoked_guest_cannot_post(db, host, post, guest):
    guests.revoke_invite(db, host, guest.id)
    with pytest.raises(Forbidden, match="withdrawn"):
        post()


def test_nobody_posts_to_an_ended_session(db, host, live, post):
    sessions.change_session_state(db, host, live.id, "end")
    with pytest.raises(Conflict):
        post(by=host)


def test_a_picture_is_stored_with_its_description(db, post):
    prepared = images.prepare_image(camera_photo())
    posted = post(image=prepared, alt_text="The café garden in the sun")
    assert posted.image.width == 1280
    assert posted.image.alt_text == "The café garden in the sun"


def test_a_picture_needs_a_description(db, post):
    prepared = images.prepare_image(camera_photo())
    with pytest.raises(InvalidInput) as refusal:
        post(image=prepared, alt_text="  ")
    assert refusal.value.field == "alt_text"


# ----- reacting and commenting -----


def test_a_participant_reacts_once_per_kind(db, post, participant):
    posted = post()
    for _ in range(2):
        story_feed.set_reaction(db, participant, posted.id, "heart", True)
    story_feed.set_reaction(db, participant, posted.id, "clap", True)
    counts = feed_payload(db, posted.session_id, for_host=False)["posts"][0]
    assert counts["reactions"] == {"heart": 1, "clap": 1, "hug": 0, "strong": 0}


def test_a_participant_takes_back_a_reaction(db, post, participant):
    posted = post()
    story_feed.set_reaction(db, participant, posted.id, "hug", True)
    story_feed.set_reaction(db, participant, posted.id, "hug", False)
    shown = feed_payload(db, posted.session_id, for_host=False, participant=participant)
    assert shown["posts"][0]["reactions"]["hug"] == 0
    assert shown["posts"][0]["my_reactions"] == []


def test_an_unknown_reaction_is_refused(db, post, participant):
    with pytest.raises(InvalidInput):
        story_feed.set_reaction(db, participant, post().id, "angry", True)


def test_a_participant_of_another_session_cannot_react(db, post, make_session, join):
    stranger = join(make_session())
    with pytest.raises(NotFound):
        story_feed.set_reaction(db, stranger, post().id, "heart", True)


def test_comments_show_at_once_in_a_post_moderated_session(db, post, participant):
    comment = story_feed.add_comment(db, participant, post().id, "So proud of you")
    assert comment.status.value == "visible"


def test_comments_wait_for_a_host_in_a_pre_moderated_session(db, host, pre_live, join):
    guest = accepted_guest(db, host, pre_live)
    posted = story_feed.post_update(db, guest, pre_live.id, "Hi", consent=False)
    comment = story_feed.add_comment(db, join(pre_live), posted.id, "Welcome!")
    assert comment.status.value == "pending"
    story_feed.moderate_comment(db, guest, comment.id, "approve")
    assert comment.status.value == "visible"


def test_others_see_visible_comments_and_their_own_waiting_ones(
    db, host, pre_live, join
):
    posted = story_feed.post_update(db, host, pre_live.id, "Hi", consent=False)
    author, other = join(pre_live), join(pre_live)
    story_feed.add_comment(db, author, posted.id, "Waiting comment")
    seen_by = {
        "author": feed_payload(db, pre_live.id, for_host=False, participant=author),
        "other": feed_payload(db, pre_live.id, for_host=False, participant=other),
        "host": feed_payload(db, pre_live.id, for_host=True),
    }
    counts = {k: len(v["posts"][0]["comments"]) for k, v in seen_by.items()}
    assert counts == {"author": 1, "other": 0, "host": 1}


def test_a_hidden_comment_leaves_the_feed(db, post, guest, participant):
    comment = story_feed.add_comment(db, participant, post().id, "Hmm")
    story_feed.moderate_comment(db, guest, comment.id, "hide")
    shown = feed_payload(db, comment_session(db, comment), for_host=False)
    assert shown["posts"][0]["comments"] == []


def comment_session(db, comment):
    return story_feed.get_post(db, comment.post_id).session_id


def test_an_offensive_comment_is_refused(db, post, participant):
    with pytest.raises(InvalidInput, match="without swearing"):
        story_feed.add_comment(
            db, participant, post().id, "shit", profanity=ProfanityFilter.default()
        )


def test_the_feed_names_nobody_but_by_their_chosen_name(db, post, join):
    anonymous, named = join(), join(name="Robin")
    posted = post()
    story_feed.add_comment(db, anonymous, posted.id, "Lovely")
    story_feed.add_comment(db, named, posted.id, "Thanks Sam")
    shown = feed_payload(db, posted.session_id, for_host=True)
    text = repr(shown)
    assert anonymous.pseudonym not in text and named.pseudonym not in text
    assert [c["author"] for c in shown["posts"][0]["comments"]] == [None, "Robin"]
    assert "participant_id" not in text


# ----- stories and consent -----


def test_a_story_keeps_its_items_in_the_chosen_order(db, host, story, post, ask):
    first, second = post("One"), post("Two")
    question = ask("What helped most?")
    stories.set_items(
        db,
        host,
        story.id,
        [("post", second.id), ("question", question.id), ("post", first.id)],
    )
    blocks = stories.story_blocks(db, story)
    assert [b.kind for b in blocks] == ["post", "question", "post"]
    assert [blocks[0].post.body, blocks[2].post.body] == ["Two", "One"]


def test_a_story_is_published_when_every_author_consents(db, host, story, post):
    published = publish_with(db, host, story, ("post", post().id))
    assert published.status == StoryStatus.PUBLISHED
    assert stories.public_story(db, story.id) is story


def test_a_story_cannot_be_published_while_a_post_lacks_consent(db, host, story, post):
    with pytest.raises(Conflict, match="not agreed to publishing"):
        publish_with(db, host, story, ("post", post(consent=False).id))


def test_withdrawing_consent_takes_the_post_out_of_a_published_story(
    db, host, story, post, guest
):
    kept, withdrawn = post("Kept"), post("Withdrawn")
    publish_with(db, host, story, ("post", kept.id), ("post", withdrawn.id))
    story_feed.set_consent(db, guest, withdrawn.id, False)
    public = stories.story_blocks(db, stories.public_story(db, story.id), public=True)
    assert [b.post.body for b in public] == ["Kept"]
    assert withdrawn.consent_withdrawn_at is not None


def test_withdrawing_consent_is_recorded_with_the_stories_it_left(
    db, host, story, post, guest
):
    posted = post()
    publish_with(db, host, story, ("post", posted.id))
    story_feed.set_consent(db, guest, posted.id, False)
    entry = db.scalar(
        select(AuditEntry).where(AuditEntry.action == "story_post.consent_withdraw")
    )
    assert entry.details == {"stories": [story.id]}


def test_a_guest_can_withdraw_consent_after_their_time_has_ended(db, post, guest):
    posted = post()
    db.get(GuestInvite, guest.id).ends_at = utcnow()
    story_feed.set_consent(db, guest, posted.id, False)
    assert posted.consent is False


def test_only_the_author_can_change_consent(db, host, live, post):
    other_guest = accepted_guest(db, host, live, name="Alex")
    posted = post()
    for someone in (host, other_guest):
        with pytest.raises(Forbidden):
            story_feed.set_consent(db, someone, posted.id, False)


def test_consent_given_later_lets_the_story_be_published(db, host, story, post, guest):
    posted = post(consent=False)
    story_feed.set_consent(db, guest, posted.id, True)
    assert publish_with(db, host, story, ("post", posted.id)).published_at


def test_a_post_without_consent_cannot_join_a_published_story(db, host, story, post):
    publish_with(db, host, story, ("post", post().id))
    with pytest.raises(Conflict):
        stories.set_items(db, host, story.id, [("post", post(consent=False).id)])


def test_removing_a_post_takes_it_out_of_every_story(db, host, story, post):
    posted = post()
    publish_with(db, host, story, ("post", posted.id))
    story_feed.remove_post(db, host, posted.id)
    assert story.items == []
    assert feed_payload(db, posted.session_id, for_host=True)["posts"] == []


def test_a_story_takes_only_items_of_its_event(db, host, story, make_session):
    elsewhere = make_session()
    stranger = story_feed.post_update(db, host, elsewhere.id, "Hi", consent=True)
    with pytest.raises(NotFound):
        stories.set_items(db, host, story.id, [("post", stranger.id)])


def test_a_story_takes_only_questions_shown_to_everyone(db, host, pre_live, join):
    waiting_story = stories.create_story(db, host, pre_live.event_id, "Waiting")
    waiting = questions.ask_question(db, join(pre_live), "Still waiting?")
    with pytest.raises(Conflict):
        stories.set_items(db, host, waiting_story.id, [("question", waiting.id)])


def test_a_story_takes_only_closed_polls(db, host, story, make_poll):
    poll = make_poll()
    with pytest.raises(Conflict, match="Close a poll"):
        stories.set_items(db, host, story.id, [("poll", poll.id)])


def test_a_poll_in_a_story_shows_what_participants_saw(
    db, host, story, make_poll, participant
):
    poll = make_poll()
    votes.cast_vote(db, participant, poll.id, {"option_ids": [poll.options[0].id]})
    polls.close_poll(db, host, poll.id)
    publish_with(db, host, story, ("poll", poll.id))
    [block] = stories.story_blocks(db, story, public=True)
    assert block.results["n"] == 1 and block.results["shown"] is True


def test_repeated_items_are_refused(db, host, story, post):
    posted = post()
    with pytest.raises(InvalidInput):
        stories.set_items(db, host, story.id, [("post", posted.id)] * 2)


def test_an_empty_story_cannot_be_published(db, host, story):
    with pytest.raises(Conflict, match="at least one"):
        stories.publish_story(db, host, story.id)


def test_a_story_of_a_draft_event_cannot_be_published(db, host):
    event = events.create_event(
        db, host, EventDetails("Draft", utcnow(), utcnow() + HOUR)
    )
    live = sessions.create_session(
        db, host, event.id, sessions.SessionDetails("Draft session")
    )
    posted = story_feed.post_update(db, host, live.id, "Hi", consent=True)
    draft = stories.create_story(db, host, event.id, "Too early")
    with pytest.raises(Conflict, match="Publish the event first"):
        publish_with(db, host, draft, ("post", posted.id))


def test_a_draft_story_is_not_public(db, story):
    with pytest.raises(NotFound):
        stories.public_story(db, story.id)


def test_published_stories_lists_only_published_ones(db, host, live, story, post):
    draft = stories.create_story(db, host, live.event_id, "Not yet")
    publish_with(db, host, story, ("post", post().id))
    assert stories.published_stories(db, [live.event_id]) == [story]
    assert draft not in stories.published_stories(db, [live.event_id])


def test_publishing_is_recorded_in_the_audit_log(db, host, story, post):
    publish_with(db, host, story, ("post", post().id))
    actions = db.scalars(select(AuditEntry.action).where(AuditEntry.user_id == host.id))
    assert {"story.create", "story.items", "story.publish"} <= set(actions)
