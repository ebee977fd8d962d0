"""Who may do what with local councils: everyone reads, council administrators manage their own councils.

A council administrator (the role) manages only the councils that name them as administrator; the
platform's administrators manage every council and choose who administers which.
"""

import rules

from delaktig.accounts.models import RoleAssignment
from delaktig.accounts.rules import has_role, is_administrator, is_council_administrator


@rules.predicate
def administers_council(user, council) -> bool:
    """True when the council names the user among its administrators."""
    if council is None or not user.is_authenticated:
        return False
    cached = getattr(user, "_delaktig_councils", None)
    if cached is None:
        cached = frozenset(user.administered_councils.values_list("pk", flat=True))
        user._delaktig_councils = cached
    return council.pk in cached


manages_council = is_administrator | (has_role(RoleAssignment.Role.COUNCIL_ADMINISTRATOR) & administers_council)

rules.add_perm("councils.view_council", rules.always_allow)
rules.add_perm("councils.view_staff_pages", is_council_administrator)
rules.add_perm("councils.manage_council", manages_council)
rules.add_perm("councils.create_council", is_administrator)
rules.add_perm("councils.assign_administrators", is_administrator)
