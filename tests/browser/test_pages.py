"""Each live page loads cleanly, fits a small phone and answers its keys."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import console, phone, presenter
from tests.browser.test_live_updates import KINDS

pytestmark = pytest.mark.browser

LONG_WORD = "Supercalifragilisticexpialidocious" * 3


@pytest.fixture
def busy(setup):
    """A session with a poll of every kind and a long unbroken question."""
    for kind, (extra, *_rest) in KINDS.items():
        setup.add_poll(kind=kind, question=f"{kind} {LONG_WORD}", **extra)
    setup.ask(LONG_WORD, name="Sam")
    return setup


@pytest.mark.parametrize("view", ["phone", "console", "presenter"])
def test_a_live_page_has_no_console_error_or_csp_violation(busy, person, request, view):
    if view == "phone":
        page, watch = phone(person, busy)
    else:
        staff = request.getfixturevalue("staff")
        page, watch = {"console": console, "presenter": presenter}[view](staff, busy)

    expect(page.locator(".chart").first).to_be_visible()
    page.reload()
    expect(page.locator("[data-synced=true]")).to_have_count(1)
    watch.assert_clean()


def test_the_participant_page_fits_a_360_pixel_phone(busy, person):
    page, watch = phone(person, busy, viewport={"width": 360, "height": 740})

    expect(page.locator(".chart").first).to_be_visible()
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow == 0
    watch.assert_clean()


def test_the_presenter_keys_show_one_panel_or_all(setup, staff):
    page, watch = presenter(staff, setup)
    join, polls, questions = (
        page.locator("#join-panel"),
        page.locator("#poll-panel"),
        page.locator("#questions-panel"),
    )

    page.keyboard.press("q")
    expect(questions).to_be_visible()
    expect(join).to_be_hidden()
    page.keyboard.press("j")
    expect(join).to_be_visible()
    expect(polls).to_be_hidden()
    page.keyboard.press("a")

    for panel in (join, polls, questions):
        expect(panel).to_be_visible()
    watch.assert_clean()


def test_the_presenter_f_key_asks_for_full_screen(setup, staff):
    page, watch = presenter(staff, setup)

    page.keyboard.press("f")

    page.wait_for_function("document.fullscreenElement === document.documentElement")
    watch.assert_clean()
