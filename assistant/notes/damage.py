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


def check_not_empty(path: Path) -> None:
    """A 0-byte file where the database should be is reported, never silently recreated."""
    try:
        empty = path.stat().st_size == 0
    except OSError:
        return  # no file yet (a new store), or one the connection will report
    if empty:
        raise DamagedStore(path, empty=True)


@contextmanager
def _named(conn: Any) -> Iterator[None]:
    """Turn damage found inside the block into ``DamagedStore`` naming the connection's file."""
    try:
        yield
    except sqlite3.DatabaseError as exc:
        if is_damage(exc):
            raise DamagedStore(conn.path) from exc
        raise


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

    def cursor(self, factory: Any = DamageCursor) -> Any:  # type: ignore[override]
        return super().cursor(factory)

    def execute(self, *args: Any) -> Any:  # type: ignore[override]
        return self.cursor().execute(*args)
