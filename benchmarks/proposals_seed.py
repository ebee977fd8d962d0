"""Seed the benchmark database in bulk SQL: residents, 10,000 proposals in every status, 1,000,000 votes.

Everything is generated inside PostgreSQL with ``generate_series`` (minutes, not hours); sessions
for the hot-proposal voters are written with COPY. The numbers of votes per proposal follow a long
tail (a few proposals with thousands of votes, most with a handful), like the real service.
"""

import datetime
import random
import secrets

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection

from delaktig.accounts.models import User

PASSWORD = "!benchmark-unusable"  # an unusable password hash: these residents log in only by the seeded session
CATEGORIES = ["traffic", "parks", "culture", "school", "care", "environment", "housing", "democracy", "other"]
TITLES = [
    "Fler parkbänkar längs {place}",
    "Säkrare cykelväg vid {place}",
    "Belysning på gångvägen till {place}",
    "Lekplats för större barn i {place}",
    "Utegym i {place}",
    "Fler papperskorgar i {place}",
    "Längre öppettider på biblioteket i {place}",
    "Träd och grönska på torget i {place}",
]
PLACES = ["Angered", "Bergsjön", "Majorna", "Linné", "Frölunda", "Högsbo", "Lundby", "Backa", "Torslanda", "Örgryte"]
BODY = (
    "Vi som bor i området saknar en trygg och trevlig plats att mötas på. Förslaget är att staden "
    "ser över möjligheten att förbättra platsen under nästa år, i samråd med de boende och föreningarna. "
    "Det skulle göra vardagen enklare för både barnfamiljer och äldre. "
) * 3


def seed_residents(count: int) -> tuple[int, int]:
    """Insert ``count`` residents with confirmed e-mail; return the first and last user id."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO accounts_user (password, is_superuser, email, display_name, is_staff, is_active, date_joined)
            SELECT %s, false, 'invanare' || g || '-' || %s || '@example.se', 'Invånare ' || g, false, true, now()
            FROM generate_series(1, %s) AS g RETURNING id
            """,
            [PASSWORD, secrets.token_hex(4), count],
        )
        ids = [row[0] for row in cursor.fetchall()]
        cursor.execute(
            """
            INSERT INTO accounts_person (user_id, verification_level, eid_provider)
            SELECT id, 1, '' FROM accounts_user WHERE id BETWEEN %s AND %s
            """,
            [min(ids), max(ids)],
        )
    return min(ids), max(ids)


def seed_proposals(count: int, *, first_author: int) -> None:
    """Insert ``count`` proposals: a tenth unpublished (draft, submitted, refused), the rest in every public status."""
    now = datetime.datetime.now(datetime.UTC)
    with connection.cursor() as cursor:
        cursor.execute(
            """
            WITH g AS (
              SELECT n,
                     %(now)s::timestamptz - (n %% 700) * interval '1 day' - (n %% 1440) * interval '1 minute' AS born,
                     (ARRAY['draft','submitted','refused','open','open','open','open','threshold_reached',
                            'assigned','decided','decided','expired','expired','withdrawn'])[1 + n %% 14] AS status
              FROM generate_series(1, %(count)s) AS n
            )
            INSERT INTO proposals_proposal (
              author_id, proposer_name, title, body, category, area_id, district_id, committee_id, status,
              vote_count, vote_threshold, created_at, submitted_at, published_at, closes_at,
              threshold_reached_at, assigned_at, decided_at, status_changed_at, refusal_rule, refusal_note,
              meeting_date, case_number, outcome, decision_text, decision_date, minutes_url)
            SELECT
              %(first_author)s + n %% 5000,
              CASE WHEN n %% 3 = 0 THEN '' ELSE 'Invånare ' || n END,
              replace((%(titles)s::text[])[1 + n %% %(n_titles)s], '{place}',
                      (%(places)s::text[])[1 + n %% %(n_places)s]) || ' (' || n || ')',
              %(body)s,
              (%(categories)s::text[])[1 + n %% %(n_categories)s],
              CASE WHEN n %% 5 = 0 THEN NULL ELSE (SELECT id FROM city_area ORDER BY id OFFSET n %% 4 LIMIT 1) END,
              NULL,
              CASE WHEN status IN ('assigned', 'decided') OR n %% 7 = 0
                   THEN (SELECT id FROM city_committee ORDER BY id OFFSET n %% 10 LIMIT 1) END,
              status,
              0, 200, born, born + interval '1 hour',
              CASE WHEN status IN ('draft', 'submitted', 'refused') THEN NULL ELSE born + interval '1 day' END,
              CASE WHEN status IN ('draft', 'submitted', 'refused') THEN NULL
                   WHEN status = 'open'
                     THEN greatest(born + interval '91 days', %(now)s::timestamptz + interval '30 days')
                   ELSE born + interval '91 days' END,
              CASE WHEN status IN ('threshold_reached', 'assigned', 'decided') THEN born + interval '20 days' END,
              CASE WHEN status IN ('assigned', 'decided') THEN born + interval '25 days' END,
              CASE WHEN status = 'decided' THEN born + interval '120 days' END,
              born + interval '2 days',
              CASE WHEN status = 'refused' THEN 'advertising' ELSE '' END,
              '', NULL,
              CASE WHEN status = 'decided' THEN 'N' || n || '/25' ELSE '' END,
              CASE WHEN status = 'decided' THEN (ARRAY['approved','partly_approved','rejected','answered'])[1 + n %% 4]
                   ELSE '' END,
              CASE WHEN status = 'decided' THEN 'Nämnden har behandlat förslaget.' ELSE '' END,
              CASE WHEN status = 'decided' THEN (born + interval '120 days')::date END,
              ''
            FROM g
            """,
            {
                "now": now,
                "count": count,
                "first_author": first_author,
                "titles": TITLES,
                "n_titles": len(TITLES),
                "places": PLACES,
                "n_places": len(PLACES),
                "body": BODY,
                "categories": CATEGORIES,
                "n_categories": len(CATEGORIES),
            },
        )


def seed_votes(total: int, *, first_voter: int, voters: int) -> None:
    """Spread ``total`` votes over the published proposals on a long tail, each by distinct residents."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id FROM proposals_proposal WHERE published_at IS NOT NULL ORDER BY id",
        )
        published = [row[0] for row in cursor.fetchall()]
        counts = _long_tail(total, len(published), cap=voters)
        cursor.execute("CREATE TEMPORARY TABLE vote_plan (proposal_id bigint, n int)")
        with cursor.cursor.copy("COPY vote_plan (proposal_id, n) FROM STDIN") as copy:
            for proposal_id, n in zip(published, counts, strict=True):
                copy.write_row((proposal_id, n))
        cursor.execute(
            """
            INSERT INTO proposals_vote (proposal_id, voter_id, show_name, created_at)
            SELECT p.proposal_id, %(first)s + ((p.proposal_id * 7919 + k) %% %(voters)s), k %% 4 = 0,
                   now() - (k %% 80) * interval '1 day'
            FROM vote_plan p, generate_series(0, p.n - 1) AS k
            """,
            {"first": first_voter, "voters": voters},
        )
        cursor.execute(
            """
            UPDATE proposals_proposal p SET vote_count = c.n
            FROM (SELECT proposal_id, count(*) AS n FROM proposals_vote GROUP BY proposal_id) c
            WHERE c.proposal_id = p.id
            """
        )
        cursor.execute("DROP TABLE vote_plan")
        cursor.execute(
            """
            UPDATE proposals_proposal
            SET status = 'threshold_reached', threshold_reached_at = published_at + interval '20 days'
            WHERE status = 'open' AND vote_count >= vote_threshold
            """
        )
        cursor.execute("ANALYZE")


def _long_tail(total: int, proposals: int, *, cap: int) -> list[int]:
    """Return per-proposal vote counts summing to ``total``: Zipf-like, each at most ``cap``, shuffled over ids."""
    weights = [1 / (rank + 10) ** 0.9 for rank in range(proposals)]
    scale = total / sum(weights)
    counts = [min(cap, int(weight * scale)) for weight in weights]
    for index in range(total - sum(counts)):
        counts[index % proposals] += 1
    random.Random(2017).shuffle(counts)
    return counts


def hot_proposal_create(*, author_id: int, votes_before: int, threshold: int) -> int:
    """Insert one open proposal that already has ``votes_before`` votes and crosses ``threshold`` during the run."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO proposals_proposal (
              author_id, proposer_name, title, body, category, status, vote_count, vote_threshold, created_at,
              submitted_at, published_at, closes_at, status_changed_at, refusal_rule, refusal_note, case_number,
              outcome, decision_text, minutes_url)
            VALUES (%s, 'Hanna', 'Gratis kollektivtrafik för unga i Göteborg', %s, 'traffic', 'open', 0, %s,
                    now() - interval '3 days', now() - interval '3 days', now() - interval '2 days',
                    now() + interval '88 days', now() - interval '2 days', '', '', '', '', '', '')
            RETURNING id
            """,
            [author_id, BODY, threshold],
        )
        proposal_id = cursor.fetchone()[0]
        cursor.execute(
            """
            INSERT INTO proposals_vote (proposal_id, voter_id, show_name, created_at)
            SELECT %s, id, false, now() FROM accounts_user ORDER BY id LIMIT %s
            """,
            [proposal_id, votes_before],
        )
        cursor.execute("UPDATE proposals_proposal SET vote_count = %s WHERE id = %s", [votes_before, proposal_id])
    return proposal_id


def voter_sessions(first_user: int, last_user: int) -> list[str]:
    """Log residents in by writing their sessions directly (COPY); return the session keys in user order."""
    auth_hash = User(password=PASSWORD).get_session_auth_hash()
    expires = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=1)
    store, keys = SessionStore(), []
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy("COPY django_session (session_key, session_data, expire_date) FROM STDIN") as copy,
    ):
        for user_id in range(first_user, last_user + 1):
            key = secrets.token_hex(16)
            data = {
                SESSION_KEY: str(user_id),
                BACKEND_SESSION_KEY: "delaktig.accounts.backends.ModelBackend",
                HASH_SESSION_KEY: auth_hash,
            }
            copy.write_row((key, store.encode(data), expires))
            keys.append(key)
    return keys
