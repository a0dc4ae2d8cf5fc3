"""SQLite store for guide snapshots, sessions and their append-only event lists.

Every write is one short ``BEGIN IMMEDIATE`` transaction that is committed before the call
returns, so a crash loses nothing that was acknowledged and several processes can write
different sessions at the same time. Personal data rules (see DESIGN.md): the data directory
is 0700 and the database files 0600; CPR-like numbers are masked before they are stored;
deleting a resident leaves no trace in the database or its write-ahead log.
"""

from __future__ import annotations

import getpass
import json
import os
import re
import sqlite3
import stat
import time
from collections.abc import Callable, Sized
from dataclasses import dataclass
from datetime import datetime
from itertools import starmap
from pathlib import Path
from typing import Any, TypeVar

from assistant.notes.cpr import mask_cpr, mask_in
from assistant.notes.damage import (
    DamageConnection,
    check_not_empty,
    close_untouched,
    is_damage,
)
from assistant.notes.erase import Erasure
from assistant.notes.errors import DamagedStore, StoreError, WriteError
from assistant.notes.names import name_key, pseudonym, typed_key
from assistant.notes.sqlite_lease import LEASE_TABLE, SqliteLeases, check_in

DB_NAME = "samtale.db"
ENV_DATA_DIR = "SAMTALE_DATA_DIR"
ENV_ACTOR = "SAMTALE_MEDARBEJDER"
BUSY_TIMEOUT_MS = 10_000
STATUSES = ("in_progress", "completed", "abandoned")  # a session's status column
_WRITE_ATTEMPTS = 6
_MIN_PREFIX = 4

T = TypeVar("T")

# Plain-SQL migrations, applied in order; never edit one that has shipped, append a new one.
MIGRATIONS: list[tuple[str, ...]] = [
    (
        """
        CREATE TABLE guides (
            hash     TEXT PRIMARY KEY,
            guide_id TEXT NOT NULL,
            version  TEXT NOT NULL,
            content  TEXT NOT NULL,
            saved_at TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE sessions (
            id            TEXT PRIMARY KEY,
            guide_id      TEXT NOT NULL,
            guide_version TEXT NOT NULL,
            guide_hash    TEXT NOT NULL REFERENCES guides(hash),
            guide_title   TEXT NOT NULL,
            mode          TEXT NOT NULL,
            borger        TEXT,
            medarbejder   TEXT,
            status        TEXT NOT NULL
                          CHECK (status IN ('in_progress', 'completed', 'abandoned')),
            started_at    TEXT NOT NULL,
            updated_at    TEXT NOT NULL,
            touched       INTEGER NOT NULL DEFAULT 0
        )
        """,
        """
        CREATE TABLE events (
            session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            seq        INTEGER NOT NULL,
            kind       TEXT NOT NULL,
            data       TEXT NOT NULL CHECK (json_valid(data)),
            at         TEXT NOT NULL,
            PRIMARY KEY (session_id, seq)
        )
        """,
        "CREATE INDEX sessions_borger ON sessions(borger)",
        "CREATE INDEX sessions_updated_at ON sessions(updated_at)",
        "CREATE INDEX sessions_status ON sessions(status)",
        "CREATE INDEX sessions_touched ON sessions(touched)",
    ),
    (
        # Who opened, exported and deleted which note. It names notes by id and guide title,
        # never by resident, so deleting a resident leaves no trace of them here either.
        """
        CREATE TABLE audit (
            seq         INTEGER PRIMARY KEY AUTOINCREMENT,
            at          TEXT NOT NULL,
            medarbejder TEXT NOT NULL,
            action      TEXT NOT NULL,
            session_id  TEXT,
            detail      TEXT NOT NULL DEFAULT ''
        )
        """,
    ),
    (
        # Listing without per-row work: the answer count is kept up to date by append_event,
        # the casefolded text that filters and searches match is stored when a session is
        # created (Python's casefold, so æ/ø/å/ß match as they always have), and the order
        # by real time is a stored key that indexes serve. The key is julianday(), as
        # before, so a UTC offset change (summer time) does not reorder; touched breaks ties.
        # borger_key and search_key hold the pseudonym too: deleting a session removes them.
        # The old indexes on borger, updated_at and status are replaced by ones in that order.
        "ALTER TABLE sessions ADD COLUMN answered INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE sessions ADD COLUMN borger_key TEXT",
        "ALTER TABLE sessions ADD COLUMN search_key TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE sessions ADD COLUMN sort_key REAL",
        """
        UPDATE sessions SET
            answered   = (SELECT COUNT(*) FROM events e
                          WHERE e.session_id = sessions.id AND e.kind = 'answer'),
            borger_key = casefold(borger),
            search_key = casefold(COALESCE(borger, '')) || char(31) || casefold(guide_title),
            sort_key   = julianday(updated_at)
        """,
        "DROP INDEX sessions_borger",
        "DROP INDEX sessions_updated_at",
        "DROP INDEX sessions_status",
        "CREATE INDEX sessions_recent ON sessions(sort_key DESC, touched DESC)",
        "CREATE INDEX sessions_borger_recent ON sessions(borger_key, sort_key DESC, touched DESC)",
        "CREATE INDEX sessions_status_recent ON sessions(status, sort_key DESC, touched DESC)",
    ),
    (
        # How many CPR-like numbers were masked in a note (its pseudonym, initials and events),
        # so that lists and the note itself can say so; unknown (0) for older notes.
        "ALTER TABLE sessions ADD COLUMN masked INTEGER NOT NULL DEFAULT 0",
        # Older versions caught only ddmmyy-xxxx: mask (and count) what they let through.
        """
        UPDATE sessions SET masked =
            cpr_count(borger) + cpr_count(medarbejder)
            + (SELECT COALESCE(SUM(cpr_count_json(e.data)), 0) FROM events e
               WHERE e.session_id = sessions.id)
        """,
        "UPDATE sessions SET borger = cpr_mask(borger), medarbejder = cpr_mask(medarbejder) "
        "WHERE cpr_count(borger) + cpr_count(medarbejder) > 0",
        "UPDATE events SET data = cpr_mask_json(data) WHERE cpr_count_json(data) > 0",
        "UPDATE audit SET medarbejder = cpr_mask(medarbejder), detail = cpr_mask(detail) "
        "WHERE cpr_count(medarbejder) + cpr_count(detail) > 0",
        # A pseudonym is one name however it is typed (see notes/names.py): stored in NFC,
        # trimmed and collapsed, matched by a casefolded key of that.
        """
        UPDATE sessions SET
            borger     = pseudonym(borger),
            borger_key = name_key(borger),
            search_key = COALESCE(name_key(borger), '') || char(31) || name_key(guide_title)
        """,
        # Set in the transaction that deletes notes, cleared when their bytes are gone from
        # the file and the log: a deletion whose purge was stopped is finished by deleting again.
        "CREATE TABLE pending_purge (id INTEGER PRIMARY KEY CHECK (id = 1), since TEXT NOT NULL)",
    ),
]

AUDIT_ACTIONS = {
    "opened": "åbnede",
    "resumed": "genoptog",
    "exported": "eksporterede",
    "deleted": "slettede",
    "deleted_borger": "slettede alle noter om en borger",
}


class NotFound(StoreError):
    """No session with that id (or id prefix)."""


def default_data_dir() -> Path:
    """``$SAMTALE_DATA_DIR`` if set, else the platform's user data directory for samtale."""
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser()
    import platformdirs  # only here: a command that is told where the data is starts faster

    return Path(platformdirs.user_data_dir("samtale"))


def now_iso() -> str:
    """The local time now, ISO 8601 with offset, to the second."""
    return datetime.now().astimezone().isoformat(timespec="seconds")


@dataclass
class SessionRecord:
    """One stored session (a run of a guide)."""

    id: str
    guide_id: str
    guide_version: str
    guide_hash: str
    guide_title: str
    mode: str
    borger: str | None
    medarbejder: str | None
    status: str
    started_at: str
    updated_at: str
    answered: int = 0  # number of events of kind "answer"
    numbers_removed: int = 0  # CPR-like numbers masked in this note so far (stored)
    masked: int = 0  # CPR numbers masked in borger/medarbejder (only set by create_session)


@dataclass
class AuditRecord:
    """One line of the audit trail: who did what to which note, and when."""

    seq: int
    at: str
    medarbejder: str
    action: str
    session_id: str | None
    detail: str


def actor(initials: str | None = None) -> str:
    """Who is acting: the initials given, else $SAMTALE_MEDARBEJDER, else the login name."""
    for candidate in (initials, os.environ.get(ENV_ACTOR)):
        if candidate and candidate.strip():
            return mask_cpr(candidate.strip())[0]
    try:
        return f"bruger:{getpass.getuser()}"
    except (KeyError, OSError):  # no login name (e.g. some containers)
        return "ukendt"


@dataclass
class EventRecord:
    """One stored event of a session; ``masked`` counts CPR numbers masked in ``data``."""

    session_id: str
    seq: int
    kind: str
    data: dict[str, Any]
    at: str
    masked: int = 0


def _casefold(value: str | None) -> str | None:
    return None if value is None else value.casefold()


# Between the pseudonym and the guide title in ``search_key``, so that a search cannot match
# across the two; a search for text containing it falls back to matching each field alone.
_SEARCH_SEP = "\x1f"


def search_key(borger: str | None, guide_title: str) -> str:
    """The stored text that ``search`` matches: pseudonym and guide title, as name keys."""
    return f"{name_key(borger) or ''}{_SEARCH_SEP}{name_key(guide_title)}"


def _insert_audit(
    conn: sqlite3.Connection, action: str, session_id: str | None, medarbejder: str, detail: str
) -> None:
    if action not in AUDIT_ACTIONS:
        raise StoreError(f"Ukendt handling '{action}' i revisionssporet.")
    conn.execute(
        "INSERT INTO audit (at, medarbejder, action, session_id, detail) VALUES (?, ?, ?, ?, ?)",
        (now_iso(), mask_cpr(medarbejder)[0], action, session_id, mask_cpr(detail)[0]),
    )


def _json_masked(data: str) -> tuple[str, int]:
    masked, count = mask_in(json.loads(data))
    return json.dumps(masked, ensure_ascii=False, allow_nan=False), count


# For the migration that masks what older versions stored (None stays None).
_CPR_SQL: dict[str, Callable[[Any], Any]] = {
    "cpr_count": lambda text: 0 if text is None else mask_cpr(text)[1],
    "cpr_mask": lambda text: None if text is None else mask_cpr(text)[0],
    "cpr_count_json": lambda data: _json_masked(data)[1],
    "cpr_mask_json": lambda data: _json_masked(data)[0],
}


def _is_ours(st: os.stat_result) -> bool:
    getuid = getattr(os, "getuid", None)
    return getuid is None or st.st_uid == getuid()


def _is_lock_error(exc: sqlite3.OperationalError) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


_SESSION_COLUMNS = (
    "s.id, s.guide_id, s.guide_version, s.guide_hash, s.guide_title, s.mode, s.borger, "
    "s.medarbejder, s.status, s.started_at, s.updated_at, s.answered, s.masked"
)
_OVERVIEW_COLUMNS = "s.id, s.status, s.updated_at, s.borger, s.guide_title, s.mode"
# Newest first by real time (see the migration that added sort_key), served by the indexes
# sessions_recent, sessions_borger_recent and sessions_status_recent.
_ORDER = " ORDER BY s.sort_key DESC, s.touched DESC"


def _session_from_row(row: tuple[Any, ...]) -> SessionRecord:
    return SessionRecord(*row)


class Store(Erasure):
    """The notes database in one data directory (deleting notes: see notes/erase.py)."""

    def __init__(self, data_dir: Path | str | None = None) -> None:
        self.data_dir = Path(data_dir).expanduser() if data_dir is not None else default_data_dir()
        self.path = self.data_dir / DB_NAME
        self.world_readable_warning: str | None = None
        self._prepare_dir()
        self._conn = self._connect()
        try:
            self._migrate()
        except BaseException:
            close_untouched(self._conn)
            raise
        self.leases = SqliteLeases(self)  # one writer per conversation (see notes/lease.py)

    # ----------------------------------------------------------------- setup

    def _dir_error(self) -> StoreError:
        return StoreError(
            f"Samtale kan ikke gemme noter i mappen {self.data_dir}: "
            "mappen kan ikke oprettes eller skrives i."
        )

    def _db_error(self, exc: sqlite3.DatabaseError) -> StoreError:
        text = str(exc).lower()
        if is_damage(exc):
            return DamagedStore(self.path)
        if isinstance(exc, sqlite3.OperationalError) and (
            "unable to open" in text or "readonly" in text or "disk i/o" in text
        ):
            return self._dir_error()
        if isinstance(exc, sqlite3.OperationalError) and _is_lock_error(exc):
            return StoreError("Databasen er optaget af et andet Samtale-vindue; prøv igen om lidt.")
        return StoreError(f"Filen {self.path} kan ikke åbnes som en Samtale-database.")

    def _prepare_dir(self) -> None:
        directory = self.data_dir
        try:
            if directory.exists():
                st = directory.stat()
                if not stat.S_ISDIR(st.st_mode):
                    raise self._dir_error()
                if stat.S_IMODE(st.st_mode) & 0o077:
                    if _is_ours(st):
                        os.chmod(directory, 0o700)
                        self.world_readable_warning = (
                            f"Datamappen {directory} kunne læses af andre brugere, "
                            "så Samtale har nu begrænset adgangen til kun dig."
                        )
                    else:
                        self.world_readable_warning = (
                            f"Datamappen {directory} kan læses af andre brugere, "
                            "og Samtale kan ikke rette det, fordi mappen ejes af en anden."
                        )
            else:
                directory.mkdir(parents=True, mode=0o700, exist_ok=True)
                os.chmod(directory, 0o700)  # mkdir's mode is filtered by the umask
        except StoreError:
            raise
        except OSError as exc:
            raise self._dir_error() from exc
        if not os.access(directory, os.W_OK | os.X_OK):
            raise self._dir_error()

    def _db_files(self) -> list[Path]:
        return [self.path, Path(f"{self.path}-wal"), Path(f"{self.path}-shm")]

    def _fix_file_modes(self) -> None:
        for file in self._db_files():
            try:
                st = file.stat()
            except FileNotFoundError:
                continue
            if stat.S_IMODE(st.st_mode) != 0o600 and _is_ours(st):
                os.chmod(file, 0o600)

    def _connect(self) -> sqlite3.Connection:
        check_not_empty(self.path)
        old_umask = os.umask(0o077)
        try:
            conn = sqlite3.connect(
                self.path,
                timeout=BUSY_TIMEOUT_MS / 1000,
                isolation_level=None,
                factory=DamageConnection,
            )
            conn.path = self.path
            try:
                conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
                self._retry(lambda: conn.execute("PRAGMA journal_mode=WAL").fetchone())
                conn.execute("PRAGMA synchronous=FULL")
                conn.execute("PRAGMA foreign_keys=ON")
                conn.execute("PRAGMA secure_delete=ON")
                conn.execute("PRAGMA temp_store=MEMORY")  # no temp files with personal data
                conn.create_function("casefold", 1, _casefold, deterministic=True)
                conn.create_function("pseudonym", 1, pseudonym, deterministic=True)
                conn.create_function("name_key", 1, name_key, deterministic=True)
                for name, fn in _CPR_SQL.items():
                    conn.create_function(name, 1, fn, deterministic=True)
                self._fix_file_modes()
            except BaseException:
                close_untouched(conn)
                raise
        except sqlite3.DatabaseError as exc:
            raise self._db_error(exc) from exc
        except OSError as exc:
            raise self._dir_error() from exc
        finally:
            os.umask(old_umask)
        return conn

    def _migrate(self) -> None:
        def run(conn: sqlite3.Connection) -> None:
            conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            row = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
            current = row[0] or 0
            if current > len(MIGRATIONS):
                raise StoreError(
                    f"Databasen {self.path} er lavet af en nyere version af Samtale; "
                    "opdater programmet."
                )
            for version in range(current + 1, len(MIGRATIONS) + 1):
                for statement in MIGRATIONS[version - 1]:
                    conn.execute(statement)
                conn.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))
            conn.execute(LEASE_TABLE)

        try:
            self._write(run)
        except sqlite3.DatabaseError as exc:
            raise self._db_error(exc) from exc
        self._fix_file_modes()

    def close(self) -> None:
        """Close the database connection (safe to call twice)."""
        conn = getattr(self, "_conn", None)
        if conn is not None:
            close_untouched(conn)
            self._conn = None  # type: ignore[assignment]

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        """The schema version of the open database."""
        return int(self._conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0])

    # ------------------------------------------------------------ transactions

    @staticmethod
    def _retry(fn: Callable[[], T]) -> T:
        """Run ``fn``, retrying briefly if SQLite still reports the database locked or busy."""
        for attempt in range(_WRITE_ATTEMPTS):
            try:
                return fn()
            except sqlite3.OperationalError as exc:
                if not _is_lock_error(exc) or attempt == _WRITE_ATTEMPTS - 1:
                    raise
                time.sleep(0.05 * 2**attempt)
        raise AssertionError("unreachable")

    def _write(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``fn`` inside one short ``BEGIN IMMEDIATE`` transaction, committed on return."""
        if self._conn is None:
            raise StoreError("Notelageret er lukket.")

        conn = self._conn

        def attempt() -> T:
            conn.execute("BEGIN IMMEDIATE")
            try:
                result = fn(conn)
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            return result

        try:
            return self._retry(attempt)
        except sqlite3.OperationalError as exc:
            if _is_lock_error(exc):
                raise StoreError(
                    "Databasen er optaget af et andet Samtale-vindue; prøv igen om lidt."
                ) from exc
            raise self._write_error(exc) from exc
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.IntegrityError | sqlite3.ProgrammingError):
                raise
            raise self._write_error(exc) from exc

    def _write_error(self, exc: sqlite3.DatabaseError) -> WriteError:
        """One clear Danish sentence for a write that the disk or the system refused."""
        name = getattr(exc, "sqlite_errorname", "") or ""
        text = str(exc).lower()
        kept = "Alt, hvad der blev gemt før, er i behold"
        if name.startswith("SQLITE_FULL") or "full" in text:
            what = f"Disken med datamappen {self.data_dir} er fuld"
            fix = "Frigør plads, og fortsæt derefter"
        elif name.startswith("SQLITE_READONLY") or "readonly" in text or "read-only" in text:
            what = f"Datamappen {self.data_dir} er skrivebeskyttet"
            fix = "Giv skriveadgang til mappen, og fortsæt derefter"
        else:
            what = f"Databasen {self.path} kunne ikke skrives ({exc})"
            fix = "Tjek disken, og fortsæt derefter"
        return WriteError(
            f"{what}, så det seneste blev ikke gemt. {kept}. {fix}; eksportér imens det, "
            "du ser, så intet går tabt."
        )

    def _read(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError("Notelageret er lukket.")
        return self._conn

    # ----------------------------------------------------------------- guides

    def save_guide_snapshot(
        self, guide_hash: str, guide_id: str, version: str, content: str
    ) -> None:
        """Keep the exact guide text a session runs against (ignored if already saved)."""
        self._write(
            lambda conn: conn.execute(
                "INSERT OR IGNORE INTO guides (hash, guide_id, version, content, saved_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (guide_hash, guide_id, version, content, now_iso()),
            )
        )

    def load_guide_snapshot(self, guide_hash: str) -> str | None:
        """The saved guide text for ``guide_hash``, or None."""
        row = (
            self._read()
            .execute("SELECT content FROM guides WHERE hash = ?", (guide_hash,))
            .fetchone()
        )
        return None if row is None else str(row[0])

    # --------------------------------------------------------------- sessions

    def create_session(
        self,
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

        return self._write(run)

    def append_event(
        self,
        session_id: str,
        kind: str,
        data: dict[str, Any],
        status: str | None = None,
        lease: str | None = None,
    ) -> EventRecord:
        """Store one event (CPR masked) and touch the session, in one committed transaction;
        with ``lease`` (a holder id) only if that holder still holds the session's lease."""
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
                raise self._not_found(session_id)
            if lease is not None:
                check_in(conn, session_id, lease)
            seq = conn.execute(
                "SELECT COALESCE(MAX(seq), 0) + 1 FROM events WHERE session_id = ?",
                (session_id,),
            ).fetchone()[0]
            conn.execute(
                "INSERT INTO events (session_id, seq, kind, data, at) VALUES (?, ?, ?, ?, ?)",
                (session_id, seq, kind, text, now),
            )
            return EventRecord(session_id, int(seq), kind, masked_data, now, masked)

        return self._write(run)

    @staticmethod
    def _not_found(id_or_prefix: str) -> NotFound:
        return NotFound(f"Der findes ingen samtale med id '{id_or_prefix}'.")

    def get_session(self, id_or_prefix: str) -> SessionRecord:
        """The session with this exact id, or the only one whose id starts with it (>= 4 chars)."""
        conn = self._read()
        row = conn.execute(
            f"SELECT {_SESSION_COLUMNS} FROM sessions s WHERE s.id = ?", (id_or_prefix,)
        ).fetchone()
        if row is not None:
            return _session_from_row(row)
        prefix = id_or_prefix.strip().lower()
        if len(prefix) < _MIN_PREFIX:
            raise self._not_found(id_or_prefix)
        rows = conn.execute(
            f"SELECT {_SESSION_COLUMNS} FROM sessions s "
            "WHERE substr(s.id, 1, length(?)) = ? ORDER BY s.id LIMIT 6",
            (prefix, prefix),
        ).fetchall()
        if not rows:
            raise self._not_found(id_or_prefix)
        if len(rows) > 1:
            ids = ", ".join(r[0] for r in rows[:5]) + (" …" if len(rows) > 5 else "")
            raise StoreError(
                f"Id'et '{id_or_prefix}' passer på flere samtaler ({ids}), "
                "så skriv flere tegn af id'et."
            )
        return _session_from_row(rows[0])

    def events(self, session_id: str) -> list[EventRecord]:
        """All events of a session, ordered by seq (empty if there are none)."""
        rows = (
            self._read()
            .execute(
                "SELECT session_id, seq, kind, data, at FROM events WHERE session_id = ? "
                "ORDER BY seq",
                (session_id,),
            )
            .fetchall()
        )
        return [EventRecord(r[0], int(r[1]), r[2], json.loads(r[3]), r[4]) for r in rows]

    @staticmethod
    def _from_where(
        borger: str | None, status: str | None, mode: str | None, search: str | None
    ) -> tuple[str, list[Any]]:
        """``FROM sessions s`` and the WHERE clause, with parameters, for the listing filters.

        Which index serves the query is chosen here rather than left to SQLite, which has no
        statistics and would guess: one resident's notes are few, so with ``borger`` its index
        is used and status is only checked (the unary ``+``); a search reads every row anyway,
        so it reads the table in storage order and sorts only the rows it found.
        """
        where: list[str] = []
        params: list[Any] = []
        term = typed_key(search) if search else ""
        if term:
            pattern = "%" + re.sub(r"([\\%_])", r"\\\1", term) + "%"
            if _SEARCH_SEP in term:  # it could match across pseudonym and title: match each
                where.append(
                    "(name_key(s.borger) LIKE ? ESCAPE '\\' OR name_key(s.guide_title) LIKE ? "
                    "ESCAPE '\\' OR s.id LIKE ? ESCAPE '\\')"
                )
                params += [pattern, pattern, pattern]
            else:
                where.append("(s.search_key LIKE ? ESCAPE '\\' OR s.id LIKE ? ESCAPE '\\')")
                params += [pattern, pattern]
        if borger is not None:
            where.append("s.borger_key = ?")
            params.append(typed_key(borger))
        if status is not None:
            where.append("s.status = ?" if borger is None else "+s.status = ?")
            params.append(status)
        if mode is not None:
            where.append("s.mode = ?")
            params.append(mode)
        sql = " FROM sessions s NOT INDEXED" if term and borger is None else " FROM sessions s"
        if where:
            sql += " WHERE " + " AND ".join(where)
        return sql, params

    def list_sessions(
        self,
        *,
        borger: str | None = None,
        status: str | None = None,
        mode: str | None = None,
        search: str | None = None,
        limit: int | None = None,
    ) -> list[SessionRecord]:
        """Sessions, most recently updated first; ``borger`` matches case-insensitively, and
        ``search`` finds text anywhere in the resident's pseudonym, the guide title or the id."""
        rows = self._select(_SESSION_COLUMNS, borger, status, mode, search, limit)
        return list(starmap(SessionRecord, rows))

    def list_overview(
        self,
        *,
        borger: str | None = None,
        status: str | None = None,
        mode: str | None = None,
        search: str | None = None,
        limit: int | None = None,
    ) -> list[tuple[str, str, str, str | None, str, str]]:
        """What a list of notes shows: ``(id, status, updated_at, borger, guide_title, mode)`` of
        the sessions ``list_sessions`` returns, in the same order, as plain tuples.

        Fetching six columns instead of a whole record per row makes a long list (all notes
        of a large home) about twice as fast to read.
        """
        return self._select(_OVERVIEW_COLUMNS, borger, status, mode, search, limit)

    def _select(
        self,
        columns: str,
        borger: str | None,
        status: str | None,
        mode: str | None,
        search: str | None,
        limit: int | None,
    ) -> list[Any]:
        from_where, params = self._from_where(borger, status, mode, search)
        sql = f"SELECT {columns}{from_where}{_ORDER}"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        return self._read().execute(sql, params).fetchall()

    def count_sessions(
        self,
        *,
        borger: str | None = None,
        status: str | None = None,
        mode: str | None = None,
        search: str | None = None,
    ) -> int:
        """How many sessions ``list_sessions`` would return with the same filters."""
        from_where, params = self._from_where(borger, status, mode, search)
        sql = f"SELECT COUNT(*){from_where}"
        return int(self._read().execute(sql, params).fetchone()[0])

    def total(self, listed: Sized, limit: int | None, **filters: str | None) -> int:
        """How many sessions match ``filters``, given ``listed``: the first ``limit`` of them.
        Their number when the list was not cut short; counted (one more query) when it was."""
        if limit is None or len(listed) < limit:
            return len(listed)
        return self.count_sessions(**filters)

    # --------------------------------------------------------------- the audit trail

    def audit(
        self, action: str, session_id: str | None, medarbejder: str, detail: str = ""
    ) -> None:
        """Record that someone opened, exported or deleted a note (committed at once)."""
        self._write(lambda conn: _insert_audit(conn, action, session_id, medarbejder, detail))

    def audit_trail(
        self, session_id: str | None = None, limit: int | None = None
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
        return [AuditRecord(*row) for row in self._read().execute(sql, params).fetchall()]
