import pytest

from delaktig.accounts import demo
from delaktig.accounts.models import Person, User
from delaktig.core.models import AuditEvent


@pytest.mark.django_db
def test_demo_is_idempotent_and_has_an_e_id_resident(gothenburg, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed, not security
    first = demo.load()
    assert demo.load() == first
    resident = User.objects.get(email=demo.EID_DEMO_EMAIL)
    assert resident.person.verification_level == Person.Level.EID
    assert AuditEvent.objects.filter(verb="accounts.eid_verified").count() == 1
    assert ("Resident, test e-ID", "/konto/test-e-legitimation/", "none: choose Erik Testsson") in first
