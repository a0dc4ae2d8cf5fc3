"""Agreements in SQLite: writing a session's derived rows, changing a status (an event in the
note's log, the row and an audit line in one transaction), listing with a filter, and one
agreement's history. What PostgreSQL does alike is in notes/agreement_sql.py."""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Sequence

from .. import agreement_sql as q
from ..agreements import (
    STATUS_EVENT,
    STATUS_LABELS,
    Agreement,
    AgreementFilter,
    AgreementRow,
    StatusChange,
    parse_agreement_id,
)
from ..errors import NotFound
from ..records import now_iso
from .audit import insert_audit
from .connection import Database


def sync(db: Database, session_id: str, rows: Sequence[AgreementRow], followup: str | None) -> None:
    """Replace a session's agreements with ``rows`` (what its events now say), and note its
    follow-up date; one transaction. A session that was deleted meanwhile is left alone."""
    masked = q.masked_rows(session_id, rows)

    def run(conn: sqlite3.Connection) -> None:
        updated = conn.execute(
            "UPDATE sessions SET followup = ?, agreements_synced = 1 WHERE id = ?",
            (followup, session_id),
        )
        if updated.rowcount == 0:
            return
        known = conn.execute(
            "SELECT answer_key, row, status, status_at, status_by, reason FROM agreements "
            "WHERE session_id = ? AND status_at IS NOT NULL",
            (session_id,),
        )
        q.keep_newer(masked, known.fetchall())
        conn.execute("DELETE FROM agreements WHERE session_id = ?", (session_id,))
        conn.executemany(
            f"INSERT INTO agreements ({q.INSERT_COLUMNS}) VALUES ({', '.join('?' * 11)})",
            masked,
        )

    db.write(run)


def unsynced(db: Database) -> list[str]:
    """Sessions whose agreements were never derived (written by an older version)."""
    rows = db.read().execute(
        "SELECT id FROM sessions WHERE agreements_synced = 0 AND mode != 'practice'"
    )
    return [r[0] for r in rows.fetchall()]


def list_agreements(conn: sqlite3.Connection, where: AgreementFilter) -> list[Agreement]:
    """The agreements ``where`` selects, soonest due first."""
    sql, params = q.where_clause(where, "?")
    sql = f"SELECT {q.COLUMNS}{sql}{q.ORDER}"
    if where.limit is not None:
        sql += " LIMIT ?"
        params.append(int(where.limit))
    return list(map(q.from_row, conn.execute(sql, params)))


def count_agreements(conn: sqlite3.Connection, where: AgreementFilter) -> int:
    """How many agreements ``where`` selects (its limit aside)."""
    sql, params = q.where_clause(where, "?")
    return int(conn.execute(f"SELECT COUNT(*){sql}", params).fetchone()[0])


def get_agreement(conn: sqlite3.Connection, typed: str) -> Agreement:
    """One agreement by its id as typed (``5a3c9e01-2``); NotFound with a Danish message."""
    parsed = parse_agreement_id(typed)
    if parsed is None:
        raise q.not_an_id(typed)
    row = conn.execute(
        f"SELECT {q.COLUMNS} FROM agreements a JOIN sessions s ON s.id = a.session_id "
        "WHERE a.session_id = ? AND a.answer_key = ? AND a.row = ?",
        parsed,
    ).fetchone()
    if row is None:
        raise q.no_such(typed)
    return q.from_row(row)


def set_status(
    db: Database, typed: str, status: str, medarbejder: str, reason: str | None = None
) -> Agreement:
    """Change an agreement's status: an event in its note's log, the row and an audit line
    (naming the note, never the resident) in one committed transaction."""
    agreement = get_agreement(db.read(), typed)
    data = q.status_data(agreement, status, medarbejder, reason)

    def run(conn: sqlite3.Connection) -> None:
        now = now_iso()
        seq = conn.execute(
            "SELECT COALESCE(MAX(seq), 0) + 1 FROM events WHERE session_id = ?",
            (agreement.session_id,),
        ).fetchone()[0]
        conn.execute(
            "INSERT INTO events (session_id, seq, kind, data, at, event_key) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (
                agreement.session_id,
                seq,
                STATUS_EVENT,
                json.dumps(data, ensure_ascii=False),
                now,
                str(uuid.uuid4()),
            ),
        )
        changed = conn.execute(
            "UPDATE agreements SET status = ?, status_at = ?, status_by = ?, reason = ? "
            "WHERE session_id = ? AND answer_key = ? AND row = ?",
            (status, now, data["af"], data["begrundelse"], *q.key_of(agreement)),
        )
        if changed.rowcount == 0:
            raise NotFound(f"Aftalen {agreement.id} findes ikke længere.")
        detail = f"aftale {agreement.id}: {STATUS_LABELS[status]}"
        insert_audit(conn, "agreement", agreement.session_id, medarbejder, detail)

    db.write(run)
    return get_agreement(db.read(), agreement.id)


def history(conn: sqlite3.Connection, agreement: Agreement) -> list[StatusChange]:
    """The status changes of one agreement, oldest first (from its note's events)."""
    rows = conn.execute(
        "SELECT at, data FROM events WHERE session_id = ? AND kind = ? ORDER BY seq",
        (agreement.session_id, STATUS_EVENT),
    )
    return q.changes(agreement, rows.fetchall())
