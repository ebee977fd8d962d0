"""What the events app holds about a person: their registrations."""

from delaktig.accounts.gdpr import register_erasure, register_personal_data
from delaktig.events.models import Registration


def events_personal_data(user) -> dict:
    registrations = Registration.objects.filter(user=user).select_related("event")
    return {
        "registrations": [
            {"event": item.event.title, "starts_at": item.event.starts_at, "registered_at": item.created_at}
            for item in registrations
        ]
    }


def events_erase(user) -> None:
    """Delete the person's registrations: they are theirs alone and count nothing once they are gone."""
    Registration.objects.filter(user=user).delete()


register_personal_data("events", events_personal_data)
register_erasure("events", events_erase)
