import pytest

from delaktig.proposals import selectors, services
from delaktig.proposals.models import Proposal
from tests.factories import verified_user
from tests.proposals.conftest import draft, published

pytestmark = pytest.mark.django_db


def test_public_list_never_shows_drafts_submitted_or_refused(moderator):
    visible = published(moderator=moderator, title="Synlig")
    draft(title="Utkast")
    waiting = draft(title="Väntar")
    services.proposal_submit(proposal=waiting, actor=waiting.author)
    titles = [proposal.title for proposal in selectors.proposal_list_public()]
    assert titles == [visible.title]
    with pytest.raises(Proposal.DoesNotExist):
        selectors.proposal_detail_public(waiting.pk)


def test_keyset_pages_cover_every_proposal_once_in_every_sort(moderator):
    proposals = [published(moderator=moderator, title=f"Förslag {number}") for number in range(7)]
    for index, proposal in enumerate(proposals[:4]):
        for _voter in range(index % 2 + 1):
            services.vote_cast(proposal_id=proposal.pk, actor=verified_user())
    for sort in selectors.SORTS:
        seen, cursor = [], None
        while True:
            page = selectors.proposal_page(selectors.proposal_list_public(sort=sort), sort=sort, cursor=cursor, size=3)
            seen += [proposal.pk for proposal in page.items]
            if not (cursor := page.next_cursor):
                break
        assert sorted(seen) == sorted(proposal.pk for proposal in proposals), sort
        assert seen == [proposal.pk for proposal in selectors.proposal_list_public(sort=sort)], sort


def test_malformed_cursor_starts_from_the_first_page(moderator):
    published(moderator=moderator)
    for cursor in ["%%%", "bm90LWEtY3Vyc29y", "MTIzfGFiYw"]:
        page = selectors.proposal_page(selectors.proposal_list_public(), sort="votes", cursor=cursor)
        assert len(page.items) == 1


def test_filters_by_area_category_status_and_committee(moderator, centrum, park_committee):
    match = published(moderator=moderator, area=centrum, committee=park_committee)
    published(moderator=moderator)
    found = selectors.proposal_list_public(area="centrum", category="parks", status="open", committee="park-och-natur")
    assert list(found) == [match]
    assert list(selectors.proposal_list_public(status="no-such-status")) == []


def test_search_finds_words_in_title_and_text(moderator):
    match = published(moderator=moderator, title="Badplats vid Delsjön", body="En brygga för bad.")
    published(moderator=moderator, title="Cykelbana på Hisingen", body="Säkrare väg till skolan.")
    assert list(selectors.proposal_list_public(search="badplats")) == [match]


def test_similar_proposals_share_words(moderator):
    match = published(moderator=moderator, title="Fler papperskorgar i Slottsskogen", body="Det skräpar ner.")
    published(moderator=moderator, title="Längre öppettider på biblioteket", body="Öppet på söndagar.")
    similar = selectors.proposal_similar(text="Papperskorgar i Slottsskogen behövs")
    assert similar == [match]
    assert selectors.proposal_similar(text="Papperskorgar Slottsskogen", exclude_id=match.pk) == []


@pytest.mark.postgres
def test_swedish_full_text_search_matches_inflected_forms(moderator):
    match = published(moderator=moderator, title="Bättre belysning i parkerna", body="Lampor behövs på kvällarna.")
    assert list(selectors.proposal_list_public(search="park")) == [match]
    assert selectors.proposal_similar(text="En park utan belysning") == [match]
