"""Factories shared by every app's tests (factory-boy)."""

import factory
from django.contrib.auth.hashers import make_password

from delaktig.accounts.models import Person, RoleAssignment, User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"invanare{n}@example.se")
    display_name = factory.Faker("name", locale="sv_SE")
    password = factory.LazyFunction(lambda: make_password(None))  # unusable, and saved with the row


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    user = factory.SubFactory(UserFactory)
    verification_level = Person.Level.EMAIL


def verified_user(level: int = Person.Level.EMAIL, **user_fields) -> User:
    """Return a user whose person is verified at ``level`` (e-mail confirmed by default)."""
    user = UserFactory(**user_fields)
    if level >= Person.Level.EID:
        PersonFactory(user=user, verification_level=level, pnr_hash=f"{user.pk:064d}", birth_year=1990)
    else:
        PersonFactory(user=user, verification_level=level)
    return user


def user_with_role(role: str, committee=None, **user_fields) -> User:
    user = verified_user(**user_fields)
    RoleAssignment.objects.create(user=user, role=role, committee=committee)
    return user
