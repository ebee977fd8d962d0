"""The built-in test e-ID provider for the demo and the tests; it can never run in production.

It issues only numbers from Skatteverket's published test series (the open data set
"Testpersonnummer", https://www.dataportal.se/sv/datasets/6_67959/testpersonnummer, CC0): every day
of birth has the test birth numbers 238 and 239, and the 1890s use 980-983; samordningsnummer from
Skatteverket's "Testsamordningsnummer" series follow the same rule with day + 60. Skatteverket never
gives these numbers to a real person. A login here goes through ``person_verify_eid``, the same
service as a login through the real e-ID broker.
"""

from django.utils.translation import gettext_lazy as _

PROVIDER_ID = "test-eid"
TEST_SERIES_BIRTH_NUMBERS = {"238", "239", "980", "981", "982", "983"}

# (12-digit test number, a made-up name to tell them apart); each is in Skatteverket's test series.
TEST_PEOPLE = [
    ("199001012393", "Erik Testsson"),
    ("198512142384", "Anna Testsson"),
    ("200506152388", "Sara Testsson"),
    ("192003142391", "Karl Testsson"),
    ("198505652381", "Lina Testsson, samordningsnummer"),
]

NOT_A_TEST_NUMBER = _("The test e-ID issues only Skatteverket's test personnummer (birth number 238, 239 or 980-983).")


def is_test_series(digits: str) -> bool:
    """Tell whether a 12-digit number belongs to Skatteverket's test series."""
    return digits[8:11] in TEST_SERIES_BIRTH_NUMBERS
