"""What a notes store is: the operations the sessions, the command line and the TUI use, and
the one filter object that listing, the overview and counting share.

``assistant.notes.store.Store`` (the SQLite store, built from ``notes/sqlite/``) is the first
implementation; a server store (PostgreSQL) implements the same protocol and its leases
(``notes.lease.Leases``). Every write is committed before the call returns; personal-data
rules (DESIGN.md) hold for every backend: CPR-like numbers are masked before they are stored,
and deleting a resident leaves no trace.
"""

from __future__ import annotations

from collections.abc import Sequence, Sized
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Protocol, Self

from .agreements import Agreement, AgreementFilter, AgreementRow, StatusChange
from .lease import Leases
from .records import AuditRecord, EventRecord, SessionRecord

# What a list of notes shows, per note: (id, status, updated_at, borger, guide_title, mode).
OverviewRow = tuple[str, str, str, str | None, str, str]


@dataclass(frozen=True)
class ListFilter:
    """Which notes to list, show in an overview or count; an empty filter is every note.

    ``borger`` matches the resident's pseudonym however it is typed (see notes/names.py);
    ``search`` finds text anywhere in the pseudonym, the guide title or the id; ``status``
    and ``mode`` match exactly. ``limit`` (the newest first) applies to lists, not counts.
    """

    borger: str | None = None
    status: str | None = None
    mode: str | None = None
    search: str | None = None
    limit: int | None = None

    def limited(self, limit: int | None) -> ListFilter:
        """The same filter with another limit."""
        return replace(self, limit=limit)


class NoteStore(Protocol):
    """The notes database: guide snapshots, sessions, their append-only events, the audit
    trail, deletion and the one-writer-per-conversation lease."""

    @property
    def leases(self) -> Leases:
        """One writer per conversation (see notes/lease.py)."""
        ...

    @property
    def world_readable_warning(self) -> str | None:
        """What to say once when the store was opened (the data was readable by others, or
        row-level security does not hold the database role)."""
        ...

    @property
    def path(self) -> Path | str:
        """Where the notes are: the SQLite file, or the PostgreSQL database's name."""
        ...

    @property
    def unit(self) -> str | None:
        """The unit ("afdeling") whose notes the store shows, or None where there are none."""
        ...

    # -- opening and closing (a backend opens in its constructor)
    def close(self) -> None:
        """Close the store (safe to call twice)."""

    def __enter__(self) -> Self: ...

    def __exit__(self, *exc: object) -> None: ...

    @property
    def schema_version(self) -> int:
        """The schema version of the open database."""
        ...

    # -- guides and sessions
    def save_guide_snapshot(
        self, guide_hash: str, guide_id: str, version: str, content: str
    ) -> None:
        """Keep the exact guide text a session runs against (ignored if already saved)."""

    def load_guide_snapshot(self, guide_hash: str) -> str | None:
        """The saved guide text for ``guide_hash``, or None."""

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
        """Start a new session; its guide snapshot must have been saved first."""
        ...

    def append_event(
        self,
        session_id: str,
        kind: str,
        data: dict[str, Any],
        status: str | None = None,
        lease: str | None = None,
    ) -> EventRecord:
        """Store one event (CPR masked, U+0000 removed) and touch the session, in one
        transaction; with ``lease`` only if that holder still holds the session's lease.
        NotSaved when the database could not be reached (a server store, after one retry):
        nothing is stored, or what is stored is recognised when the same event comes again."""
        ...

    def get_session(self, id_or_prefix: str) -> SessionRecord:
        """The session with this id, or the only one whose id starts with it (NotFound)."""
        ...

    def events(self, session_id: str) -> list[EventRecord]:
        """All events of a session, ordered by seq."""
        ...

    # -- listing, searching and counting (one filter for all three)
    def list_sessions(self, where: ListFilter = ...) -> list[SessionRecord]:
        """Sessions matching ``where``, most recently updated first."""
        ...

    def list_overview(self, where: ListFilter = ...) -> list[OverviewRow]:
        """The rows a list of notes shows, for the sessions ``list_sessions`` returns."""
        ...

    def count_sessions(self, where: ListFilter = ...) -> int:
        """How many sessions match ``where`` (its limit aside)."""
        ...

    def total(self, listed: Sized, where: ListFilter) -> int:
        """How many sessions match, given ``listed``: what ``where`` listed."""
        ...

    # -- agreements (see notes/agreements.py)
    def sync_agreements(
        self, session_id: str, rows: Sequence[AgreementRow], followup: str | None
    ) -> None:
        """Replace a session's agreements with what its events now say, and its follow-up
        date (a status someone else set since keeps, if it is the newer)."""

    def unsynced_sessions(self) -> list[str]:
        """Sessions whose agreements were never derived (an older version wrote them)."""
        ...

    def agreements(self, where: AgreementFilter = ...) -> list[Agreement]:
        """Agreements ``where`` selects, soonest due first, undated last."""
        ...

    def count_agreements(self, where: AgreementFilter = ...) -> int:
        """How many agreements ``where`` selects (its limit aside)."""
        ...

    def agreement(self, agreement_id: str) -> Agreement:
        """One agreement by its id as typed (NotFound)."""
        ...

    def set_agreement_status(
        self, agreement_id: str, status: str, medarbejder: str, reason: str | None = None
    ) -> Agreement:
        """Change a status: an event in the note's log, the row and an audit line, at once."""
        ...

    def agreement_history(self, agreement: Agreement) -> list[StatusChange]:
        """An agreement's status changes, oldest first."""
        ...

    # -- the audit trail
    def audit(
        self, action: str, session_id: str | None, medarbejder: str, detail: str = ""
    ) -> None:
        """Record that someone opened, exported or deleted a note."""

    def audit_trail(
        self, session_id: str | None = None, limit: int | None = None
    ) -> list[AuditRecord]:
        """The audit trail, newest first; only one note's lines with ``session_id``."""
        ...

    # -- deleting (each deletion and its audit line are one transaction)
    def delete_session(self, session_id: str, medarbejder: str | None = None) -> None:
        """Delete one session and its events completely."""

    def delete_borger(self, borger: str, medarbejder: str | None = None) -> int:
        """Delete every session of a resident; how many were deleted."""
        ...

    def purge_pending(self) -> bool:
        """Whether deleted notes may still have bytes left somewhere (``purge`` finishes)."""
        ...

    def purge(self) -> None:
        """Remove the bytes of deleted data for good (PurgeIncomplete if it cannot yet)."""
