"""Swedish personnummer and samordningsnummer: parse, validate, and turn into a keyed hash.

Accepted forms (Skatteverket, SKV 704 and SKV 707): ``YYMMDD-NNNC``, ``YYMMDD+NNNC`` (the person has
turned 100), ``YYMMDDNNNC``, ``YYYYMMDDNNNC`` and ``YYYYMMDD-NNNC``. The last digit is a Luhn check
digit over the ten-digit form; a samordningsnummer adds 60 to the day of birth. The number itself is
never stored or logged: only ``pnr_hash`` (HMAC-SHA256 under ``DELAKTIG_PNR_KEY``) and the birth year.
"""

import hashlib
import hmac
import re
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PATTERN = re.compile(r"^(?P<century>\d{2})?(?P<date>\d{6})(?P<sep>[-+]?)(?P<serial>\d{3})(?P<check>\d)$")
COORDINATION_DAY_OFFSET = 60

WRONG_FORMAT = _("Write the personnummer as ÅÅMMDD-NNNN or ÅÅÅÅMMDDNNNN (10 or 12 digits).")
WRONG_CHECK_DIGIT = _("The last digit of the personnummer is wrong. Check that every digit is right.")
NO_SUCH_DATE = _("The personnummer does not start with a real date of birth.")
FUTURE_DATE = _("The personnummer gives a date of birth in the future.")
PLUS_WITH_CENTURY = _("Use '+' only with a 10-digit personnummer, for a person who has turned 100.")


@dataclass(frozen=True)
class Personnummer:
    """A validated number in its 12-digit form (``YYYYMMDDNNNC``), never shown or stored as such."""

    digits: str
    birth_date: date
    is_coordination_number: bool

    def __repr__(self) -> str:
        return f"Personnummer(birth_year={self.birth_date.year}, hidden)"

    __str__ = __repr__


def luhn_check_digit(nine_digits: str) -> int:
    """Return the Luhn (modulus 10, weights 2-1) check digit over the ten-digit form's first nine digits."""
    total = 0
    for index, char in enumerate(nine_digits):
        product = int(char) * (2 if index % 2 == 0 else 1)
        total += product // 10 + product % 10
    return (10 - total % 10) % 10


def full_year(two_digits: int, month: int, day: int, *, plus: bool, today: date) -> int:
    """Return the year of birth for a 10-digit number: the last 100 years, or 100+ years ago with '+'."""
    year = today.year - (today.year - two_digits) % 100
    if (year, month, day) > (today.year, today.month, today.day):
        year -= 100
    return year - 100 if plus else year


def parse(value: str, *, today: date | None = None) -> Personnummer:
    """Validate a personnummer or samordningsnummer, raising ValidationError with a message for the person."""
    today = today or timezone.localdate()
    match = PATTERN.match((value or "").strip().replace(" ", ""))
    if match is None:
        raise ValidationError(WRONG_FORMAT, code="format")
    yymmdd, serial, check = match["date"], match["serial"], match["check"]
    if match["century"] and match["sep"] == "+":
        raise ValidationError(PLUS_WITH_CENTURY, code="format")
    if luhn_check_digit(yymmdd + serial) != int(check):
        raise ValidationError(WRONG_CHECK_DIGIT, code="check_digit")
    month, day = int(yymmdd[2:4]), int(yymmdd[4:6])
    coordination = day > COORDINATION_DAY_OFFSET
    birth_day = day - COORDINATION_DAY_OFFSET if coordination else day
    if match["century"]:
        year = int(match["century"] + yymmdd[:2])
    else:
        year = full_year(int(yymmdd[:2]), month, birth_day, plus=match["sep"] == "+", today=today)
    try:
        birth_date = date(year, month, birth_day)
    except ValueError:
        raise ValidationError(NO_SUCH_DATE, code="date") from None
    if birth_date > today:
        raise ValidationError(FUTURE_DATE, code="date")
    return Personnummer(f"{year:04d}{yymmdd[2:]}{serial}{check}", birth_date, coordination)


def pnr_hash(number: Personnummer) -> str:
    """Return the keyed hash stored instead of the number: unique per person, useless without the key."""
    key = settings.DELAKTIG_PNR_KEY.encode()
    return hmac.new(key, number.digits.encode(), hashlib.sha256).hexdigest()
