"""One running conversation: the guide engine on top of the notes store. This is the only API the
front ends (plain, cli, tui) and practice use.

- ``core``: ``Session``, an append-only list of events and where it stands, derived from them;
- ``results``: what actions return and what the front ends show (outcomes, transcript, themes);
- ``note``: the structured note built from a session's answers;
- ``agreements``: a session's agreements, derived from its events and written to the store.

May import ``dialogue``, ``engine`` and ``notes``; nothing above.
"""

from ..notes.holding import SessionDeleted
from .core import Session, sync_all_agreements
from .results import (
    LEAVE_HUB,
    MAX_FAILURES,
    MODES,
    NAVIGATION,
    STATUS_EVENTS,
    Missing,
    Outcome,
    SessionError,
    ThemeStatus,
    TranscriptEntry,
)

__all__ = [
    "LEAVE_HUB",
    "MAX_FAILURES",
    "MODES",
    "NAVIGATION",
    "STATUS_EVENTS",
    "Missing",
    "Outcome",
    "Session",
    "SessionDeleted",
    "SessionError",
    "ThemeStatus",
    "TranscriptEntry",
    "sync_all_agreements",
]
