"""Where a screen may lead: the places of the TUI, asked for by name.

Screens never import each other. A screen that leads elsewhere calls ``go(self, Place(...))``;
the app (``SamtaleApp.go``) builds the screen for that place and decides whether it goes on top
of the stack or takes the asking screen's place. ``go`` is a direct call rather than a posted
message so that the next key of a burst already lands on the new screen, as it always has."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, cast

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from ..dialogue.model import Guide
    from ..practice import Practice
    from ..session import Session


@dataclass(frozen=True)
class Start:
    """Before a conversation: the start screen of one guide (on top of home)."""

    guide: Guide
    borger: str | None = None
    medarbejder: str | None = None


@dataclass(frozen=True)
class Conversation:
    """A conversation under way (instead of the start or the end screen)."""

    session: Session


@dataclass(frozen=True)
class End:
    """The review at the end of a conversation (instead of the conversation)."""

    session: Session


@dataclass(frozen=True)
class Resume:
    """A stored session, resumed where it stands (the app asks if it is open elsewhere)."""

    session_id: str


@dataclass(frozen=True)
class Notes:
    """All notes (on top)."""


@dataclass(frozen=True)
class Note:
    """One note to read and export (on top)."""

    session_id: str


@dataclass(frozen=True)
class PracticeStart:
    """Choosing guide, persona and form of a practice (on top)."""


@dataclass(frozen=True)
class PracticeRun:
    """A practice under way, solo or trio (instead of the practice start)."""

    practice: Practice


@dataclass(frozen=True)
class Scorecard:
    """The feedback after a practice (instead of the practice)."""

    practice: Practice


Place = Start | Conversation | End | Resume | Notes | Note | PracticeStart | PracticeRun | Scorecard


class Navigator(Protocol):
    def go(self, place: Place) -> None: ...


def go(node: DOMNode, place: Place) -> None:
    """Ask the app to show ``place``."""
    cast("Navigator", node.app).go(place)


__all__ = [
    "Conversation",
    "End",
    "Navigator",
    "Note",
    "Notes",
    "Place",
    "PracticeRun",
    "PracticeStart",
    "Scorecard",
    "Start",
    "Resume",
    "go",
]
