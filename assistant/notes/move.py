"""Moving a computer's SQLite store into the shared PostgreSQL store (``samtale flyt``).

What is copied is defined once, in notes/copied.py (``COPIED``), with the two hashes of a
conversation. Leases are not copied: a moved conversation is free on the shared store.

Everything is written in one transaction on the PostgreSQL side and checked before it is
committed: the number of rows per table, and per conversation a content hash (``digest``)
computed the same way from both stores, over its row, its events (answers, agreement status
changes, a practice's turns and tallies) and its agreements. Any difference rolls the whole
move back. A conversation already in the target with the same event log (``log_digest``) is
skipped; one with the same id and another log, one open in a window here, one whose id is
taken in another unit of the shared store, and one with a NUL character (which PostgreSQL
cannot store) are refused, never overwritten, and the rest is moved. Each moved note gets an
audit line ("moved") on the target. The SQLite file is only read (notes/sqlite/source.py).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .agreements import STATUS_EVENT
from .copied import (
    AGREEMENTS,
    AUDIT,
    EVENTS,
    GUIDES,
    SESSIONS,
    Conversation,
    Table,
    read_conversation,
)
from .errors import DamagedStore, StoreError
from .postgres.audit import insert_audit
from .postgres.notes import sort_key
from .postgres.store import PostgresStore
from .postgres.units import own_unit
from .sqlite.source import SqliteSource

# The advisory lock a move holds on the target while it copies (another than the migrations').
MOVE_LOCK = 0x5A417A1F


class MoveMismatch(StoreError):
    """The check after copying found a difference: nothing was moved."""


@dataclass
class MoveReport:
    """What a move did: conversations moved, skipped (already there, the same), refused (with
    the reason, in Danish), and the rows it wrote."""

    source: str
    target: str
    unit: str | None
    moved: dict[str, str] = field(default_factory=dict)  # id -> digest
    skipped: list[str] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)  # id -> why
    practice: int = 0
    events: int = 0
    answers: int = 0
    status_changes: int = 0
    agreements: int = 0
    audit: int = 0
    guides: set[str] = field(default_factory=set)


def _insert(conn: Any, table: Table, rows: Sequence[Sequence[Any]]) -> None:
    if rows:
        marks = ", ".join(["%s"] * len(table.columns))
        conn.cursor().executemany(
            f"INSERT INTO {table.name} ({', '.join(table.columns)}) VALUES ({marks})", rows
        )


def insert_events(conn: Any, conversation: Conversation) -> None:
    """A conversation's events and agreements, written to the target."""
    _insert(conn, EVENTS, conversation.events)
    _insert(conn, AGREEMENTS, conversation.agreements)


def _copy_conversation(conn: Any, source: SqliteSource, conv: Conversation) -> bool:
    """Write one conversation (and its guide); False if its id is taken in another unit."""
    guide = (
        source.read()
        .execute(
            f"SELECT {', '.join(GUIDES.columns)} FROM guides WHERE hash = ?", (conv.guide_hash,)
        )
        .fetchone()
    )
    if guide is not None:
        conn.execute(
            f"INSERT INTO guides ({', '.join(GUIDES.columns)}) "
            f"VALUES ({', '.join(['%s'] * len(GUIDES.columns))}) ON CONFLICT (hash) DO NOTHING",
            tuple(guide),
        )
    updated_at = conv.row[SESSIONS.columns.index("updated_at")]
    marks = ", ".join(["%s"] * (len(SESSIONS.columns) + 1))
    inserted = conn.execute(
        f"INSERT INTO sessions ({', '.join(SESSIONS.columns)}, sort_key) VALUES ({marks}) "
        "ON CONFLICT (id) DO NOTHING",
        (*conv.row, sort_key(updated_at)),
    )
    if inserted.rowcount == 0:
        return False
    insert_events(conn, conv)
    return True


def _refusal(conv: Conversation, there: Conversation | None, open_here: set[str]) -> str | None:
    """Why a conversation is not moved, or None (``there``: the target's, if it has one)."""
    if conv.id in open_here:
        return "er åben i et vindue på denne computer; luk den dér, og flyt så igen"
    if there is not None:
        return (
            "findes allerede i den fælles database med et andet indhold (den er ændret her "
            "eller dér siden sidste flytning); den er ikke overskrevet"
        )
    if conv.has_nul():
        return "indeholder et nul-tegn (NUL), som PostgreSQL ikke kan gemme"
    return None


def _audit_lines(
    source: SqliteSource, conn: Any, refused: dict[str, str]
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """(the source's audit lines to check, those of them the target lacks), oldest first;
    the lines of refused conversations are left out. The target's lines count as a multiset,
    so a second move copies only the lines that are new since the first."""
    rows = source.read().execute(f"SELECT {', '.join(AUDIT.columns)} FROM audit ORDER BY seq")
    of = AUDIT.columns.index("session_id")
    ours = [tuple(r) for r in rows.fetchall() if r[of] not in refused]
    there = Counter(tuple(r) for r in _target_audit(conn))
    missing = []
    for line in ours:
        if there[line] > 0:
            there[line] -= 1
        else:
            missing.append(line)
    return ours, missing


def _target_audit(conn: Any) -> list[tuple[Any, ...]]:
    return [
        tuple(r)
        for r in conn.execute(
            f"SELECT {', '.join(AUDIT.columns)} FROM audit WHERE {own_unit()}"
        ).fetchall()
    ]


def _verify(conn: Any, source: SqliteSource, report: MoveReport, audit: list[Any]) -> None:
    """Count per table and compare each moved conversation's hash, inside the transaction."""
    ids = list(report.moved)
    scope = own_unit()
    for table, expected in (
        (SESSIONS, len(ids)),
        (EVENTS, report.events),
        (AGREEMENTS, report.agreements),
    ):
        key = "id" if table is SESSIONS else "session_id"
        found = conn.execute(
            f"SELECT COUNT(*) FROM {table.name} WHERE {key} = ANY(%s) AND {scope}", (ids,)
        ).fetchone()[0]
        if found != expected:
            raise MoveMismatch(
                f"Kontrollen fandt {found} rækker i tabellen {table.name} i den fælles "
                f"database, men {expected} her, så intet er flyttet; den fælles database er "
                "som før."
            )
    for session_id, digest in report.moved.items():
        there = read_conversation(conn, "%s", session_id, scope)
        if there is None or there.digest() != digest:
            raise MoveMismatch(
                f"Kontrollen fandt en forskel i samtalen {session_id}: indholdet i den fælles "
                "database er ikke det samme som her, så intet er flyttet; den fælles database "
                "er som før."
            )
    missing = Counter(audit) - Counter(_target_audit(conn))
    if missing:
        raise MoveMismatch(
            f"Kontrollen fandt {sum(missing.values())} linjer i revisionssporet, der ikke kom "
            "med, så intet er flyttet; den fælles database er som før."
        )
    for guide_hash in report.guides:
        ours = source.read().execute("SELECT content FROM guides WHERE hash = ?", (guide_hash,))
        there = conn.execute("SELECT content FROM guides WHERE hash = %s", (guide_hash,))
        if ours.fetchone() != there.fetchone():
            raise MoveMismatch(
                f"Kontrollen fandt en forskel i guiden {guide_hash[:12]}, så intet er flyttet."
            )


def _run(conn: Any, source: SqliteSource, report: MoveReport, medarbejder: str) -> MoveReport:
    # Two moves at once take turns: the second sees what the first committed, and skips it.
    conn.execute("SELECT pg_advisory_xact_lock(%s)", (MOVE_LOCK,))
    open_here = source.open_here()
    ids = [r[0] for r in source.read().execute("SELECT id FROM sessions ORDER BY touched, id")]
    scope = own_unit()
    for session_id in ids:
        conv = read_conversation(source.read(), "?", session_id)
        if conv is None:  # deleted meanwhile
            continue
        there = read_conversation(conn, "%s", session_id, scope)
        if there is not None and there.log_digest() == conv.log_digest():
            report.skipped.append(session_id)
            continue
        why = _refusal(conv, there, open_here)
        if why is None and not _copy_conversation(conn, source, conv):
            why = "har et id, der allerede bruges i en anden afdeling i den fælles database"
        if why is not None:
            report.refused[session_id] = why
            continue
        report.moved[session_id] = conv.digest()
        report.guides.add(conv.guide_hash)
        kinds = conv.kinds()
        report.practice += conv.practice
        report.events += len(conv.events)
        report.answers += kinds["answer"]
        report.status_changes += kinds[STATUS_EVENT]
        report.agreements += len(conv.agreements)
    audit, missing = _audit_lines(source, conn, report.refused)
    _insert(conn, AUDIT, missing)
    report.audit = len(missing)
    _verify(conn, source, report, audit)
    for session_id in report.moved:  # after the check: the lines the source has not
        insert_audit(conn, "moved", session_id, medarbejder, f"fra {source.where}")
    return report


def move(source: SqliteSource, target: PostgresStore, medarbejder: str) -> MoveReport:
    """Copy ``source`` into ``target`` in one transaction, checked before it is committed;
    each moved note gets a line in the target's audit trail saying who moved it, from where."""
    conn = source.read()
    held = conn.execute("SELECT COUNT(*) FROM sessions").fetchone()[0]
    held += conn.execute("SELECT COUNT(*) FROM audit").fetchone()[0]
    if held == 0:
        raise StoreError(f"Der er ingen noter at flytte i {source.path}.")
    psycopg = target.psycopg

    def run(pg: Any) -> MoveReport:
        report = MoveReport(str(source.path), target.path, target.unit)
        return _run(pg, source, report, medarbejder)

    conn.execute("BEGIN")  # one snapshot of the source for the whole move (it stays unwritten)
    try:
        return target.transaction(run)
    except DamagedStore:
        raise source.damaged() from None
    except psycopg.Error as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise StoreError(
            f"Flytningen til databasen {target.path} mislykkedes ({first}), så intet er "
            "flyttet; den fælles database er som før."
        ) from exc
    finally:
        if source.conn is not None and source.conn.in_transaction:
            source.conn.execute("COMMIT")
