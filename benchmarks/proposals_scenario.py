"""The benchmark's scenario: seed, count queries, measure each page under load, then check the votes."""

import random
import secrets
import statistics
import time

from django.core.cache import caches
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from proposals_load import Request, run_wrk
from proposals_results import Check, Measure
from proposals_seed import hot_proposal_create, seed_proposals, seed_residents, seed_votes, voter_sessions

from delaktig.api.cursor import cursor_encode
from delaktig.proposals import selectors
from delaktig.proposals.models import CommitteeNotice, Proposal, ProposalEvent, Vote

FIRST_BATCH = 100
HOT_VOTES_BEFORE, HOT_THRESHOLD = 150, 200
DEEP_FRACTION = 0.9
DETAIL_WARM_UP_RUNS, DETAIL_WARM_UP_SECONDS = 6, 10
CSRF = secrets.token_hex(16)


def run_scenario(args, environment, *, serve) -> tuple[list[Measure], list[Check]]:
    """Seed in two steps (to compare query counts), serve, measure every target, check the hot proposal."""
    scale = 10 if args.quick else 1
    seconds = 3 if args.quick else args.seconds
    proposals, votes = 10_000 // scale, 1_000_000 // scale
    started = time.monotonic()
    first_resident, last_resident = seed_residents(60_000 // scale)
    seed_proposals(FIRST_BATCH, first_author=first_resident)
    small = page_query_counts()
    seed_proposals(proposals - FIRST_BATCH, first_author=first_resident)
    seed_votes(votes, first_voter=first_resident, voters=last_resident - first_resident + 1)
    hot = hot_proposal_create(author_id=first_resident, votes_before=HOT_VOTES_BEFORE, threshold=HOT_THRESHOLD)
    voters = voter_sessions(*seed_residents(40_000 // scale))
    seeded = time.monotonic() - started
    large = page_query_counts()
    checks = [
        Check(
            "seeding", f"{proposals} proposals, {votes} votes in {seeded:.0f} s", "minutes, not hours", seeded < 1800
        ),
        *[
            Check(
                f"queries: {page}",
                f"{small[page]} with {FIRST_BATCH} proposals, {large[page]} with {proposals}",
                "equal",
                small[page] == large[page],
            )
            for page in large
        ],
        *deep_page_checks(),
        *render_costs(),
    ]
    with serve(environment, port=args.port, workers=args.workers, threads=args.threads) as base_url:
        targets = read_targets(args.clients)
        for name, requests in targets.items():
            for seconds in warm_up_runs(name):
                run_wrk(base_url, requests, connections=args.clients, seconds=seconds)
        measures = [
            Measure(name, run_wrk(base_url, requests, connections=args.clients, seconds=seconds), args.clients)
            for name, requests in targets.items()
        ]
        vote_result = run_wrk(base_url, vote_requests(hot, voters), connections=args.voters, seconds=seconds)
        measures.append(Measure("vote, one hot proposal", vote_result, args.voters))
    return measures, checks + vote_checks(hot, vote_result)


def warm_up_runs(target: str) -> list[int]:
    """Return the lengths of the runs that warm a target up before it is measured.

    The detail targets (page and API) cycle through 2,000 proposals. Each web process makes each answer
    once and then serves it from the page cache until the proposal changes (after one small version
    query per request). wrk keeps its connections for a whole run, and which process accepts each one is
    up to the processes (one may take nearly all), so a single long run can leave a process cold; six
    runs, each connecting afresh, reach every answer in both, as readers arriving over many connections
    do. The measured run is then the steady state of a site whose proposals are being read. What one
    page costs when it is not cached is reported separately (``render_costs``).
    """
    if target in ("detail", "api detail"):
        return [DETAIL_WARM_UP_SECONDS] * DETAIL_WARM_UP_RUNS
    return [1]


def render_costs() -> list[Check]:
    """Measure, in this process, the CPU time of rendering each page with the page cache off."""
    targets = read_targets(1)
    checks = []
    with override_settings(DELAKTIG_PAGE_CACHE_SECONDS=0):
        for name in ("list", "list, deep page", "detail"):
            paths = [request.path for request in targets[name]][:50]
            client = Client()
            samples = []
            for path in paths * (200 // len(paths)):
                started = time.process_time()
                client.get(path, HTTP_HOST="127.0.0.1")
                samples.append((time.process_time() - started) * 1000)
            median = statistics.median(samples)
            checks.append(Check(f"render, cache off: {name}", f"{median:.1f} ms CPU", "information", True))
    return checks


@override_settings(DELAKTIG_PAGE_CACHE_SECONDS=0)
def page_query_counts() -> dict[str, int]:
    """Count the database queries of the list page and the API page, first and deep (in this process).

    Pages are rendered, not served from the page cache, and the page fragments are rendered afresh
    each time this runs, so that the counts at 100 and at 10,000 proposals compare like with like.
    """
    caches["pages"].clear()
    client, counts = Client(), {}
    for name, path in [("list page", "/forslag/"), ("api page", "/api/v1/proposals")]:
        for depth, url in [("first", path), ("deep", path + deep_query(path))]:
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url, HTTP_HOST="127.0.0.1")
            assert response.status_code == 200, (url, response.status_code)
            counts[f"{name}, {depth}"] = len(queries)
    return counts


def deep_page_checks() -> list[Check]:
    """Time the page's proposals query in PostgreSQL (EXPLAIN ANALYZE) on the first and a deep page."""
    checks = []
    for name, path in [("list page", "/forslag/"), ("api page", "/api/v1/proposals")]:
        first, deep = (_page_query_ms(url) for url in (path, path + deep_query(path)))
        checks.append(
            Check(
                f"page query: {name}, first vs deep",
                f"{first:.2f} ms vs {deep:.2f} ms",
                "deep <= 2 x first + 0.5 ms",
                deep <= 2 * first + 0.5,
            )
        )
    return checks


@override_settings(DELAKTIG_PAGE_CACHE_SECONDS=0)
def _page_query_ms(url: str, repeat: int = 5) -> float:
    """Return the median execution time of the query that reads the page's proposals."""
    with CaptureQueriesContext(connection) as queries:
        Client().get(url, HTTP_HOST="127.0.0.1")
    sql = next(query["sql"] for query in queries.captured_queries if 'FROM "proposals_proposal"' in query["sql"])
    samples = []
    with connection.cursor() as cursor:
        for _attempt in range(repeat):
            cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
            samples.append(cursor.fetchone()[0][0]["Execution Time"])
    return statistics.median(samples)


def deep_query(path: str) -> str:
    """Return the query string that starts a page DEEP_FRACTION of the way through the list."""
    public = Proposal.objects.filter(published_at__isnull=False)
    offset = int(public.count() * DEEP_FRACTION)
    if path.startswith("/api/"):
        published_at, pk = public.order_by("-published_at", "-id").values_list("published_at", "id")[offset]
        return f"?cursor={cursor_encode(published_at, pk)}"
    votes, pk = public.order_by("-vote_count", "-id").values_list("vote_count", "id")[offset]
    return f"?after={selectors._encode_cursor(votes, pk)}"


def read_targets(clients: int) -> dict[str, list[Request]]:
    """Return the anonymous read targets: list (first and deep page), detail, and the same for the API.

    Requests come from ``clients`` different (loopback) addresses behind the proxy, so per-address
    rate limits see that many readers, not one.
    """
    ids = list(Proposal.objects.filter(published_at__isnull=False).values_list("id", flat=True))
    sample = random.Random(2020).sample(ids, min(2000, len(ids)))
    paths = {
        "list": ["/forslag/"],
        "list, deep page": ["/forslag/" + deep_query("/forslag/")],
        "detail": [f"/forslag/{pk}/" for pk in sample],
        "api list": ["/api/v1/proposals"],
        "api list, deep page": ["/api/v1/proposals" + deep_query("/api/")],
        "api detail": [f"/api/v1/proposals/{pk}" for pk in sample],
    }
    return {
        name: [
            Request(path, headers=(("X-Forwarded-For", client_address(index % clients)),))
            for index, path in enumerate(path_list * clients if len(path_list) < clients else path_list)
        ]
        for name, path_list in paths.items()
    }


def client_address(index: int) -> str:
    """Return a distinct loopback address for client ``index`` (only ever a header value)."""
    return f"127.{index // 65536 % 256}.{index // 256 % 256}.{index % 256 + 1}"


def vote_requests(hot: int, sessions: list[str]) -> list[Request]:
    """Return one vote per logged-in resident, each from its own (loopback) address behind the proxy."""
    return [
        Request(
            f"/forslag/{hot}/rosta/",
            method="POST",
            headers=(
                ("Cookie", f"sessionid={key}; csrftoken={CSRF}"),
                ("X-CSRFToken", CSRF),
                ("X-Forwarded-For", client_address(index)),
                ("Content-Type", "application/x-www-form-urlencoded"),
            ),
            body="action=vote",
        )
        for index, key in enumerate(sessions)
    ]


def vote_checks(hot: int, result) -> list[Check]:
    """Check the hot proposal after the run: counter == rows, no duplicate, one threshold transition."""
    proposal = Proposal.objects.get(pk=hot)
    rows = Vote.objects.filter(proposal_id=hot).count()
    distinct = Vote.objects.filter(proposal_id=hot).values("voter_id").distinct().count()
    transitions = ProposalEvent.objects.filter(proposal_id=hot, status=Proposal.Status.THRESHOLD_REACHED).count()
    notices = CommitteeNotice.objects.filter(proposal_id=hot, kind=CommitteeNotice.Kind.THRESHOLD).count()
    answered = result.requests - result.status_errors
    counted = rows - HOT_VOTES_BEFORE
    return [
        Check(
            "hot proposal: counter == COUNT(votes)",
            f"{proposal.vote_count} == {rows}",
            "equal",
            proposal.vote_count == rows,
        ),
        Check("hot proposal: duplicate votes", str(rows - distinct), "0", rows == distinct),
        Check(
            "hot proposal: votes stored vs answered OK",
            f"{counted} stored, {answered} answered",
            "stored - answered < voters in flight",
            0 <= counted - answered <= 50,
        ),
        Check(
            "hot proposal: threshold transitions / notices",
            f"{transitions} / {notices}",
            "1 / 1",
            transitions == 1 and notices == 1,
        ),
    ]
