"""The notes store the program opens, and the names its callers need from it.

``Store`` is the SQLite store (``notes/sqlite/``), the one implementation of
``notes.interface.NoteStore`` so far; a second backend (PostgreSQL) is chosen here when it
comes. The records, the listing filter and the errors are defined in ``records``,
``interface`` and ``errors`` and exported here, so that a caller imports one module.
Personal data rules (see DESIGN.md): the data directory is 0700 and the database files
0600; CPR-like numbers are masked before they are stored; deleting a resident leaves no
trace in the database or its write-ahead log.
"""

from __future__ import annotations

from .errors import DamagedStore, NotFound, PurgeIncomplete, StoreError, WriteError
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

__all__ = [
    "AUDIT_ACTIONS",
    "DB_NAME",
    "ENV_ACTOR",
    "ENV_DATA_DIR",
    "STATUSES",
    "AuditRecord",
    "DamagedStore",
    "EventRecord",
    "ListFilter",
    "NotFound",
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
]
