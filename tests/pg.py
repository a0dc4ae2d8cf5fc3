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

    def url(self, dbname: str) -> str:
        return f"postgresql://postgres@/{dbname}?host={self.sock}"

    def new_database(self) -> str:
        import psycopg

        name = f"samtale_test_{next(self._numbers)}"
        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
        return self.url(name)

    def pg_dump(self, url: str) -> str:
        """The text of ``pg_dump`` of the database at ``url`` (data and schema)."""
        cmd = [str(self.bin / "pg_dump"), "--dbname", url]
        done = subprocess.run(cmd, capture_output=True, text=True, check=True)
        return done.stdout
