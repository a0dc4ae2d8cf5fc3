"""The conversation lease (``notes/lease.py``) in the SQLite store: a row per open conversation.

The table is not one of the store's numbered migrations: it holds no notes, only who has a
conversation open right now, so it is created if missing when the store opens. Its rows go
with their session (ON DELETE CASCADE), and they name hosts and processes, never residents.
"""

from __future__ import annotations

import sqlite3
import time
from typing import TYPE_CHECKING

from ..errors import not_found
from ..lease import HEARTBEAT_SECONDS, Heartbeat, Lease, LeaseHeld, LeaseLost, new_holder

if TYPE_CHECKING:
    from .connection import Database

LEASE_TABLE = """
    CREATE TABLE IF NOT EXISTS leases (
        session_id   TEXT PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
        holder       TEXT NOT NULL,
        taken_at     REAL NOT NULL,
        heartbeat_at REAL NOT NULL
    )
"""


def _lease(conn: sqlite3.Connection, session_id: str) -> Lease | None:
    row = conn.execute(
        "SELECT holder, taken_at, heartbeat_at FROM leases WHERE session_id = ?", (session_id,)
    ).fetchone()
    return None if row is None else Lease(session_id, row[0], float(row[1]), float(row[2]))


def check_in(conn: sqlite3.Connection, session_id: str, holder: str) -> None:
    """Inside a write transaction: refuse unless ``holder`` holds the lease; renew it."""
    renewed = conn.execute(
        "UPDATE leases SET heartbeat_at = ? WHERE session_id = ? AND holder = ?",
        (time.time(), session_id, holder),
    )
    if renewed.rowcount == 0:
        raise LeaseLost(session_id)


class SqliteLeases:
    """``lease.Leases`` on the SQLite store's own connection (and transactions)."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._holder: str | None = None

    @property
    def holder(self) -> str:
        """The id this store writes under: made when first needed (listing notes never does)."""
        if self._holder is None:
            self._holder = new_holder()
        return self._holder

    def acquire(self, session_id: str, holder: str, *, take_over: bool = False) -> Lease | None:
        def run(conn: sqlite3.Connection) -> Lease | None:
            exists = conn.execute("SELECT 1 FROM sessions WHERE id = ?", (session_id,))
            if exists.fetchone() is None:
                raise not_found(session_id)
            now = time.time()
            old = _lease(conn, session_id)
            other = old is not None and old.holder != holder and old.alive(now)
            if other and not take_over:
                raise LeaseHeld(old)  # type: ignore[arg-type]
            taken_at = old.taken_at if old is not None and old.holder == holder else now
            conn.execute(
                "INSERT OR REPLACE INTO leases (session_id, holder, taken_at, heartbeat_at) "
                "VALUES (?, ?, ?, ?)",
                (session_id, holder, taken_at, now),
            )
            return old if other else None

        return self.db.write(run)

    def renew(self, session_id: str, holder: str) -> None:
        self.db.write(lambda conn: check_in(conn, session_id, holder))

    def release(self, session_id: str, holder: str) -> None:
        self.db.write(
            lambda conn: conn.execute(
                "DELETE FROM leases WHERE session_id = ? AND holder = ?", (session_id, holder)
            )
        )

    def heartbeat(self, session_id: str, holder: str) -> Heartbeat:
        """A thread with a connection of its own (a SQLite connection belongs to one thread)."""
        path = self.db.path
        conn: list[sqlite3.Connection] = []

        def renew() -> None:
            if not conn:
                conn.append(sqlite3.connect(path, timeout=10, isolation_level=None))
            c = conn[0]
            c.execute("BEGIN IMMEDIATE")
            try:
                check_in(c, session_id, holder)
            finally:
                c.execute("COMMIT")

        beat = _ClosingHeartbeat(renew, conn)
        beat.start()
        return beat


class _ClosingHeartbeat(Heartbeat):
    def __init__(self, renew: object, conn: list[sqlite3.Connection]) -> None:
        super().__init__(renew, HEARTBEAT_SECONDS)  # type: ignore[arg-type]
        self._conn = conn

    def run(self) -> None:
        try:
            super().run()
        finally:
            for c in self._conn:
                c.close()
