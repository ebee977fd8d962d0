"""Reads for accounts: the person's own data for the GDPR download, role lists for administrators."""

from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.db.models import QuerySet

from delaktig.accounts import gdpr
from delaktig.accounts.models import Person, RoleAssignment, User
from delaktig.core.models import AuditEvent


def account_data(user: User) -> dict:
    """Return the account's own fields and e-mail addresses."""
    return {
        "email": user.email,
        "display_name": user.display_name,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "is_active": user.is_active,
        "email_addresses": list(EmailAddress.objects.filter(user=user).values("email", "verified", "primary")),
        "e_id_logins": list(SocialAccount.objects.filter(user=user).values("provider", "date_joined", "last_login")),
    }


def person_data(user: User) -> dict | None:
    """Return the person's verification, without the personnummer hash (it is useless to them and a secret)."""
    person = Person.objects.filter(user=user).first()
    if person is None:
        return None
    return {
        "verification_level": person.verification_level,
        "verification": str(person.get_verification_level_display()),
        "birth_year": person.birth_year,
        "eid_verified_at": person.eid_verified_at,
        "eid_provider": person.eid_provider,
        "personnummer_stored": False,
    }


def personal_data_for(user: User) -> dict:
    """Return everything Delaktig holds about the user, every app's registered part included, JSON-ready."""
    data = {
        "account": account_data(user),
        "person": person_data(user),
        "roles": [
            {"role": role.role, "committee": role.committee and role.committee.name, "granted_at": role.granted_at}
            for role in RoleAssignment.objects.filter(user=user).select_related("committee")
        ],
        "audit_events": list(
            AuditEvent.objects.filter(actor=user).order_by("at", "id").values("verb", "at", "target_id", "data")
        ),
        "apps": {name: exporter(user) for name, exporter in gdpr.registered_exporters().items()},
    }
    return data


def role_assignments() -> QuerySet[RoleAssignment]:
    """Return every staff role with its user and committee, for the administrators' role page."""
    return RoleAssignment.objects.select_related("user", "committee").order_by("role", "user__email")
