"""What the notes store hands back, whatever database it keeps them in: the stored session,
event and audit line, the words of the status column and the audit trail, and who is acting.
"""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .cpr import mask_cpr

ENV_ACTOR = "SAMTALE_MEDARBEJDER"
STATUSES = ("in_progress", "completed", "abandoned")  # a session's status column

AUDIT_ACTIONS = {
    "opened": "åbnede",
    "resumed": "genoptog",
    "exported": "eksporterede",
    "deleted": "slettede",
    "deleted_borger": "slettede alle noter om en borger",
    "agreement": "ændrede en aftale",
    "moved": "flyttede noten hertil",
}


def now_iso() -> str:
    """The local time now, ISO 8601 with offset, to the second."""
    return datetime.now().astimezone().isoformat(timespec="seconds")


@dataclass
class SessionRecord:
    """One stored session (a run of a guide)."""

    id: str
    guide_id: str
    guide_version: str
    guide_hash: str
    guide_title: str
    mode: str
    borger: str | None
    medarbejder: str | None
    status: str
    started_at: str
    updated_at: str
    answered: int = 0  # number of events of kind "answer"
    numbers_removed: int = 0  # CPR-like numbers masked in this note so far (stored)
    masked: int = 0  # CPR numbers masked in borger/medarbejder (only set by create_session)


@dataclass
class AuditRecord:
    """One line of the audit trail: who did what to which note, and when."""

    seq: int
    at: str
    medarbejder: str
    action: str
    session_id: str | None
    detail: str


def actor(initials: str | None = None) -> str:
    """Who is acting: the initials given, else $SAMTALE_MEDARBEJDER, else the login name."""
    for candidate in (initials, os.environ.get(ENV_ACTOR)):
        if candidate and candidate.strip():
            return mask_cpr(candidate.strip())[0]
    try:
        return f"bruger:{getpass.getuser()}"
    except (KeyError, OSError):  # no login name (e.g. some containers)
        return "ukendt"


@dataclass
class EventRecord:
    """One stored event of a session; ``masked`` counts CPR numbers masked in ``data``."""

    session_id: str
    seq: int
    kind: str
    data: dict[str, Any]
    at: str
    masked: int = 0
