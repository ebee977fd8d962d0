"""Named permission rules for roles, shared by views, templates ({% has_perm %}) and the API.

Each app composes these predicates in its own rules.py. A user's roles are read once per request
object and cached on it, so checking many permissions on one page costs one query.
"""

import rules

from delaktig.accounts.models import Person, RoleAssignment

Role = RoleAssignment.Role


def role_pairs(user) -> frozenset[tuple[str, int | None]]:
    """Return the user's (role, committee id) pairs, loaded once per user object."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_delaktig_roles", None)
    if cached is None:
        cached = frozenset(RoleAssignment.objects.filter(user=user).values_list("role", "committee_id"))
        user._delaktig_roles = cached
    return cached


def has_role(role: str) -> rules.Predicate:
    """Build a predicate true for users holding ``role`` (for any committee)."""

    @rules.predicate(name=f"has_role_{role}")
    def predicate(user) -> bool:
        return any(held == role for held, _committee in role_pairs(user))

    return predicate


@rules.predicate
def is_superuser(user) -> bool:
    return user.is_authenticated and user.is_superuser


@rules.predicate
def is_secretary_of_committee(user, committee) -> bool:
    """True for a secretary of this committee (``committee`` may be a Committee or its id)."""
    committee_id = getattr(committee, "pk", committee)
    return committee_id is not None and (Role.COMMITTEE_SECRETARY, committee_id) in role_pairs(user)


def verified_at_least(level: int) -> rules.Predicate:
    """Build a predicate true for people verified at ``level`` or higher (e-mail < e-ID)."""

    @rules.predicate(name=f"verified_at_least_{level}")
    def predicate(user) -> bool:
        if not user.is_authenticated:
            return False
        person = getattr(user, "person", None)
        return person is not None and person.verification_level >= level

    return predicate


is_authenticated = rules.is_authenticated
is_administrator = has_role(Role.ADMINISTRATOR) | is_superuser
is_moderator = has_role(Role.MODERATOR) | is_administrator
is_committee_secretary = has_role(Role.COMMITTEE_SECRETARY) | is_administrator
is_council_administrator = has_role(Role.COUNCIL_ADMINISTRATOR) | is_administrator
is_inventory_editor = has_role(Role.INVENTORY_EDITOR) | is_administrator
is_staff_member = is_moderator | is_committee_secretary | is_council_administrator | is_inventory_editor
is_email_verified = verified_at_least(Person.Level.EMAIL)
is_eid_verified = verified_at_least(Person.Level.EID)

rules.add_perm("accounts.view_own_data", is_authenticated)
rules.add_perm("accounts.delete_own_account", is_authenticated)
rules.add_perm("accounts.manage_roles", is_administrator)
rules.add_perm("core.view_audit_trail", is_administrator)
rules.add_perm("core.view_staff_pages", is_staff_member)
