"""Where the PB tests find real pabulib files and the recorded oracle outcomes."""

from __future__ import annotations

import json
from pathlib import Path

from tests.engines.pb.paths import FIXTURES, ORACLE_DIR, SHARED_PABULIB
from tests.engines.shared_data import shared_path


def shared_files() -> list[Path]:
    """Return every pabulib file in the shared data directory (empty when it is absent)."""
    return sorted(SHARED_PABULIB.glob("*.pb")) if SHARED_PABULIB.is_dir() else []


def shared_file(name: str) -> Path:
    """Return a shared pabulib file, skipping the test with the reason when the data is absent."""
    return shared_path("pabulib", name)


def fixture_file(name: str) -> Path:
    """Return a pabulib file copied into tests/fixtures/pb."""
    return FIXTURES / name


def recorded(name: str) -> dict:
    """Return pabutools' recorded outcomes for a file (see make_oracle.py)."""
    return json.loads((ORACLE_DIR / (Path(name).stem + ".json")).read_text())
