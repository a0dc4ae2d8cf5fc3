"""The conversation lease (``notes/lease.py``) in the PostgreSQL store, across machines.

A row per open conversation: the holder id, its host and process, and when it was taken and
last renewed, in the server's time (so the clocks of the PCs do not matter). A lease is taken
silently when its heartbeat is older than ``EXPIRY_SECONDS``, or when its holder is a process
on this same host that no longer runs (``Lease.alive`` only asks about processes when the host
matches). The row is locked while it is checked, so two PCs cannot both take it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import not_found
from ..lease import HEARTBEAT_SECONDS, Heartbeat, Lease, LeaseHeld, LeaseLost, new_holder

if TYPE_CHECKING:
    from .connection import Database

NOW = "extract(epoch from clock_timestamp())"


# Renews the lease if ``holder`` (the second parameter) holds it: no row changed, no lease.
RENEW = f"UPDATE leases SET renewed_at = {NOW} WHERE session_id = %s AND holder = %s"


def check_in(conn: Any, session_id: str, holder: str) -> None:
    """Inside a write transaction: refuse unless ``holder`` holds the lease; renew it."""
    if conn.execute(RENEW, (session_id, holder)).rowcount == 0:
        raise LeaseLost(session_id)


def _parts(holder: str) -> tuple[str, int | None]:
    host, _, rest = holder.partition(":")
    pid = rest.partition(":")[0]
    return host, int(pid) if pid.isdigit() else None


class PostgresLeases:
    """``lease.Leases`` on the PostgreSQL store's connection."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._holder: str | None = None

    @property
    def holder(self) -> str:
        if self._holder is None:
            self._holder = new_holder()
        return self._holder

    def acquire(self, session_id: str, holder: str, *, take_over: bool = False) -> Lease | None:
        def run(conn: Any) -> Lease | None:
            # Locking the session's row serialises two PCs acquiring the same conversation.
            exists = conn.execute("SELECT 1 FROM sessions WHERE id = %s FOR UPDATE", (session_id,))
            if exists.fetchone() is None:
                raise not_found(session_id)
            now = float(conn.execute(f"SELECT {NOW}").fetchone()[0])
            row = conn.execute(
                "SELECT holder, taken_at, renewed_at FROM leases WHERE session_id = %s",
                (session_id,),
            ).fetchone()
            old = None if row is None else Lease(session_id, row[0], float(row[1]), float(row[2]))
            other = old is not None and old.holder != holder and old.alive(now)
            if other and not take_over:
                raise LeaseHeld(old)  # type: ignore[arg-type]
            taken_at = old.taken_at if old is not None and old.holder == holder else now
            host, pid = _parts(holder)
            conn.execute(
                "INSERT INTO leases (session_id, holder, host, pid, taken_at, renewed_at) "
                "VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (session_id) DO UPDATE SET "
                "holder = EXCLUDED.holder, host = EXCLUDED.host, pid = EXCLUDED.pid, "
                "taken_at = EXCLUDED.taken_at, renewed_at = EXCLUDED.renewed_at",
                (session_id, holder, host, pid, taken_at, now),
            )
            return old if other else None

        return self.db.write(run)

    def renew(self, session_id: str, holder: str) -> None:
        self.db.write(lambda conn: check_in(conn, session_id, holder))

    def release(self, session_id: str, holder: str) -> None:
        self.db.write(
            lambda conn: conn.execute(
                "DELETE FROM leases WHERE session_id = %s AND holder = %s", (session_id, holder)
            )
        )

    def heartbeat(self, session_id: str, holder: str) -> Heartbeat:
        """A thread with a connection of its own, so that a renewal never lands inside a
        transaction the conversation has open."""
        from .connection import Database

        own: list[Database] = []

        def renew() -> None:
            if not own:
                own.append(Database(self.db.url))
            own[0].write(lambda conn: check_in(conn, session_id, holder))

        beat = _ClosingHeartbeat(renew, own)
        beat.start()
        return beat


class _ClosingHeartbeat(Heartbeat):
    def __init__(self, renew: Any, own: list[Database]) -> None:
        super().__init__(renew, HEARTBEAT_SECONDS)
        self._own = own

    def run(self) -> None:
        try:
            super().run()
        finally:
            for db in self._own:
                db.close()
