"""HTTP benchmark of Göteborgsförslaget at city scale, served the way production serves it.

    .venv/bin/python benchmarks/proposals_http.py            # about 8 minutes on 2 cores
    .venv/bin/python benchmarks/proposals_http.py --quick    # 1,000 proposals, 100,000 votes, short runs

Starts a throw-away PostgreSQL server, migrates, seeds 10,000 proposals and 1,000,000 votes with bulk
SQL, serves the site with gunicorn (gthread workers, DELAKTIG_ENV=production, persistent database
connections) on 127.0.0.1 and drives it with wrk (Debian: ``apt-get install -y wrk``). Prints one
line per metric with its goal, checks that the hot proposal's counter equals its vote rows with no
duplicate, and prints the results as a markdown table for the README. Not a timed test.
"""

import argparse
import os
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from proposals_load import WRK_HINT, wrk_available  # noqa: E402
from proposals_results import markdown_table  # noqa: E402

from tests.tooling.with_postgres import find_bindir, postgres_server  # noqa: E402


def server_environment(database_url: str, var_dir: Path) -> dict[str, str]:
    """Return the production environment the server and the seeding run with."""
    return {
        "DJANGO_SETTINGS_MODULE": "proposals_settings",
        "PYTHONPATH": f"{PROJECT / 'benchmarks'}:{PROJECT}",
        "DELAKTIG_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "DELAKTIG_PNR_KEY": secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "127.0.0.1,testserver",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": database_url,
        "DATABASE_CONN_MAX_AGE": "600",
        "DELAKTIG_VAR_DIR": str(var_dir),
        "DELAKTIG_STATIC_ROOT": str(var_dir / "static"),
        "DELAKTIG_API_RATE": "1000000/m",
        "DELAKTIG_LOG_LEVEL": "WARNING",
    }


def prepare(environment: dict[str, str]) -> None:
    """Configure Django in this process against the benchmark database and create its tables."""
    os.environ.update(environment)
    sys.path.insert(0, str(PROJECT / "benchmarks"))
    import django
    from django.core.management import call_command

    django.setup()
    for command, options in [
        ("migrate", {"verbosity": 0}),
        ("createcachetable", {}),
        ("collectstatic", {"interactive": False, "verbosity": 0}),
        ("load_gothenburg", {}),
    ]:
        call_command(command, **options)


@contextmanager
def gunicorn(environment: dict[str, str], *, port: int, workers: int, threads: int):
    """Serve the site with gunicorn gthread workers on 127.0.0.1 until the block ends."""
    command = [
        str(PROJECT / ".venv" / "bin" / "gunicorn"),
        "delaktig.wsgi:application",
        f"--bind=127.0.0.1:{port}",
        "--worker-class=gthread",
        f"--workers={workers}",
        f"--threads={threads}",
        "--log-level=warning",
        "--backlog=512",
    ]
    process = subprocess.Popen(command, cwd=PROJECT, env={**os.environ, **environment})
    try:
        _wait_until_up(f"http://127.0.0.1:{port}/healthz")
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=30)


def _wait_until_up(url: str) -> None:
    for _attempt in range(100):
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the server did not answer {url}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="a tenth of the data and 3-second runs (a smoke test)")
    parser.add_argument("--seconds", type=int, default=10, help="length of each measured run")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--voters", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument(
        "--page-cache", type=int, default=30, help="seconds anonymous pages are cached (production default 30; 0 = off)"
    )
    parser.add_argument(
        "--no-rate-limits", action="store_true", help="turn rate limits off (to measure what they cost; not production)"
    )
    args = parser.parse_args(argv)
    if not wrk_available():
        print(WRK_HINT, file=sys.stderr)
        return 2
    bindir = find_bindir()
    if bindir is None:
        print("No PostgreSQL server binaries: apt-get install -y postgresql", file=sys.stderr)
        return 2
    with postgres_server(bindir) as database_url, tempfile.TemporaryDirectory(prefix="delaktig-bench-") as var:
        environment = server_environment(database_url, Path(var))
        environment["DELAKTIG_PAGE_CACHE_SECONDS"] = str(args.page_cache)
        if args.no_rate_limits:
            environment["DELAKTIG_RATE_LIMITS_ENABLED"] = "0"
        prepare(environment)
        from proposals_scenario import run_scenario

        measures, checks = run_scenario(args, environment, serve=gunicorn)
    print()
    for measure in measures:
        print(measure.line())
    for check in checks:
        print(check)
    print()
    print(markdown_table(measures, checks))
    return 0 if all(measure.met for measure in measures) and all(check.ok for check in checks) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
