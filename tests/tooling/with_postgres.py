"""Run a command against a throw-away PostgreSQL server started from the installed binaries.

    python -m tests.tooling.with_postgres -- pytest tests

initdb in a temporary directory, start the server on a Unix socket there (no TCP port), create the
database, run the command with DATABASE_URL pointing at it, then stop the server and delete the
directory. PostgreSQL refuses to run as root, so under root the server runs as the ``postgres`` user.
Exit status 3 means no PostgreSQL server binaries were found.
"""

import contextlib
import glob
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

NO_SERVER = 3


def find_bindir() -> Path | None:
    """Return the newest installed PostgreSQL server bin directory (initdb and pg_ctl), if any."""
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name), reverse=True)
    candidates += [os.path.dirname(path) for path in filter(None, [shutil.which("initdb")])]
    for candidate in candidates:
        if (Path(candidate) / "initdb").exists() and (Path(candidate) / "pg_ctl").exists():
            return Path(candidate)
    return None


def as_server_user(command: list[str]) -> list[str]:
    """Prefix the command so it runs as 'postgres' when we are root."""
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


@contextlib.contextmanager
def postgres_server(bindir: Path):
    """Start a private server and yield its DATABASE_URL; always stop it and remove its files."""
    workdir = Path(tempfile.mkdtemp(prefix="delaktig-pg-"))
    if os.geteuid() == 0:
        user = pwd.getpwnam("postgres")
        os.chown(workdir, user.pw_uid, user.pw_gid)
    data, socket_dir = workdir / "data", str(workdir)
    try:
        subprocess.run(
            as_server_user(
                [
                    str(bindir / "initdb"),
                    "-D",
                    str(data),
                    "-U",
                    "delaktig",
                    "-A",
                    "trust",
                    "-E",
                    "UTF8",
                    "--locale=C.UTF-8",
                    "--no-sync",
                ]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        options = (
            f"-k {socket_dir} -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c max_connections=300"
        )
        subprocess.run(
            as_server_user(
                [
                    str(bindir / "pg_ctl"),
                    "-D",
                    str(data),
                    "-o",
                    options,
                    "-l",
                    str(workdir / "log"),
                    "-w",
                    "start",
                ]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        subprocess.run(
            as_server_user([str(bindir / "createdb"), "-h", socket_dir, "-U", "delaktig", "delaktig"]),
            check=True,
        )
        yield f"postgres://delaktig@/delaktig?host={socket_dir}"
    finally:
        if (data / "postmaster.pid").exists():
            subprocess.run(
                as_server_user([str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]),
                stdout=subprocess.DEVNULL,
                check=False,
            )
        time.sleep(0.1)
        shutil.rmtree(workdir, ignore_errors=True)


def main(argv: list[str]) -> int:
    command = argv[argv.index("--") + 1 :] if "--" in argv else argv
    bindir = find_bindir()
    if bindir is None:
        print("with_postgres: no PostgreSQL server binaries (initdb, pg_ctl) found", file=sys.stderr)
        return NO_SERVER
    with postgres_server(bindir) as url:
        return subprocess.run(command, env={**os.environ, "DATABASE_URL": url}, check=False).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
