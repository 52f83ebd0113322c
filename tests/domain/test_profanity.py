"""The profanity filter finds listed words, however they are disguised."""

from __future__ import annotations

import pytest

from cafe.domain.profanity import DEFAULT_WORDS, ProfanityFilter

DEFAULT = ProfanityFilter.default()


@pytest.mark.parametrize(
    "text",
    [
        "what the fuck",
        "What The FUCK?",
        "this is sh1t",
        "$hite service",
        "total b!tch",
        "fuuuuck off",
        "b0ll0cks!",
        "Wánker",
    ],
)
def test_a_disguised_listed_word_is_found(text):
    assert DEFAULT.matches(text)


@pytest.mark.parametrize(
    "text",
    [
        "Scunthorpe United",
        "I passed my assessment",
        "cocktail of drugs",
        "shitake mushrooms",
        "Is there a class on Tuesday?",
        "Wow!",
        "",
    ],
)
def test_innocent_text_is_not_flagged(text):
    assert not DEFAULT.matches(text)


def test_a_word_ending_a_sentence_is_found():
    assert DEFAULT.matches("That was shit!")


def test_a_listed_phrase_is_found_across_spaces_and_punctuation():
    assert ProfanityFilter(["piss off"]).matches("Just piss - off")


def test_a_filter_of_no_words_finds_nothing():
    assert not ProfanityFilter(["", "  "]).matches("anything at all")


def test_a_double_letter_in_a_listed_word_is_still_required():
    assert not ProfanityFilter(["ass"]).matches("as good as it gets")


def test_the_default_list_is_short():
    assert 5 <= len(DEFAULT_WORDS) <= 40
