"""Phones, the console and the presenter screen follow each other without reloads."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import console, phone, presenter

pytestmark = pytest.mark.browser


def send_answer(page: Page, poll_id: int) -> None:
    page.locator(f"#poll-{poll_id}").get_by_role("button", name="Send answer").click()
    expect(page.locator(f"#poll-{poll_id} .poll-answered")).to_be_visible()


def choose_friday(page: Page) -> None:
    page.get_by_role("radio", name="Friday").check()


def choose_two(page: Page) -> None:
    page.get_by_role("checkbox", name="Food").check()
    page.get_by_role("checkbox", name="Bus fare").check()


def rate_four(page: Page) -> None:
    page.get_by_role("radio", name="4", exact=True).check()


def type_word(page: Page) -> None:
    page.get_by_role("textbox", name="Your word or words").fill("Hope")


def type_answer(page: Page) -> None:
    page.get_by_role("textbox", name="Your answer").fill("More evening sessions")


def rank_three(page: Page) -> None:
    page.get_by_label("Position 1 (highest)").select_option(label="Peer support")
    page.get_by_label("Position 2").select_option(label="Housing")
    page.get_by_label("Position 3").select_option(label="Jobs")


KINDS = {
    "single": (
        {"options": ["Monday", "Friday"]},
        choose_friday,
        ".chart",
        "Friday: 1 (100%)",
    ),
    "multiple": (
        {"options": ["Food", "Childcare", "Bus fare"], "max_choices": 2},
        choose_two,
        ".chart",
        "Bus fare: 1 (100%)",
    ),
    "rating": (
        {"scale_max": 5, "scale_min_label": "Not at all", "scale_max_label": "Very"},
        rate_four,
        ".results-average",
        "Average 4.0 out of 5",
    ),
    "word_cloud": ({}, type_word, ".words", "hope (1)"),
    "open_text": ({}, type_answer, ".answers", "More evening sessions"),
    "ranking": (
        {"options": ["Housing", "Jobs", "Peer support"]},
        rank_three,
        ".chart",
        "Peer support: 2 points",
    ),
}


@pytest.mark.parametrize("kind", KINDS)
def test_an_answer_from_a_phone_reaches_the_presenter_without_a_reload(
    setup, staff, person, kind
):
    extra, answer, part, shown = KINDS[kind]
    poll_id = setup.add_poll(kind=kind, question=f"A {kind} poll", **extra)
    screen, screen_watch = presenter(staff, setup)
    mobile, mobile_watch = phone(person, setup)

    answer(mobile)
    send_answer(mobile, poll_id)

    results = screen.locator(f"#presults-{poll_id}")
    expect(results.locator(".results-n")).to_have_text("1 response")
    if part == ".chart":
        expect(results.locator(part)).to_have_attribute(
            "aria-label", re.compile(re.escape(shown))
        )
    else:
        expect(results.locator(part)).to_contain_text(shown)
    screen_watch.assert_clean()
    mobile_watch.assert_clean()


def test_a_question_from_a_phone_reaches_the_presenter_and_the_console(
    setup, staff, person
):
    screen, screen_watch = presenter(staff, setup)
    desk, desk_watch = console(staff, setup)
    mobile, mobile_watch = phone(person, setup)

    mobile.get_by_role("textbox", name="Your question").fill("Can it open later?")
    mobile.get_by_role("button", name="Send question").click()

    expect(screen.locator("#top-questions")).to_contain_text("Can it open later?")
    expect(desk.locator("#list-live")).to_contain_text("Can it open later?")
    expect(mobile.locator("#my-question-list")).to_contain_text("On the list")
    for watch in (screen_watch, desk_watch, mobile_watch):
        watch.assert_clean()


def test_an_upvote_on_one_phone_shows_on_another(setup, person):
    question_id = setup.ask("Will there be food?")
    first, first_watch = phone(person, setup)
    second, second_watch = phone(person, setup)

    first.locator(f"#question-{question_id}").get_by_role("button").click()

    expect(first.locator(f"#question-{question_id} .upvote-label")).to_have_text(
        "Remove upvote"
    )
    expect(second.locator(f"#question-{question_id} .upvote-count")).to_have_text("1")
    first_watch.assert_clean()
    second_watch.assert_clean()


def test_a_question_approved_in_the_console_appears_on_phones_and_the_presenter(
    setup, staff, person
):
    setup.premoderate()
    screen, screen_watch = presenter(staff, setup)
    desk, desk_watch = console(staff, setup)
    asker, asker_watch = phone(person, setup)
    other, other_watch = phone(person, setup)

    asker.get_by_role("textbox", name="Your question").fill("Is there a crèche?")
    asker.get_by_role("button", name="Send question").click()
    expect(asker.locator("#my-question-list")).to_contain_text("Waiting for a host")
    queued = desk.locator("#list-pending li", has_text="Is there a crèche?")
    expect(other.locator("#question-list")).not_to_contain_text("Is there a crèche?")
    queued.get_by_role("button", name="Approve").click()

    expect(other.locator("#question-list")).to_contain_text("Is there a crèche?")
    expect(screen.locator("#top-questions")).to_contain_text("Is there a crèche?")
    expect(asker.locator("#my-question-list")).to_contain_text("On the list")
    expect(desk.locator("#list-live")).to_contain_text("Is there a crèche?")
    for watch in (screen_watch, desk_watch, asker_watch, other_watch):
        watch.assert_clean()


def test_a_reason_for_hiding_reaches_only_the_author(setup, staff, person):
    question_id = setup.ask("Something unkind")
    desk, desk_watch = console(staff, setup)
    other, other_watch = phone(person, setup)
    expect(other.locator(f"#question-{question_id}")).to_be_visible()

    card = desk.locator(f"#cq-{question_id}")
    card.locator("summary", has_text="Hide").click()
    reason = card.get_by_label("Reason (the author will see it)")
    reason.select_option("Unkind or offensive")
    card.get_by_role("button", name="Hide question").click()

    expect(other.locator(f"#question-{question_id}")).to_have_count(0)
    expect(desk.locator("#list-archived")).to_contain_text("Unkind or offensive")
    desk_watch.assert_clean()
    other_watch.assert_clean()


def test_a_poll_made_and_opened_in_the_console_appears_on_a_phone(setup, staff, person):
    desk, desk_watch = console(staff, setup)
    mobile, mobile_watch = phone(person, setup)

    desk.locator("summary", has_text="New poll").click()
    form = desk.locator("form[data-action=create_poll]")
    form.get_by_label("Kind of poll").select_option("multiple")
    form.get_by_label("Question", exact=True).fill("What would help?")
    form.get_by_label("Options, one per line (2 to 10)").fill(
        "Food\nBus fare\nQuiet room"
    )
    form.get_by_label("Most options one person may choose").fill("2")
    form.get_by_role("button", name="Create poll").click()
    card = desk.locator("#poll-list li", has_text="What would help?")
    expect(card).to_contain_text("Draft")
    expect(mobile.locator("#poll-list")).not_to_contain_text("What would help?")
    card.get_by_role("button", name="Open", exact=True).click()

    expect(mobile.locator("#poll-list")).to_contain_text("What would help?")
    expect(mobile.locator("#poll-list")).to_contain_text("Choose up to 2.")
    expect(card).to_contain_text("Open")
    desk_watch.assert_clean()
    mobile_watch.assert_clean()


def test_polls_move_up_and_down_in_the_console(setup, staff, person):
    setup.add_poll(kind="word_cloud", question="First poll")
    setup.add_poll(kind="word_cloud", question="Second poll")
    desk, desk_watch = console(staff, setup)
    mobile, mobile_watch = phone(person, setup)

    second = desk.locator("#poll-list > li").nth(1)
    second.get_by_role("button", name="Move up").click()

    expect(desk.locator("#poll-list > li h3")).to_have_text(
        ["Second poll", "First poll"]
    )
    expect(mobile.locator("#poll-list h3")).to_have_text(["Second poll", "First poll"])
    desk_watch.assert_clean()
    mobile_watch.assert_clean()


def test_closing_questions_in_the_console_takes_the_form_off_phones(
    setup, staff, person
):
    desk, desk_watch = console(staff, setup)
    mobile, mobile_watch = phone(person, setup)
    expect(mobile.locator("#ask-form")).to_be_visible()

    desk.get_by_role("button", name="Close questions").click()

    expect(mobile.locator("#ask-form")).to_be_hidden()
    expect(mobile.locator("#questions-closed")).to_be_visible()
    expect(desk.get_by_role("button", name="Open questions")).to_be_visible()
    desk_watch.assert_clean()
    mobile_watch.assert_clean()


def test_a_draft_poll_edited_in_the_console_shows_its_new_wording(setup, staff):
    desk, watch = console(staff, setup)
    desk.locator("summary", has_text="New poll").click()
    form = desk.locator("form[data-action=create_poll]")
    form.get_by_label("Kind of poll").select_option("rating")
    form.get_by_label("Question", exact=True).fill("How was it?")
    form.get_by_role("button", name="Create poll").click()
    card = desk.locator("#poll-list > li").first
    expect(card).to_contain_text("How was it?")

    card.locator("summary", has_text="Edit").click()
    card.get_by_label("Question", exact=True).fill("How welcome did you feel?")
    card.get_by_label("From 1 up to").select_option("10")
    card.get_by_role("button", name="Save changes").click()

    expect(card.locator("h3")).to_have_text("How welcome did you feel?")
    watch.assert_clean()


def test_an_open_text_answer_hidden_in_the_console_leaves_the_presenter(
    setup, staff, person
):
    poll_id = setup.add_poll(kind="open_text", question="What would help?")
    screen, screen_watch = presenter(staff, setup)
    desk, desk_watch = console(staff, setup)
    mobile, mobile_watch = phone(person, setup)
    type_answer(mobile)
    send_answer(mobile, poll_id)
    shown = screen.locator(f"#presults-{poll_id} .answers")
    expect(shown).to_contain_text("More evening sessions")

    answer = desk.locator(f"#cresults-{poll_id} li", has_text="More evening sessions")
    answer.get_by_role("button", name="Hide").click()

    expect(shown).not_to_contain_text("More evening sessions")
    expect(desk.locator(f"#cresults-{poll_id} .answer-hidden")).to_have_count(1)
    for watch in (screen_watch, desk_watch, mobile_watch):
        watch.assert_clean()
