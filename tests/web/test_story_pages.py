"""The story feed and curated stories over HTTP, from posting to publishing."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image
from sqlalchemy import select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from cafe.domain import sessions, stories
from cafe.domain.actors import Actor
from cafe.domain.sessions import SessionDetails
from cafe.models import StoryComment, StoryPost, StoryReaction
from tests.pictures import camera_photo, png
from tests.web.conftest import count, csrf_token, refresh, submit
from tests.web.hosting_helpers import enter, sign_in_guest, start


@pytest.fixture
def live(store, organiser, joinable):
    return start(store, organiser, joinable)


@pytest.fixture
def guest(app, store, organiser, live):
    browser = app.test_client()
    browser.invite = sign_in_guest(browser, store, organiser, live)
    return browser


@pytest.fixture
def phone(app, store, live):
    """A participant's browser that joined the live session."""
    browser = app.test_client()
    browser.participant = enter(browser, store, live)
    return browser


def host_url(live) -> str:
    return f"/host/sessions/{live.id}/stories"


def feed_url(live) -> str:
    return f"/s/{live.join_code}/stories"


def post_update(browser, live, body="Day one.", *, consent=True, picture=None):
    """Post through the host's form, as a browser sends a file."""
    data = {"csrf_token": csrf_token(browser, host_url(live)), "body": body}
    if consent:
        data["consent"] = "y"
    if picture is not None:
        content, name, kind = picture
        data["image"] = FileStorage(io.BytesIO(content), name, content_type=kind)
        data["alt_text"] = "Our table at the café"
    return send_multipart(browser, host_url(live), data)


def send_multipart(browser, url, data):
    """Encoded in memory: the test client's own encoder leaves a temporary file
    open for large bodies."""
    boundary, body = encode_multipart(data)
    content_type = f"multipart/form-data; boundary={boundary}"
    return browser.post(url, data=body, content_type=content_type)


def last_post(store) -> StoryPost:
    refresh(store)
    return store.scalars(select(StoryPost).order_by(StoryPost.id.desc())).first()


def flashed_error(response) -> str:
    page = response.get_data(as_text=True)
    found = re.search(
        r'class="(?:flash flash--error|error-message)"[^>]*>(.*?)</p>', page, re.S
    )
    if not found:
        return ""
    text = re.sub(r"<[^>]+>", "", found.group(1)).strip()
    return text.removeprefix("Error: ")


# ----- posting -----


def test_a_guest_posts_an_update_to_the_feed(guest, store, live):
    response = post_update(guest, live, "Hello from Sam")
    assert response.status_code == 303
    post = last_post(store)
    assert (post.body, post.author_name, post.consent) == (
        "Hello from Sam",
        "Sam",
        True,
    )


def test_a_posted_picture_is_served_small_and_without_metadata(guest, store, live):
    post_update(guest, live, picture=(camera_photo(), "me.jpg", "image/jpeg"))
    served = guest.get(f"/story-images/{last_post(store).id}")
    picture = Image.open(io.BytesIO(served.data))
    assert served.mimetype == "image/jpeg"
    assert max(picture.size) == 1280
    assert dict(picture.getexif()) == {}
    assert b"PhoneMaker" not in served.data


def test_a_picture_that_lies_about_its_type_is_refused_with_a_clear_message(
    guest, store, live
):
    response = post_update(guest, live, picture=(png(), "holiday.jpg", "image/jpeg"))
    assert response.status_code == 400
    assert "says it is a JPEG picture but it is really a PNG picture" in flashed_error(
        response
    )
    assert count(store, StoryPost) == 0


def test_a_file_that_is_not_a_picture_is_refused_with_a_clear_message(
    guest, store, live
):
    page = (b"<html></html>", "photo.jpg", "image/jpeg")
    response = post_update(guest, live, picture=page)
    assert response.status_code == 400
    assert "is not a JPEG, PNG or WebP picture" in flashed_error(response)


def test_a_picture_over_the_limit_is_refused_with_the_limit(guest, store, live):
    big = (b"\xff\xd8" + b"0" * (3 * 1024 * 1024 + 10), "big.jpg", "image/jpeg")
    response = post_update(guest, live, picture=big)
    assert response.status_code == 400
    assert flashed_error(response) == "The picture is too large: choose one up to 3 MB."


def test_an_upload_over_the_request_limit_comes_back_with_the_same_message(
    guest, store, live
):
    huge = (b"0" * (5 * 1024 * 1024), "huge.jpg", "image/jpeg")
    response = post_update(guest, live, picture=huge)
    assert response.status_code == 303
    page = guest.get(response.location).get_data(as_text=True)
    assert "The picture is too large: choose one up to 3 MB." in page
    assert count(store, StoryPost) == 0


def test_a_picture_needs_a_description(guest, store, live):
    data = {
        "csrf_token": csrf_token(guest, host_url(live)),
        "body": "Look",
        "image": FileStorage(
            io.BytesIO(camera_photo(200, 100)), "a.jpg", content_type="image/jpeg"
        ),
    }
    response = send_multipart(guest, host_url(live), data)
    assert response.status_code == 400
    assert "description of the picture cannot be empty" in response.get_data(
        as_text=True
    )


def test_a_participant_cannot_post(phone, store, live):
    response = phone.get(host_url(live))
    assert response.status_code == 302 and "/login" in response.location


def test_a_guest_cannot_post_to_another_session(guest, store, organiser, live):
    other = sessions.create_session(
        store, Actor.staff(organiser), live.event_id, SessionDetails("Later")
    )
    store.commit()
    assert guest.get(host_url(other)).status_code == 403


# ----- reacting and commenting without JavaScript -----


@pytest.fixture
def posted(guest, store, live):
    post_update(guest, live, "Day one of my takeover")
    return last_post(store)


def test_the_feed_shows_the_posts_to_a_participant(phone, live, posted):
    page = phone.get(feed_url(live)).get_data(as_text=True)
    assert "Day one of my takeover" in page and "Guest host" in page


def test_a_browser_that_has_not_joined_is_sent_to_join(client, live, posted):
    response = client.get(feed_url(live))
    assert response.status_code == 302 and f"/j/{live.join_code}" in response.location


def test_a_participant_reacts_and_takes_it_back(phone, store, live, posted):
    url = f"{feed_url(live)}/{posted.id}/reactions"
    submit(phone, feed_url(live), {"reaction": "hug", "on": "1"}, action_url=url)
    assert count(store, StoryReaction) == 1
    page = phone.get(feed_url(live)).get_data(as_text=True)
    assert 'aria-pressed="true" data-reaction="hug"' in page
    submit(phone, feed_url(live), {"reaction": "hug", "on": "0"}, action_url=url)
    assert count(store, StoryReaction) == 0


def test_an_unknown_reaction_is_refused(phone, store, live, posted):
    url = f"{feed_url(live)}/{posted.id}/reactions"
    response = submit(phone, feed_url(live), {"reaction": "angry", "on": "1"}, url)
    assert response.status_code == 400
    assert count(store, StoryReaction) == 0


def test_a_comment_waits_for_a_host_in_a_pre_moderated_session(
    guest, phone, store, organiser, live, posted
):
    details = SessionDetails(live.title, moderation_mode="pre")
    sessions.update_session(store, Actor.staff(organiser), live.id, details)
    store.commit()
    url = f"{feed_url(live)}/{posted.id}/comments"
    response = submit(phone, feed_url(live), {"body": "Proud of you"}, url)
    assert "once a host approves it" in phone.get(response.location).get_data(
        as_text=True
    )
    comment = store.scalars(select(StoryComment)).one()
    assert comment.status.value == "pending"
    submit(
        guest,
        host_url(live),
        {"action": "approve", "back": host_url(live)},
        f"/host/comments/{comment.id}/moderate",
    )
    refresh(store)
    assert store.get(StoryComment, comment.id).status.value == "visible"


def test_the_host_page_names_no_participant(guest, phone, store, live, posted):
    url = f"{feed_url(live)}/{posted.id}/comments"
    submit(phone, feed_url(live), {"body": "Lovely"}, url)
    page = guest.get(host_url(live)).get_data(as_text=True)
    assert "Lovely" in page and "Anonymous" in page
    assert phone.participant.pseudonym not in page


# ----- pictures are private until published -----


def test_a_picture_is_hidden_from_strangers_until_its_story_is_published(
    app, guest, store, organiser, live
):
    post_update(guest, live, picture=(camera_photo(300, 200), "a.jpg", "image/jpeg"))
    post = last_post(store)
    stranger = app.test_client()
    assert stranger.get(f"/story-images/{post.id}").status_code == 404
    actor = Actor.staff(organiser)
    story = stories.create_story(store, actor, live.event_id, "Sam's week")
    stories.set_items(store, actor, story.id, [("post", post.id)])
    stories.publish_story(store, actor, story.id)
    store.commit()
    assert stranger.get(f"/story-images/{post.id}").status_code == 200


# ----- consent and curating -----


def story_url(story_id: int) -> str:
    return f"/workspace/stories/{story_id}"


def start_story(client, live, title="A week with Sam") -> int:
    response = submit(
        client,
        f"/workspace/events/{live.event_id}/stories",
        {"title": title, "introduction": "Sam hosted our café."},
    )
    return int(response.location.rsplit("/", 1)[1])


def choose(client, story_id, *posts, title="A week with Sam"):
    data = {"title": title, "introduction": "Sam hosted our café.", "item": []}
    for position, post in enumerate(posts, 1):
        data["item"].append(f"post:{post.id}")
        data[f"order-post:{post.id}"] = str(position)
    return submit(client, story_url(story_id), data)


def publish(client, story_id):
    return submit(
        client, story_url(story_id), {}, action_url=f"{story_url(story_id)}/publish"
    )


def test_a_story_goes_from_posts_to_a_public_page(
    app, guest, facilitator_client, store, live
):
    post_update(guest, live, "First day")
    first = last_post(store)
    post_update(guest, live, "Second day")
    second = last_post(store)
    story_id = start_story(facilitator_client, live)
    assert choose(facilitator_client, story_id, second, first).status_code == 303
    preview = facilitator_client.get(f"{story_url(story_id)}/preview")
    assert "Preview" in preview.get_data(as_text=True)
    assert publish(facilitator_client, story_id).status_code == 303
    page = app.test_client().get(f"/stories/{story_id}").get_data(as_text=True)
    assert page.index("Second day") < page.index("First day")
    event_page = app.test_client().get(f"/events/{live.event_id}")
    assert "A week with Sam" in event_page.get_data(as_text=True)


def test_a_story_with_a_post_lacking_consent_is_not_published(
    app, guest, facilitator_client, store, live
):
    post_update(guest, live, "Private thoughts", consent=False)
    story_id = start_story(facilitator_client, live)
    choose(facilitator_client, story_id, last_post(store))
    preview = facilitator_client.get(f"{story_url(story_id)}/preview")
    assert "Not shown until the author agrees" in preview.get_data(as_text=True)
    response = publish(facilitator_client, story_id)
    assert response.status_code == 409
    assert "not agreed to publishing" in response.get_data(as_text=True)
    assert app.test_client().get(f"/stories/{story_id}").status_code == 404


def test_withdrawing_consent_takes_the_post_off_the_public_story(
    app, guest, facilitator_client, store, live
):
    post_update(guest, live, "Kept post")
    kept = last_post(store)
    post_update(guest, live, "Withdrawn post")
    withdrawn = last_post(store)
    story_id = start_story(facilitator_client, live)
    choose(facilitator_client, story_id, kept, withdrawn)
    publish(facilitator_client, story_id)
    response = submit(
        guest,
        "/guest",
        {"consent": "withdraw", "back": "/guest"},
        action_url=f"/host/posts/{withdrawn.id}/consent",
    )
    assert response.status_code == 303
    page = app.test_client().get(f"/stories/{story_id}").get_data(as_text=True)
    assert "Kept post" in page and "Withdrawn post" not in page


def test_a_guest_can_withdraw_consent_after_their_link_is_withdrawn(
    guest, facilitator_client, store, live
):
    post_update(guest, live, "Mine")
    post = last_post(store)
    submit(
        facilitator_client,
        f"/workspace/events/{live.event_id}/guests",
        {},
        action_url=f"/workspace/guests/{guest.invite.id}/revoke",
    )
    submit(guest, "/guest", {"consent": "withdraw"}, f"/host/posts/{post.id}/consent")
    refresh(store)
    assert store.get(StoryPost, post.id).consent is False


def test_a_guest_cannot_change_the_consent_of_someone_else(
    guest, facilitator_client, store, live
):
    post_update(facilitator_client, live, "Staff post")
    post = last_post(store)
    response = submit(
        guest, "/guest", {"consent": "withdraw"}, f"/host/posts/{post.id}/consent"
    )
    assert response.status_code == 403
    refresh(store)
    assert store.get(StoryPost, post.id).consent is True


def test_a_guest_cannot_curate_or_publish(guest, store, organiser, live):
    story = stories.create_story(store, Actor.staff(organiser), live.event_id, "T")
    store.commit()
    assert guest.get(story_url(story.id)).status_code == 302
    response = submit(guest, "/guest", {}, action_url=f"{story_url(story.id)}/publish")
    assert response.status_code == 302 and "/login" in response.location


def test_a_removed_post_leaves_the_feed(guest, phone, store, live):
    post_update(guest, live, "Oops")
    post = last_post(store)
    submit(
        guest,
        host_url(live),
        {"back": host_url(live)},
        action_url=f"/host/posts/{post.id}/remove",
    )
    assert "Oops" not in phone.get(feed_url(live)).get_data(as_text=True)
    refresh(store)
    assert store.get(StoryPost, post.id).removed_at is not None


def test_commenting_too_often_is_refused_like_over_the_socket(
    phone, store, live, posted
):
    url = f"{feed_url(live)}/{posted.id}/comments"
    statuses = [
        submit(phone, feed_url(live), {"body": f"Comment {n}"}, url).status_code
        for n in range(7)
    ]
    assert statuses == [303] * 6 + [429]
    assert count(store, StoryComment) == 6


def test_a_refused_comment_keeps_what_was_typed(phone, store, live, posted):
    url = f"{feed_url(live)}/{posted.id}/comments"
    response = submit(phone, feed_url(live), {"body": "x" * 301}, url)
    assert response.status_code == 400
    assert "x" * 301 in response.get_data(as_text=True)
    assert count(store, StoryComment) == 0
