"""A data directory's SQLite store opened read-only, as the source of a move (``samtale flyt``,
notes/move.py): the same file ``open_store`` opens without a database URL, but never written.

The connection is SQLite's ``mode=ro``: it runs no migrations, changes no file mode and never
checkpoints the write-ahead log into the database file, so the file's bytes stay as they were
(a read-only connection may leave the empty ``-wal`` and ``-shm`` companions behind, made 0600).
A missing, empty, damaged, foreign, older or newer file is refused with one Danish sentence.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from ..damage import DamageConnection, check_not_empty, close_untouched
from ..errors import DamagedStore, StoreError
from ..lease import Lease
from .connection import BUSY_TIMEOUT_MS, DB_NAME, default_data_dir
from .migrate import MIGRATIONS


class SqliteSource:
    """The notes database of one data directory, open for reading only."""

    def __init__(self, data_dir: Path | str | None = None) -> None:
        self.data_dir = Path(data_dir).expanduser() if data_dir is not None else default_data_dir()
        self.path = self.data_dir / DB_NAME
        if not self.path.is_file():
            raise StoreError(
                f"Der er ingen noter at flytte: {self.path} findes ikke. Angiv mappen med "
                "noterne med --data-dir MAPPE."
            )
        try:
            check_not_empty(self.path)
        except DamagedStore:
            raise StoreError(
                f"Der er ingen noter at flytte: databasen {self.path} er tom (0 byte)."
            ) from None
        self.conn: sqlite3.Connection | None = self._connect()
        try:
            self._check_version()
        except BaseException:
            self.close()
            raise

    def _connect(self) -> sqlite3.Connection:
        old_umask = os.umask(0o077)  # the -shm and -wal a reader may make are private too
        try:
            conn = sqlite3.connect(
                f"{self.path.resolve().as_uri()}?mode=ro",
                uri=True,
                timeout=BUSY_TIMEOUT_MS / 1000,
                isolation_level=None,
                factory=DamageConnection,
            )
        except sqlite3.Error as exc:
            raise StoreError(f"Databasen {self.path} kan ikke åbnes til læsning ({exc}).") from exc
        finally:
            os.umask(old_umask)
        conn.path = self.path
        return conn

    def _check_version(self) -> None:
        conn = self.read()
        try:
            found = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
            ).fetchone()
        except DamagedStore:
            raise self.damaged() from None
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"Databasen {self.path} kan ikke læses ({exc}).") from exc
        if found is None:
            raise StoreError(f"Filen {self.path} er ikke en Samtale-database.")
        version = int(conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] or 0)
        if version > len(MIGRATIONS):
            raise StoreError(
                f"Databasen {self.path} er lavet af en nyere version af Samtale; opdater "
                "programmet, og flyt så igen."
            )
        if version < len(MIGRATIONS):
            raise StoreError(
                f"Databasen {self.path} er lavet af en ældre version af Samtale (skemaversion "
                f"{version}, programmets {len(MIGRATIONS)}). Åbn den én gang med denne version "
                f"uden fælles database (fx samtale --data-dir {self.data_dir} database), og "
                "flyt så igen."
            )

    @property
    def where(self) -> str:
        """The store as an audit line names it: the computer and the file."""
        import socket

        try:
            host = socket.gethostname() or "ukendt"
        except OSError:
            host = "ukendt"
        return f"{self.path} på {host}"

    def damaged(self) -> StoreError:
        return StoreError(
            f"Databasen {self.path} er beskadiget og kan ikke læses, så intet er flyttet. "
            "Samtale har ikke rørt filen; flyt fra en sikkerhedskopi af den."
        )

    def read(self) -> sqlite3.Connection:
        if self.conn is None:
            raise StoreError("Notelageret er lukket.")
        return self.conn

    def open_here(self) -> set[str]:
        """The conversations open right now in a window or process on this store (a fresh
        lease whose holder still runs: notes/lease.py)."""
        conn = self.read()
        table = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'leases'"
        ).fetchone()
        if table is None:
            return set()
        rows = conn.execute("SELECT session_id, holder, taken_at, heartbeat_at FROM leases")
        leases = [Lease(r[0], r[1], float(r[2]), float(r[3])) for r in rows.fetchall()]
        return {lease.session_id for lease in leases if lease.alive()}

    def close(self) -> None:
        if self.conn is not None:
            close_untouched(self.conn)
            self.conn = None

    def __enter__(self) -> SqliteSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
