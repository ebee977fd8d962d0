from django.db import transaction

from delaktig.accounts.models import Person, RoleAssignment, User
from delaktig.core.services import audit_event_record


def person_for(user: User) -> Person:
    """Return the user's Person, creating an unverified one the first time."""
    person, _created = Person.objects.get_or_create(user=user)
    return person


@transaction.atomic
def person_record_email_confirmed(*, user: User) -> Person:
    """Raise the person's verification to 'e-mail confirmed' (an e-ID verification is never lowered)."""
    person = Person.objects.select_for_update().get(pk=person_for(user).pk)
    if person.verification_level < Person.Level.EMAIL:
        person.verification_level = Person.Level.EMAIL
        person.save(update_fields=["verification_level"])
        audit_event_record(actor=user, verb="accounts.email_confirmed", target=person)
    return person


@transaction.atomic
def role_grant(*, user: User, role: str, committee=None, actor) -> RoleAssignment:
    """Give a user a staff role (per committee for secretaries), recorded in the audit trail."""
    assignment = RoleAssignment(user=user, role=role, committee=committee)
    assignment.full_clean()
    assignment.save()
    audit_event_record(
        actor=actor,
        verb="accounts.role_grant",
        target=user,
        data={"role": role, "committee": committee and committee.pk},
    )
    return assignment
