"""Role × action table for the councils app: administrators of a council manage only that council."""

import pytest
from django.contrib.auth.models import AnonymousUser

from delaktig.accounts.models import RoleAssignment
from delaktig.councils import services
from tests.councils.factories import o_dialogen
from tests.factories import user_with_role, verified_user

Role = RoleAssignment.Role
ACTIONS = ["view_council", "view_staff_pages", "manage_own", "manage_other", "create_council", "assign_administrators"]
TABLE = {
    "anonymous": [1, 0, 0, 0, 0, 0],
    "resident": [1, 0, 0, 0, 0, 0],
    Role.MODERATOR: [1, 0, 0, 0, 0, 0],
    Role.COMMITTEE_SECRETARY: [1, 0, 0, 0, 0, 0],
    Role.INVENTORY_EDITOR: [1, 0, 0, 0, 0, 0],
    Role.COUNCIL_ADMINISTRATOR: [1, 1, 1, 0, 0, 0],
    Role.ADMINISTRATOR: [1, 1, 1, 1, 1, 1],
}


def _user(role, committee):
    if role == "anonymous":
        return AnonymousUser()
    if role == "resident":
        return verified_user()
    return user_with_role(role, committee=committee if role == Role.COMMITTEE_SECRETARY else None)


@pytest.mark.parametrize("role", TABLE)
def test_role_action_table(gothenburg, role):
    own, other = o_dialogen(), o_dialogen(slug="annat-rad")
    user = _user(role, own.committee)
    if role == Role.COUNCIL_ADMINISTRATOR:
        services.council_administrator_add(council=own, user=user, actor=None)
    allowed = {
        "view_council": user.has_perm("councils.view_council", own),
        "view_staff_pages": user.has_perm("councils.view_staff_pages"),
        "manage_own": user.has_perm("councils.manage_council", own),
        "manage_other": user.has_perm("councils.manage_council", other),
        "create_council": user.has_perm("councils.create_council"),
        "assign_administrators": user.has_perm("councils.assign_administrators"),
    }
    assert allowed == {action: bool(flag) for action, flag in zip(ACTIONS, TABLE[role], strict=True)}
