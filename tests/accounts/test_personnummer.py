from datetime import date

import pytest
from django.core.exceptions import ValidationError

from delaktig.accounts import personnummer
from delaktig.accounts.personnummer import (
    FUTURE_DATE,
    NO_SUCH_DATE,
    PLUS_WITH_CENTURY,
    WRONG_CHECK_DIGIT,
    WRONG_FORMAT,
    parse,
    pnr_hash,
)

TODAY = date(2026, 11, 27)


@pytest.mark.parametrize(
    ("value", "digits", "coordination"),
    [
        ("199001012393", "199001012393", False),  # Skatteverket test series, 12 digits
        ("19900101-2393", "199001012393", False),
        ("900101-2393", "199001012393", False),
        ("9001012393", "199001012393", False),
        (" 900101 -2393 ", "199001012393", False),
        ("201701012393", "201701012393", False),  # in Skatteverket's published test data set
        ("170101-2393", "201701012393", False),  # two-digit year: the last 100 years
        ("200314+2391", "192003142391", False),  # '+': 100 years or older
        ("200314-2391", "202003142391", False),
        ("198505652381", "198505652381", True),  # samordningsnummer: day + 60
        ("850565-2381", "198505652381", True),
        ("000229-2381", "200002292381", False),  # leap day
    ],
)
def test_valid_numbers_are_normalised_to_twelve_digits(value, digits, coordination):
    number = parse(value, today=TODAY)
    assert number.digits == digits
    assert number.is_coordination_number is coordination


def test_birth_date_is_the_real_date_for_a_samordningsnummer():
    assert parse("198505652381", today=TODAY).birth_date == date(1985, 5, 5)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", WRONG_FORMAT),
        ("abc", WRONG_FORMAT),
        ("90010-12393", WRONG_FORMAT),
        ("1990010123934", WRONG_FORMAT),
        ("900101/2393", WRONG_FORMAT),
        ("19900101+2393", PLUS_WITH_CENTURY),
        ("199001012394", WRONG_CHECK_DIGIT),
        ("900101-2390", WRONG_CHECK_DIGIT),
        ("199013012399", NO_SUCH_DATE),  # month 13 (right check digit)
        ("010229-2380", NO_SUCH_DATE),  # 2001 is no leap year
        ("199001602391", NO_SUCH_DATE),  # day 60: neither a day nor a samordningsnummer
        ("199002922392", NO_SUCH_DATE),  # samordningsnummer for 32 February
        ("202612312393", FUTURE_DATE),
    ],
)
def test_malformed_numbers_get_a_clear_message(value, message):
    with pytest.raises(ValidationError) as error:
        parse(value, today=TODAY)
    assert error.value.messages == [str(message)]


def test_messages_are_in_swedish_by_default():
    with pytest.raises(ValidationError) as error:
        parse("199001012394", today=TODAY)
    assert "sista siffran" in error.value.messages[0]


def test_the_number_never_shows_in_its_repr():
    number = parse("199001012393", today=TODAY)
    assert "2393" not in repr(number) and "2393" not in str(number)


def test_hash_is_keyed_and_the_same_for_every_way_of_writing_the_number(settings):
    assert pnr_hash(parse("900101-2393", today=TODAY)) == pnr_hash(parse("199001012393", today=TODAY))
    first = pnr_hash(parse("199001012393", today=TODAY))
    settings.DELAKTIG_PNR_KEY = "another-key"
    assert pnr_hash(parse("199001012393", today=TODAY)) != first
    assert len(first) == 64 and "199001012393" not in first


def test_luhn_matches_skatteverkets_example():
    # SKV 704: 811218-987 gets check digit 6.
    assert personnummer.luhn_check_digit("811218987") == 6
