"""Demo accounts, one per role; the passwords are printed by `make run` and exist only in the demo."""

from allauth.account.models import EmailAddress

from delaktig.accounts.eid_test_provider import PROVIDER_ID, TEST_PEOPLE
from delaktig.accounts.models import Person, RoleAssignment, User
from delaktig.accounts.services import person_verify_eid
from delaktig.city.models import Committee

DEMO_PASSWORD = "demo-delaktig"
EID_DEMO_EMAIL = "e-legitimerad@demo.delaktig.se"
EID_DEMO_LOGIN = ("Resident, test e-ID", "/konto/test-e-legitimation/", "none: choose Erik Testsson")
Role = RoleAssignment.Role

DEMO_USERS = [
    # (label, e-mail, public name, role, committee slug)
    ("Resident", "invanare@demo.delaktig.se", "Amira Invånare", None, None),
    ("Resident verified by e-ID", "e-legitimerad@demo.delaktig.se", "Erik Testsson", None, None),
    ("Moderator (handläggare)", "moderator@demo.delaktig.se", "Maja Moderator", Role.MODERATOR, None),
    (
        "Committee secretary",
        "sekreterare@demo.delaktig.se",
        "Sven Sekreterare",
        Role.COMMITTEE_SECRETARY,
        "park-och-natur",
    ),
    (
        "Council administrator",
        "radsadmin@demo.delaktig.se",
        "Rut Rådsadministratör",
        Role.COUNCIL_ADMINISTRATOR,
        None,
    ),
    ("Inventory editor", "inventering@demo.delaktig.se", "Ivan Inventerare", Role.INVENTORY_EDITOR, None),
    ("Administrator", "admin@demo.delaktig.se", "Ada Administratör", Role.ADMINISTRATOR, None),
]


def load() -> list[tuple[str, str, str]]:
    """Create or refresh the demo users; return (role, e-mail, password) for the start-up message."""
    logins = []
    for label, email, name, role, committee_slug in DEMO_USERS:
        user, _created = User.objects.get_or_create(email=email, defaults={"display_name": name})
        user.set_password(DEMO_PASSWORD)
        user.is_staff = role == Role.ADMINISTRATOR
        user.is_superuser = role == Role.ADMINISTRATOR
        user.save()
        EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
        Person.objects.get_or_create(user=user, defaults={"verification_level": Person.Level.EMAIL})
        if role:
            committee = Committee.objects.get(slug=committee_slug) if committee_slug else None
            RoleAssignment.objects.get_or_create(user=user, role=role, committee=committee)
        logins.append((label, email, DEMO_PASSWORD))
    return [*logins, eid_resident_load()]


def eid_resident_load() -> tuple[str, str, str]:
    """Verify the e-ID demo resident as the first test person, so the test e-ID logs in to this account."""
    user = User.objects.get(email=EID_DEMO_EMAIL)
    if user.person.verification_level < Person.Level.EID:
        person_verify_eid(number=TEST_PEOPLE[0][0], provider=PROVIDER_ID, actor=user)
    return EID_DEMO_LOGIN
