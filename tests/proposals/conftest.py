"""Helpers for the proposal tests: build proposals in any status through the services."""

import pytest

from delaktig.accounts.models import Person, RoleAssignment, User
from delaktig.city.models import Area, Committee
from delaktig.proposals import services
from delaktig.proposals.models import Category
from tests.factories import PersonFactory, UserFactory, user_with_role, verified_user


def eid_user():
    """Return a user verified with e-ID (tests.factories' hash is longer than the column on PostgreSQL)."""
    user = UserFactory()
    PersonFactory(user=user, verification_level=Person.Level.EID, pnr_hash=f"test-{user.pk:040d}")
    return user


def many_voters(count: int) -> list:
    """Create ``count`` e-mail-verified people in two queries (factories would take seconds)."""
    start = User.objects.count()
    users = User.objects.bulk_create(
        [User(email=f"rostare{start + index}@example.se", display_name=f"Röstare {index}") for index in range(count)]
    )
    Person.objects.bulk_create([Person(user=user, verification_level=Person.Level.EMAIL) for user in users])
    return list(User.objects.filter(pk__in=[user.pk for user in users]).select_related("person"))


def draft(author=None, *, title="Fler parkbänkar längs Göta älv", body="Sätt upp bänkar var hundrade meter.", **extra):
    return services.proposal_create(
        actor=author or verified_user(), title=title, body=body, category=Category.PARKS, **extra
    )


def published(author=None, *, moderator=None, committee=None, now=None, **extra):
    proposal = draft(author, **extra)
    services.proposal_submit(proposal=proposal, actor=proposal.author, now=now)
    moderator = moderator or user_with_role(RoleAssignment.Role.MODERATOR)
    return services.proposal_publish(proposal=proposal, actor=moderator, committee=committee, now=now)


@pytest.fixture
def moderator(db):
    return user_with_role(RoleAssignment.Role.MODERATOR)


@pytest.fixture
def park_committee(gothenburg):
    return Committee.objects.get(slug="park-och-natur")


@pytest.fixture
def secretary(park_committee):
    return user_with_role(RoleAssignment.Role.COMMITTEE_SECRETARY, committee=park_committee)


@pytest.fixture
def centrum(gothenburg):
    return Area.objects.get(slug="centrum")
