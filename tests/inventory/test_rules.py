"""Role × action table for the inventory's named rules."""

import pytest
from django.contrib.auth.models import AnonymousUser

from delaktig.accounts.models import RoleAssignment
from delaktig.city.models import Committee
from tests.factories import user_with_role, verified_user

pytestmark = pytest.mark.django_db

Role = RoleAssignment.Role
ROLES = [
    "anonymous",
    "resident",
    "moderator",
    "committee_secretary",
    "council_administrator",
    "inventory_editor",
    "administrator",
]
EDITORS = {"inventory_editor", "administrator"}

# action -> roles allowed (for object rules: on an unpublished initiative)
TABLE = {
    "inventory.view_unpublished": EDITORS,
    "inventory.add_initiative": EDITORS,
    "inventory.change_initiative": EDITORS,
    "inventory.change_status": EDITORS,
    "inventory.transfer_responsibility": EDITORS,
    "inventory.record_participation": EDITORS,
    "inventory.import_initiatives": EDITORS,
    "inventory.view_report": EDITORS | {"committee_secretary"},
}


def make_user(role: str):
    if role == "anonymous":
        return AnonymousUser()
    if role == "resident":
        return verified_user()
    committee = Committee.objects.get(slug="socialnamnd-nordost") if role == Role.COMMITTEE_SECRETARY else None
    return user_with_role(role, committee)


@pytest.mark.parametrize("role", ROLES)
def test_role_action_table(gothenburg, role):
    user = make_user(role)
    allowed = {action for action in TABLE if user.has_perm(action)}
    assert allowed == {action for action, roles in TABLE.items() if role in roles}


@pytest.mark.parametrize("role", ROLES)
def test_everyone_sees_published_initiatives_and_only_editors_the_rest(make_initiative, role):
    user = make_user(role)
    published, draft = make_initiative(published=True), make_initiative(published=False)
    assert user.has_perm("inventory.view_initiative", published)
    assert user.has_perm("inventory.view_initiative", draft) == (role in EDITORS)
