"""Where a screen may lead: the places of the TUI, asked for by name.

Screens never import each other. A screen that leads elsewhere calls ``go(self, Place(...))``;
the app (``Router.go`` in ``router.py``) builds the screen for that place and decides whether it goes on top
of the stack or takes the asking screen's place. ``go`` is a direct call rather than a posted
message so that the next key of a burst already lands on the new screen, as it always has.
(Plain classes, not dataclasses: the home screen imports this module at start-up.)"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from typing import Protocol

    from textual.dom import DOMNode

    from ..dialogue.model import Guide
    from ..practice import Practice
    from ..session import Session

    class Navigator(Protocol):
        def go(self, place: Place) -> None: ...


class Start:
    """Before a conversation: the start screen of one guide (on top of home)."""

    __slots__ = ("guide", "borger", "medarbejder")

    def __init__(
        self, guide: Guide, borger: str | None = None, medarbejder: str | None = None
    ) -> None:
        self.guide, self.borger, self.medarbejder = guide, borger, medarbejder


class _OfSession:
    __slots__ = ("session",)

    def __init__(self, session: Session) -> None:
        self.session = session


class Conversation(_OfSession):
    """A conversation under way (instead of the start or the end screen)."""

    __slots__ = ()


class End(_OfSession):
    """The review at the end of a conversation (instead of the conversation)."""

    __slots__ = ()


class _OfSessionId:
    __slots__ = ("session_id",)

    def __init__(self, session_id: str) -> None:
        self.session_id = session_id


class Resume(_OfSessionId):
    """A stored session, resumed where it stands (the app asks if it is open elsewhere)."""

    __slots__ = ()


class Note(_OfSessionId):
    """One note to read and export (on top)."""

    __slots__ = ()


class Notes:
    """All notes (on top)."""

    __slots__ = ()


class Timeline:
    """One resident's conversations and agreements, newest first (on top)."""

    __slots__ = ("borger",)

    def __init__(self, borger: str) -> None:
        self.borger = borger


class PracticeStart:
    """Choosing guide, persona and form of a practice (on top)."""

    __slots__ = ()


class _OfPractice:
    __slots__ = ("practice",)

    def __init__(self, practice: Practice) -> None:
        self.practice = practice


class PracticeRun(_OfPractice):
    """A practice under way, solo or trio (instead of the practice start)."""

    __slots__ = ()


class Scorecard(_OfPractice):
    """The feedback after a practice (instead of the practice)."""

    __slots__ = ()


Place = (
    Start
    | Conversation
    | End
    | Resume
    | Notes
    | Note
    | Timeline
    | PracticeStart
    | PracticeRun
    | Scorecard
)


def go(node: DOMNode, place: Place) -> None:
    """Ask the app to show ``place``."""
    cast("Navigator", node.app).go(place)


__all__ = [
    "Conversation",
    "End",
    "Note",
    "Notes",
    "Place",
    "PracticeRun",
    "PracticeStart",
    "Resume",
    "Scorecard",
    "Start",
    "Timeline",
    "go",
]
