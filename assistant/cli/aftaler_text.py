"""What `samtale aftaler` and `samtale borger` share: agreements derived before anything is
listed, and text for one line of plain output (dates as dd-mm-åååå, counts in Danish)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..notes.interface import NoteStore


def synced(store: NoteStore) -> None:
    """Derive the agreements of notes an older version wrote, before anything is listed."""
    from ..session import sync_all_agreements

    sync_all_agreements(store)


def one_line(text: str | None) -> str:
    """Text for one line of plain output: control characters visible, no line breaks."""
    from ..notes.export import escape_controls

    if not text:
        return ""
    if not text.isprintable():
        text = escape_controls(text).replace("\n", " ").replace("\t", " ")
    return text


def danish(iso: str | None) -> str:
    """``2026-12-24`` as ``24-12-2026``; no date as "uden dato"."""
    from ..dialogue.answers import danish_date

    return danish_date(iso[:10]) if iso else "uden dato"


def counted(number: int, one: str, many: str) -> str:
    return f"{number:,} {one if number == 1 else many}".replace(",", ".")
