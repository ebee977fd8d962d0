"""Demo accounts, one per role; the passwords are printed by `make run` and exist only in the demo."""

from allauth.account.models import EmailAddress

from delaktig.accounts.models import Person, RoleAssignment, User
from delaktig.city.models import Committee

DEMO_PASSWORD = "demo-delaktig"
Role = RoleAssignment.Role

DEMO_USERS = [
    # (label, e-mail, public name, role, committee slug)
    ("Resident", "invanare@demo.delaktig.se", "Amira Invånare", None, None),
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
        Person.objects.update_or_create(user=user, defaults={"verification_level": Person.Level.EMAIL})
        if role:
            committee = Committee.objects.get(slug=committee_slug) if committee_slug else None
            RoleAssignment.objects.get_or_create(user=user, role=role, committee=committee)
        logins.append((label, email, DEMO_PASSWORD))
    return logins
