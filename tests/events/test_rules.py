"""Role × action table for the events app's named permissions."""

import pytest
from django.contrib.auth.models import AnonymousUser

from delaktig.accounts.models import Person, RoleAssignment
from tests.factories import user_with_role, verified_user

Role = RoleAssignment.Role
ACTIONS = ["view_calendar", "register", "manage_events", "view_registrations", "manage_guides"]
TABLE = {
    # role: the actions allowed, in the order of ACTIONS
    "anonymous": [1, 0, 0, 0, 0],
    "unverified": [1, 0, 0, 0, 0],
    "resident": [1, 1, 0, 0, 0],
    Role.MODERATOR: [1, 1, 1, 1, 1],
    Role.COUNCIL_ADMINISTRATOR: [1, 1, 0, 0, 0],
    Role.INVENTORY_EDITOR: [1, 1, 0, 0, 0],
    Role.ADMINISTRATOR: [1, 1, 1, 1, 1],
}


def _user(role):
    if role == "anonymous":
        return AnonymousUser()
    if role == "unverified":
        return verified_user(level=Person.Level.NONE)
    if role == "resident":
        return verified_user()
    return user_with_role(role)


@pytest.mark.django_db
@pytest.mark.parametrize("role", TABLE)
def test_role_action_table(role):
    user = _user(role)
    allowed = {action: user.has_perm(f"events.{action}") for action in ACTIONS}
    assert allowed == {action: bool(flag) for action, flag in zip(ACTIONS, TABLE[role], strict=True)}
