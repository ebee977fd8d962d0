import pytest
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from delaktig.accounts.models import RoleAssignment
from delaktig.proposals import services
from delaktig.proposals.models import Comment, Proposal, Vote
from tests.factories import UserFactory, user_with_role, verified_user
from tests.proposals.conftest import draft, published

pytestmark = pytest.mark.django_db
Status = Proposal.Status


def test_list_query_count_does_not_grow_with_proposals(client, moderator, gothenburg, django_assert_num_queries):
    for number in range(25):
        published(moderator=moderator, title=f"Förslag nummer {number}")
    # Committees for the filter, areas for the filter, the page of proposals, the area navigation.
    with django_assert_num_queries(4):
        response = client.get(reverse("proposals:list"), {"sort": "newest", "area": "", "q": ""})
    assert response.status_code == 200
    assert 'rel="next"' in response.text
    next_link = response.text.split('rel="next"')[0].rsplit('href="', 1)[1].split('"')[0].replace("&amp;", "&")
    # The area navigation is now a cached fragment (and so is the filter form for the same filters).
    with django_assert_num_queries(3):
        assert client.get(reverse("proposals:list") + next_link).status_code == 200


def test_list_with_unknown_filter_value_is_a_clear_400(client, gothenburg):
    response = client.get(reverse("proposals:list"), {"status": "<script>", "sort": "x" * 500})
    assert response.status_code == 400
    assert "error-summary" in response.text


def test_detail_shows_votes_days_left_and_timeline(client, moderator):
    proposal = published(moderator=moderator)
    response = client.get(proposal.get_absolute_url())
    assert response.status_code == 200
    assert "89 dagar kvar" in response.text or "90 dagar kvar" in response.text
    assert "Öppet för röstning" in response.text


def test_vote_with_plain_form_redirects_and_counts(client, moderator):
    proposal = published(moderator=moderator)
    voter = verified_user()
    client.force_login(voter)
    response = client.post(reverse("proposals:vote", args=[proposal.pk]), {"action": "vote", "show_name": "on"})
    assert response.status_code == 302
    assert Vote.objects.get(voter=voter).show_name
    response = client.post(reverse("proposals:vote", args=[proposal.pk]), {"action": "vote"})
    assert response.status_code == 409
    assert "redan röstat" in response.text


def test_vote_with_htmx_returns_the_vote_box(client, moderator):
    proposal = published(moderator=moderator)
    client.force_login(verified_user())
    response = client.post(reverse("proposals:vote", args=[proposal.pk]), {"action": "vote"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section id="vote-box"')
    assert "Dra tillbaka min röst" in response.text
    response = client.post(
        reverse("proposals:vote", args=[proposal.pk]), {"action": "withdraw"}, HTTP_HX_REQUEST="true"
    )
    assert Proposal.objects.get(pk=proposal.pk).vote_count == 0


@override_settings(DELAKTIG_PROPOSAL_RATE_VOTE=["2/m"])
def test_voting_too_fast_gives_the_429_page(client, moderator):
    proposals = [published(moderator=moderator) for _index in range(3)]
    client.force_login(verified_user())
    statuses = [client.post(reverse("proposals:vote", args=[p.pk]), {"action": "vote"}).status_code for p in proposals]
    assert statuses == [302, 302, 429]
    assert Vote.objects.count() == 2


def test_vote_request_query_count_is_pinned(client, moderator, django_assert_num_queries):
    first, second = published(moderator=moderator), published(moderator=moderator)
    client.force_login(verified_user())
    client.post(reverse("proposals:vote", args=[first.pk]), {"action": "vote"})  # warms the content-type cache
    # Session; user with person (for the permission check); one statement counting all three rate limits
    # (two per account, one per address); the test's savepoint around the vote and its counter: one
    # statement on PostgreSQL, an insert and an update on SQLite. The proposal is looked up only when the
    # vote is refused.
    with django_assert_num_queries(6 if connection.vendor == "postgresql" else 7):
        assert client.post(reverse("proposals:vote", args=[second.pk]), {"action": "vote"}).status_code == 302


@override_settings(DELAKTIG_PROPOSAL_RATE_PROPOSE_IP=["1/h"])
def test_proposing_is_limited_per_address_too(client, db):
    data = {"title": "Ett förslag", "body": "Text", "category": "other"}
    client.force_login(verified_user())
    assert client.post(reverse("proposals:create"), data).status_code == 302
    client.force_login(verified_user())
    assert client.post(reverse("proposals:create"), data).status_code == 429


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": "", "body": "", "category": "other"}, "Detta fält måste fyllas i"),
        ({"title": "x" * 500, "body": "Text", "category": "other"}, "högst 120 tecken"),
        ({"title": "Titel", "body": "x" * 6000, "category": "other"}, "5000"),
        ({"title": "Titel", "body": "Text", "category": "nope"}, "giltigt alternativ"),
        ({"title": "Titel", "body": "Text", "category": "other", "area": "abc"}, "giltigt alternativ"),
    ],
)
def test_bad_proposal_input_gets_a_clear_message_never_a_500(client, db, data, message):
    client.force_login(verified_user())
    response = client.post(reverse("proposals:create"), data)
    assert response.status_code == 400
    assert message in response.text
    assert Proposal.objects.count() == 0


def test_unverified_resident_is_asked_to_verify_before_proposing(client, db):
    client.force_login(UserFactory())
    response = client.get(reverse("proposals:create"))
    assert response.status_code == 403


def test_proposer_flow_draft_submit_withdraw(client, db):
    author = verified_user()
    client.force_login(author)
    data = {"title": "Utegym i Kortedala", "body": "Ett utegym vid torget.", "category": "culture"}
    response = client.post(reverse("proposals:create"), data)
    proposal = Proposal.objects.get()
    assert response.url == proposal.get_absolute_url()
    assert client.get(reverse("proposals:mine")).status_code == 200
    client.post(reverse("proposals:submit", args=[proposal.pk]))
    assert Proposal.objects.get().status == Status.SUBMITTED
    client.post(reverse("proposals:withdraw", args=[proposal.pk]))
    assert Proposal.objects.get().status == Status.WITHDRAWN


def test_comment_report_hides_after_the_configured_count(client, moderator):
    proposal = published(moderator=moderator)
    client.force_login(verified_user())
    client.post(reverse("proposals:comment", args=[proposal.pk]), {"body": "Bra idé!", "show_name": "on"})
    comment = Comment.objects.get()
    with override_settings(DELAKTIG_PROPOSAL_REPORT_HIDE_COUNT=2):
        for _reporter in range(2):
            client.force_login(verified_user())
            client.post(reverse("proposals:comment_report", args=[comment.pk]))
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING_REVIEW
    assert "Bra idé!" not in client.get(proposal.get_absolute_url()).text
    client.force_login(moderator)
    assert "Bra idé!" in client.get(reverse("proposals:moderation")).text
    client.post(reverse("proposals:review_comment", args=[comment.pk]), {"keep": "1"})
    assert "Bra idé!" in client.get(proposal.get_absolute_url()).text


def test_empty_comment_is_a_clear_400(client, moderator):
    proposal = published(moderator=moderator)
    client.force_login(verified_user())
    response = client.post(reverse("proposals:comment", args=[proposal.pk]), {"body": "   "})
    assert response.status_code == 400
    assert Comment.objects.count() == 0


def test_moderator_refuses_and_proposer_sees_the_rule_text(client, moderator):
    proposal = draft()
    services.proposal_submit(proposal=proposal, actor=proposal.author)
    client.force_login(moderator)
    review = client.get(reverse("proposals:review", args=[proposal.pk]))
    assert "Reklam" in review.text
    client.post(reverse("proposals:refuse", args=[proposal.pk]), {"rule": "advertising", "note": "Säljer skor."})
    client.force_login(proposal.author)
    page = client.get(proposal.get_absolute_url()).text
    assert "marknadsför" in page and "Säljer skor." in page


def test_secretary_records_a_decision(client, moderator, park_committee, secretary):
    with override_settings(DELAKTIG_PROPOSAL_THRESHOLD=1):
        proposal = published(moderator=moderator)
    services.vote_cast(proposal_id=proposal.pk, actor=verified_user())
    services.proposal_assign(proposal=Proposal.objects.get(pk=proposal.pk), actor=moderator, committee=park_committee)
    client.force_login(secretary)
    assert proposal.title in client.get(reverse("proposals:committee_queue")).text
    data = {
        "step": "decision",
        "decision-outcome": "approved",
        "decision-decision_text": "Bifall.",
        "decision-decision_date": "2026-11-20",
        "decision-case_number": "PN 2026-1",
        "decision-minutes_url": "javascript:alert(1)",
    }
    response = client.post(reverse("proposals:record", args=[proposal.pk]), data)
    assert response.status_code == 400
    data["decision-minutes_url"] = "https://goteborg.se/protokoll.pdf"
    assert client.post(reverse("proposals:record", args=[proposal.pk]), data).status_code == 302
    assert Proposal.objects.get(pk=proposal.pk).status == Status.DECIDED


def test_rule_catalogue_page_lists_every_rule(client, db):
    response = client.get(reverse("proposals:rules"))
    assert response.status_code == 200
    for text in ["kommunens", "myndighetsutövning", "personuppgifter", "Kränkande", "Reklam", "12 månaderna"]:
        assert text.lower() in response.text.lower()


def test_hub_shows_the_areas_open_proposals(client, moderator, centrum):
    proposal = published(moderator=moderator, area=centrum, title="Fontän på Järntorget")
    assert proposal.title in client.get(reverse("city:area", kwargs={"slug": "centrum"})).text
    assert proposal.title not in client.get(reverse("city:area", kwargs={"slug": "hisingen"})).text


def test_staff_pages_need_roles(client, park_committee):
    client.force_login(user_with_role(RoleAssignment.Role.COMMITTEE_SECRETARY, committee=park_committee))
    assert client.get(reverse("proposals:moderation")).status_code == 403
    client.force_login(verified_user())
    assert client.get(reverse("proposals:committee_queue")).status_code == 403


def test_detail_query_count_is_pinned_and_uses_the_counter(client, moderator, django_assert_num_queries):
    proposal = published(moderator=moderator)
    for _voter in range(3):
        services.vote_cast(proposal_id=proposal.pk, actor=verified_user(), show_name=True)
    # Proposal, its timeline, comments, named voters, area navigation: no COUNT of votes.
    with django_assert_num_queries(5) as captured:
        response = client.get(proposal.get_absolute_url())
    assert not any("COUNT(" in query["sql"].upper() for query in captured.captured_queries)
    assert '<span class="number">3</span>' in response.text


@override_settings(DELAKTIG_PROPOSAL_RATE_COMMENT=["1/h"])
def test_commenting_too_fast_gives_the_429_page(client, moderator):
    proposal = published(moderator=moderator)
    client.force_login(verified_user())
    url = reverse("proposals:comment", args=[proposal.pk])
    assert client.post(url, {"body": "Ett"}).status_code == 302
    response = client.post(url, {"body": "Två"})
    assert response.status_code == 429 and response.has_header("Retry-After")
    assert Comment.objects.count() == 1


def test_malformed_requests_get_clear_4xx_never_500(client, moderator):
    proposal = published(moderator=moderator)
    secret = draft()
    client.force_login(verified_user())
    assert client.get(reverse("proposals:list"), {"after": "%%%not-a-cursor"}).status_code == 200
    assert client.get("/forslag/99999999999999999999/").status_code == 404
    assert client.get("/forslag/abc/").status_code == 404
    assert client.post(reverse("proposals:vote", args=[secret.pk]), {"action": "vote"}).status_code == 404
    assert client.post("/forslag/99999999999999999999/rosta/", {"action": "vote"}).status_code == 404
    assert client.post(reverse("proposals:vote", args=[secret.pk]), {"action": "withdraw"}).status_code == 404
    assert client.post(reverse("proposals:vote", args=[proposal.pk]), {"action": "withdraw"}).status_code == 409
    assert client.get(reverse("proposals:vote", args=[proposal.pk])).status_code == 405
    assert client.get(reverse("proposals:similar"), {"title": "\x00" * 5000}).status_code == 200
    comment = services.comment_create(proposal=proposal, actor=verified_user(), body="Text")
    client.post(reverse("proposals:comment_report", args=[comment.pk]))
    assert client.post(reverse("proposals:comment_report", args=[comment.pk])).status_code == 409
    assert client.post(reverse("proposals:comment", args=[proposal.pk]), {"body": "x" * 2001}).status_code == 400


def test_moderator_removes_a_comment_from_the_proposal_page(client, moderator):
    proposal = published(moderator=moderator)
    services.comment_create(proposal=proposal, actor=verified_user(), body="Olämpligt")
    client.force_login(moderator)
    page = client.get(proposal.get_absolute_url()).text
    assert "Ta bort kommentaren" in page
    client.post(reverse("proposals:review_comment", args=[Comment.objects.get().pk]), {"keep": "0"})
    assert Comment.objects.get().status == Comment.Status.REMOVED
    assert "Olämpligt" not in client.get(proposal.get_absolute_url()).text
