"""Deleting notes completely: the rows, their free pages and the write-ahead log.

Mixed into :class:`assistant.notes.store.Store`. A deletion and its audit line are one
transaction: both are stored, or neither is. In the same transaction a marker is set that
the bytes still have to be removed; ``purge`` clears it when they are gone from the file and
the log. If another process keeps the log in use, the notes are deleted and audited at once,
and deleting again (even when nothing is left to delete) finishes the job.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from assistant.notes.errors import DamagedStore, PurgeIncomplete, StoreError, WriteError
from assistant.notes.names import typed_key

if TYPE_CHECKING:
    from assistant.notes.store import Store


def _mark_purge(conn: sqlite3.Connection) -> None:
    from assistant.notes.store import now_iso

    conn.execute("INSERT OR REPLACE INTO pending_purge (id, since) VALUES (1, ?)", (now_iso(),))


class Erasure:
    """The deleting part of the store."""

    def delete_session(self: Store, session_id: str, medarbejder: str | None = None) -> None:
        """Delete one session and its events completely, including free pages and the log.

        With ``medarbejder`` the audit line is written in the same transaction: both or
        neither. Raises PurgeIncomplete if the bytes could not yet be removed from the log.
        """

        from assistant.notes.store import _insert_audit

        def run(conn: sqlite3.Connection) -> int:
            row = conn.execute(
                "SELECT guide_title FROM sessions WHERE id = ?", (session_id,)
            ).fetchone()
            if row is None:
                return 0
            conn.execute("DELETE FROM sessions WHERE id = ?", (session_id,))
            if medarbejder is not None:
                _insert_audit(conn, "deleted", session_id, medarbejder, str(row[0]))
            _mark_purge(conn)
            return 1

        if self._deleting(run) == 0:
            raise self._not_found(session_id)
        self.purge()

    def delete_borger(self: Store, borger: str, medarbejder: str | None = None) -> int:
        """Delete every session of a resident (however the name is typed, see notes/names.py);
        return how many were deleted. With ``medarbejder`` the audit line (naming the notes by
        id, never the resident) is written in the same transaction.

        Guide snapshots are kept: they hold no personal data.
        """
        from assistant.notes.store import _ORDER, _insert_audit

        key = typed_key(borger)

        def run(conn: sqlite3.Connection) -> int:
            rows = conn.execute(
                f"SELECT s.id FROM sessions s WHERE s.borger_key = ?{_ORDER}", (key,)
            ).fetchall()
            ids = [r[0] for r in rows]
            if not ids:
                return 0
            conn.execute("DELETE FROM sessions WHERE borger_key = ?", (key,))
            if medarbejder is not None:
                detail = f"{len(ids)} noter: {', '.join(ids)}"
                _insert_audit(conn, "deleted_borger", None, medarbejder, detail)
            _mark_purge(conn)
            return len(ids)

        count = self._deleting(run)
        self.purge()
        return count

    def _deleting(self: Store, run: Callable[[sqlite3.Connection], int]) -> int:
        """Run a deletion transaction; if it cannot be written, say that nothing was deleted."""
        try:
            return self._write(run)
        except DamagedStore:
            raise  # a damaged file is reported as such (exit 1), not as a refused deletion
        except (StoreError, sqlite3.DatabaseError) as exc:
            reason = exc.__cause__ if isinstance(exc, WriteError) and exc.__cause__ else exc
            raise StoreError(
                f"Intet er slettet, fordi sletningen og linjen i revisionssporet ikke kunne "
                f"gemmes ({str(reason).rstrip('.')}). Ret det, og slet igen."
            ) from exc

    def purge_pending(self: Store) -> bool:
        """Whether deleted notes may still have bytes in the file or the log (a purge that
        was stopped); ``purge`` finishes it."""
        row = self._read().execute("SELECT 1 FROM pending_purge").fetchone()
        return row is not None

    def purge(self: Store) -> None:
        """Remove the bytes of deleted data from the database file and its write-ahead log.

        Raises PurgeIncomplete if another process keeps the log in use, so the caller can tell
        the staff member; calling it again later finishes the job.
        """
        conn = self._read()
        self._checkpoint()
        self._retry(lambda: conn.execute("VACUUM"))
        self._checkpoint()
        if self.purge_pending():
            self._write(lambda c: c.execute("DELETE FROM pending_purge"))
        self._fix_file_modes()

    def _checkpoint(self: Store) -> None:
        from assistant.notes import store as db

        conn = self._read()
        deadline = time.monotonic() + db.BUSY_TIMEOUT_MS / 1000
        while True:
            busy = self._retry(lambda: conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone())[
                0
            ]
            if not busy:
                return
            if time.monotonic() > deadline:
                raise PurgeIncomplete(
                    "Data er slettet, men spor kan stadig ligge i databasens log, fordi et "
                    "andet Samtale-vindue har den åben; luk det og slet igen."
                )
            time.sleep(0.1)
