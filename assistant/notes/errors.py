"""The store's errors: each message is one clear Danish sentence (or two: what, and what to do).

They live apart from ``store`` so that the small modules beside it (the lease, the damage
checks, deleting, the export files) can raise them without importing the SQLite store.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


class StoreError(Exception):
    """A store failure; the message is one clear Danish sentence."""


class WriteError(StoreError):
    """Nothing new could be stored (disk full, read-only, I/O error); what was stored is kept."""


class NotSaved(WriteError):
    """The connection to the database was lost, and so was the one opened to try again: the
    latest was not stored (everything stored before is). ``database`` names the database;
    ``answer_message`` is what to say when what was not stored is a typed answer."""

    def __init__(self, database: str) -> None:
        self.database = database
        super().__init__(
            f"Forbindelsen til databasen {database} er tabt, også efter et nyt forsøg, så "
            "det seneste blev ikke gemt. Alt, hvad der blev gemt før, er i behold; prøv igen "
            "om lidt."
        )

    @property
    def answer_message(self) -> str:
        return (
            f"Svaret blev ikke gemt: forbindelsen til databasen {self.database} er tabt. "
            "Svaret står stadig i feltet; prøv igen om lidt."
        )


class PurgeIncomplete(StoreError):
    """Notes were deleted (and audited), but their bytes may still be in the log for now."""


_FIX = (
    "Samtale har ikke rørt filen. Læg en sikkerhedskopi af den på plads, eller flyt den væk "
    "(fx til {path}.beskadiget), så starter Samtale med en tom database."
)


class DamagedStore(StoreError):
    """The database file is damaged (not SQLite, truncated, malformed pages) or empty.

    Nothing is written to it. ``__rich__`` lets the TUI show the message, not a traceback, if
    the damage is only found while it runs (Textual then exits with code 1)."""

    def __init__(self, path: Path, *, empty: bool = False) -> None:
        self.path = path
        what = (
            f"Databasen {path} er tom (0 byte), men her burde ligge noter."
            if empty
            else f"Databasen {path} er beskadiget og kan ikke læses."
        )
        super().__init__(f"{what} {_FIX.format(path=path)}")

    def __rich__(self) -> str:
        from rich.text import Text

        return Text(f"samtale: {self}")  # type: ignore[return-value]


class NotFound(StoreError):
    """No session with that id (or id prefix)."""


def not_found(id_or_prefix: str) -> NotFound:
    return NotFound(f"Der findes ingen samtale med id '{id_or_prefix}'.")


def only_match(rows: list[Any], id_or_prefix: str) -> Any:
    """The one session row an id prefix found (at most six are read); NotFound when there is
    none, a Danish StoreError naming some of them when there are several."""
    if not rows:
        raise not_found(id_or_prefix)
    if len(rows) > 1:
        ids = ", ".join(r[0] for r in rows[:5]) + (" …" if len(rows) > 5 else "")
        raise StoreError(
            f"Id'et '{id_or_prefix}' passer på flere samtaler ({ids}), "
            "så skriv flere tegn af id'et."
        )
    return rows[0]


def deleted_detail(ids: list[str]) -> str:
    """The audit line's detail when a resident's notes are deleted: ids, never the resident."""
    return f"{len(ids)} noter: {', '.join(ids)}"
