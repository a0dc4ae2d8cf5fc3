"""Agreements in PostgreSQL: writing a session's derived rows, changing a status (an event in the
note's log, the row and an audit line in one transaction), listing with a filter, and one
agreement's history. What SQLite does alike is in notes/agreement_sql.py."""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from typing import Any

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
from .notes import EVENT_KEY, next_seq
from .units import own_unit


def sync(db: Database, session_id: str, rows: Sequence[AgreementRow], followup: str | None) -> None:
    """Replace a session's agreements with ``rows`` (what its events now say), and note its
    follow-up date; one transaction. A session that was deleted meanwhile is left alone."""
    masked = q.masked_rows(session_id, rows)

    def run(conn: Any) -> None:
        updated = conn.execute(
            "UPDATE sessions SET followup = %s, agreements_synced = 1 WHERE id = %s",
            (followup, session_id),
        )
        if updated.rowcount == 0:
            return
        known = conn.execute(
            "SELECT answer_key, row, status, status_at, status_by, reason FROM agreements "
            "WHERE session_id = %s AND status_at IS NOT NULL",
            (session_id,),
        )
        q.keep_newer(masked, known.fetchall())
        conn.execute("DELETE FROM agreements WHERE session_id = %s", (session_id,))
        conn.cursor().executemany(
            f"INSERT INTO agreements ({q.INSERT_COLUMNS}) VALUES ({', '.join(['%s'] * 11)})",
            masked,
        )

    db.write(run)


def unsynced(db: Database) -> list[str]:
    """Sessions whose agreements were never derived (written by an older version)."""
    rows = db.query(
        f"SELECT id FROM sessions WHERE agreements_synced = 0 AND mode != 'practice' "
        f"AND {own_unit()}"
    )
    return [r[0] for r in rows]


def list_agreements(db: Database, where: AgreementFilter) -> list[Agreement]:
    """The agreements ``where`` selects, soonest due first."""
    sql, params = q.where_clause(where, "%s", (own_unit("a"), own_unit("s")))
    sql = f"SELECT {q.COLUMNS}{sql}{q.ORDER}"
    if where.limit is not None:
        sql += " LIMIT %s"
        params.append(int(where.limit))
    return list(map(q.from_row, db.query(sql, params)))


def count_agreements(db: Database, where: AgreementFilter) -> int:
    """How many agreements ``where`` selects (its limit aside)."""
    sql, params = q.where_clause(where, "%s", (own_unit("a"), own_unit("s")))
    row = db.one(f"SELECT COUNT(*){sql}", params)
    return int(row[0]) if row else 0


def get_agreement(db: Database, typed: str) -> Agreement:
    """One agreement by its id as typed (``5a3c9e01-2``); NotFound with a Danish message."""
    parsed = parse_agreement_id(typed)
    if parsed is None:
        raise q.not_an_id(typed)
    row = db.one(
        f"SELECT {q.COLUMNS} FROM agreements a JOIN sessions s ON s.id = a.session_id "
        "WHERE a.session_id = %s AND a.answer_key = %s AND a.row = %s",
        parsed,
    )
    if row is None:
        raise q.no_such(typed)
    return q.from_row(row)


def set_status(
    db: Database, typed: str, status: str, medarbejder: str, reason: str | None = None
) -> Agreement:
    """Change an agreement's status: an event in its note's log, the row and an audit line
    (naming the note, never the resident) in one committed transaction."""
    agreement = get_agreement(db, typed)
    data = q.status_data(agreement, status, medarbejder, reason)

    key = uuid.uuid4()  # the same on a retry: a status change that was committed is not repeated

    def run(conn: Any) -> None:
        now = now_iso()
        # The session's row is locked first, as append_event does, so events number in turn.
        conn.execute("SELECT 1 FROM sessions WHERE id = %s FOR UPDATE", (agreement.session_id,))
        seq = next_seq(conn, agreement.session_id)
        conn.execute(
            "INSERT INTO events (session_id, seq, kind, data, at, event_key) "
            "VALUES (%s, %s, %s, %s, %s, %s)",
            (
                agreement.session_id,
                seq,
                STATUS_EVENT,
                json.dumps(data, ensure_ascii=False),
                now,
                key,
            ),
        )
        changed = conn.execute(
            "UPDATE agreements SET status = %s, status_at = %s, status_by = %s, reason = %s "
            "WHERE session_id = %s AND answer_key = %s AND row = %s",
            (status, now, data["af"], data["begrundelse"], *q.key_of(agreement)),
        )
        if changed.rowcount == 0:
            raise NotFound(f"Aftalen {agreement.id} findes ikke længere.")
        detail = f"aftale {agreement.id}: {STATUS_LABELS[status]}"
        insert_audit(conn, "agreement", agreement.session_id, medarbejder, detail)

    try:
        db.write(run)
    except db.psycopg.errors.UniqueViolation as exc:
        if exc.diag.constraint_name != EVENT_KEY:
            raise
        # the retry of a change whose COMMIT reached the server before the connection dropped
    return get_agreement(db, agreement.id)


def history(db: Database, agreement: Agreement) -> list[StatusChange]:
    """The status changes of one agreement, oldest first (from its note's events)."""
    rows = db.query(
        "SELECT at, data FROM events WHERE session_id = %s AND kind = %s ORDER BY seq",
        (agreement.session_id, STATUS_EVENT),
    )
    return q.changes(agreement, rows)
