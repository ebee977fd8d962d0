"""Parallel registrations on PostgreSQL: the locked event row keeps the count within capacity."""

import threading

import pytest
from django.db import connection

from delaktig.core.errors import DomainError
from delaktig.events import services
from tests.events.factories import EventFactory
from tests.factories import verified_user

PEOPLE = 12
CAPACITY = 5


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_registrations_never_overbook(gothenburg):
    event = EventFactory(registration_required=True, capacity=CAPACITY)
    users = [verified_user() for _n in range(PEOPLE)]
    barrier = threading.Barrier(PEOPLE)
    outcomes: list[str] = []

    def register(user):
        try:
            barrier.wait()
            services.registration_create(event=event, user=user, actor=user)
            outcomes.append("ok")
        except DomainError as error:
            outcomes.append(error.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("ok") == CAPACITY
    assert outcomes.count("full") == PEOPLE - CAPACITY
    assert event.registrations.count() == CAPACITY
