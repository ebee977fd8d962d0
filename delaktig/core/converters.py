"""URL converters.

``id`` matches a database id: at most 18 digits, so every matching value fits a 64-bit integer. The
ORM answers "not found" for a larger number, but raw SQL (the vote statement, the page version) would
hand it to the database driver, and SQLite's refuses it with an OverflowError.
"""

from django.urls.converters import IntConverter


class IdConverter(IntConverter):
    regex = "[0-9]{1,18}"
