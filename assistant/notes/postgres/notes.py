"""Writing, reading and listing notes in PostgreSQL: guide snapshots, sessions, their
append-only events, one session by id, and the lists, searches and counts of a ``ListFilter``.

The same behaviour as notes/sqlite/events.py and queries.py: CPR-like numbers are masked and
names normalised (notes/names.py) in Python before anything is stored, and the keys that
lists match are computed here too, so that both stores match alike.
"""

from __future__ import annotations

import json
import re
import secrets
import uuid
from datetime import datetime
from itertools import starmap
from typing import Any

from ..cpr import mask_cpr, mask_in, without_nul
from ..errors import NotSaved, StoreError, not_found, only_match
from ..interface import ListFilter, OverviewRow
from ..lease import LeaseLost, SavedMeanwhile
from ..names import name_key, pseudonym, typed_key
from ..records import STATUSES, EventRecord, SessionRecord, now_iso
from ..sqlite.queries import OVERVIEW_COLUMNS, SEARCH_SEP, SESSION_COLUMNS, search_key
from .connection import Database
from .lease import RENEW
from .units import own_unit

ORDER = " ORDER BY s.sort_key DESC, s.touched DESC"
_MIN_PREFIX = 4


def sort_key(iso: str) -> float:
    """The order by real time: seconds since the epoch (a UTC offset change does not reorder)."""
    return datetime.fromisoformat(iso).timestamp()


def save_guide_snapshot(
    db: Database, guide_hash: str, guide_id: str, version: str, content: str
) -> None:
    db.write(
        lambda conn: conn.execute(
            "INSERT INTO guides (hash, guide_id, version, content, saved_at) "
            "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (hash) DO NOTHING",
            (guide_hash, guide_id, version, content, now_iso()),
        )
    )


def load_guide_snapshot(db: Database, guide_hash: str) -> str | None:
    row = db.one("SELECT content FROM guides WHERE hash = %s", (guide_hash,))
    return None if row is None else str(row[0])


def create_session(db: Database, **kw: Any) -> SessionRecord:
    """Start a new session; its guide snapshot must have been saved first."""
    borger, medarbejder = kw["borger"], kw["medarbejder"]
    masked = 0
    if borger is not None:
        borger, n = mask_cpr(pseudonym(borger) or "")
        masked += n
    if medarbejder is not None:
        medarbejder, n = mask_cpr(medarbejder)
        masked += n
    guide_id, guide_hash, title = kw["guide_id"], kw["guide_hash"], without_nul(kw["guide_title"])

    def run(conn: Any) -> SessionRecord:
        if conn.execute("SELECT 1 FROM guides WHERE hash = %s", (guide_hash,)).fetchone() is None:
            raise StoreError(
                f"Guiden '{guide_id}' er ikke gemt i databasen, så samtalen kan ikke startes."
            )
        now = now_iso()
        while True:
            session_id = secrets.token_hex(4)
            inserted = conn.execute(
                "INSERT INTO sessions (id, guide_id, guide_version, guide_hash, guide_title, "
                "mode, borger, medarbejder, status, started_at, updated_at, borger_key, "
                "search_key, sort_key, masked) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, "
                "'in_progress', %s, %s, %s, %s, %s, %s) ON CONFLICT (id) DO NOTHING",
                (
                    session_id,
                    guide_id,
                    kw["guide_version"],
                    guide_hash,
                    title,
                    kw["mode"],
                    borger,
                    medarbejder,
                    now,
                    now,
                    name_key(borger),
                    search_key(borger, title),
                    sort_key(now),
                    masked,
                ),
            )
            if inserted.rowcount == 1:
                break
        return SessionRecord(
            id=session_id,
            guide_id=guide_id,
            guide_version=kw["guide_version"],
            guide_hash=guide_hash,
            guide_title=title,
            mode=kw["mode"],
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


def next_seq(conn: Any, session_id: str) -> int:
    row = conn.execute(
        "SELECT COALESCE(MAX(seq), 0) + 1 FROM events WHERE session_id = %s", (session_id,)
    ).fetchone()
    return int(row[0])


# The unique index on the events' own keys (migration 0003): a second copy of one event.
EVENT_KEY = "events_event_key"


class _AlreadyStored(Exception):
    """The event's key is in the table already: a retry of an event that was committed."""


def _key_for(db: Database, session_id: str, kind: str, text: str, lease: str | None) -> uuid.UUID:
    """The event's key: new, or, when this very event (same kind and data) was sent before and
    not known to be saved (NotSaved), the key it was sent with, so that it is stored once.

    A different event after one that was not known to be saved: if that one did reach the
    server after all, what the session shows is behind the store; it is refused (and the
    lease let go, so that every further write is refused too) until it is opened again."""
    pending = db.unsent.pop(session_id, None)
    if pending is None:
        return uuid.uuid4()
    if pending[:2] == (kind, text):
        return pending[2]
    if db.one("SELECT 1 FROM events WHERE event_key = %s", (pending[2],)) is not None:
        if lease is not None:
            db.write(
                lambda conn: conn.execute(
                    "DELETE FROM leases WHERE session_id = %s AND holder = %s", (session_id, lease)
                )
            )
        raise SavedMeanwhile(session_id)
    return uuid.uuid4()


def append_event(
    db: Database,
    session_id: str,
    kind: str,
    data: dict[str, Any],
    status: str | None = None,
    lease: str | None = None,
) -> EventRecord:
    """Store one event (CPR masked) and touch the session, in one committed transaction; the
    session's row is locked first, so two writers to one session number their events in turn.

    The three statements go to the server together (psycopg's pipeline mode: one round trip
    instead of three; an answer waits on the network, not on the server). Each still runs on
    its own snapshot, in order: the event's number is counted after the session's row is
    locked. A missing session fails the event's foreign key, another unit's its primary key, a
    lost lease renews no row; each rolls the transaction back.

    A dropped connection is retried once on a new one (connection.py) with the same event key:
    if the lost reply was to a COMMIT that reached the server, the key's unique index refuses
    the copy (the whole retry rolls back) and the event stored the first time is returned. If
    the retry fails too, NotSaved; the same event sent again later keeps its key."""
    if status is not None and status not in STATUSES:
        raise StoreError(f"Ukendt status '{status}' for en samtale.")
    masked_data, masked = mask_in(data)
    text = json.dumps(masked_data, ensure_ascii=False, allow_nan=False)
    key = _key_for(db, session_id, kind, text, lease)

    def run(conn: Any) -> EventRecord:
        now = now_iso()
        try:
            with conn.pipeline():
                updated = conn.execute(
                    "UPDATE sessions SET updated_at = %s, sort_key = %s, "
                    "status = COALESCE(%s, status), answered = answered + %s, "
                    "masked = masked + %s, touched = nextval('sessions_touched') WHERE id = %s",
                    (now, sort_key(now), status, int(kind == "answer"), masked, session_id),
                )
                renewed = None if lease is None else conn.execute(RENEW, (session_id, lease))
                inserted = conn.execute(
                    "INSERT INTO events (session_id, seq, kind, data, at, event_key) "
                    "SELECT %s, COALESCE(MAX(seq), 0) + 1, %s, %s, %s, %s FROM events "
                    "WHERE session_id = %s RETURNING seq",
                    (session_id, kind, text, now, key, session_id),
                )
        except db.psycopg.errors.UniqueViolation as exc:
            if exc.diag.constraint_name == EVENT_KEY:
                raise _AlreadyStored() from None
            # one this connection cannot see (another unit's: its events are hidden, so the
            # number counted collides with one of them)
            raise not_found(session_id) from None
        except db.psycopg.errors.ForeignKeyViolation:
            raise not_found(session_id) from None  # no such session
        if updated.rowcount == 0:
            raise not_found(session_id)
        if renewed is not None and renewed.rowcount == 0:
            raise LeaseLost(session_id)
        seq = int(inserted.fetchone()[0])
        return EventRecord(session_id, seq, kind, masked_data, now, masked)

    try:
        return db.write(run)
    except _AlreadyStored:
        row = db.one("SELECT seq, at FROM events WHERE event_key = %s", (key,))
        if row is None:  # stored, then deleted meanwhile (the note was deleted elsewhere)
            raise not_found(session_id) from None
        return EventRecord(session_id, int(row[0]), kind, masked_data, row[1], masked)
    except NotSaved:
        db.unsent[session_id] = (kind, text, key)
        raise


def get_session(db: Database, id_or_prefix: str) -> SessionRecord:
    """The session with this exact id, or the only one whose id starts with it (>= 4 chars)."""
    row = db.one(f"SELECT {SESSION_COLUMNS} FROM sessions s WHERE s.id = %s", (id_or_prefix,))
    if row is not None:
        return SessionRecord(*row)
    prefix = id_or_prefix.strip().lower()
    if len(prefix) < _MIN_PREFIX:
        raise not_found(id_or_prefix)
    rows = db.query(
        f"SELECT {SESSION_COLUMNS} FROM sessions s "
        "WHERE substr(s.id, 1, length(%s)) = %s ORDER BY s.id LIMIT 6",
        (prefix, prefix),
    )
    return SessionRecord(*only_match(rows, id_or_prefix))


def events(db: Database, session_id: str) -> list[EventRecord]:
    rows = db.query(
        "SELECT session_id, seq, kind, data, at FROM events WHERE session_id = %s ORDER BY seq",
        (session_id,),
    )
    return [EventRecord(r[0], int(r[1]), r[2], json.loads(r[3]), r[4]) for r in rows]


def from_where(where: ListFilter) -> tuple[str, list[Any]]:
    """``FROM sessions s`` and the WHERE clause, with parameters, for a listing filter (the
    same matching as notes/sqlite/queries.py)."""
    clauses: list[str] = [own_unit("s")]
    params: list[Any] = []
    term = typed_key(where.search) if where.search else ""
    if term:
        pattern = "%" + re.sub(r"([\\%_])", r"\\\1", term) + "%"
        if SEARCH_SEP in term:  # it could match across pseudonym and title: match each
            clauses.append(
                "(COALESCE(s.borger_key, '') LIKE %s ESCAPE '\\' "
                "OR split_part(s.search_key, chr(31), 2) LIKE %s ESCAPE '\\' "
                "OR s.id LIKE %s ESCAPE '\\')"
            )
            params += [pattern, pattern, pattern]
        else:
            clauses.append("(s.search_key LIKE %s ESCAPE '\\' OR s.id LIKE %s ESCAPE '\\')")
            params += [pattern, pattern]
    if where.borger is not None:
        clauses.append("s.borger_key = %s")
        params.append(typed_key(where.borger))
    if where.status is not None:
        clauses.append("s.status = %s")
        params.append(where.status)
    if where.mode is not None:
        clauses.append("s.mode = %s")
        params.append(where.mode)
    return " FROM sessions s WHERE " + " AND ".join(clauses), params


def _select(db: Database, columns: str, where: ListFilter) -> list[Any]:
    sql, params = from_where(where)
    sql = f"SELECT {columns}{sql}{ORDER}"
    if where.limit is not None:
        sql += " LIMIT %s"
        params.append(int(where.limit))
    return db.query(sql, params)


def list_sessions(db: Database, where: ListFilter) -> list[SessionRecord]:
    return list(starmap(SessionRecord, _select(db, SESSION_COLUMNS, where)))


def list_overview(db: Database, where: ListFilter) -> list[OverviewRow]:
    return _select(db, OVERVIEW_COLUMNS, where)


def count_sessions(db: Database, where: ListFilter) -> int:
    sql, params = from_where(where)
    row = db.one(f"SELECT COUNT(*){sql}", params)
    return int(row[0]) if row else 0
