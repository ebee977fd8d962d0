"""The console script loads only the engine a command names (start-up time is the user's wait)."""

import subprocess
import sys

LOADED = (
    "import sys; from delaktig.cli import build_parser; build_parser({argv!r}); "
    "print(sorted(name.split('.')[2] for name in sys.modules if name.startswith('delaktig.engines.') "
    "and name.endswith('.cli')))"
)


def engines_loaded(argv: list[str]) -> str:
    command = [sys.executable, "-c", LOADED.format(argv=argv)]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip()


def test_a_command_loads_only_its_engine():
    assert engines_loaded(["sortition", "select"]) == "['sortition']"


def test_help_lists_every_engine():
    assert engines_loaded(["--help"]) == "['opinion', 'pb', 'sortition']"
    assert engines_loaded([]) == "['opinion', 'pb', 'sortition']"
