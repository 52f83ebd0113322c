"""A whole takeover in three browsers: a facilitator invites a guest host, the guest
runs a poll and posts updates, a participant reacts, the facilitator withdraws the
guest mid-session and then publishes a story from the posts; and a guest whose
time runs out."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from cafe.models import GuestInvite, StoryPost, utcnow
from tests.browser.conftest import PageWatch, phone
from tests.pictures import png

pytestmark = pytest.mark.browser


def invite_guest(desk: Page, setup) -> str:
    """Through the facilitator's guest page; returns the link shown once."""
    desk.goto(f"/workspace/events/{setup.live.event_id}/guests")
    desk.get_by_label("What they will host").select_option(str(setup.live.id))
    desk.get_by_label("Who it is for (only staff see this)").fill("Sam, peer mentor")
    desk.get_by_role("button", name="Create guest link").click()
    link = desk.get_by_label("Guest link")
    expect(link).to_be_visible()
    return link.input_value()


def accept(guest: Page, link: str) -> None:
    guest.goto(link)
    guest.get_by_label("Your name, as everyone will see it").fill("Sam")
    guest.get_by_role("button", name="Start hosting").click()
    expect(guest.get_by_role("heading", name="Hello, Sam")).to_be_visible()


def run_poll(console: Page) -> None:
    console.locator("summary", has_text="New poll").click()
    form = console.locator("form[data-action=create_poll]")
    form.get_by_label("Question", exact=True).fill("Tea or coffee?")
    form.get_by_label("Options, one per line (2 to 10)").fill("Tea\nCoffee")
    form.get_by_role("button", name="Create poll").click()
    card = console.locator("#poll-list li", has_text="Tea or coffee?")
    card.get_by_role("button", name="Open", exact=True).click()
    expect(card).to_contain_text("Open")


def post_update(feed: Page, text: str) -> None:
    feed.get_by_label("Your update").fill(text)
    feed.get_by_label("I agree that this post may be published in a story").check()
    feed.get_by_role("button", name="Post update").click()
    expect(feed.locator(".flashes")).to_contain_text("Your update is on the feed.")


def post_ids(setup) -> list[int]:
    with setup.server.app.app_context():
        store = setup.server.db()
        ids = list(store.scalars(select(StoryPost.id).order_by(StoryPost.id)))
        store.close()
    return ids


def publish_story(desk: Page, setup, ids: list[int]) -> None:
    desk.goto(f"/workspace/events/{setup.live.event_id}/stories")
    desk.get_by_label("Title").fill("A week with Sam")
    desk.get_by_role("button", name="Start the story").click()
    for order, post_id in enumerate(ids, 1):
        desk.locator(f"#item-post-{post_id}").check()
        desk.locator(f"#order-post-{post_id}").fill(str(order))
    desk.get_by_role("button", name="Save story").click()
    expect(desk.locator(".flashes")).to_contain_text("Story saved.")
    desk.get_by_role("link", name="Preview").click()
    expect(desk.get_by_role("heading", name="Preview")).to_be_visible()
    desk.get_by_role("link", name="Back to editing").click()
    desk.get_by_role("button", name="Publish story").click()
    expect(desk.locator(".flashes")).to_contain_text("The story is published.")


def test_a_guest_takes_over_is_withdrawn_and_their_posts_become_a_story(
    setup, staff, person
):
    desk = staff.new_page()
    desk_watch = PageWatch(desk)
    mobile, mobile_watch = phone(person, setup)
    guest, guest_watch = person()

    accept(guest, invite_guest(desk, setup))
    guest.get_by_role("link", name=re.compile("Open the console")).click()
    expect(guest.locator("#console")).to_have_attribute("data-synced", "true")
    expect(mobile.locator("#handover")).to_have_text("Now hosting: Sam")

    run_poll(guest)
    expect(mobile.locator("#poll-list")).to_contain_text("Tea or coffee?")
    mobile.get_by_role("radio", name="Tea").check()
    mobile.locator("#poll-list").get_by_role("button", name="Send answer").click()
    expect(guest.locator("#poll-list")).to_contain_text("1 response")

    feed = guest.context.new_page()
    feed_watch = PageWatch(feed)
    feed.goto("/guest")
    feed.get_by_role("link", name=re.compile("Post to the story feed")).click()
    post_update(feed, "Day one: coffee with the peer mentors.")
    post_update(feed, "Day two: our walking group.")

    mobile.get_by_role("link", name="Stories from the hosts").click()
    expect(mobile.locator("#story-feed")).to_have_attribute("data-synced", "true")
    expect(mobile.locator("#post-list > li")).to_have_count(2)
    expect(mobile.locator("#handover")).to_have_text("Now hosting: Sam")
    first_post = mobile.locator("#post-list > li").first
    first_post.get_by_role("button", name=re.compile("Love this")).click()
    expect(first_post.locator('[data-count="heart"]')).to_have_text("1")
    expect(
        first_post.get_by_role("button", name=re.compile("Love this"))
    ).to_have_attribute("aria-pressed", "true")

    desk.goto(f"/workspace/events/{setup.live.event_id}/guests")
    desk.get_by_role("button", name="Withdraw the link for Sam").click()
    expect(desk.locator(".flashes")).to_contain_text("no longer works")
    expect(guest.get_by_role("alert")).to_contain_text("ended your time as guest host")
    expect(guest.locator("#console")).to_have_js_property("inert", True)
    expect(mobile.locator("#handover")).to_be_hidden()

    feed.get_by_label("Your update").fill("One more thing")
    feed.get_by_role("button", name="Post update").click()
    expect(feed.locator("main")).to_contain_text(
        "The facilitator has withdrawn your guest link."
    )

    publish_story(desk, setup, post_ids(setup))
    reader = mobile.context.new_page()
    reader_watch = PageWatch(reader)
    reader.goto(f"/events/{setup.live.event_id}")
    reader.get_by_role("link", name="A week with Sam").click()
    expect(reader.locator("article")).to_contain_text("Day one: coffee")
    expect(reader.locator("article")).to_contain_text("Day two: our walking group.")

    for watch in (desk_watch, mobile_watch, guest_watch, reader_watch):
        watch.assert_clean()
    feed_watch.assert_clean(allow="403")


def test_a_picture_that_lies_about_its_type_is_refused_with_a_clear_message(
    setup, staff
):
    desk = staff.new_page()
    watch = PageWatch(desk)
    desk.goto(f"/host/sessions/{setup.live.id}/stories")
    desk.get_by_label("Your update").fill("Our café garden")
    desk.get_by_label("A picture (optional)").set_input_files(
        {"name": "garden.jpg", "mimeType": "image/jpeg", "buffer": png()}
    )
    desk.get_by_label("Describe the picture for people who cannot see it").fill(
        "A garden"
    )
    desk.get_by_role("button", name="Post update").click()
    expect(desk.get_by_role("alert")).to_contain_text(
        "This file says it is a JPEG picture but it is really a PNG picture."
    )
    watch.assert_clean(allow="400")


def end_window(setup) -> None:
    """The guest's time runs out (as the clock would make it)."""
    with setup.server.app.app_context():
        store = setup.server.db()
        for invite in store.scalars(select(GuestInvite)):
            if invite.event_id == setup.live.event_id:
                invite.ends_at = utcnow()
        store.commit()
        store.close()


def test_when_the_guests_time_ends_their_next_action_is_refused(setup, staff, person):
    desk = staff.new_page()
    guest, guest_watch = person()
    accept(guest, invite_guest(desk, setup))
    guest.get_by_role("link", name=re.compile("Open the console")).click()
    expect(guest.locator("#console")).to_have_attribute("data-synced", "true")

    end_window(setup)
    guest.get_by_role("button", name="Close questions").click()

    expect(guest.locator("#console-error")).to_have_text(
        "Your time as guest host has ended. Thank you for hosting."
    )
    guest_watch.assert_clean()
