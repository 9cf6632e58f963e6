"""A throw-away PostgreSQL server for the tests of `load --to postgresql://`.

It runs from the `initdb`, `pg_ctl` and `postgres` on PATH, in a folder of its own, on a free
loopback port. PostgreSQL refuses to run as root, and the tests and CI run as root: then every
server command runs as the `postgres` user (`runuser -u postgres`), in a folder handed to that
user. TCP connections need a password (scram-sha-256), so a wrong password is refused for
real; the unix socket, in the same folder (never another server's), trusts its users.

Also usable by hand, for measurements: `python -m tests.postgres_server /tmp/pg` starts one
and prints its URL; `python -m tests.postgres_server /tmp/pg --stop` stops it.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

BINARIES = ("initdb", "pg_ctl", "postgres")
SERVER_USER = "postgres"  # the account the server runs as when we are root
SUPERUSER = "postgres"  # the database superuser initdb creates
PASSWORD = "idrgen-test-password"


def skip_reason() -> str | None:
    """Why no server can be started here, or None when one can."""
    missing = [name for name in BINARIES if shutil.which(name) is None]
    if missing:
        return f"PostgreSQL server binaries not on PATH: {', '.join(missing)}"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(SERVER_USER)
        except KeyError:
            return f"running as root and there is no {SERVER_USER!r} user to run PostgreSQL as"
        if shutil.which("runuser") is None:
            return "running as root and `runuser` is missing: PostgreSQL refuses to run as root"
    return None


def free_port() -> int:
    """A loopback port nobody listens on (free when asked; the server takes it next)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def as_server_user(*command: str) -> list[str]:
    """The command, run as the server's user when we are root (PostgreSQL refuses root)."""
    if os.geteuid() == 0:
        return ["runuser", "-u", SERVER_USER, "--", *command]
    return list(command)


def hand_over(path: Path) -> None:
    """Give a folder to the server's user when we are root (initdb, tablespaces need it)."""
    if os.geteuid() == 0:
        account = pwd.getpwnam(SERVER_USER)
        os.chown(path, account.pw_uid, account.pw_gid)


@dataclass(frozen=True)
class Server:
    folder: Path
    port: int

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def url(self, database: str = "postgres", password: str = PASSWORD) -> str:
        """A TCP URL (scram password) for the superuser."""
        return f"postgresql://{SUPERUSER}:{password}@127.0.0.1:{self.port}/{database}"

    def sql(self, statements: str, database: str = "postgres") -> str:
        """Run SQL as the superuser (autocommit: CREATE DATABASE needs it); the last
        statement's rows, as `psql -At` prints them (NULL as nothing)."""
        import psycopg

        with psycopg.connect(self.url(database), autocommit=True) as conn:
            found = conn.execute(statements)
            rows = found.fetchall() if found.description else []
        return "\n".join("|".join("" if v is None else str(v) for v in row) for row in rows)

    def stop(self) -> None:
        subprocess.run(
            as_server_user("pg_ctl", "stop", "-D", str(self.data), "-m", "immediate", "-w"),
            capture_output=True,
            check=False,
        )


def start(folder: Path) -> Server:
    """initdb a cluster in `folder` and start it; raises CalledProcessError with the log."""
    folder.mkdir(parents=True, exist_ok=True)
    hand_over(folder)
    password_file = folder / "password"
    password_file.write_text(PASSWORD + "\n", encoding="utf-8")
    hand_over(password_file)
    server = Server(folder, free_port())
    subprocess.run(
        as_server_user(
            "initdb", "-D", str(server.data), "-U", SUPERUSER, "--pwfile", str(password_file),
            "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C",
            "--no-sync",
        ),
        capture_output=True,
        text=True,
        check=True,
    )  # fmt: skip
    # only this folder's socket and the loopback port; fsync off: a test server, never a crash
    options = (
        f"-p {server.port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off "
        "-c synchronous_commit=off -c full_page_writes=off"
    )
    log = folder / "server.log"
    done = subprocess.run(
        as_server_user(
            "pg_ctl", "start", "-D", str(server.data), "-o", options, "-l", str(log), "-w"
        ),
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
        raise RuntimeError(f"PostgreSQL did not start: {done.stderr.strip()} {text[-2000:]}")
    return server


if __name__ == "__main__":
    where = Path(sys.argv[1]).resolve()
    if sys.argv[2:] == ["--stop"]:
        subprocess.run(
            as_server_user("pg_ctl", "stop", "-D", str(where / "data"), "-m", "fast", "-w"),
            check=False,
        )
    else:
        print(start(where).url())
