import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import AnonymousUser

from delaktig.accounts import gdpr
from delaktig.accounts.models import Person, RoleAssignment, User
from delaktig.accounts.personnummer import WRONG_CHECK_DIGIT
from delaktig.accounts.services import (
    ACCOUNT_ALREADY_DELETED,
    EID_ACCOUNT_DELETED,
    EID_ACCOUNT_HAS_OTHER_NUMBER,
    EID_NUMBER_MISSING,
    EID_NUMBER_ON_OTHER_ACCOUNT,
    ROLE_ALREADY_HELD,
    ROLE_NEEDS_COMMITTEE,
    ROLE_WITHOUT_COMMITTEE,
    account_delete,
    person_record_email_confirmed,
    person_verify_eid,
    personal_data_export,
    role_grant,
    role_revoke,
)
from delaktig.city.models import Committee
from delaktig.core.errors import DomainError
from delaktig.core.models import AuditEvent
from tests.factories import UserFactory, user_with_role, verified_user

pytestmark = pytest.mark.django_db
ERIK = "199001012393"
ANNA = "198512142384"


def test_e_id_login_of_a_new_person_creates_an_account_verified_by_e_id():
    user = person_verify_eid(number="900101-2393", provider="eid", actor=None)
    person = user.person
    assert user.email is None and not user.has_usable_password()
    assert person.verification_level == Person.Level.EID and person.birth_year == 1990
    assert ERIK not in person.pnr_hash
    assert AuditEvent.objects.filter(verb="accounts.eid_verified", actor=user, data={"provider": "eid"}).exists()


def test_the_same_personnummer_reaches_the_same_account_however_it_is_written():
    first = person_verify_eid(number=ERIK, provider="eid", actor=None)
    again = person_verify_eid(number="900101-2393", provider="test-eid", actor=AnonymousUser())
    assert again == first and User.objects.count() == 1


def test_a_logged_in_person_is_raised_from_e_mail_to_e_id():
    user = verified_user()
    assert person_verify_eid(number=ERIK, provider="eid", actor=user) == user
    user.person.refresh_from_db()
    assert user.person.verification_level == Person.Level.EID


def test_a_second_account_for_the_same_personnummer_is_refused():
    holder = person_verify_eid(number=ERIK, provider="eid", actor=None)
    other = verified_user()
    with pytest.raises(DomainError) as error:
        person_verify_eid(number=ERIK, provider="eid", actor=other)
    assert error.value.message == EID_NUMBER_ON_OTHER_ACCOUNT and error.value.status_code == 409
    other.person.refresh_from_db()
    assert other.person.verification_level == Person.Level.EMAIL and other.person.pnr_hash is None
    assert holder.person.pnr_hash is not None


def test_an_account_verified_as_one_person_cannot_be_taken_over_by_another_persons_e_id():
    alice = person_verify_eid(number=ANNA, provider="eid", actor=None)
    with pytest.raises(DomainError) as error:
        person_verify_eid(number=ERIK, provider="eid", actor=alice)
    assert error.value.message == EID_ACCOUNT_HAS_OTHER_NUMBER and error.value.status_code == 409
    assert not Person.objects.filter(birth_year=1990).exists()


@pytest.mark.parametrize(("number", "message"), [(None, EID_NUMBER_MISSING), ("199001012394", WRONG_CHECK_DIGIT)])
def test_a_missing_or_malformed_number_from_the_broker_is_refused_with_nothing_written(number, message):
    with pytest.raises(DomainError) as error:
        person_verify_eid(number=number, provider="eid", actor=None)
    assert error.value.message == message
    assert not User.objects.exists() and not AuditEvent.objects.exists()


def test_e_mail_confirmation_never_lowers_an_e_id_verification():
    user = person_verify_eid(number=ERIK, provider="eid", actor=None)
    assert person_record_email_confirmed(user=user).verification_level == Person.Level.EID


def test_roles_are_granted_and_revoked_through_the_audit_trail(gothenburg):
    admin = user_with_role(RoleAssignment.Role.ADMINISTRATOR)
    user = verified_user()
    committee = Committee.objects.get(slug="park-och-natur")
    assignment = role_grant(user=user, role="committee_secretary", committee=committee, actor=admin)
    with pytest.raises(DomainError) as error:
        role_grant(user=user, role="committee_secretary", committee=committee, actor=admin)
    assert error.value.message == ROLE_ALREADY_HELD
    role_revoke(assignment=assignment, actor=admin)
    assert not user.roles.exists()
    verbs = list(AuditEvent.objects.filter(actor=admin).order_by("id").values_list("verb", "data"))
    assert verbs == [
        ("accounts.role_grant", {"role": "committee_secretary", "committee": committee.pk}),
        ("accounts.role_revoke", {"role": "committee_secretary", "committee": committee.pk}),
    ]


def test_a_role_and_its_committee_must_fit_together(gothenburg):
    user = verified_user()
    committee = Committee.objects.get(slug="park-och-natur")
    with pytest.raises(DomainError) as error:
        role_grant(user=user, role="committee_secretary", committee=None, actor=user)
    assert error.value.message == ROLE_NEEDS_COMMITTEE
    with pytest.raises(DomainError) as error:
        role_grant(user=user, role="moderator", committee=committee, actor=user)
    assert error.value.message == ROLE_WITHOUT_COMMITTEE


@pytest.fixture
def registered_app(monkeypatch):
    """A stand-in for another app hooked into the GDPR registry."""
    erased = []
    monkeypatch.setattr(gdpr, "_exporters", {})
    monkeypatch.setattr(gdpr, "_erasers", {})
    gdpr.register_personal_data("proposals", lambda user: {"proposals": [f"by {user.pk}"]})
    gdpr.register_erasure("proposals", erased.append)
    return erased


def test_the_download_holds_account_person_roles_trail_and_every_registered_app(registered_app):
    user = person_verify_eid(number=ERIK, provider="eid", actor=None)
    user.email = "erik@example.se"
    user.save()
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    data = personal_data_export(user=user, actor=user)
    assert data["account"]["email"] == "erik@example.se"
    assert data["account"]["email_addresses"] == [{"email": "erik@example.se", "verified": True, "primary": True}]
    assert data["person"]["verification_level"] == Person.Level.EID and data["person"]["birth_year"] == 1990
    assert "pnr_hash" not in data["person"] and user.person.pnr_hash not in str(data)
    assert [event["verb"] for event in data["audit_events"]] == ["accounts.eid_verified"]
    assert data["apps"] == {"proposals": {"proposals": [f"by {user.pk}"]}}
    assert AuditEvent.objects.filter(verb="accounts.data_export", actor=user).exists()


def test_deletion_pseudonymises_the_row_runs_every_eraser_and_frees_the_personnummer(registered_app):
    user = person_verify_eid(number=ERIK, provider="eid", actor=None)
    user.email, user.display_name = "erik@example.se", "Erik"
    user.password = "pbkdf2_sha256$1$salt$notarealhash="  # usable, without hashing cost
    user.save()
    RoleAssignment.objects.create(user=user, role="moderator")
    account_delete(user=user, actor=user)
    user.refresh_from_db()
    assert registered_app == [user]
    assert user.email is None and user.display_name == "" and not user.has_usable_password()
    assert not user.is_active and user.deleted_at is not None and not user.roles.exists()
    assert user.person.pnr_hash is None and user.person.verification_level == Person.Level.NONE
    assert AuditEvent.objects.filter(verb="accounts.account_delete", actor=user).exists()
    with pytest.raises(DomainError) as error:
        account_delete(user=user, actor=user)
    assert error.value.message == ACCOUNT_ALREADY_DELETED
    assert person_verify_eid(number=ERIK, provider="eid", actor=None) != user


def test_an_eraser_that_fails_leaves_the_account_untouched(monkeypatch):
    monkeypatch.setattr(gdpr, "_erasers", {})

    def refuse(user):
        raise RuntimeError("proposals cannot erase right now")

    gdpr.register_erasure("proposals", refuse)
    user = UserFactory(email="kvar@example.se")
    with pytest.raises(RuntimeError):
        account_delete(user=user, actor=user)
    user.refresh_from_db()
    assert user.email == "kvar@example.se" and user.is_active


def test_a_deleted_account_cannot_be_reached_by_e_id(monkeypatch):
    user = person_verify_eid(number=ANNA, provider="eid", actor=None)
    User.objects.filter(pk=user.pk).update(is_active=False)
    with pytest.raises(DomainError) as error:
        person_verify_eid(number=ANNA, provider="eid", actor=None)
    assert error.value.message == EID_ACCOUNT_DELETED
