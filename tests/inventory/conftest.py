import datetime

import pytest

from delaktig.accounts.models import RoleAssignment
from delaktig.city.models import Area, Committee
from delaktig.inventory.services import former_district_committees_ensure, initiative_create
from tests.factories import user_with_role


@pytest.fixture
def editor(gothenburg):
    return user_with_role(RoleAssignment.Role.INVENTORY_EDITOR)


@pytest.fixture
def former_districts(gothenburg):
    return former_district_committees_ensure(actor=None)


@pytest.fixture
def make_initiative(gothenburg):
    """Return a function that creates an initiative through the service, with sensible defaults."""
    counter = iter(range(1, 10_000))

    def make(**overrides):
        arguments = {
            "name": f"Initiativ {next(counter)}",
            "kind": "forum",
            "responsible_committee": Committee.objects.get(slug="socialnamnd-nordost"),
            "areas": [Area.objects.get(slug="nordost")],
            "target_groups": ["everyone"],
            "status": "active",
            "started_on": datetime.date(2020, 1, 1),
            "published": True,
            "actor": None,
        }
        arguments.update(overrides)
        return initiative_create(**arguments)

    return make
