"""Bringing a PostgreSQL notes database up to date: the numbered ``.sql`` files in
``notes/postgres/migrations/``, applied in order in one transaction that holds an advisory
lock, so that two programs starting at once apply them once. A database made by a newer
program is refused, with the same message as the SQLite store's.

Never edit a migration that has shipped; add the next number.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import StoreError
from .connection import Database

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# The advisory lock every Samtale program takes while it migrates ("samtale" in hex-ish).
LOCK_KEY = 0x5A417A1E


def _load() -> list[str]:
    scripts = sorted(MIGRATIONS_DIR.glob("*.sql"))
    for number, file in enumerate(scripts, 1):
        if not file.name.startswith(f"{number:04d}_"):
            raise ValueError(f"migration {file.name} is out of order: expected {number:04d}_")
    return [f.read_text(encoding="utf-8") for f in scripts]


# One entry per schema version: the text of notes/postgres/migrations/000N_*.sql.
MIGRATIONS: list[str] = _load()


def migrate(db: Database) -> None:
    """Apply the migrations this database lacks, in one locked transaction; refuse a newer one.

    An up-to-date database is only read, so the program's everyday role, which may not change
    the tables, opens it; a database that needs migrating must be opened once by its owner."""
    current = schema_version(db)
    if current == len(MIGRATIONS):
        return
    newer = StoreError(
        f"Databasen {db.name} er lavet af en nyere version af Samtale; opdater programmet."
    )
    if current > len(MIGRATIONS):
        raise newer

    def run(conn: Any) -> None:
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK_KEY,))
        conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        current = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] or 0
        if current > len(MIGRATIONS):
            raise newer
        for version in range(current + 1, len(MIGRATIONS) + 1):
            conn.execute(MIGRATIONS[version - 1])
            conn.execute("INSERT INTO schema_version (version) VALUES (%s)", (version,))

    try:
        db.write(run)
    except db.psycopg.errors.InsufficientPrivilege as exc:
        what = (
            f"har endnu ikke Samtales tabeller (eller rollen '{db.role}' kan ikke se dem)"
            if current == 0
            else f"skal opdateres fra skemaversion {current} til {len(MIGRATIONS)}"
        )
        raise StoreError(
            f"Databasen {db.name} {what}, og rollen '{db.role}' må ikke oprette eller ændre "
            "tabeller. Bed den, der passer databasen, om at køre 'samtale database' én gang "
            "som databasens ejer (se README: 'Roller og adgang')."
        ) from exc


def schema_version(db: Database) -> int:
    """The schema version of the open database (0 for an empty one)."""
    row = db.one("SELECT to_regclass('schema_version') IS NOT NULL")
    if not (row and row[0]):
        return 0
    row = db.one("SELECT MAX(version) FROM schema_version")
    return int(row[0]) if row and row[0] is not None else 0
