"""Text people type is shown as text everywhere, never run as markup."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import console, phone, presenter

pytestmark = pytest.mark.browser

MARKUP = "<img src=x onerror=alert(1)>"


def test_markup_in_a_question_and_a_name_shows_as_text_on_every_screen(
    setup, staff, person
):
    screen, screen_watch = presenter(staff, setup)
    desk, desk_watch = console(staff, setup)
    mobile, mobile_watch = phone(person, setup, name=MARKUP)

    mobile.get_by_role("textbox", name="Your question").fill(MARKUP)
    mobile.get_by_role("button", name="Send question").click()
    card = desk.locator("#list-live li", has_text=MARKUP)
    card.get_by_role("button", name="Pin").click()

    pinned = screen.locator(".pinned-question")
    expect(pinned.locator(".question-body")).to_have_text(MARKUP)
    expect(pinned.locator(".question-meta")).to_contain_text(MARKUP)
    expect(card.locator(".question-body")).to_have_text(MARKUP)
    expect(card.locator(".question-author")).to_have_text(MARKUP)
    mine = mobile.locator(".question", has_text="Pinned")
    expect(mine.locator(".question-body")).to_have_text(MARKUP)
    expect(mine.locator(".question-author")).to_have_text(MARKUP)
    for page, watch in (
        (screen, screen_watch),
        (desk, desk_watch),
        (mobile, mobile_watch),
    ):
        expect(page.locator("img[src=x]")).to_have_count(0)
        watch.assert_clean()


def test_markup_in_server_drawn_pages_is_escaped_too(setup, staff, person):
    setup.ask(MARKUP, name=MARKUP)
    setup.add_poll(kind="single", question=MARKUP, options=[MARKUP, "Plain"])
    pages = [presenter(staff, setup), console(staff, setup), phone(person, setup)]

    for page, watch in pages:
        page.reload()
        expect(page.get_by_text(MARKUP).first).to_be_visible()
        expect(page.locator("img[src=x]")).to_have_count(0)
        watch.assert_clean()
