"""The model of a persona: the openness levels, the reaction kinds and the frozen dataclasses a
persona file is built into. Plain data: nothing here reads a file or draws a reply."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

# --- openness ------------------------------------------------------------------------------------
LUKKET = "lukket"
TOEVENDE = "tøvende"
AABEN = "åben"
LEVELS: tuple[str, ...] = (LUKKET, TOEVENDE, AABEN)

UP = "op"
DOWN = "ned"

# reaction kinds, as the persona file names them
ADVICE = "råd"
CONFRONTATION = "konfrontation"
CLOSED_QUESTIONS = "lukkede_spørgsmål"


# --- the model -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Style:
    label: str
    description: str


@dataclass(frozen=True)
class Card:
    """What the player who acts the resident reads: nothing here is secret."""

    situation: str
    shows: str
    wants: str


@dataclass(frozen=True)
class Debrief:
    """For the trainer only."""

    hides: str
    opens: str
    closes: str
    leads_to: str


@dataclass(frozen=True)
class Keyword:
    """One keyword: its words, whether they must match whole words, and how specific it is."""

    text: str
    words: tuple[str, ...]
    exact: bool

    @property
    def length(self) -> int:
        return len(" ".join(self.words))

    def matches(self, words: Sequence[str]) -> bool:
        n = len(self.words)
        for start in range(len(words) - n + 1):
            if all(
                words[start + i] == w if self.exact else words[start + i].startswith(w)
                for i, w in enumerate(self.words)
            ):
                return True
        return False


def parse_keyword(text: str) -> Keyword:
    folded = " ".join(text.casefold().split())
    exact = folded.startswith("=")
    return Keyword(folded, tuple(folded.lstrip("=").split()), exact)


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    keywords: tuple[Keyword, ...]
    replies: dict[str, tuple[str, ...]] = field(hash=False)


@dataclass(frozen=True)
class StoryPiece:
    id: str
    topic: str
    text: str


@dataclass(frozen=True)
class Persona:
    id: str
    name: str
    age: int
    summary: str  # one line for lists: who this is, nothing from the debrief
    sources: tuple[str, ...]
    start: str
    intro: str  # what the staff member knows before a solo practice
    style: Style
    card: Card
    debrief: Debrief
    topics: tuple[Topic, ...]
    story: tuple[StoryPiece, ...]
    fallback: dict[str, tuple[str, ...]] = field(hash=False)
    reactions: dict[str, tuple[str, ...]] = field(hash=False)
    content: str = field(default="", repr=False, compare=False)
    content_hash: str = ""

    def topic(self, topic_id: str) -> Topic:
        return next(t for t in self.topics if t.id == topic_id)
