"""Opening the SQLite database: the data directory and file modes, the connection and its
settings, and the short write transactions every change runs in, with their messages.

Personal data rules (see DESIGN.md): the data directory is 0700 and the database files 0600,
and temporary data stays in memory.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from ..damage import DamageConnection, check_not_empty, close_untouched, is_damage
from ..errors import DamagedStore, StoreError, WriteError
from ..names import name_key

DB_NAME = "samtale.db"
ENV_DATA_DIR = "SAMTALE_DATA_DIR"
BUSY_TIMEOUT_MS = 10_000
_WRITE_ATTEMPTS = 6

T = TypeVar("T")


def default_data_dir() -> Path:
    """``$SAMTALE_DATA_DIR`` if set, else the platform's user data directory for samtale."""
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser()
    import platformdirs  # only here: a command that is told where the data is starts faster

    return Path(platformdirs.user_data_dir("samtale"))


def _is_ours(st: os.stat_result) -> bool:
    getuid = getattr(os, "getuid", None)
    return getuid is None or st.st_uid == getuid()


def _is_lock_error(exc: sqlite3.OperationalError) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def retry(fn: Callable[[], T]) -> T:
    """Run ``fn``, retrying briefly if SQLite still reports the database locked or busy."""
    for attempt in range(_WRITE_ATTEMPTS):
        try:
            return fn()
        except sqlite3.OperationalError as exc:
            if not _is_lock_error(exc) or attempt == _WRITE_ATTEMPTS - 1:
                raise
            time.sleep(0.05 * 2**attempt)
    raise AssertionError("unreachable")


class Database:
    """One open connection to ``samtale.db`` in a data directory (made private if needed)."""

    def __init__(self, data_dir: Path | str | None = None) -> None:
        self.data_dir = Path(data_dir).expanduser() if data_dir is not None else default_data_dir()
        self.path = self.data_dir / DB_NAME
        self.world_readable_warning: str | None = None
        self._prepare_dir()
        self.conn: sqlite3.Connection | None = self._connect()

    # ----------------------------------------------------------------- the directory and files

    def dir_error(self) -> StoreError:
        return StoreError(
            f"Samtale kan ikke gemme noter i mappen {self.data_dir}: "
            "mappen kan ikke oprettes eller skrives i."
        )

    def db_error(self, exc: sqlite3.DatabaseError) -> StoreError:
        text = str(exc).lower()
        if is_damage(exc):
            return DamagedStore(self.path)
        if isinstance(exc, sqlite3.OperationalError) and (
            "unable to open" in text or "readonly" in text or "disk i/o" in text
        ):
            return self.dir_error()
        if isinstance(exc, sqlite3.OperationalError) and _is_lock_error(exc):
            return StoreError("Databasen er optaget af et andet Samtale-vindue; prøv igen om lidt.")
        return StoreError(f"Filen {self.path} kan ikke åbnes som en Samtale-database.")

    def _prepare_dir(self) -> None:
        directory = self.data_dir
        try:
            if directory.exists():
                st = directory.stat()
                if not stat.S_ISDIR(st.st_mode):
                    raise self.dir_error()
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
            raise self.dir_error() from exc
        if not os.access(directory, os.W_OK | os.X_OK):
            raise self.dir_error()

    def _db_files(self) -> list[Path]:
        return [self.path, Path(f"{self.path}-wal"), Path(f"{self.path}-shm")]

    def fix_file_modes(self) -> None:
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
                retry(lambda: conn.execute("PRAGMA journal_mode=WAL").fetchone())
                conn.execute("PRAGMA synchronous=FULL")
                conn.execute("PRAGMA foreign_keys=ON")
                conn.execute("PRAGMA secure_delete=ON")
                conn.execute("PRAGMA temp_store=MEMORY")  # no temp files with personal data
                conn.create_function("name_key", 1, name_key, deterministic=True)
                self.fix_file_modes()
            except BaseException:
                close_untouched(conn)
                raise
        except sqlite3.DatabaseError as exc:
            raise self.db_error(exc) from exc
        except OSError as exc:
            raise self.dir_error() from exc
        finally:
            os.umask(old_umask)
        return conn

    def close(self) -> None:
        """Close the connection (safe to call twice)."""
        if self.conn is not None:
            close_untouched(self.conn)
            self.conn = None

    # ----------------------------------------------------------------- transactions

    def read(self) -> sqlite3.Connection:
        if self.conn is None:
            raise StoreError("Notelageret er lukket.")
        return self.conn

    def write(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``fn`` inside one short ``BEGIN IMMEDIATE`` transaction, committed on return."""
        if self.conn is None:
            raise StoreError("Notelageret er lukket.")

        conn = self.conn

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
            return retry(attempt)
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
