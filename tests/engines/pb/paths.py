"""Where the tests find real pabulib data and the recorded oracle outcomes."""

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[3]
SHARED_DATA = Path(os.environ.get("DELAKTIG_SHARED_DATA", REPO_ROOT.parent / "shared" / "data"))
SHARED_PABULIB = SHARED_DATA / "pabulib"
FIXTURES = REPO_ROOT / "tests" / "fixtures" / "pb"
ORACLE_DIR = FIXTURES / "oracle"
