"""What a move (notes/move.py, ``samtale flyt``) copies from a SQLite store into PostgreSQL,
defined once: per table the columns taken as they are (``COPIED``), and those the target makes
itself (``Table.derived``): the unit from the connection's setting, the listing order's
tie-breaker from its sequence, the audit line's number from its identity, and the sort key from
``updated_at`` as PostgreSQL keeps it. Leases (who has a conversation open on this computer),
the purge marker and the schema version are not copied (``NOT_COPIED``); tests/notes/test_move.py
checks that the two lists are every table and column of both schemas.

``Conversation`` is one conversation as either store holds it, read the same way from both
(``read_conversation``), with its two hashes: ``digest`` (the check that a copy is exact) and
``log_digest`` (whether two stores hold the same conversation).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Table:
    """One table that is moved: the columns copied as they are, those the target makes."""

    name: str
    columns: tuple[str, ...]
    derived: tuple[str, ...] = ("unit",)


GUIDES = Table("guides", ("hash", "guide_id", "version", "content", "saved_at"), ())
SESSIONS = Table(
    "sessions",
    (
        "id",
        "guide_id",
        "guide_version",
        "guide_hash",
        "guide_title",
        "mode",
        "borger",
        "medarbejder",
        "status",
        "started_at",
        "updated_at",
        "answered",
        "borger_key",
        "search_key",
        "masked",
        "followup",
        "agreements_synced",
    ),
    ("unit", "touched", "sort_key"),
)
EVENTS = Table("events", ("session_id", "seq", "kind", "data", "at", "event_key"))
AGREEMENTS = Table(
    "agreements",
    (
        "session_id",
        "answer_key",
        "row",
        "hvad",
        "hvem",
        "hvem_key",
        "hvornaar",
        "status",
        "status_at",
        "status_by",
        "reason",
    ),
)
AUDIT = Table("audit", ("at", "medarbejder", "action", "session_id", "detail"), ("unit", "seq"))
COPIED = (GUIDES, SESSIONS, EVENTS, AGREEMENTS, AUDIT)
NOT_COPIED = ("leases", "pending_purge", "schema_version")

# The session columns that deriving the agreements from the events writes (notes/agreements.py).
SYNCED = ("followup", "agreements_synced")

# How each table's rows are ordered when read, so that both stores give them alike.
_ORDER = {EVENTS: "seq", AGREEMENTS: "answer_key, row"}


@dataclass
class Conversation:
    """One conversation as a store holds it: its row, events and agreements (COPIED columns)."""

    row: tuple[Any, ...]
    events: list[tuple[Any, ...]]
    agreements: list[tuple[Any, ...]]

    @property
    def id(self) -> str:
        return str(self.row[0])

    @property
    def guide_hash(self) -> str:
        return str(self.row[SESSIONS.columns.index("guide_hash")])

    @property
    def practice(self) -> bool:
        return self.row[SESSIONS.columns.index("mode")] == "practice"

    def kinds(self) -> Counter[str]:
        return Counter(str(e[EVENTS.columns.index("kind")]) for e in self.events)

    def digest(self) -> str:
        """sha256 over the canonical JSON of the row, the events and the agreements: the check
        that the copy is exact."""
        return _sha256([list(self.row), [list(e) for e in self.events], self.agreements])

    def log_digest(self) -> str:
        """sha256 over the row and the events only: whether two stores hold the same
        conversation. What is derived from the events (the agreements, the follow-up date,
        whether they were derived yet) is left out, so a store that derived them again since
        the last move (the home screen does, for a note without agreements) is not taken for
        a changed conversation; a status change is an event, so it counts."""
        row = [v for c, v in zip(SESSIONS.columns, self.row, strict=True) if c not in SYNCED]
        return _sha256([row, [list(e) for e in self.events]])

    def has_nul(self) -> bool:
        """Whether any text holds a NUL character (PostgreSQL's text cannot)."""
        data = EVENTS.columns.index("data")
        plain = [*self.row, *(v for a in self.agreements for v in a)]
        plain += [v for e in self.events for i, v in enumerate(e) if i != data]
        if any(isinstance(v, str) and "\x00" in v for v in plain):
            return True
        return any(_nul_in(json.loads(e[data])) for e in self.events)


def _sha256(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)  # a UUID
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _nul_in(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_nul_in(k) or _nul_in(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_nul_in(v) for v in value)
    return False


def read_conversation(
    conn: Any, mark: str, session_id: str, scope: str = ""
) -> Conversation | None:
    """One conversation from either store (``mark``: ``?`` or ``%s``; ``scope``: a condition
    the PostgreSQL side adds, its unit), or None if the store has no such conversation."""
    where = f" WHERE {{key}} = {mark}{' AND ' + scope if scope else ''}"
    row = conn.execute(
        f"SELECT {', '.join(SESSIONS.columns)} FROM sessions{where.format(key='id')}",
        (session_id,),
    ).fetchone()
    if row is None:
        return None
    parts: list[list[tuple[Any, ...]]] = []
    for table in (EVENTS, AGREEMENTS):
        rows = conn.execute(
            f"SELECT {', '.join(table.columns)} FROM {table.name}"
            f"{where.format(key='session_id')} ORDER BY {_ORDER[table]}",
            (session_id,),
        ).fetchall()
        parts.append([tuple(r) for r in rows])
    return Conversation(tuple(row), *parts)
