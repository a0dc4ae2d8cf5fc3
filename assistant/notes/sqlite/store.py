"""The SQLite notes store: ``NoteStore`` (see notes/interface.py) on one ``samtale.db``.

Every write is one short ``BEGIN IMMEDIATE`` transaction that is committed before the call
returns, so a crash loses nothing that was acknowledged and several processes can write
different sessions at the same time. The work is done in the modules beside this one:
``connection`` (files, modes, transactions), ``migrate`` (the schema), ``events`` (writing
and reading a session), ``queries`` (lists, search, counts), ``audit``, ``erasure`` (deleting
for good) and ``lease`` (one writer per conversation).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence, Sized
from pathlib import Path
from typing import Any

from ..agreements import Agreement, AgreementFilter, AgreementRow, StatusChange
from ..interface import ListFilter, OverviewRow
from ..records import AuditRecord, EventRecord, SessionRecord
from . import agreements as _agreements
from . import audit as _audit
from . import erasure as _erasure
from . import events as _events
from . import queries as _queries
from .connection import Database
from .lease import SqliteLeases
from .migrate import migrate, schema_version

_EVERY = ListFilter()
_ALL = AgreementFilter()


class SqliteStore:
    """The notes database in one data directory (made 0700, its files 0600); one computer's
    notes, so it has no units (``unit`` is None)."""

    unit: str | None = None

    def __init__(self, data_dir: Path | str | None = None) -> None:
        self._db = db = Database(data_dir)
        self.data_dir = db.data_dir
        self.path = db.path
        self.world_readable_warning = db.world_readable_warning
        try:
            migrate(db)
        except BaseException:
            db.close()
            raise
        self.leases = SqliteLeases(db)  # one writer per conversation (see notes/lease.py)

    @property
    def _conn(self) -> sqlite3.Connection:
        """The open connection (for tests and benchmarks that look inside)."""
        return self._db.read()

    def close(self) -> None:
        """Close the database connection (safe to call twice)."""
        self._db.close()

    def __enter__(self) -> SqliteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        """The schema version of the open database."""
        return schema_version(self._db)

    # ----------------------------------------------------------------- guides and sessions

    def save_guide_snapshot(
        self, guide_hash: str, guide_id: str, version: str, content: str
    ) -> None:
        """Keep the exact guide text a session runs against (ignored if already saved)."""
        _events.save_guide_snapshot(self._db, guide_hash, guide_id, version, content)

    def load_guide_snapshot(self, guide_hash: str) -> str | None:
        """The saved guide text for ``guide_hash``, or None."""
        return _events.load_guide_snapshot(self._db, guide_hash)

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
        return _events.create_session(
            self._db,
            guide_id=guide_id,
            guide_version=guide_version,
            guide_hash=guide_hash,
            guide_title=guide_title,
            mode=mode,
            borger=borger,
            medarbejder=medarbejder,
        )

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
        return _events.append_event(self._db, session_id, kind, data, status, lease)

    def get_session(self, id_or_prefix: str) -> SessionRecord:
        """The session with this exact id, or the only one whose id starts with it (>= 4 chars)."""
        return _events.get_session(self._db, id_or_prefix)

    def events(self, session_id: str) -> list[EventRecord]:
        """All events of a session, ordered by seq (empty if there are none)."""
        return _events.events(self._db, session_id)

    # ----------------------------------------------------------------- lists

    def list_sessions(self, where: ListFilter = _EVERY) -> list[SessionRecord]:
        """Sessions, most recently updated first (see ``ListFilter``)."""
        return _queries.list_sessions(self._db.read(), where)

    def list_overview(self, where: ListFilter = _EVERY) -> list[OverviewRow]:
        """``(id, status, updated_at, borger, guide_title, mode)`` of the sessions
        ``list_sessions`` returns, in the same order, as plain tuples (twice as fast)."""
        return _queries.list_overview(self._db.read(), where)

    def count_sessions(self, where: ListFilter = _EVERY) -> int:
        """How many sessions ``list_sessions`` would return with the same filter, no limit."""
        return _queries.count_sessions(self._db.read(), where)

    def total(self, listed: Sized, where: ListFilter) -> int:
        """How many sessions match ``where``, given ``listed``: the first ``where.limit`` of
        them. Their number when the list was not cut short; counted (one more query) when it
        was."""
        if where.limit is None or len(listed) < where.limit:
            return len(listed)
        return self.count_sessions(where)

    # ----------------------------------------------------------------- agreements

    def sync_agreements(
        self, session_id: str, rows: Sequence[AgreementRow], followup: str | None
    ) -> None:
        """Replace a session's agreements with what its events now say (one transaction)."""
        _agreements.sync(self._db, session_id, rows, followup)

    def unsynced_sessions(self) -> list[str]:
        """Sessions whose agreements were never derived (an older version wrote them)."""
        return _agreements.unsynced(self._db)

    def agreements(self, where: AgreementFilter = _ALL) -> list[Agreement]:
        """Agreements, soonest due first (see ``AgreementFilter``)."""
        return _agreements.list_agreements(self._db.read(), where)

    def count_agreements(self, where: AgreementFilter = _ALL) -> int:
        """How many agreements ``agreements`` would return with the same filter, no limit."""
        return _agreements.count_agreements(self._db.read(), where)

    def agreement(self, agreement_id: str) -> Agreement:
        """One agreement by its id as typed, e.g. ``5a3c9e01-2`` (NotFound)."""
        return _agreements.get_agreement(self._db.read(), agreement_id)

    def set_agreement_status(
        self, agreement_id: str, status: str, medarbejder: str, reason: str | None = None
    ) -> Agreement:
        """Change a status: an event in the note's log, the row and an audit line, at once."""
        return _agreements.set_status(self._db, agreement_id, status, medarbejder, reason)

    def agreement_history(self, agreement: Agreement) -> list[StatusChange]:
        """An agreement's status changes, oldest first."""
        return _agreements.history(self._db.read(), agreement)

    # ----------------------------------------------------------------- the audit trail

    def audit(
        self, action: str, session_id: str | None, medarbejder: str, detail: str = ""
    ) -> None:
        """Record that someone opened, exported or deleted a note (committed at once)."""
        self._db.write(
            lambda conn: _audit.insert_audit(conn, action, session_id, medarbejder, detail)
        )

    def audit_trail(
        self, session_id: str | None = None, limit: int | None = None
    ) -> list[AuditRecord]:
        """The audit trail, newest first; only one note's lines with ``session_id``."""
        return _audit.audit_trail(self._db.read(), session_id, limit)

    # ----------------------------------------------------------------- deleting

    def delete_session(self, session_id: str, medarbejder: str | None = None) -> None:
        """Delete one session and its events completely (see notes/sqlite/erasure.py)."""
        _erasure.delete_session(self._db, session_id, medarbejder)

    def delete_borger(self, borger: str, medarbejder: str | None = None) -> int:
        """Delete every session of a resident; return how many were deleted."""
        return _erasure.delete_borger(self._db, borger, medarbejder)

    def purge_pending(self) -> bool:
        """Whether deleted notes may still have bytes in the file or the log."""
        return _erasure.purge_pending(self._db)

    def purge(self) -> None:
        """Remove the bytes of deleted data from the database file and its write-ahead log."""
        _erasure.purge(self._db)
