"""Safeguarding in a real browser: a crisis message is held away from the projector,
flagged for hosts and answered privately; personal data never reaches the screen."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import console, phone, presenter

pytestmark = pytest.mark.browser

CRISIS = "I relapsed last night and I feel like ending it all"


def test_a_held_crisis_message_never_reaches_the_presenter_but_hosts_see_it(
    setup, staff, person
):
    screen, screen_watch = presenter(staff, setup)
    desk, desk_watch = console(staff, setup)
    mobile, mobile_watch = phone(person, setup)

    mobile.get_by_role("textbox", name="Your question").fill(CRISIS)
    mobile.get_by_role("button", name="Send question").click()

    care = mobile.locator("#care")
    expect(care).to_be_visible()
    expect(care).to_contain_text("passed privately to the facilitators")
    expect(care.locator(".signposts")).to_contain_text("Samaritans")
    expect(mobile.locator("#my-question-list")).to_contain_text("Passed privately")
    card = desk.locator("#list-pending li", has_text=CRISIS)
    expect(card.locator(".badge-care")).to_have_text("Needs care")
    expect(desk.locator("#support-list")).to_contain_text(CRISIS)
    # A later question reaches the presenter, so the held one had its chance too.
    mobile.get_by_role("textbox", name="Your question").fill("Is there parking?")
    mobile.get_by_role("button", name="Send question").click()
    expect(screen.locator("#top-questions")).to_contain_text("Is there parking?")
    expect(screen.locator("#present")).not_to_contain_text("relapsed")
    for watch in (screen_watch, desk_watch, mobile_watch):
        watch.assert_clean()


def test_a_facilitator_answers_a_held_message_privately(setup, staff, person):
    desk, desk_watch = console(staff, setup)
    author, author_watch = phone(person, setup)
    other, other_watch = phone(person, setup)

    author.get_by_role("textbox", name="Your question").fill(CRISIS)
    author.get_by_role("button", name="Send question").click()
    alert = desk.locator("#support-list li", has_text=CRISIS)
    alert.get_by_label("Private reply (only this person sees it)").fill(
        "I'm by the tea urn, come and find me"
    )
    alert.get_by_role("button", name="Send privately").click()

    expect(author.locator("#support-list")).to_contain_text("by the tea urn")
    expect(alert.locator(".support-replies")).to_contain_text("by the tea urn")
    expect(other.locator("#support-list")).to_be_hidden()
    expect(other.locator("#participant")).not_to_contain_text("tea urn")
    for watch in (desk_watch, author_watch, other_watch):
        watch.assert_clean()


def test_a_phone_number_is_redacted_on_the_presenter_and_whole_in_the_console(
    setup, staff, person
):
    screen, screen_watch = presenter(staff, setup)
    desk, desk_watch = console(staff, setup)
    mobile, mobile_watch = phone(person, setup)

    mobile.get_by_role("textbox", name="Your question").fill(
        "Can the housing team ring me on 07700 900123?"
    )
    mobile.get_by_role("button", name="Send question").click()

    expect(screen.locator("#top-questions")).to_contain_text(
        "Can the housing team ring me on [phone number]?"
    )
    expect(screen.locator("#present")).not_to_contain_text("07700")
    card = desk.locator("#list-live li", has_text="[phone number]")
    expect(card.locator(".original")).to_contain_text("07700 900123")
    for watch in (screen_watch, desk_watch, mobile_watch):
        watch.assert_clean()


def test_the_support_button_alerts_the_facilitators(setup, staff, person):
    desk, desk_watch = console(staff, setup)
    mobile, mobile_watch = phone(person, setup)

    mobile.get_by_label("Anything you want to say (optional)").fill("Feeling shaky")
    mobile.get_by_role("button", name="I need support").click()

    expect(mobile.locator("#support-list")).to_contain_text("Feeling shaky")
    expect(desk.locator("#support-list")).to_contain_text("Feeling shaky")
    expect(desk.locator("#count-support")).to_have_text("1")
    desk_watch.assert_clean()
    mobile_watch.assert_clean()


def test_a_muted_participant_sees_why_their_question_is_refused(setup, staff, person):
    desk, desk_watch = console(staff, setup)
    mobile, mobile_watch = phone(person, setup)
    mobile.get_by_role("textbox", name="Your question").fill("First question")
    mobile.get_by_role("button", name="Send question").click()

    card = desk.locator("#list-live li", has_text="First question")
    card.get_by_role("button", name="Mute its author").click()
    expect(mobile.locator("#muted-note")).to_be_visible()
    expect(desk.locator("#mute-list li")).to_have_count(1)
    mobile.get_by_role("textbox", name="Your question").fill("Second question")
    mobile.get_by_role("button", name="Send question").click()

    expect(mobile.locator("#ask-form .form-error")).to_contain_text("paused your posts")
    desk_watch.assert_clean()
    mobile_watch.assert_clean()
