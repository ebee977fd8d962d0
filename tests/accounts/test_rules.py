"""Role × action table for the accounts rules: every named rule for every role, plus a non-member committee."""

import pytest
import rules
from django.contrib.auth.models import AnonymousUser

from delaktig.accounts import rules as account_rules
from delaktig.accounts.models import Person, RoleAssignment
from delaktig.city.models import Committee
from tests.factories import UserFactory, user_with_role, verified_user

pytestmark = pytest.mark.django_db
Role = RoleAssignment.Role

ROLES = ["anonymous", "unverified", "resident", "eid_resident", *Role.values, "superuser"]

# action: the roles that may do it (committee rules are asked about the secretary's own committee)
TABLE = {
    "accounts.view_own_data": {*ROLES} - {"anonymous"},
    "accounts.delete_own_account": {*ROLES} - {"anonymous"},
    "accounts.manage_roles": {"administrator", "superuser"},
    "core.view_audit_trail": {"administrator", "superuser"},
    "core.view_staff_pages": {*Role.values, "superuser"},
    "is_moderator": {"moderator", "administrator", "superuser"},
    "is_committee_secretary": {"committee_secretary", "administrator", "superuser"},
    "is_council_administrator": {"council_administrator", "administrator", "superuser"},
    "is_inventory_editor": {"inventory_editor", "administrator", "superuser"},
    "is_administrator": {"administrator", "superuser"},
    "is_staff_member": {*Role.values, "superuser"},
    "is_email_verified": {"resident", "eid_resident", *Role.values},
    "is_eid_verified": {"eid_resident"},
    "is_secretary_of_committee": {"committee_secretary"},
}


@pytest.fixture
def people(db):
    committee = Committee.objects.create(slug="park-och-natur", name="Park- och naturnämnden")
    made = {
        "anonymous": AnonymousUser(),
        "unverified": verified_user(Person.Level.NONE),
        "resident": verified_user(Person.Level.EMAIL),
        "eid_resident": verified_user(Person.Level.EID),
        "superuser": UserFactory(is_superuser=True),
    }
    for role in Role.values:
        made[role] = user_with_role(role, committee if role == Role.COMMITTEE_SECRETARY else None)
    return made, committee


@pytest.mark.parametrize("action", sorted(TABLE))
def test_role_action_table(people, action):
    made, committee = people
    allowed = {
        name
        for name, user in made.items()
        if (
            getattr(account_rules, action).test(user, committee)
            if action.startswith("is_")
            else rules.has_perm(action, user)
        )
    }
    assert allowed == TABLE[action]


def test_a_secretary_is_not_secretary_of_another_committee(people):
    made, committee = people
    other = Committee.objects.create(slug="kultur", name="Kulturnämnden")
    assert not account_rules.is_secretary_of_committee(made["committee_secretary"], other)
    assert account_rules.is_secretary_of_committee(made["committee_secretary"], committee.pk)
