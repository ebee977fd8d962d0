#!/usr/bin/env bash
# Create the project's virtualenv with Python >= 3.12 (3.13 preferred, as .python-version says) and install it.
set -euo pipefail
venv="${1:-.venv}"
want="$(cat .python-version 2>/dev/null || echo 3.13)"

find_python() {
  local candidate
  for candidate in "python$want" "$(pyenv root 2>/dev/null)/versions/$want"*/bin/python python3.13 python3.12 python3; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
      command -v "$candidate"
      return 0
    fi
  done
  return 1
}

if [ ! -x "$venv/bin/python" ]; then
  python="$(find_python)" || {
    echo "Delaktig needs Python 3.12 or newer (3.13 recommended): install it, e.g. 'apt-get install python3.13' or 'pyenv install 3.13'." >&2
    exit 1
  }
  echo "Creating $venv with $python"
  "$python" -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --upgrade pip
"$venv/bin/python" -m pip install --quiet -e '.[dev]'
