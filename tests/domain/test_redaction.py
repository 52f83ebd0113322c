"""Personal data never reaches others: phone numbers, e-mails, postcodes, names."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cafe.domain.redaction import (
    EMAIL,
    NAME,
    PHONE,
    POSTCODE,
    redact,
    redact_for_export,
)

# ----- examples -----


@pytest.mark.parametrize(
    "number",
    [
        "07700 900123",
        "07700900123",
        "07700-900-123",
        "+44 7700 900123",
        "+447700900123",
        "0044 7700 900123",
        "+44 (0)20 7946 0018",
        "(0161) 496 0000",
        "0161.496.0000",
        "020 7946 0018",
        "+1 415 555 2671",
    ],
)
def test_a_phone_number_in_any_common_format_is_redacted(number):
    assert redact(f"Ring me on {number} tonight") == f"Ring me on {PHONE} tonight"


@pytest.mark.parametrize("text", ["Call 999", "Samaritans: 116 123", "Dial 111"])
def test_short_helpline_numbers_stay(text):
    assert redact(text) == text


@pytest.mark.parametrize("text", ["Since 2019", "Room 12 at 6pm", "3 or 4 times"])
def test_years_and_small_numbers_stay(text):
    assert redact(text) == text


@pytest.mark.parametrize("postcode", ["SW1A 1AA", "M1 1AE", "b33 8th", "CR26XH"])
def test_a_full_uk_postcode_is_redacted(postcode):
    assert redact(f"I live near {postcode}.") == f"I live near {POSTCODE}."


def test_an_area_alone_is_not_a_postcode():
    assert redact("The M1 corridor and SW1A") == "The M1 corridor and SW1A"


def test_an_email_address_is_redacted():
    assert redact("Write to jo.bloggs+cafe@example.co.uk!") == f"Write to {EMAIL}!"


def test_a_listed_name_is_redacted_whole_and_in_any_case():
    text = "ANN SMITH and the red  lion"
    assert redact(text, ["Ann Smith", "The Red Lion"]) == f"{NAME} and {NAME}"


def test_a_listed_name_inside_another_word_stays():
    assert redact("Annabel came", ["Ann"]) == "Annabel came"


def test_an_export_gets_text_even_when_there_was_none():
    assert redact_for_export(None) == ""
    assert redact_for_export("Call 07700 900123") == f"Call {PHONE}"


# ----- properties -----

digit = st.sampled_from("0123456789")
separator = st.sampled_from(["", " ", "-", "."])
filler = st.text(alphabet="abcdefghijklmnopqrstuvwxyz ,.!?", max_size=30)


@st.composite
def uk_phone_numbers(draw) -> str:
    """UK numbers as people type them: 0, +44 or 0044 and 10 national digits."""
    national = "".join(draw(st.lists(digit, min_size=10, max_size=10)))
    prefix = draw(st.sampled_from(["0", "+44 ", "+44", "0044 ", "+44 (0)"]))
    cut = draw(st.integers(min_value=3, max_value=5))
    sep = draw(separator)
    return f"{prefix}{national[:cut]}{sep}{national[cut:]}"


@st.composite
def uk_postcodes(draw) -> str:
    area = draw(st.sampled_from(["M", "B", "SW", "EH", "LS", "CR"]))
    district = str(draw(st.integers(min_value=1, max_value=99)))
    sector = str(draw(st.integers(min_value=0, max_value=9)))
    unit = "".join(
        draw(st.lists(st.sampled_from("ABDEFGHJLNPQRSTUWXYZ"), min_size=2, max_size=2))
    )
    space = draw(st.sampled_from(["", " "]))
    text = f"{area}{district}{space}{sector}{unit}"
    return text.lower() if draw(st.booleans()) else text


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


@given(before=filler, number=uk_phone_numbers(), after=filler)
def test_no_uk_phone_number_survives(before, number, after):
    shown = redact(f"{before} {number} {after}")
    assert PHONE in shown
    assert _digits(number) not in _digits(shown)


@given(before=filler, address=st.emails(), after=filler)
def test_no_email_address_survives(before, address, after):
    shown = redact(f"{before} {address} {after}")
    assert address not in shown
    assert "@" not in shown


@given(before=filler, postcode=uk_postcodes(), after=filler)
def test_no_full_postcode_survives(before, postcode, after):
    shown = redact(f"{before} {postcode} {after}")
    assert postcode not in shown
    assert POSTCODE in shown


@given(text=st.text(max_size=200), names=st.lists(st.text(min_size=1, max_size=12)))
def test_redacting_twice_changes_nothing_more(text, names):
    once = redact(text, names)
    assert redact(once, names) == once


@given(
    text=st.text(
        alphabet=st.characters(
            blacklist_categories=("Nd", "No", "Cs"), blacklist_characters="@"
        ),
        max_size=200,
    )
)
def test_text_without_digits_or_at_signs_is_left_alone(text):
    assert redact(text) == text


@given(
    name=st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=12),
    before=filler,
    after=filler,
)
def test_no_listed_name_survives_as_a_word(name, before, after):
    shown = redact(f"{before} {name.upper()} {after}", [name])
    outside_labels = shown.replace(NAME, " ")
    assert not re.search(rf"(?<!\w){name}(?!\w)", outside_labels, re.IGNORECASE)
