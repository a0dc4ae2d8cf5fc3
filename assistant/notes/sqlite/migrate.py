"""Bringing a database up to date: the numbered ``.sql`` files in ``notes/migrations/``,
applied in order, each version recorded in the ``schema_version`` table.

Never edit a migration that has shipped; add the next number. A step that plain SQL cannot
do (re-masking the text older versions stored, normalising names) calls a Python function
that is registered here, on the connection, before the files run: ``MIGRATION_FUNCTIONS``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..cpr import mask_cpr, mask_in
from ..errors import StoreError
from ..names import pseudonym
from .connection import Database
from .lease import LEASE_TABLE


def _statements(script: str) -> tuple[str, ...]:
    """The statements of one migration file, in order (its ``--`` comment lines left out)."""
    statements: list[str] = []
    pending = ""
    for line in script.splitlines(keepends=True):
        if not pending and (not line.strip() or line.lstrip().startswith("--")):
            continue
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    if pending.strip():
        raise ValueError(f"unfinished statement in a migration: {pending.strip()[:60]}")
    return tuple(statements)


MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


def _load() -> list[tuple[str, ...]]:
    scripts = sorted(MIGRATIONS_DIR.glob("*.sql"))
    for number, file in enumerate(scripts, 1):
        if not file.name.startswith(f"{number:04d}_"):
            raise ValueError(f"migration {file.name} is out of order: expected {number:04d}_")
    return [_statements(f.read_text(encoding="utf-8")) for f in scripts]


# One entry per schema version: the statements of notes/migrations/000N_*.sql.
MIGRATIONS: list[tuple[str, ...]] = _load()


def _casefold(value: str | None) -> str | None:
    return None if value is None else value.casefold()


def _json_masked(data: str) -> tuple[str, int]:
    masked, count = mask_in(json.loads(data))
    return json.dumps(masked, ensure_ascii=False, allow_nan=False), count


# The Python the migrations call (None stays None): casefolding (0003), masking what older
# versions stored and normalising pseudonyms (0004). name_key is registered on every connection.
MIGRATION_FUNCTIONS: dict[str, Callable[[Any], Any]] = {
    "casefold": _casefold,
    "pseudonym": pseudonym,
    "cpr_count": lambda text: 0 if text is None else mask_cpr(text)[1],
    "cpr_mask": lambda text: None if text is None else mask_cpr(text)[0],
    "cpr_count_json": lambda data: _json_masked(data)[1],
    "cpr_mask_json": lambda data: _json_masked(data)[0],
}


def migrate(db: Database) -> None:
    """Apply the migrations this database lacks, in one transaction; refuse a newer one."""
    conn = db.read()
    for name, fn in MIGRATION_FUNCTIONS.items():
        conn.create_function(name, 1, fn, deterministic=True)

    def run(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        row = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
        current = row[0] or 0
        if current > len(MIGRATIONS):
            raise StoreError(
                f"Databasen {db.path} er lavet af en nyere version af Samtale; opdater programmet."
            )
        for version in range(current + 1, len(MIGRATIONS) + 1):
            for statement in MIGRATIONS[version - 1]:
                conn.execute(statement)
            conn.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))
        conn.execute(LEASE_TABLE)

    try:
        db.write(run)
    except sqlite3.DatabaseError as exc:
        raise db.db_error(exc) from exc
    db.fix_file_modes()


def schema_version(db: Database) -> int:
    """The schema version of the open database."""
    return int(db.read().execute("SELECT MAX(version) FROM schema_version").fetchone()[0])
