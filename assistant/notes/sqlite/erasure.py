"""Deleting notes completely in SQLite: the rows, their free pages and the write-ahead log.

A deletion and its audit line are one transaction: both are stored, or neither is. In the
same transaction a marker is set that the bytes still have to be removed; ``purge`` clears it
when they are gone from the file and the log. If another process keeps the log in use, the
notes are deleted and audited at once, and deleting again (even when nothing is left to
delete) finishes the job.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable

from ..errors import (
    DamagedStore,
    PurgeIncomplete,
    StoreError,
    WriteError,
    deleted_detail,
    not_found,
)
from ..names import typed_key
from ..records import now_iso
from . import connection
from .audit import insert_audit
from .connection import Database, retry
from .queries import ORDER


def _mark_purge(conn: sqlite3.Connection) -> None:
    conn.execute("INSERT OR REPLACE INTO pending_purge (id, since) VALUES (1, ?)", (now_iso(),))


def delete_session(db: Database, session_id: str, medarbejder: str | None = None) -> None:
    """Delete one session and its events completely, including free pages and the log.

    With ``medarbejder`` the audit line is written in the same transaction: both or
    neither. Raises PurgeIncomplete if the bytes could not yet be removed from the log.
    """

    def run(conn: sqlite3.Connection) -> int:
        row = conn.execute(
            "SELECT guide_title FROM sessions WHERE id = ?", (session_id,)
        ).fetchone()
        if row is None:
            return 0
        conn.execute("DELETE FROM sessions WHERE id = ?", (session_id,))
        if medarbejder is not None:
            insert_audit(conn, "deleted", session_id, medarbejder, str(row[0]))
        _mark_purge(conn)
        return 1

    if _deleting(db, run) == 0:
        raise not_found(session_id)
    purge(db)


def delete_borger(db: Database, borger: str, medarbejder: str | None = None) -> int:
    """Delete every session of a resident (however the name is typed, see notes/names.py);
    return how many were deleted. With ``medarbejder`` the audit line (naming the notes by
    id, never the resident) is written in the same transaction.

    Guide snapshots are kept: they hold no personal data.
    """
    key = typed_key(borger)

    def run(conn: sqlite3.Connection) -> int:
        rows = conn.execute(
            f"SELECT s.id FROM sessions s WHERE s.borger_key = ?{ORDER}", (key,)
        ).fetchall()
        ids = [r[0] for r in rows]
        if not ids:
            return 0
        conn.execute("DELETE FROM sessions WHERE borger_key = ?", (key,))
        if medarbejder is not None:
            insert_audit(conn, "deleted_borger", None, medarbejder, deleted_detail(ids))
        _mark_purge(conn)
        return len(ids)

    count = _deleting(db, run)
    purge(db)
    return count


def _deleting(db: Database, run: Callable[[sqlite3.Connection], int]) -> int:
    """Run a deletion transaction; if it cannot be written, say that nothing was deleted."""
    try:
        return db.write(run)
    except DamagedStore:
        raise  # a damaged file is reported as such (exit 1), not as a refused deletion
    except (StoreError, sqlite3.DatabaseError) as exc:
        reason = exc.__cause__ if isinstance(exc, WriteError) and exc.__cause__ else exc
        raise StoreError(
            f"Intet er slettet, fordi sletningen og linjen i revisionssporet ikke kunne "
            f"gemmes ({str(reason).rstrip('.')}). Ret det, og slet igen."
        ) from exc


def purge_pending(db: Database) -> bool:
    """Whether deleted notes may still have bytes in the file or the log (a purge that
    was stopped); ``purge`` finishes it."""
    row = db.read().execute("SELECT 1 FROM pending_purge").fetchone()
    return row is not None


def purge(db: Database) -> None:
    """Remove the bytes of deleted data from the database file and its write-ahead log.

    Raises PurgeIncomplete if another process keeps the log in use, so the caller can tell
    the staff member; calling it again later finishes the job.
    """
    conn = db.read()
    _checkpoint(db)
    retry(lambda: conn.execute("VACUUM"))
    _checkpoint(db)
    if purge_pending(db):
        db.write(lambda c: c.execute("DELETE FROM pending_purge"))
    db.fix_file_modes()


def _checkpoint(db: Database) -> None:
    conn = db.read()
    deadline = time.monotonic() + connection.BUSY_TIMEOUT_MS / 1000
    while True:
        busy = retry(lambda: conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone())[0]
        if not busy:
            return
        if time.monotonic() > deadline:
            raise PurgeIncomplete(
                "Data er slettet, men spor kan stadig ligge i databasens log, fordi et "
                "andet Samtale-vindue har den åben; luk det og slet igen."
            )
        time.sleep(0.1)
