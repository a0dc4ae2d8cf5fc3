"""Writing and reading notes in SQLite: guide snapshots, new sessions, their append-only
events, and one session by id.

Every write is one short transaction (``Database.write``); CPR-like numbers are masked
before they are stored, and the columns the listing reads (see ``queries``) are kept up to
date in the same transaction.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from typing import Any

from ..cpr import mask_cpr, mask_in, without_nul
from ..errors import StoreError, not_found, only_match
from ..names import name_key, pseudonym
from ..records import STATUSES, EventRecord, SessionRecord, now_iso
from .connection import Database
from .lease import check_in
from .queries import SESSION_COLUMNS, search_key

_MIN_PREFIX = 4


def save_guide_snapshot(
    db: Database, guide_hash: str, guide_id: str, version: str, content: str
) -> None:
    """Keep the exact guide text a session runs against (ignored if already saved)."""
    db.write(
        lambda conn: conn.execute(
            "INSERT OR IGNORE INTO guides (hash, guide_id, version, content, saved_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (guide_hash, guide_id, version, content, now_iso()),
        )
    )


def load_guide_snapshot(db: Database, guide_hash: str) -> str | None:
    """The saved guide text for ``guide_hash``, or None."""
    row = db.read().execute("SELECT content FROM guides WHERE hash = ?", (guide_hash,)).fetchone()
    return None if row is None else str(row[0])


def create_session(
    db: Database,
    *,
    guide_id: str,
    guide_version: str,
    guide_hash: str,
    guide_title: str,
    mode: str,
    borger: str | None,
    medarbejder: str | None,
) -> SessionRecord:
    """Start a new session; its guide snapshot must have been saved first."""
    guide_title = without_nul(guide_title)  # as in every text stored (see notes/cpr.py)
    masked = 0
    if borger is not None:
        borger, n = mask_cpr(pseudonym(borger) or "")
        masked += n
    if medarbejder is not None:
        medarbejder, n = mask_cpr(medarbejder)
        masked += n

    import secrets  # only here: reading notes does not need it

    def run(conn: sqlite3.Connection) -> SessionRecord:
        guide = conn.execute("SELECT 1 FROM guides WHERE hash = ?", (guide_hash,))
        if guide.fetchone() is None:
            raise StoreError(
                f"Guiden '{guide_id}' er ikke gemt i databasen, så samtalen kan ikke startes."
            )
        now = now_iso()
        while True:
            session_id = secrets.token_hex(4)
            exists = conn.execute("SELECT 1 FROM sessions WHERE id = ?", (session_id,))
            if exists.fetchone() is None:
                break
        conn.execute(
            "INSERT INTO sessions (id, guide_id, guide_version, guide_hash, guide_title, "
            "mode, borger, medarbejder, status, started_at, updated_at, touched, "
            "borger_key, search_key, sort_key, masked) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'in_progress', ?, ?, "
            "(SELECT COALESCE(MAX(touched), 0) + 1 FROM sessions), ?, ?, julianday(?), ?)",
            (
                session_id,
                guide_id,
                guide_version,
                guide_hash,
                guide_title,
                mode,
                borger,
                medarbejder,
                now,
                now,
                name_key(borger),
                search_key(borger, guide_title),
                now,
                masked,
            ),
        )
        return SessionRecord(
            id=session_id,
            guide_id=guide_id,
            guide_version=guide_version,
            guide_hash=guide_hash,
            guide_title=guide_title,
            mode=mode,
            borger=borger,
            medarbejder=medarbejder,
            status="in_progress",
            started_at=now,
            updated_at=now,
            answered=0,
            numbers_removed=masked,
            masked=masked,
        )

    return db.write(run)


def append_event(
    db: Database,
    session_id: str,
    kind: str,
    data: dict[str, Any],
    status: str | None = None,
    lease: str | None = None,
) -> EventRecord:
    """Store one event (CPR masked) and touch the session, in one committed transaction;
    with ``lease`` (a holder id) only if that holder still holds the session's lease. Each
    event gets its own key (``event_key``), as in the PostgreSQL store, where a retried event
    is recognised by it; a local file has no lost replies to retry."""
    if status is not None and status not in STATUSES:
        raise StoreError(f"Ukendt status '{status}' for en samtale.")
    masked_data, masked = mask_in(data)
    text = json.dumps(masked_data, ensure_ascii=False, allow_nan=False)

    def run(conn: sqlite3.Connection) -> EventRecord:
        now = now_iso()
        updated = conn.execute(
            "UPDATE sessions SET updated_at = ?, sort_key = julianday(?), "
            "status = COALESCE(?, status), answered = answered + ?, masked = masked + ?, "
            "touched = (SELECT MAX(touched) + 1 FROM sessions) WHERE id = ?",
            (now, now, status, int(kind == "answer"), masked, session_id),
        )
        if updated.rowcount == 0:
            raise not_found(session_id)
        if lease is not None:
            check_in(conn, session_id, lease)
        seq = conn.execute(
            "SELECT COALESCE(MAX(seq), 0) + 1 FROM events WHERE session_id = ?",
            (session_id,),
        ).fetchone()[0]
        conn.execute(
            "INSERT INTO events (session_id, seq, kind, data, at, event_key) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (session_id, seq, kind, text, now, str(uuid.uuid4())),
        )
        return EventRecord(session_id, int(seq), kind, masked_data, now, masked)

    return db.write(run)


def get_session(db: Database, id_or_prefix: str) -> SessionRecord:
    """The session with this exact id, or the only one whose id starts with it (>= 4 chars)."""
    conn = db.read()
    row = conn.execute(
        f"SELECT {SESSION_COLUMNS} FROM sessions s WHERE s.id = ?", (id_or_prefix,)
    ).fetchone()
    if row is not None:
        return SessionRecord(*row)
    prefix = id_or_prefix.strip().lower()
    if len(prefix) < _MIN_PREFIX:
        raise not_found(id_or_prefix)
    rows = conn.execute(
        f"SELECT {SESSION_COLUMNS} FROM sessions s "
        "WHERE substr(s.id, 1, length(?)) = ? ORDER BY s.id LIMIT 6",
        (prefix, prefix),
    ).fetchall()
    return SessionRecord(*only_match(rows, id_or_prefix))


def events(db: Database, session_id: str) -> list[EventRecord]:
    """All events of a session, ordered by seq (empty if there are none)."""
    rows = (
        db.read()
        .execute(
            "SELECT session_id, seq, kind, data, at FROM events WHERE session_id = ? ORDER BY seq",
            (session_id,),
        )
        .fetchall()
    )
    return [EventRecord(r[0], int(r[1]), r[2], json.loads(r[3]), r[4]) for r in rows]
