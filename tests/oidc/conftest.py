"""Start a real OpenID Connect provider (panva/oidc-provider on the machine's Node) for the e-ID test.

The npm package is installed with ``npm ci`` into tests/oidc/node_modules the first time. Missing Node
or npm skips the test loudly on a laptop and fails it under CI=true.
"""

import os
import shutil
import socket
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
CLIENT_ID = "delaktig-test"
CLIENT_SECRET = "test-only-client-secret"
PNR_CLAIM = "https://id.oidc.se/claim/personalIdentityNumber"


@dataclass
class OidcProvider:
    issuer: str
    personnummer: str
    log: Path


def missing(message: str):
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(f"!!! SKIPPED: {message}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def node_modules_installed() -> None:
    """Install oidc-provider from package-lock.json when node_modules is missing."""
    if (HERE / "node_modules" / "oidc-provider").is_dir():
        return
    result = subprocess.run(
        ["npm", "ci", "--no-audit", "--no-fund"], cwd=HERE, capture_output=True, text=True, timeout=300
    )
    if result.returncode != 0:
        missing(f"`npm ci` in tests/oidc failed:\n{result.stderr[-2000:]}")


@pytest.fixture
def oidc_provider(live_server, tmp_path, monkeypatch):
    """Run oidc-provider on a loopback port whose only client redirects to the live server's callback."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        missing("Node.js and npm are not installed: the end-to-end e-ID (OpenID Connect) test cannot run")
    node_modules_installed()
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    port = free_port()
    personnummer = "199001012393"  # Skatteverket's test series (birth number 239)
    env = {
        **os.environ,
        "OIDC_PORT": str(port),
        "OIDC_CLIENT_ID": CLIENT_ID,
        "OIDC_CLIENT_SECRET": CLIENT_SECRET,
        "OIDC_REDIRECT_URI": f"{live_server.url}/konto/oidc/eid/login/callback/",
        "OIDC_PNR_CLAIM": PNR_CLAIM,
        "OIDC_PNR": personnummer,
    }
    log = tmp_path / "oidc-provider.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            ["node", str(HERE / "server.mjs")], env=env, stdout=subprocess.PIPE, stderr=out, text=True
        )
        try:
            line = process.stdout.readline()
            if not line.startswith("ready"):
                pytest.fail(f"oidc-provider did not start: {line}{log.read_text()}")
            yield OidcProvider(issuer=f"http://127.0.0.1:{port}", personnummer=personnummer, log=log)
        finally:
            process.terminate()
            process.wait(timeout=10)
