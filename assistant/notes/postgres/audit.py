"""The audit trail and deleting for good in PostgreSQL (as notes/sqlite/audit.py and
erasure.py): a deletion and its audit line are one transaction, and the deleted rows' space
is vacuumed afterwards; the audit names notes by id, never the resident."""

from __future__ import annotations

from typing import Any

from ..cpr import mask_cpr
from ..errors import StoreError, WriteError, deleted_detail, not_found
from ..names import typed_key
from ..records import AUDIT_ACTIONS, AuditRecord, now_iso
from .connection import Database
from .units import OWNS_TABLES, own_unit

ORDER = " ORDER BY s.sort_key DESC, s.touched DESC"
_VACUUMED = ("sessions", "events", "agreements", "leases", "audit")


def insert_audit(
    conn: Any, action: str, session_id: str | None, medarbejder: str, detail: str
) -> None:
    """Inside a write transaction: add one line."""
    if action not in AUDIT_ACTIONS:
        raise StoreError(f"Ukendt handling '{action}' i revisionssporet.")
    conn.execute(
        "INSERT INTO audit (at, medarbejder, action, session_id, detail) "
        "VALUES (%s, %s, %s, %s, %s)",
        (now_iso(), mask_cpr(medarbejder)[0], action, session_id, mask_cpr(detail)[0]),
    )


def audit_trail(
    db: Database, session_id: str | None = None, limit: int | None = None
) -> list[AuditRecord]:
    sql = f"SELECT seq, at, medarbejder, action, session_id, detail FROM audit WHERE {own_unit()}"
    params: list[Any] = []
    if session_id:
        sql += " AND session_id = %s"
        params.append(session_id)
    sql += " ORDER BY seq DESC"
    if limit is not None:
        sql += " LIMIT %s"
        params.append(int(limit))
    return [AuditRecord(*row) for row in db.query(sql, params)]


def _mark_purge(conn: Any) -> None:
    conn.execute(
        "INSERT INTO pending_purge (id, since) VALUES (1, %s) "
        "ON CONFLICT (id) DO UPDATE SET since = EXCLUDED.since",
        (now_iso(),),
    )


def _deleting(db: Database, run: Any) -> int:
    """Run a deletion transaction; if it cannot be written, say that nothing was deleted."""
    try:
        return int(db.write(run))
    except StoreError as exc:
        reason = exc.__cause__ if isinstance(exc, WriteError) and exc.__cause__ else exc
        raise StoreError(
            f"Intet er slettet, fordi sletningen og linjen i revisionssporet ikke kunne "
            f"gemmes ({str(reason).rstrip('.')}). Ret det, og slet igen."
        ) from exc


def delete_session(db: Database, session_id: str, medarbejder: str | None) -> None:
    def run(conn: Any) -> int:
        row = conn.execute(
            "DELETE FROM sessions WHERE id = %s RETURNING guide_title", (session_id,)
        ).fetchone()
        if row is None:
            return 0
        if medarbejder is not None:
            insert_audit(conn, "deleted", session_id, medarbejder, str(row[0]))
        _mark_purge(conn)
        return 1

    if _deleting(db, run) == 0:
        raise not_found(session_id)
    purge(db)


def delete_borger(db: Database, borger: str, medarbejder: str | None) -> int:
    key = typed_key(borger)

    def run(conn: Any) -> int:
        rows = conn.execute(
            f"SELECT s.id FROM sessions s WHERE s.borger_key = %s AND {own_unit('s')}{ORDER} "
            "FOR UPDATE",
            (key,),
        ).fetchall()
        ids = [r[0] for r in rows]
        if not ids:
            return 0
        conn.execute(f"DELETE FROM sessions WHERE borger_key = %s AND {own_unit()}", (key,))
        if medarbejder is not None:
            insert_audit(conn, "deleted_borger", None, medarbejder, deleted_detail(ids))
        _mark_purge(conn)
        return len(ids)

    count = _deleting(db, run)
    purge(db)
    return count


def purge_pending(db: Database) -> bool:
    return db.one("SELECT 1 FROM pending_purge") is not None


def purge(db: Database) -> None:
    """Vacuum the tables deleted rows were in (outside a transaction, as VACUUM must be),
    then clear the marker. The rows are gone from queries and ``pg_dump`` at once. Only the
    tables' owner may vacuum them: for the program's everyday role the server's autovacuum
    reclaims the space."""
    row = db.one(OWNS_TABLES)
    for table in _VACUUMED if row and row[0] else ():
        db.vacuum(table)
    db.write(lambda conn: conn.execute("DELETE FROM pending_purge"))
