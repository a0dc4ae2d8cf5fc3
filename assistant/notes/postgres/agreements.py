"""Agreements in PostgreSQL (as notes/sqlite/agreements.py, whose columns and order it shares): writing a session's derived rows, changing a status (an event in the
note's log, the row and an audit line in one transaction), listing with a filter, and one
agreement's history."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import fields
from typing import Any

from ..agreements import (
    STATUS_EVENT,
    STATUS_LABELS,
    STATUSES,
    STILL_OPEN,
    Agreement,
    AgreementFilter,
    AgreementRow,
    StatusChange,
    agreement_id,
    parse_agreement_id,
)
from ..cpr import mask_cpr, mask_in
from ..errors import NotFound, StoreError
from ..names import typed_key
from ..records import now_iso
from .audit import insert_audit
from .connection import Database
from .notes import next_seq

COLUMNS = (
    "a.session_id, a.answer_key, a.row, a.hvad, a.hvem, a.hvornaar, a.status, a.status_at, "
    "a.status_by, a.reason, s.borger, s.guide_id, s.guide_title, s.status, s.started_at, "
    "s.medarbejder, s.followup"
)
# Soonest due first, those without a date last; then in the order they were written.
ORDER = " ORDER BY a.hvornaar IS NULL, a.hvornaar, s.started_at, a.session_id, a.answer_key, a.row"


# The fields of an Agreement are its id and then COLUMNS, in that order.
_FIELDS = tuple(f.name for f in fields(Agreement))
assert len(_FIELDS) == 1 + len(COLUMNS.split(","))
_new = object.__new__


def _agreement(row: Sequence[Any]) -> Agreement:
    """An Agreement from a row of COLUMNS.

    Made by filling the instance's ``__dict__`` rather than through the frozen dataclass's
    ``__init__`` (one ``object.__setattr__`` per field): the same object, equal and hashed
    alike, in about half the time, which is most of the Python cost of listing the overdue
    agreements of a large store (see benchmarks/bench_agreements.py)."""
    made = _new(Agreement)
    made.__dict__.update(zip(_FIELDS, (agreement_id(row[0], row[1], row[2]), *row), strict=True))
    return made


def sync(db: Database, session_id: str, rows: Sequence[AgreementRow], followup: str | None) -> None:
    """Replace a session's agreements with ``rows`` (what its events now say), and note its
    follow-up date; one transaction. A session that was deleted meanwhile is left alone."""
    masked = [
        (
            session_id,
            r.key,
            r.row,
            mask_cpr(r.what)[0],
            mask_cpr(r.who)[0],
            typed_key(mask_cpr(r.who)[0]) or "",
            r.due,
            r.status,
            r.status_at,
            None if r.status_by is None else mask_cpr(r.status_by)[0],
            None if r.reason is None else mask_cpr(r.reason)[0],
        )
        for r in rows
    ]

    def run(conn: Any) -> None:
        updated = conn.execute(
            "UPDATE sessions SET followup = %s, agreements_synced = 1 WHERE id = %s",
            (followup, session_id),
        )
        if updated.rowcount == 0:
            return
        # A status set meanwhile by someone else (an event this session has not read) wins
        # over an older one: the newest change counts, as when the log is read again.
        known = {
            (r[0], r[1]): r[2:]
            for r in conn.execute(
                "SELECT answer_key, row, status, status_at, status_by, reason FROM agreements "
                "WHERE session_id = %s AND status_at IS NOT NULL",
                (session_id,),
            )
        }
        for i, item in enumerate(masked):
            newer = known.get((item[1], item[2]))
            if newer is not None and (item[8] is None or newer[1] > item[8]):
                masked[i] = (*item[:7], *newer)
        conn.execute("DELETE FROM agreements WHERE session_id = %s", (session_id,))
        conn.cursor().executemany(
            "INSERT INTO agreements (session_id, answer_key, row, hvad, hvem, hvem_key, "
            "hvornaar, status, status_at, status_by, reason) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
            masked,
        )

    db.write(run)


def unsynced(db: Database) -> list[str]:
    """Sessions whose agreements were never derived (written by an older version)."""
    rows = db.query("SELECT id FROM sessions WHERE agreements_synced = 0 AND mode != 'practice'")
    return [r[0] for r in rows]


def _where(where: AgreementFilter) -> tuple[str, list[Any]]:
    clauses: list[str] = ["s.mode != 'practice'"]
    params: list[Any] = []
    if where.status is not None:
        if where.status not in STATUSES:
            raise StoreError(f"Ukendt status '{where.status}' for en aftale.")
        clauses.append("a.status = %s")
        params.append(where.status)
    if where.overdue_on is not None or where.due_by is not None:
        clauses.append("a.status IN (%s, %s)")
        params += list(STILL_OPEN)
    if where.overdue_on is not None:
        clauses.append("a.hvornaar < %s")
        params.append(where.overdue_on)
    if where.due_by is not None:
        clauses.append("a.hvornaar <= %s")
        params.append(where.due_by)
    if where.borger is not None:
        clauses.append("s.borger_key = %s")
        params.append(typed_key(where.borger))
    if where.ansvarlig is not None:
        clauses.append("a.hvem_key = %s")
        params.append(typed_key(where.ansvarlig) or "")
    if where.session_id is not None:
        clauses.append("a.session_id = %s")
        params.append(where.session_id)
    sql = " FROM agreements a JOIN sessions s ON s.id = a.session_id WHERE " + " AND ".join(clauses)
    return sql, params


def list_agreements(db: Database, where: AgreementFilter) -> list[Agreement]:
    """The agreements ``where`` selects, soonest due first."""
    sql, params = _where(where)
    sql = f"SELECT {COLUMNS}{sql}{ORDER}"
    if where.limit is not None:
        sql += " LIMIT %s"
        params.append(int(where.limit))
    return list(map(_agreement, db.query(sql, params)))


def count_agreements(db: Database, where: AgreementFilter) -> int:
    """How many agreements ``where`` selects (its limit aside)."""
    sql, params = _where(where)
    row = db.one(f"SELECT COUNT(*){sql}", params)
    return int(row[0]) if row else 0


def get_agreement(db: Database, typed: str) -> Agreement:
    """One agreement by its id as typed (``5a3c9e01-2``); NotFound with a Danish message."""
    parsed = parse_agreement_id(typed)
    if parsed is None:
        raise NotFound(
            f"'{typed}' er ikke et aftale-id. Et id ser ud som 5a3c9e01-2: notens id og "
            "aftalens nummer (se samtale aftaler)."
        )
    row = db.one(
        f"SELECT {COLUMNS} FROM agreements a JOIN sessions s ON s.id = a.session_id "
        "WHERE a.session_id = %s AND a.answer_key = %s AND a.row = %s",
        parsed,
    )
    if row is None:
        raise NotFound(f"Der er ingen aftale med id'et {typed.strip()}. Se samtale aftaler.")
    return _agreement(row)


def set_status(
    db: Database, typed: str, status: str, medarbejder: str, reason: str | None = None
) -> Agreement:
    """Change an agreement's status: an event in its note's log, the row and an audit line
    (naming the note, never the resident) in one committed transaction."""
    if status not in STATUSES:
        raise StoreError(f"Ukendt status '{status}' for en aftale.")
    agreement = get_agreement(db, typed)
    data, _ = mask_in(
        {
            "key": agreement.key,
            "row": agreement.row,
            "status": status,
            "af": medarbejder,
            "begrundelse": reason,
        }
    )
    who, why = data["af"], data["begrundelse"]

    def run(conn: Any) -> str:
        now = now_iso()
        # The session's row is locked first, as append_event does, so events number in turn.
        conn.execute("SELECT 1 FROM sessions WHERE id = %s FOR UPDATE", (agreement.session_id,))
        seq = next_seq(conn, agreement.session_id)
        conn.execute(
            "INSERT INTO events (session_id, seq, kind, data, at) VALUES (%s, %s, %s, %s, %s)",
            (
                agreement.session_id,
                seq,
                STATUS_EVENT,
                json.dumps(data, ensure_ascii=False),
                now,
            ),
        )
        changed = conn.execute(
            "UPDATE agreements SET status = %s, status_at = %s, status_by = %s, reason = %s "
            "WHERE session_id = %s AND answer_key = %s AND row = %s",
            (status, now, who, why, agreement.session_id, agreement.key, agreement.row),
        )
        if changed.rowcount == 0:
            raise NotFound(f"Aftalen {agreement.id} findes ikke længere.")
        detail = f"aftale {agreement.id}: {STATUS_LABELS[status]}"
        insert_audit(conn, "agreement", agreement.session_id, medarbejder, detail)
        return now

    db.write(run)
    return get_agreement(db, agreement.id)


def history(db: Database, agreement: Agreement) -> list[StatusChange]:
    """The status changes of one agreement, oldest first (from its note's events)."""
    rows = db.query(
        "SELECT at, data FROM events WHERE session_id = %s AND kind = %s ORDER BY seq",
        (agreement.session_id, STATUS_EVENT),
    )
    changes = []
    for at, text in rows:
        data = json.loads(text)
        if data.get("key") == agreement.key and data.get("row") == agreement.row:
            changes.append(
                StatusChange(at, data["status"], data.get("af"), data.get("begrundelse"))
            )
    return changes
