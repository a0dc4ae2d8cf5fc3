"""Connecting to the PostgreSQL notes database, and the short transactions every change runs in.

The connection is in autocommit mode; every write is one ``conn.transaction()`` committed
before the call returns. A connection that drops (the server restarted, the network blinked:
psycopg's ``OperationalError``) is opened again (its unit set again) and the work retried
once; if that fails too, ``NotSaved``: the staff member is told in Danish that the latest was
not saved, and nothing is lost silently. A retried event is never stored twice: see
``notes.append_event`` and its event key.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from ..errors import NotSaved, StoreError, WriteError
from .units import apply_unit, bypasses_rls

if TYPE_CHECKING:
    import psycopg

T = TypeVar("T")

PIP_HINT = (
    "En PostgreSQL-database kræver pakken psycopg, som ikke er installeret; "
    "installér den med: pip install 'samtale[postgres]'"
)


def _psycopg() -> Any:
    try:
        import psycopg
    except ImportError:
        raise StoreError(PIP_HINT) from None
    return psycopg


def describe(url: str) -> str:
    """The database as a message may name it: its name and server, never a password."""
    psycopg = _psycopg()
    try:
        info = psycopg.conninfo.conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return "(en ugyldig database-adresse)"
    name = info.get("dbname") or info.get("user") or "postgres"
    host = str(info.get("host") or "localhost")
    return f"'{name}' på {'denne computer' if host.startswith('/') else host}"


class Database:
    """One open connection to the notes database at ``url``, set to one unit (``unit``, or
    the role's or the default unit: see units.py); ``role`` is who it connected as and
    ``bypass`` whether row-level security does not hold that role."""

    def __init__(self, url: str, unit: str | None = None) -> None:
        self.url = url
        self.psycopg = _psycopg()
        self.name = describe(url)
        self.unit = unit
        self.conn: psycopg.Connection[Any] | None = None
        # per session, the event last sent that may or may not be stored (NotSaved): its
        # kind, data and key (see notes.append_event)
        self.unsent: dict[str, tuple[str, str, Any]] = {}
        self.conn = self._connect()
        self.role, self.bypass = bypasses_rls(self.conn)

    def _connect(self) -> psycopg.Connection[Any]:
        try:
            conn = self.psycopg.connect(self.url, autocommit=True, connect_timeout=10)
        except self.psycopg.Error as exc:
            raise StoreError(
                f"Samtale kan ikke forbinde til databasen {self.name}: "
                f"{str(exc).strip().splitlines()[0] if str(exc).strip() else 'ingen forbindelse'}."
            ) from exc
        try:
            self.unit = apply_unit(conn, self.unit)  # a reconnection keeps the same unit
        except BaseException:
            conn.close()
            raise
        return conn

    def close(self) -> None:
        """Close the connection (safe to call twice)."""
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def _open(self) -> psycopg.Connection[Any]:
        if self.conn is None:
            raise StoreError("Notelageret er lukket.")
        if self.conn.closed or self.conn.broken:
            self.conn = self._connect()
        return self.conn

    def _twice(self, fn: Callable[[psycopg.Connection[Any]], T]) -> T:
        """``fn`` on the connection; once more on a new one if the connection dropped (or a
        new one could not be opened); NotSaved if that fails too."""
        try:
            return fn(self._open())
        except self.psycopg.OperationalError as exc:
            if self.conn is not None and not (self.conn.closed or self.conn.broken):
                raise self.write_error(exc) from exc  # the server refused: not a dropped line
        except StoreError as exc:
            if not isinstance(exc.__cause__, self.psycopg.OperationalError):
                raise
        try:
            return fn(self._open())
        except self.psycopg.OperationalError as exc:
            raise self.write_error(exc) from exc
        except StoreError as exc:
            if isinstance(exc.__cause__, self.psycopg.OperationalError):
                raise NotSaved(self.name) from exc  # no new connection could be opened
            raise

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """The rows of one read (retried once on a new connection if it dropped)."""
        return self._twice(lambda conn: conn.execute(sql, params).fetchall())

    def vacuum(self, table: str) -> None:
        """VACUUM one of the store's own tables (by name, never a value; no transaction)."""
        self._twice(lambda conn: conn.execute(f"VACUUM {table}"))

    def one(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        rows = self.query(sql, params)
        return rows[0] if rows else None

    def write(self, fn: Callable[[psycopg.Connection[Any]], T]) -> T:
        """Run ``fn`` inside one transaction, committed on return (retried once, see above)."""

        def attempt(conn: psycopg.Connection[Any]) -> T:
            with conn.transaction():
                return fn(conn)

        try:
            return self._twice(attempt)
        except self.psycopg.errors.ReadOnlySqlTransaction as exc:
            raise self.write_error(exc) from exc

    def write_error(self, exc: Exception) -> WriteError:
        """One clear Danish sentence for a write the server or the network refused; a
        connection lost (again) on the retry is NotSaved."""
        if self.conn is not None and (self.conn.closed or self.conn.broken):
            return NotSaved(self.name)
        kept = "Alt, hvad der blev gemt før, er i behold"
        if isinstance(exc, self.psycopg.errors.DiskFull):
            what = f"Disken på databaseserveren med databasen {self.name} er fuld"
            fix = "Bed den, der passer serveren, om at frigøre plads, og fortsæt derefter"
        elif isinstance(exc, self.psycopg.errors.ReadOnlySqlTransaction):
            what = f"Databasen {self.name} er skrivebeskyttet"
            fix = "Bed den, der passer serveren, om skriveadgang, og fortsæt derefter"
        else:
            what = f"Forbindelsen til databasen {self.name} blev afbrudt"
            fix = "Tjek netværket og databaseserveren, og fortsæt derefter"
        return WriteError(
            f"{what}, så det seneste blev ikke gemt. {kept}. {fix}; eksportér imens det, "
            "du ser, så intet går tabt."
        )
