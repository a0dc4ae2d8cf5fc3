"""The notes store the program opens, and the names its callers need from it.

``Store`` is the SQLite store (``notes/sqlite/``), the default; ``open_store`` is the one
place every caller opens a store, and it chooses PostgreSQL (``notes/postgres/``) when a
database URL is given: ``--database URL``, ``$SAMTALE_DATABASE_URL``, or a ``database = …``
line in ``samtale.toml`` (or ``config``) in the user config directory; the unit ("afdeling")
likewise from ``--afdeling``, ``$SAMTALE_AFDELING`` or ``afdeling = …``. The records, the listing filter and the errors are defined in ``records``,
``interface`` and ``errors`` and exported here, so that a caller imports one module.
Personal data rules (see DESIGN.md): the data directory is 0700 and the database files
0600; CPR-like numbers are masked before they are stored; deleting a resident leaves no
trace in the database or its write-ahead log.
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import (
    DamagedStore,
    NotFound,
    NotSaved,
    PurgeIncomplete,
    StoreError,
    WriteError,
)
from .interface import ListFilter, NoteStore, OverviewRow
from .records import (
    AUDIT_ACTIONS,
    ENV_ACTOR,
    STATUSES,
    AuditRecord,
    EventRecord,
    SessionRecord,
    actor,
    now_iso,
)
from .sqlite.connection import DB_NAME, ENV_DATA_DIR, default_data_dir
from .sqlite.store import SqliteStore as Store

ENV_DATABASE_URL = "SAMTALE_DATABASE_URL"
ENV_UNIT = "SAMTALE_AFDELING"
CONFIG_FILES = ("samtale.toml", "config")


def config_value(key: str) -> str | None:
    """The value of a ``key = …`` line in the user's config file (samtale.toml), or None."""
    import platformdirs  # only here: most commands are told nothing and never read it

    directory = Path(platformdirs.user_config_dir("samtale"))
    for name in CONFIG_FILES:
        try:
            text = (directory / name).read_text(encoding="utf-8")
        except OSError:
            continue
        for line in text.splitlines():
            found, sep, value = line.partition("=")
            if sep and found.strip() == key:
                return value.split(" #")[0].strip().strip("\"'") or None
    return None


def configured_url() -> str | None:
    """The database URL of ``$SAMTALE_DATABASE_URL``, else of a ``database = …`` line in the
    user's config file, else None (the SQLite store)."""
    env = os.environ.get(ENV_DATABASE_URL, "").strip()
    return env or config_value("database")


def configured_unit() -> str | None:
    """The unit ("afdeling") of ``$SAMTALE_AFDELING``, else of an ``afdeling = …`` line in the
    user's config file, else None (the database role's own, or the default unit)."""
    env = os.environ.get(ENV_UNIT, "").strip()
    return env or config_value("afdeling")


def open_store(
    data_dir: Path | str | None = None, url: str | None = None, unit: str | None = None
) -> NoteStore:
    """The notes store: PostgreSQL at ``url`` (or the configured URL) as the unit ``unit``
    (or the configured one), else SQLite in ``data_dir`` (or the default data directory),
    which has no units."""
    url = url or configured_url()
    if not url:
        return Store(data_dir)
    if not url.startswith(("postgresql://", "postgres://")):
        raise StoreError(
            f"Database-adressen '{url.split('@')[-1]}' er ikke en PostgreSQL-adresse; "
            "den skal begynde med postgresql://."
        )
    from .postgres.store import PostgresStore

    return PostgresStore(url, data_dir, configured_unit() if unit is None else unit)


__all__ = [
    "AUDIT_ACTIONS",
    "DB_NAME",
    "ENV_DATABASE_URL",
    "ENV_ACTOR",
    "ENV_DATA_DIR",
    "ENV_UNIT",
    "STATUSES",
    "AuditRecord",
    "DamagedStore",
    "EventRecord",
    "ListFilter",
    "NotFound",
    "NotSaved",
    "NoteStore",
    "OverviewRow",
    "PurgeIncomplete",
    "SessionRecord",
    "Store",
    "StoreError",
    "WriteError",
    "actor",
    "default_data_dir",
    "now_iso",
    "open_store",
]
