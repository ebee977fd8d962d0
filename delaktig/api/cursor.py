"""Opaque cursors for keyset pagination: a page starts after the last (published_at, id) seen.

A cursor never means "skip N rows", so page 500 costs the same index seek as page 1 and a proposal
published while someone harvests cannot shift rows between pages.
"""

import base64
import binascii
import datetime

from django.utils.translation import gettext_lazy as _

from delaktig.core.errors import DomainError

BAD_CURSOR = _("The cursor is not valid. Start again from the first page and follow the “next” links.")


def cursor_encode(published_at: datetime.datetime, proposal_id: int) -> str:
    """Return the cursor that continues after this proposal."""
    raw = f"{published_at.isoformat()}|{proposal_id}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def cursor_decode(cursor: str) -> tuple[datetime.datetime, int]:
    """Return the (published_at, id) a cursor points after; raise ``DomainError`` on anything else."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        moment, _bar, number = raw.partition("|")
        published_at, proposal_id = datetime.datetime.fromisoformat(moment), int(number)
    except (binascii.Error, UnicodeDecodeError, ValueError) as error:
        raise DomainError(BAD_CURSOR, code="invalid_cursor") from error
    if published_at.tzinfo is None or not 0 < proposal_id < 2**63:
        raise DomainError(BAD_CURSOR, code="invalid_cursor")
    return published_at, proposal_id
