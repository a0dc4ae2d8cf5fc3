"""Finding a damaged SQLite database wherever it shows, and saying so instead of a traceback.

SQLite finds damage lazily: a truncated or overwritten file may open, and fail only when a
damaged page is read, in any query. The connection and cursor classes here turn exactly those
errors (SQLITE_CORRUPT, SQLITE_NOTADB) into ``DamagedStore``; every other error (locked, disk
full, read-only) passes through unchanged, to be reported as what it is.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .errors import DamagedStore

_DAMAGE = ("SQLITE_CORRUPT", "SQLITE_NOTADB")


def is_damage(exc: BaseException) -> bool:
    """Whether a SQLite error means the file is damaged (not busy, full or read-only)."""
    if not isinstance(exc, sqlite3.DatabaseError):
        return False
    name = getattr(exc, "sqlite_errorname", "") or ""
    if name:
        return name.startswith(_DAMAGE)
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text


def check_not_empty(path: Path, wait: float = 2.0) -> None:
    """A 0-byte file where the database should be is reported, never silently recreated.

    A new store is a 0-byte file for a moment too, while the process that made it writes
    its first page: a file changed in the last ``wait`` seconds is given that long to grow
    (two windows started at once on a new data folder: the second said "tom (0 byte)")."""
    import time

    deadline = time.monotonic() + wait
    while True:
        try:
            st = path.stat()
        except OSError:
            return  # no file yet (a new store), or one the connection will report
        if st.st_size > 0:
            return
        if time.time() - st.st_mtime > wait or time.monotonic() > deadline:
            raise DamagedStore(path, empty=True)
        time.sleep(0.02)


@contextmanager
def _named(conn: Any) -> Iterator[None]:
    """Turn damage found inside the block into ``DamagedStore`` naming the connection's file."""
    try:
        yield
    except sqlite3.DatabaseError as exc:
        if is_damage(exc):
            conn.damaged = True
            raise DamagedStore(conn.path) from exc
        raise


def close_untouched(conn: Any, connect: Any = sqlite3.connect, error: Any = sqlite3.Error) -> None:
    """Close ``conn``; if it found damage, without SQLite's checkpoint on close, which copies
    the write-ahead log into the damaged file and deletes the log (the last answers of a
    process that was killed). Only the last connection to close checkpoints, and a read-only
    one never does: one is kept open until this one is closed."""
    if not getattr(conn, "damaged", False):
        conn.close()
        return
    guard = None
    try:
        guard = connect(f"{conn.path.resolve().as_uri()}?mode=ro", uri=True)
        guard.execute("PRAGMA schema_version").fetchone()  # takes its share of the file
    except error:
        pass  # as untouched as it can be left
    finally:
        conn.close()
        if guard is not None:
            guard.close()


class DamageCursor(sqlite3.Cursor):
    def execute(self, *args: Any) -> DamageCursor:
        with _named(self.connection):
            return super().execute(*args)

    def fetchone(self) -> Any:
        with _named(self.connection):
            return super().fetchone()

    def fetchall(self) -> list[Any]:
        with _named(self.connection):
            return super().fetchall()


class DamageConnection(sqlite3.Connection):
    """A connection whose queries raise ``DamagedStore`` (naming its file) on damage."""

    path: Path
    damaged = False  # set when a query found damage: see close_untouched

    def cursor(self, factory: Any = DamageCursor) -> Any:
        return super().cursor(factory)

    def execute(self, *args: Any) -> Any:
        return self.cursor().execute(*args)

    def __del__(self, close: Any = close_untouched) -> None:
        """A store that found damage is often never closed (the command ends with the message):
        closed here, before SQLite closes it the usual way. ``close`` is bound now, as module
        globals may be gone when the interpreter shuts down."""
        if self.damaged:
            try:
                close(self)
            except Exception:  # noqa: BLE001, S110 - nothing more can be done at this point
                pass
