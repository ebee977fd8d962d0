#!/usr/bin/env bash
# Everything `make test` runs. Missing PostgreSQL or Chromium: a loud skip on a laptop, a failure under CI=true.
set -uo pipefail
cd "$(dirname "$0")/.."
VENV=.venv
PY=$VENV/bin/python
PYTEST="$VENV/bin/pytest -p no:cacheprovider"
status=0
skipped=()

step() { echo; echo "==> $*"; }
fail() { echo "!!! FAILED: $*"; status=1; }
missing() {
  if [ "${CI:-}" = "true" ]; then fail "$1 is missing (CI=true requires it)"; else skipped+=("$1"); echo "!!! SKIPPED: $1 is missing"; fi
}

export DELAKTIG_VAR_DIR="${DELAKTIG_VAR_DIR:-$(mktemp -d)}"

step "ruff: lint and format"
$VENV/bin/ruff check . && $VENV/bin/ruff format --check . || fail "ruff"

step "migrations are committed"
$PY manage.py makemigrations --check --dry-run || fail "makemigrations --check"

step "manage.py check"
$PY manage.py check --fail-level WARNING || fail "manage.py check"

step "pytest on SQLite (everything but the browser)"
$PYTEST tests --ignore=tests/e2e -q || fail "pytest on SQLite"

step "pytest on PostgreSQL (the Django suite, with the concurrency tests)"
$PY -m tests.tooling.with_postgres -- $PYTEST tests --ignore=tests/e2e --ignore=tests/engines -q
case $? in
  0) ;;
  3) missing "PostgreSQL server binaries" ;;
  *) fail "pytest on PostgreSQL" ;;
esac

step "browser tests in Chromium (axe-core)"
if command -v chromium >/dev/null 2>&1 || [ -n "${DELAKTIG_CHROMIUM:-}" ]; then
  $PYTEST tests/e2e -q || fail "browser tests"
else
  missing "Chromium"
fi

echo
if [ ${#skipped[@]} -gt 0 ]; then
  echo "!!! NOT RUN on this machine: ${skipped[*]}. Install them (see README) for the full test run."
fi
[ $status -eq 0 ] && echo "make test: all steps passed" || echo "make test: some steps FAILED"
exit $status
