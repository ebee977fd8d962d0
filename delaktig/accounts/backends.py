"""Authentication backends that read the person together with the user, in one plain SQL query.

Every request of a logged-in resident loads the user from the session, and nearly every one then asks
the permission rules for the person's verification level (may they propose, vote, comment?). Loading
both at once saves a database round trip on every such request, and writing the join out saves the
ORM's query building, which costs the web process more than the query costs the database: on the
busiest path (a vote) the two together were a third of the request. Sessions name the backend that
logged them in, so both ways in (a password through Django, an e-mail code or e-ID through allauth)
get the same treatment.
"""

from functools import cache

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend
from django.core.exceptions import ValidationError
from django.db import connections, router

from delaktig.accounts.models import Person


@cache
def _user_with_person_query(alias: str) -> tuple[str, list[str], list[str]]:
    """Return the SQL for one user and its person (LEFT JOIN: staff may have none) and both field lists."""
    user_model, quote = get_user_model(), connections[alias].ops.quote_name
    user_table, person_table = quote(user_model._meta.db_table), quote(Person._meta.db_table)
    user_fields, person_fields = user_model._meta.concrete_fields, Person._meta.concrete_fields
    columns = [f"{user_table}.{quote(field.column)}" for field in user_fields]
    columns += [f"{person_table}.{quote(field.column)}" for field in person_fields]
    user_id = f"{user_table}.{quote(user_model._meta.pk.column)}"
    sql = (
        f"SELECT {', '.join(columns)} FROM {user_table} LEFT JOIN {person_table} "
        f"ON {person_table}.{quote(Person._meta.get_field('user').column)} = {user_id} WHERE {user_id} = %s"
    )
    return sql, [field.attname for field in user_fields], [field.attname for field in person_fields]


def user_with_person(user_id):
    """Return the user with its person already loaded (None when there is none), or None for no such user."""
    user_model = get_user_model()
    alias = router.db_for_read(user_model)
    sql, user_fields, person_fields = _user_with_person_query(alias)
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, [user_model._meta.pk.to_python(user_id)])
        row = cursor.fetchone()
    if row is None:
        return None
    user = user_model.from_db(alias, user_fields, row[: len(user_fields)])
    person_row = row[len(user_fields) :]
    person = Person.from_db(alias, person_fields, person_row) if person_row[0] is not None else None
    # As select_related("person") would: reading user.person (or person.user) then costs no query.
    user_model._meta.get_field("person").set_cached_value(user, person)
    if person is not None:
        Person._meta.get_field("user").set_cached_value(person, user)
    return user


class _UserWithPerson:
    def get_user(self, user_id):
        try:
            user = user_with_person(user_id)
        except ValidationError:  # a session naming an id of the wrong form: nobody is logged in
            return None
        return user if user is not None and self.user_can_authenticate(user) else None


class ModelBackend(_UserWithPerson, DjangoModelBackend):
    """Django's password backend (staff), loading the person with the user."""


class AuthenticationBackend(_UserWithPerson, AllauthBackend):
    """allauth's backend (e-mail code, e-ID), loading the person with the user."""
