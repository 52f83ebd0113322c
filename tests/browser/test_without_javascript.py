"""A phone without JavaScript can still join, ask, upvote and vote."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import join

pytestmark = pytest.mark.browser


@pytest.fixture
def plain_phone(person, setup):
    page, watch = person(java_script_enabled=False)
    join(page, setup.code)
    return page, watch


def test_asking_without_javascript(setup, plain_phone):
    page, watch = plain_phone

    page.get_by_role("textbox", name="Your question").fill("Is there parking?")
    page.get_by_role("button", name="Send question").click()

    expect(page.locator(".flash")).to_have_text(
        "Thank you. Your question is on the list."
    )
    expect(page.locator("#question-list")).to_contain_text("Is there parking?")
    expect(page.locator("#my-question-list")).to_contain_text("On the list")
    watch.assert_clean()


def test_upvoting_and_taking_it_back_without_javascript(setup, person):
    question_id = setup.ask("Will there be food?")
    page, watch = person(java_script_enabled=False)
    join(page, setup.code)
    item = page.locator(f"#question-{question_id}")

    item.get_by_role("button", name="Upvote").click()
    expect(item.locator(".upvote-count")).to_have_text("1")
    item.get_by_role("button", name="Remove upvote").click()

    expect(item.locator(".upvote-count")).to_have_text("0")
    expect(page.locator(".flash")).to_have_text("Your upvote was taken back.")
    watch.assert_clean()


def test_voting_without_javascript(setup, person):
    poll_id = setup.add_poll(
        kind="ranking", question="What matters most?", options=["Housing", "Jobs"]
    )
    page, watch = person(java_script_enabled=False)
    join(page, setup.code)

    page.get_by_label("Position 1 (highest)").select_option(label="Jobs")
    page.get_by_label("Position 2").select_option(label="Housing")
    page.get_by_role("button", name="Send answer").click()

    expect(page.locator(".flash")).to_have_text("Thank you. Your answer is recorded.")
    poll = page.locator(f"#poll-{poll_id}")
    expect(poll.locator(".poll-answered")).to_contain_text("Your answer is recorded.")
    expect(poll.locator(".chart")).to_have_attribute(
        "aria-label", "What matters most?: Housing: 0 points; Jobs: 1 point"
    )
    watch.assert_clean()


def test_a_refused_answer_without_javascript_says_why(setup, person):
    setup.add_poll(
        kind="multiple", question="Pick two", options=["A", "B", "C"], max_choices=2
    )
    page, watch = person(java_script_enabled=False)
    join(page, setup.code)

    for label in ("A", "B", "C"):
        page.get_by_role("checkbox", name=label).check()
    page.get_by_role("button", name="Send answer").click()

    expect(page.locator(".flash--error")).to_contain_text("2")
    expect(page.locator(".poll-answered")).to_have_count(0)
    watch.assert_clean(allow="status of 400")
