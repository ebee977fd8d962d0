"""Role × action: who may moderate, record decisions, edit, vote and read unpublished proposals."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import override_settings
from django.urls import reverse

from delaktig.accounts.models import RoleAssignment
from delaktig.city.models import Committee
from delaktig.proposals import services
from tests.factories import UserFactory, user_with_role, verified_user
from tests.proposals.conftest import draft, published

pytestmark = pytest.mark.django_db
Role = RoleAssignment.Role

ROLES = ["anonymous", "unverified", "resident", "author", "moderator", "own_secretary", "other_secretary", "admin"]
# perm -> roles that hold it (object: the unpublished draft, or for record_decision the assigned proposal)
TABLE = {
    "proposals.view": {"author", "moderator", "admin"},
    "proposals.edit": {"author"},
    "proposals.moderate": {"moderator", "admin"},
    "proposals.record_decision": {"own_secretary", "admin"},
    "proposals.vote": {"resident", "author", "moderator", "own_secretary", "other_secretary", "admin"},
    "proposals.propose": {"resident", "author", "moderator", "own_secretary", "other_secretary", "admin"},
}


@pytest.fixture
def world(gothenburg):
    park = Committee.objects.get(slug="park-och-natur")
    author = verified_user()
    users = {
        "anonymous": AnonymousUser(),
        "unverified": UserFactory(),
        "resident": verified_user(),
        "author": author,
        "moderator": user_with_role(Role.MODERATOR),
        "own_secretary": user_with_role(Role.COMMITTEE_SECRETARY, committee=park),
        "other_secretary": user_with_role(Role.COMMITTEE_SECRETARY, committee=Committee.objects.get(slug="kultur")),
        "admin": user_with_role(Role.ADMINISTRATOR),
    }
    with override_settings(DELAKTIG_PROPOSAL_THRESHOLD=1):
        assigned = published(moderator=users["moderator"])
    services.vote_cast(proposal_id=assigned.pk, actor=users["resident"])
    assigned = services.proposal_assign(proposal=assigned, actor=users["moderator"], committee=park)
    secret = draft(author, title="Hemligt utkast om Skansberget")
    return users, secret, assigned


@pytest.mark.parametrize("perm", list(TABLE))
def test_role_action_table(world, perm):
    users, secret, assigned = world
    target = assigned if perm == "proposals.record_decision" else secret
    allowed = {role for role in ROLES if users[role].has_perm(perm, target)}
    assert allowed == TABLE[perm]


def test_nobody_reads_another_persons_unpublished_proposal_in_pages_or_search(world, client):
    users, secret, _assigned = world
    for role in ["anonymous", "resident", "own_secretary", "other_secretary"]:
        client.logout()
        if role != "anonymous":
            client.force_login(users[role])
        assert client.get(secret.get_absolute_url()).status_code == 404, role
        assert secret.title not in client.get(reverse("proposals:list"), {"q": "Skansberget"}).text
        assert secret.title not in client.get(reverse("proposals:similar"), {"title": "Skansberget"}).text
        assert client.get(reverse("proposals:review", args=[secret.pk])).status_code in {302, 403}
    client.force_login(users["author"])
    assert client.get(secret.get_absolute_url()).status_code == 200
    assert client.get(reverse("proposals:edit", args=[secret.pk])).status_code == 200


def test_only_the_committees_own_secretary_reaches_the_handling_page(world, client):
    users, _secret, assigned = world
    client.force_login(users["other_secretary"])
    assert client.get(reverse("proposals:handling", args=[assigned.pk])).status_code == 404
    response = client.post(reverse("proposals:record", args=[assigned.pk]), {"step": "handling"})
    assert response.status_code == 404
    client.force_login(users["own_secretary"])
    assert client.get(reverse("proposals:handling", args=[assigned.pk])).status_code == 200


def test_only_moderators_moderate_through_the_pages(world, client):
    users, secret, _assigned = world
    services.proposal_submit(proposal=secret, actor=users["author"])
    for role in ["resident", "author", "own_secretary"]:
        client.force_login(users[role])
        assert client.post(reverse("proposals:publish", args=[secret.pk])).status_code == 403
    client.force_login(users["moderator"])
    assert client.post(reverse("proposals:publish", args=[secret.pk])).status_code == 302
