"""The PostgreSQL notes store: ``NoteStore`` (see notes/interface.py) on a shared database.

Several PCs open the same database URL, each with its own data directory (for its exports
and cache): they see each other's notes and agreements, and the lease (notes/lease.py) keeps
one writer per conversation across them. The work is done in the modules beside this one:
``connection``, ``migrate``, ``notes`` (sessions, events, lists), ``agreements``, ``audit``
(with deleting) and ``lease``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence, Sized
from pathlib import Path
from typing import Any, TypeVar

from ..agreements import Agreement, AgreementFilter, AgreementRow, StatusChange
from ..errors import StoreError
from ..interface import ListFilter, OverviewRow
from ..records import AuditRecord, EventRecord, SessionRecord
from ..sqlite.connection import default_data_dir
from . import agreements as _agreements
from . import audit as _audit
from . import notes as _notes
from .connection import Database
from .lease import PostgresLeases
from .migrate import migrate, schema_version
from .units import bypass_warning, grant

T = TypeVar("T")

_EVERY = ListFilter()
_ALL = AgreementFilter()


class PostgresStore:
    """The notes database at a PostgreSQL URL (``postgresql://…``), seen as one unit
    (``unit``: see units.py). ``world_readable_warning`` is the one thing to say on opening:
    that row-level security does not hold the role it connected as."""

    world_readable_warning: str | None = None

    def __init__(
        self, url: str, data_dir: Path | str | None = None, unit: str | None = None
    ) -> None:
        self.data_dir = Path(data_dir).expanduser() if data_dir is not None else default_data_dir()
        self._db = db = Database(url, unit)
        self.url, self.path = url, db.name
        try:
            self._open_tables()
        except BaseException:
            db.close()
            raise
        self.unit: str | None = db.unit
        self.role = db.role
        if db.bypass:
            self.world_readable_warning = bypass_warning(db.role, db.name)
        self.leases = PostgresLeases(db)

    def _open_tables(self) -> None:
        """Migrate if need be; refuse, in Danish, a role not given the tables (units.GRANTS)."""
        try:
            migrate(self._db)
            self._db.one("SELECT 1 FROM sessions LIMIT 1")
        except self._db.psycopg.errors.InsufficientPrivilege as exc:
            raise StoreError(
                f"Rollen '{self._db.role}' har ikke adgang til Samtales tabeller i databasen "
                f"{self._db.name}. Bed databasens ejer om at køre: samtale database "
                f"--giv-adgang {self._db.role}"
            ) from exc

    def grant(self, role: str) -> None:
        """Give ``role`` what the program needs (``samtale database --giv-adgang``)."""
        self._db.write(lambda conn: grant(conn, role))

    def transaction(self, fn: Callable[[Any], T]) -> T:
        """Run ``fn(connection)`` in one transaction, committed on return, rolled back if it
        raises (retried once on a new connection if the connection dropped)."""
        return self._db.write(fn)

    @property
    def psycopg(self) -> Any:
        """The psycopg module (its ``Error`` classes), imported when the store opened."""
        return self._db.psycopg

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return schema_version(self._db)

    def save_guide_snapshot(
        self, guide_hash: str, guide_id: str, version: str, content: str
    ) -> None:
        _notes.save_guide_snapshot(self._db, guide_hash, guide_id, version, content)

    def load_guide_snapshot(self, guide_hash: str) -> str | None:
        return _notes.load_guide_snapshot(self._db, guide_hash)

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
        return _notes.create_session(
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
        return _notes.append_event(self._db, session_id, kind, data, status, lease)

    def get_session(self, id_or_prefix: str) -> SessionRecord:
        return _notes.get_session(self._db, id_or_prefix)

    def events(self, session_id: str) -> list[EventRecord]:
        return _notes.events(self._db, session_id)

    def list_sessions(self, where: ListFilter = _EVERY) -> list[SessionRecord]:
        return _notes.list_sessions(self._db, where)

    def list_overview(self, where: ListFilter = _EVERY) -> list[OverviewRow]:
        return _notes.list_overview(self._db, where)

    def count_sessions(self, where: ListFilter = _EVERY) -> int:
        return _notes.count_sessions(self._db, where)

    def total(self, listed: Sized, where: ListFilter) -> int:
        if where.limit is None or len(listed) < where.limit:
            return len(listed)
        return self.count_sessions(where)

    def sync_agreements(
        self, session_id: str, rows: Sequence[AgreementRow], followup: str | None
    ) -> None:
        _agreements.sync(self._db, session_id, rows, followup)

    def unsynced_sessions(self) -> list[str]:
        return _agreements.unsynced(self._db)

    def agreements(self, where: AgreementFilter = _ALL) -> list[Agreement]:
        return _agreements.list_agreements(self._db, where)

    def count_agreements(self, where: AgreementFilter = _ALL) -> int:
        return _agreements.count_agreements(self._db, where)

    def agreement(self, agreement_id: str) -> Agreement:
        return _agreements.get_agreement(self._db, agreement_id)

    def set_agreement_status(
        self, agreement_id: str, status: str, medarbejder: str, reason: str | None = None
    ) -> Agreement:
        return _agreements.set_status(self._db, agreement_id, status, medarbejder, reason)

    def agreement_history(self, agreement: Agreement) -> list[StatusChange]:
        return _agreements.history(self._db, agreement)

    def audit(
        self, action: str, session_id: str | None, medarbejder: str, detail: str = ""
    ) -> None:
        self._db.write(
            lambda conn: _audit.insert_audit(conn, action, session_id, medarbejder, detail)
        )

    def audit_trail(
        self, session_id: str | None = None, limit: int | None = None
    ) -> list[AuditRecord]:
        return _audit.audit_trail(self._db, session_id, limit)

    def delete_session(self, session_id: str, medarbejder: str | None = None) -> None:
        _audit.delete_session(self._db, session_id, medarbejder)

    def delete_borger(self, borger: str, medarbejder: str | None = None) -> int:
        return _audit.delete_borger(self._db, borger, medarbejder)

    def purge_pending(self) -> bool:
        return _audit.purge_pending(self._db)

    def purge(self) -> None:
        _audit.purge(self._db)
