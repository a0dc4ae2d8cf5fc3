"""What a session hands the front ends: outcomes, transcript lines, missing answers, themes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from ..dialogue.model import Guide
from ..notes.store import EventRecord, SessionRecord

MODES = {"samtale": "interview", "teammøde": "meeting", "refleksion": "reflection"}
MAX_FAILURES = 3
NAVIGATION = frozenset({"answer", "skip", "choose", "leave_hub", "to_hub", "back", "correct"})
STATUS_EVENTS = frozenset({"pause", "resume", "complete", "abandon"})
LEAVE_HUB = "videre"


class SessionError(Exception):
    """Something the staff member asked for that cannot be done; one Danish sentence."""


@dataclass
class Outcome:
    """What came of an action, for the front end to show."""

    ok: bool
    message: str = ""
    masked: int = 0
    offer_help: bool = False
    missing: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class TranscriptEntry:
    step: str
    title: str
    question: str
    answer: str
    at: str
    skipped: bool = False


@dataclass(frozen=True)
class Missing:
    """Something still missing; ``key`` is the answer to fill in (None for a hub's themes)."""

    key: str | None
    label: str


@dataclass(frozen=True)
class ThemeStatus:
    id: str
    title: str
    done: bool
    current: bool


class SessionState(Protocol):
    """What the views and the note read from a session (``core.Session`` has it all)."""

    guide: Guide
    record: SessionRecord
    events: list[EventRecord]
    answers: dict[str, Any]
    answered_at: dict[str, str]
    done: frozenset[str]
    handled: list[tuple[str, int]]
    context: dict[str, Any] | None

    @property
    def id(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def values(self) -> dict[str, Any]: ...
    def visited(self) -> set[str]: ...
    def missing(self) -> list[str]: ...
    def render(self, text: str) -> str: ...
