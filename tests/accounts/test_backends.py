import pytest
from django.contrib.auth import get_user

from delaktig.accounts.models import Person, User


@pytest.mark.parametrize(
    "backend", ["delaktig.accounts.backends.ModelBackend", "delaktig.accounts.backends.AuthenticationBackend"]
)
def test_the_session_user_comes_with_the_person_in_one_query(client, db, django_assert_num_queries, backend):
    user = User.objects.create(email="anna@example.se")
    Person.objects.create(user=user, verification_level=Person.Level.EMAIL)
    client.force_login(user, backend=backend)
    request = type("Request", (), {"session": client.session})()
    with django_assert_num_queries(2):  # the session, then the user with the person
        loaded = get_user(request)
        assert loaded.person.verification_level == Person.Level.EMAIL
    assert loaded == user


def test_an_inactive_user_is_not_logged_in(client, db):
    user = User.objects.create(email="anna@example.se", is_active=False)
    client.force_login(user)
    assert not client.get("/").wsgi_request.user.is_authenticated
