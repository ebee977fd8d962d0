"""The GDPR registry: every app names the personal data it holds and how to erase it.

A resident may download everything Delaktig holds about them (GDPR art. 15 and 20) and delete their
account (art. 17). The accounts app knows only its own tables, so each app that stores something about
a person registers two functions here, in a module ``delaktig/<app>/gdpr.py`` that the accounts app
imports at start-up (like ``rules.py``)::

    # delaktig/proposals/gdpr.py
    from delaktig.accounts.gdpr import register_erasure, register_personal_data
    from delaktig.proposals.models import Proposal, Signature


    def proposals_personal_data(user) -> dict:
        return {
            "proposals": list(Proposal.objects.filter(author=user).values("id", "title", "created_at")),
            "signatures": list(Signature.objects.filter(user=user).values("proposal_id", "signed_at")),
        }


    def proposals_erase(user) -> None:
        Proposal.objects.filter(author=user, status=Proposal.Status.DRAFT).delete()


    register_personal_data("proposals", proposals_personal_data)
    register_erasure("proposals", proposals_erase)

The contract:

- ``register_personal_data(name, exporter)``: ``exporter(user)`` returns JSON-able data (dicts, lists,
  strings, numbers, booleans, None; dates and datetimes and UUIDs are turned into ISO strings). It appears
  in the download under ``name``. Return only data about this person, never another person's.
- ``register_erasure(name, eraser)``: ``eraser(user)`` runs inside the transaction of the account
  deletion, *before* the account is pseudonymised, and returns nothing. Delete what is the person's own
  and no longer needed (drafts, comments' texts, contact details); keep what a closed civic process
  counted (a vote in a closed budget, a signature on a proposal that was answered): the ``User`` row is
  kept, pseudonymised (no e-mail, no name, no personnummer hash, inactive), so foreign keys stay valid
  and counts stay right. Raising an exception aborts the whole deletion, nothing half-written.
- ``name`` is unique: registering the same name twice replaces the earlier function (so a module
  imported twice is harmless).
"""

from collections.abc import Callable
from typing import Any

PersonalDataExporter = Callable[[Any], Any]
Eraser = Callable[[Any], None]

_exporters: dict[str, PersonalDataExporter] = {}
_erasers: dict[str, Eraser] = {}


def register_personal_data(name: str, exporter: PersonalDataExporter) -> PersonalDataExporter:
    """Add an app's personal data to the resident's download under ``name``."""
    _exporters[name] = exporter
    return exporter


def register_erasure(name: str, eraser: Eraser) -> Eraser:
    """Run ``eraser(user)`` when the resident deletes their account, inside the deletion's transaction."""
    _erasers[name] = eraser
    return eraser


def registered_exporters() -> dict[str, PersonalDataExporter]:
    """Return the exporters by name, in registration order."""
    return dict(_exporters)


def registered_erasers() -> dict[str, Eraser]:
    """Return the erasers by name, in registration order."""
    return dict(_erasers)
