"""Every write to accounts, people and roles; each records itself in the audit trail."""

import hashlib
import hmac

from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from delaktig.accounts import gdpr, personnummer
from delaktig.accounts.models import Person, RoleAssignment, User
from delaktig.core.errors import DomainError
from delaktig.core.services import audit_event_record

EID_NUMBER_MISSING = _(
    "The e-ID service did not send us a personnummer, so we could not verify who you are. Please try again."
)
EID_NUMBER_ON_OTHER_ACCOUNT = _(
    "This personnummer is already verified on another Delaktig account. Log out and log in with e-ID to "
    "reach that account. Contact us if you think this is wrong."
)
EID_ACCOUNT_HAS_OTHER_NUMBER = _(
    "You are logged in to an account verified with another personnummer. Log out first, then log in with your own e-ID."
)
EID_ACCOUNT_DELETED = _("This account has been deleted.")
EID_ASSURANCE_TOO_LOW = _(
    "This kind of e-ID is not enough here. Please log in with BankID, Freja+ or another e-ID at the level asked for."
)
ROLE_NEEDS_COMMITTEE = _("A committee secretary's role must name the committee.")
ROLE_WITHOUT_COMMITTEE = _("Only a committee secretary's role names a committee.")
ROLE_ALREADY_HELD = _("The user already has this role.")
ROLE_UNKNOWN = _("There is no such role.")
ACCOUNT_ALREADY_DELETED = _("This account has already been deleted.")


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
        user.person = person
        audit_event_record(actor=user, verb="accounts.email_confirmed", target=person)
    return person


def eid_subject_key(subject: str) -> str:
    """Return the keyed hash kept instead of the broker's subject, which some brokers make the personnummer."""
    return hmac.new(settings.DELAKTIG_PNR_KEY.encode(), f"eid-sub:{subject}".encode(), hashlib.sha256).hexdigest()


def eid_assurance_check(acr: str | None) -> None:
    """Refuse an e-ID login below the assurance level the city asks for (DELAKTIG_EID_ACR)."""
    if settings.EID_ACCEPTED_ACR and acr not in settings.EID_ACCEPTED_ACR:
        raise DomainError(EID_ASSURANCE_TOO_LOW, code="eid_assurance", status_code=403)


def parse_personnummer(value: str | None) -> personnummer.Personnummer:
    """Validate a personnummer from an e-ID service, turning a bad one into a DomainError for the person."""
    if not value:
        raise DomainError(EID_NUMBER_MISSING, code="eid_number_missing")
    try:
        return personnummer.parse(str(value))
    except ValidationError as error:
        raise DomainError(error.messages[0], code="eid_number_invalid") from None


@transaction.atomic
def person_verify_eid(*, number: str | None, provider: str, actor: User | None) -> User:
    """Record an e-ID verification and return the account to log in to.

    Every e-ID path (the OpenID Connect broker and the built-in test provider) comes here. A logged-in
    ``actor`` has their own account raised to e-ID; someone logged out reaches the account that already
    holds this personnummer, or a new one. One personnummer never verifies two accounts.
    """
    parsed = parse_personnummer(number)
    key = personnummer.pnr_hash(parsed)
    holder = Person.objects.select_for_update().filter(pnr_hash=key).select_related("user").first()
    if actor is not None and actor.is_authenticated:
        if holder is not None and holder.user_id != actor.pk:
            raise DomainError(EID_NUMBER_ON_OTHER_ACCOUNT, code="eid_number_taken", status_code=409)
        user = actor
    elif holder is not None:
        user = holder.user
    else:
        user = User.objects.create_user()
    if not user.is_active:
        raise DomainError(EID_ACCOUNT_DELETED, code="inactive", status_code=403)
    person = Person.objects.select_for_update().get(pk=person_for(user).pk)
    if person.pnr_hash not in (None, key):
        raise DomainError(EID_ACCOUNT_HAS_OTHER_NUMBER, code="eid_other_number", status_code=409)
    person.verification_level = Person.Level.EID
    person.pnr_hash = key
    person.birth_year = parsed.birth_date.year
    person.eid_verified_at = timezone.now()
    person.eid_provider = provider
    person.full_clean()
    person.save()
    user.person = person
    audit_event_record(actor=user, verb="accounts.eid_verified", target=person, data={"provider": provider})
    return user


def role_validate(*, role: str, committee) -> None:
    """Refuse a role the database would refuse, with a message an administrator understands."""
    if role not in RoleAssignment.Role.values:
        raise DomainError(ROLE_UNKNOWN)
    if role == RoleAssignment.Role.COMMITTEE_SECRETARY and committee is None:
        raise DomainError(ROLE_NEEDS_COMMITTEE)
    if role != RoleAssignment.Role.COMMITTEE_SECRETARY and committee is not None:
        raise DomainError(ROLE_WITHOUT_COMMITTEE)


@transaction.atomic
def role_grant(*, user: User, role: str, committee=None, actor) -> RoleAssignment:
    """Give a user a staff role (per committee for secretaries), recorded in the audit trail."""
    role_validate(role=role, committee=committee)
    if RoleAssignment.objects.filter(user=user, role=role, committee=committee).exists():
        raise DomainError(ROLE_ALREADY_HELD, status_code=409)
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


@transaction.atomic
def role_revoke(*, assignment: RoleAssignment, actor) -> None:
    """Take a staff role away, recorded in the audit trail."""
    audit_event_record(
        actor=actor,
        verb="accounts.role_revoke",
        target=assignment.user,
        data={"role": assignment.role, "committee": assignment.committee_id},
    )
    assignment.delete()


@transaction.atomic
def personal_data_export(*, user: User, actor) -> dict:
    """Collect everything held about the user for their download, and note in the trail that it was taken."""
    from delaktig.accounts.selectors import personal_data_for

    data = personal_data_for(user)
    audit_event_record(actor=actor, verb="accounts.data_export", target=user)
    return data


@transaction.atomic
def account_delete(*, user: User, actor) -> User:
    """Delete an account on the person's request, keeping a pseudonymised row so counted votes stay counted.

    Every app's registered eraser runs first, inside this transaction; then the e-mail, name,
    password, e-ID link, personnummer hash and roles go, and the account can never log in again.
    """
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.deleted_at is not None:
        raise DomainError(ACCOUNT_ALREADY_DELETED, status_code=409)
    for eraser in gdpr.registered_erasers().values():
        eraser(user)
    EmailAddress.objects.filter(user=user).delete()
    SocialAccount.objects.filter(user=user).delete()
    RoleAssignment.objects.filter(user=user).delete()
    person = person_for(user)
    person.pnr_hash = person.birth_year = person.eid_verified_at = None
    person.verification_level = Person.Level.NONE
    person.eid_provider = ""
    person.full_clean()
    person.save()
    user.email = None
    user.display_name = ""
    user.set_unusable_password()
    user.is_active = user.is_staff = user.is_superuser = False
    user.deleted_at = timezone.now()
    user.full_clean()
    user.save()
    audit_event_record(actor=actor, verb="accounts.account_delete", target=user)
    return user
