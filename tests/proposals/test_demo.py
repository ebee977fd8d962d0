import pytest

from delaktig.accounts.models import RoleAssignment
from delaktig.city.models import Committee
from delaktig.proposals import demo
from delaktig.proposals.models import Proposal
from delaktig.proposals.services import vote_counts_reconcile
from tests.factories import user_with_role


@pytest.mark.django_db
def test_demo_has_every_status_in_every_area_and_loads_once(gothenburg):
    # The demo staff accounts of delaktig.accounts.demo, without its slow password hashing.
    user_with_role(RoleAssignment.Role.MODERATOR, email="moderator@demo.delaktig.se")
    park = Committee.objects.get(slug="park-och-natur")
    user_with_role(RoleAssignment.Role.COMMITTEE_SECRETARY, committee=park, email="sekreterare@demo.delaktig.se")
    assert demo.load() == []
    statuses = set(Proposal.objects.values_list("status", flat=True))
    assert statuses == set(Proposal.Status.values)
    areas = set(Proposal.objects.exclude(area=None).values_list("area__slug", flat=True))
    assert areas == {"nordost", "centrum", "sydvast", "hisingen"}
    count = Proposal.objects.count()
    demo.load()
    assert Proposal.objects.count() == count
    assert vote_counts_reconcile() == []
    decided = Proposal.objects.get(status="decided")
    assert decided.decided_at > decided.threshold_reached_at > decided.published_at
