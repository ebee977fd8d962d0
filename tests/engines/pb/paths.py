"""Where the tests find real pabulib data and the recorded oracle outcomes."""

from tests.engines.shared_data import REPO_ROOT, SHARED_DATA

SHARED_PABULIB = SHARED_DATA / "pabulib"
FIXTURES = REPO_ROOT / "tests" / "fixtures" / "pb"
ORACLE_DIR = FIXTURES / "oracle"
