"""The open-data API: only published proposals, keyset pages, filters, CSV, and clear 4xx answers."""

import csv
import io

import pytest

from delaktig.api.cursor import BAD_CURSOR
from delaktig.api.proposals import NOT_FOUND
from delaktig.core.ratelimit import TOO_MANY
from tests.api import helpers
from tests.api.helpers import moment

LIST = "/api/v1/proposals"


def ids(response) -> list[int]:
    return [row["id"] for row in response.json()["results"]]


def test_list_shows_published_proposals_newest_first_and_nothing_else(client, public_and_hidden):
    public, hidden = public_and_hidden
    response = client.get(LIST)
    assert response.status_code == 200
    assert ids(response) == [public["open_centrum"].pk, public["open_nordost"].pk, public["decided"].pk]
    assert not {proposal.pk for proposal in hidden.values()} & set(ids(response))
    assert response.json()["next"] is None


def test_list_rows_carry_the_public_columns_and_no_personal_data(client, public_and_hidden):
    public, _hidden = public_and_hidden
    response = client.get(LIST, {"status": "decided"})
    [row] = response.json()["results"]
    decided = public["decided"]
    assert row["title"] == "Fler träd i Brunnsparken"
    assert (row["status"], row["outcome"], row["area"], row["committee"]) == (
        "decided",
        "approved",
        "centrum",
        "park-och-natur",
    )
    assert row["votes"] == 1
    assert row["decided_at"] is not None and row["published_at"].startswith("2025-01-02")
    assert row["url"].endswith(decided.get_absolute_url())
    assert row["proposer"] is None
    assert decided.author.email not in response.text


def test_proposer_is_shown_only_by_the_name_they_chose(client, public_and_hidden):
    public, _hidden = public_and_hidden
    [row] = client.get(LIST, {"area": "nordost"}).json()["results"]
    assert row["proposer"] == "Karin Ek"
    assert public["open_nordost"].author.email not in str(row)


def test_following_next_links_visits_every_proposal_once(client, public_and_hidden):
    public, _hidden = public_and_hidden
    seen, url = [], f"{LIST}?limit=1"
    while url:
        page = client.get(url).json()
        seen += [row["id"] for row in page["results"]]
        url = page["next"]
    assert seen == [public["open_centrum"].pk, public["open_nordost"].pk, public["decided"].pk]


def test_pages_break_ties_of_the_same_publication_time_by_id(client, gothenburg):
    same = [helpers.published(at=moment(2025, 6, 1), published_at=moment(2025, 6, 2)) for _ in range(3)]
    seen, url = [], f"{LIST}?limit=2"
    while url:
        page = client.get(url).json()
        seen += [row["id"] for row in page["results"]]
        url = page["next"]
    assert seen == sorted((proposal.pk for proposal in same), reverse=True)


def test_list_query_count_does_not_grow_with_the_number_of_proposals(
    client, public_and_hidden, django_assert_num_queries
):
    with django_assert_num_queries(2):  # the client's rate-limit counter and the page
        client.get(LIST)
    for day in range(1, 11):
        helpers.published(at=moment(2025, 6, day), published_at=moment(2025, 6, day + 1))
    with django_assert_num_queries(2):
        assert len(client.get(LIST).json()["results"]) == 13


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"area": "centrum"}, ["open_centrum", "decided"]),
        ({"status": "open"}, ["open_centrum", "open_nordost"]),
        ({"committee": "park-och-natur"}, ["decided"]),
        ({"outcome": "approved"}, ["decided"]),
        ({"published_from": "2025-03-01", "published_to": "2025-03-31"}, ["open_nordost"]),
        ({"q": "Avenyn"}, ["open_centrum"]),
        ({"area": "hisingen"}, []),
    ],
)
def test_filters_match_the_list_page(client, public_and_hidden, query, expected):
    public, _hidden = public_and_hidden
    assert ids(client.get(LIST, query)) == [public[name].pk for name in expected]


def test_detail_shows_the_decision_and_the_public_timeline(client, public_and_hidden):
    public, _hidden = public_and_hidden
    response = client.get(f"{LIST}/{public['decided'].pk}")
    assert response.status_code == 200
    data = response.json()
    assert data["case_number"].startswith("N123-") and data["decision_date"] == "2025-02-01"
    assert [event["status"] for event in data["timeline"]] == [
        "draft",
        "submitted",
        "open",
        "threshold_reached",
        "assigned",
        "decided",
    ]


@pytest.mark.parametrize("name", ["draft", "submitted", "refused"])
def test_unpublished_proposals_are_not_found(client, public_and_hidden, name):
    _public, hidden = public_and_hidden
    response = client.get(f"{LIST}/{hidden[name].pk}")
    assert response.status_code == 404
    assert response.json()["detail"] == str(NOT_FOUND)


def test_unknown_id_is_not_found(client, db):
    response = client.get(f"{LIST}/987654")
    assert (response.status_code, response.json()["detail"]) == (404, str(NOT_FOUND))


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ({"limit": "0"}, "limit"),
        ({"limit": "101"}, "limit"),
        ({"limit": "many"}, "limit"),
        ({"status": "draft"}, "status"),
        ({"status": "refused"}, "status"),
        ({"area": "Nordost; DROP TABLE"}, "area"),
        ({"published_from": "last spring"}, "published_from"),
        ({"q": "nul\x00byte"}, "q"),
        ({"cursor": "not a cursor!"}, "cursor"),
    ],
)
def test_bad_parameters_are_a_400_naming_the_parameter(client, db, query, parameter):
    response = client.get(LIST, query)
    assert response.status_code == 400
    body = response.json()
    assert parameter in body["detail"]
    assert [problem["parameter"] for problem in body["errors"]] == [parameter]


@pytest.mark.parametrize("path", [f"{LIST}/abc", f"{LIST}/0", f"{LIST}/99999999999999999999999"])
def test_malformed_ids_are_a_400(client, db, path):
    response = client.get(path)
    assert response.status_code == 400
    assert "proposal_id" in response.json()["detail"]


def test_a_cursor_that_decodes_to_nonsense_is_a_400(client, db):
    response = client.get(LIST, {"cursor": "bm90LWEtZGF0ZXw1"})
    assert (response.status_code, response.json()["detail"]) == (400, str(BAD_CURSOR))


def test_too_many_requests_get_a_429_with_retry_after(client, db, settings):
    settings.DELAKTIG_API_RATE = "2/m"
    assert [client.get(LIST).status_code for _ in range(2)] == [200, 200]
    response = client.get(LIST)
    assert response.status_code == 429
    assert response.json()["detail"] == str(TOO_MANY)
    assert int(response["Retry-After"]) > 0


def test_csv_holds_the_same_rows_and_columns_as_the_json(client, public_and_hidden):
    public, _hidden = public_and_hidden
    response = client.get(f"{LIST}.csv", {"area": "centrum"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [int(row["id"]) for row in rows] == [public["open_centrum"].pk, public["decided"].pk]
    assert rows[1]["outcome"] == "approved" and rows[0]["outcome"] == ""
    assert rows[1]["published_at"] == "2025-01-02T12:00:00+00:00"
    assert set(rows[0]) == set(client.get(LIST).json()["results"][0])


def test_csv_never_lists_unpublished_proposals(client, public_and_hidden):
    _public, hidden = public_and_hidden
    text = client.get(f"{LIST}.csv").content.decode("utf-8-sig")
    for proposal in hidden.values():
        assert proposal.title not in text


def test_openapi_schema_describes_every_endpoint(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert set(schema["paths"]) == {"/api/v1/proposals", "/api/v1/proposals.csv", "/api/v1/proposals/{proposal_id}"}


def test_docs_page_lists_endpoints_and_loads_nothing_from_elsewhere(client, db):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert "GET /api/v1/proposals.csv" in response.text
    assert 'href="/api/v1/openapi.json"' in response.text
    assert "cdn" not in response.text.lower()
    assert "<script" not in response.text.replace('<script src="/static/vendor/htmx/htmx.min.js"', "")
