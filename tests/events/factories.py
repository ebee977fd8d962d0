"""Factories for the events app's tests."""

import datetime

import factory
from django.utils import timezone

from delaktig.city.models import Area
from delaktig.events.models import Event, Guide


def in_days(days: float, hour: int = 17) -> datetime.datetime:
    """Return a local time ``days`` from today at ``hour``, so tests read like a calendar."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=timezone.get_current_timezone())


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Demokratidag {n}")
    kind = Event.Kind.DEMOCRACY_DAY
    area = factory.LazyFunction(lambda: Area.objects.get(slug="nordost"))
    place = "Angereds Torg"
    street_address = "Angereds Torg 5"
    starts_at = factory.LazyFunction(lambda: in_days(7))
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + datetime.timedelta(hours=2))


class GuideFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Guide

    name = factory.Sequence(lambda n: f"Guide {n}")
    area = factory.LazyFunction(lambda: Area.objects.get(slug="nordost"))
    languages = "svenska, arabiska"


def login(client, user) -> None:
    """Log the user in as stored: ``UserFactory`` sets the unusable password after saving, so the
    in-memory user's session hash would not match the database's and the session would be dropped."""
    client.force_login(type(user).objects.get(pk=user.pk))
