import pytest
from django.contrib.auth import get_user

from delaktig.accounts.backends import ModelBackend, user_with_person
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


def test_a_user_without_a_person_reads_as_such_without_a_query(db, django_assert_num_queries):
    staff = User.objects.create(email="handlaggare@goteborg.se", is_staff=True)
    loaded = user_with_person(staff.pk)
    with django_assert_num_queries(0):
        assert not hasattr(loaded, "person")
    assert loaded.email == staff.email and loaded.is_staff


def test_the_person_knows_its_user_without_a_query(db, django_assert_num_queries):
    user = User.objects.create(email="anna@example.se", display_name="Anna")
    Person.objects.create(user=user)
    loaded = user_with_person(user.pk)
    with django_assert_num_queries(0):
        assert loaded.person.user.display_name == "Anna"


@pytest.mark.parametrize("user_id", ["abc", "", "12x"])
def test_a_session_naming_a_malformed_user_id_logs_nobody_in(db, user_id):
    assert ModelBackend().get_user(user_id) is None


def test_a_session_naming_a_deleted_user_logs_nobody_in(db):
    assert ModelBackend().get_user(424242) is None
