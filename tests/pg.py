"""A real, throwaway PostgreSQL server for the tests: a cluster in a temporary directory on a
unix socket (no TCP), started once per test session and stopped at its end, and a fresh
database per test. As root (CI) the cluster runs as the ``postgres`` user. The PostgreSQL
benchmark (benchmarks/bench_postgres.py) starts its server with this module too, so pytest is
imported only where a test skips or fails.

Without PostgreSQL the tests that need it skip with the reason, unless
``SAMTALE_REQUIRE_POSTGRES=1`` (CI), when they fail instead.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

REQUIRE = "SAMTALE_REQUIRE_POSTGRES"
OWNER, APP = "samtale_ejer", "samtale_app"  # the roles of a production set-up (README)


def bindir() -> Path | None:
    """Where initdb and pg_ctl are: ``pg_config --bindir``, else /usr/lib/postgresql/*/bin."""
    pg_config = shutil.which("pg_config")
    if pg_config:
        try:
            out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True)
            found = Path(out.stdout.strip())
            if (found / "initdb").exists():
                return found
        except OSError:
            pass
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if (Path(candidate) / "initdb").exists():
            return Path(candidate)
    return None


def unavailable(reason: str) -> None:
    import pytest

    if os.environ.get(REQUIRE) == "1":
        pytest.fail(f"PostgreSQL is required ({REQUIRE}=1) but {reason}")
    pytest.skip(f"PostgreSQL tests skipped: {reason}")


class Cluster:
    """One running cluster; ``new_database()`` makes an empty database and returns its URL."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="samtale-pg-"))
        self.data = self.root / "data"
        self.sock = self.root / "sock"
        self.data.mkdir()
        self.sock.mkdir()
        self.as_root = os.geteuid() == 0
        if self.as_root:
            os.chmod(self.root, 0o755)
            shutil.chown(self.data, "postgres", "postgres")
            shutil.chown(self.sock, "postgres", "postgres")
        self._numbers = itertools.count(1)

    def _run(self, *args: str) -> None:
        cmd = [str(self.bin / args[0]), *args[1:]]
        if self.as_root:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        done = subprocess.run(cmd, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"{args[0]} failed: {done.stderr.strip() or done.stdout.strip()}")

    def start(self, durable: bool = False) -> None:
        """Start the server; for the tests without syncing to disk (fast, and a test server
        need not survive a power cut), ``durable``: with the server's own settings (fsync,
        full page writes, synchronous commit on), as a real server runs."""
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        )
        options = f"-k {self.sock} -c listen_addresses='' -c max_connections=60"
        if not durable:
            options += " -c fsync=off -c full_page_writes=off -c synchronous_commit=off"
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.data / "server.log"),
            "-w",
            "start",
        )

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, dbname: str, user: str = "postgres") -> str:
        return f"postgresql://{user}@/{dbname}?host={self.sock}"

    def new_database(self, owner: str = "postgres") -> str:
        """A new, empty database owned by ``owner``; its URL connects as the owner."""
        import psycopg

        name = f"samtale_test_{next(self._numbers)}"
        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}" OWNER "{owner}" TEMPLATE template0')
        return self.url(name, owner)

    def app_database(self) -> tuple[str, str]:
        """A new database as in production: owned by ``OWNER``, migrated by it, and used by
        ``APP``, a role that is neither superuser nor owner, given its access by the owner.
        Returns (the owner's URL, the app role's URL)."""
        from assistant.notes.postgres.store import PostgresStore

        self.role(OWNER)
        self.role(APP)
        owner_url = self.new_database(owner=OWNER)
        with PostgresStore(owner_url, self.root / "owner") as owner:
            owner.grant(APP)
        return owner_url, owner_url.replace(f"//{OWNER}@", f"//{APP}@")

    def role(self, name: str) -> None:
        """An ordinary login role (neither superuser nor BYPASSRLS), made once per server."""
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).fetchone():
                return
            conn.execute(f'CREATE ROLE "{name}" LOGIN NOSUPERUSER NOBYPASSRLS')

    def pg_dump(self, url: str) -> str:
        """The text of ``pg_dump`` of the database at ``url`` (data and schema)."""
        cmd = [str(self.bin / "pg_dump"), "--dbname", url]
        done = subprocess.run(cmd, capture_output=True, text=True, check=True)
        return done.stdout


def keep_dropping(store, superuser_url: str, monkeypatch):
    """Kill a PostgreSQL store's connection now, and every new one as soon as it is made, so
    that the store's one retry fails too. Returns the function that lets connections live."""
    import psycopg

    def terminate(pid: int) -> None:
        with psycopg.connect(superuser_url, autocommit=True) as other:
            other.execute("SELECT pg_terminate_backend(%s)", (pid,))

    db = store._db
    real = db._connect

    def dropped():
        conn = real()
        terminate(conn.info.backend_pid)
        return conn

    terminate(db.conn.info.backend_pid)
    monkeypatch.setattr(db, "_connect", dropped)
    return lambda: monkeypatch.setattr(db, "_connect", real)


def cut_off(store, superuser_url: str):
    """Make a PostgreSQL store's database unreachable, as when the network or the server is
    gone: its connection is killed (from a second connection, ``pg_terminate_backend``) and a
    new one finds no server. Returns the function that brings the server back."""
    import psycopg

    db = store._db
    url = db.url
    with psycopg.connect(superuser_url, autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", (db.conn.info.backend_pid,))
    db.url = "postgresql:///samtale?host=/nonexistent&connect_timeout=2"

    def back() -> None:
        db.url = url

    return back
