"""The audit trail in SQLite: who opened, exported and deleted which note, and when.

Its lines name notes by id and guide title, never by resident (see migration 0002).
"""

from __future__ import annotations

import sqlite3
from typing import Any

from ..cpr import mask_cpr
from ..errors import StoreError
from ..records import AUDIT_ACTIONS, AuditRecord, now_iso


def insert_audit(
    conn: sqlite3.Connection, action: str, session_id: str | None, medarbejder: str, detail: str
) -> None:
    """Inside a write transaction: add one line (a deletion adds it in its own transaction)."""
    if action not in AUDIT_ACTIONS:
        raise StoreError(f"Ukendt handling '{action}' i revisionssporet.")
    conn.execute(
        "INSERT INTO audit (at, medarbejder, action, session_id, detail) VALUES (?, ?, ?, ?, ?)",
        (now_iso(), mask_cpr(medarbejder)[0], action, session_id, mask_cpr(detail)[0]),
    )


def audit_trail(
    conn: sqlite3.Connection, session_id: str | None = None, limit: int | None = None
) -> list[AuditRecord]:
    """The audit trail, newest first; only one note's lines with ``session_id``."""
    sql = "SELECT seq, at, medarbejder, action, session_id, detail FROM audit"
    params: list[Any] = []
    if session_id:
        sql += " WHERE session_id = ?"
        params.append(session_id)
    sql += " ORDER BY seq DESC"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(int(limit))
    return [AuditRecord(*row) for row in conn.execute(sql, params).fetchall()]
