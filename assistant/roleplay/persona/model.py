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
class Listening:
    """What a topic holds for a listener (all optional in the file): the feelings a reflection can
    hit, the resident's corrections of one that misses, and short answers to a closed question."""

    feelings: tuple[Keyword, ...] = ()
    corrections: tuple[str, ...] = ()
    closed_answers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    keywords: tuple[Keyword, ...]
    replies: dict[str, tuple[str, ...]] = field(hash=False)
    listening: Listening = Listening()


@dataclass(frozen=True)
class StoryPiece:
    id: str
    topic: str
    text: str
    core: bool = False  # the inner story: the secret the debrief names ("kerne: true")


@dataclass(frozen=True)
class Ruler:
    """The resident's answers on the 0-10 rulers of motivational interviewing."""

    importance: int
    confidence: int
    importance_replies: tuple[str, ...]
    confidence_replies: tuple[str, ...]
    why_not_lower: tuple[str, ...]  # the change talk a "why not lower?" draws


@dataclass(frozen=True)
class Ambivalence:
    """What pulls both ways, hidden until the learner finds it."""

    topic: str
    description: str  # for the trainer's debrief
    change: tuple[str, ...]  # change talk
    sustain: tuple[str, ...]  # sustain talk
    ruler: Ruler


@dataclass(frozen=True)
class SummaryReplies:
    confirm: tuple[str, ...]
    correct: tuple[str, ...]


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
    ambivalence: Ambivalence | None = None
    summary_replies: SummaryReplies | None = None
    content: str = field(default="", repr=False, compare=False)
    content_hash: str = ""

    def topic(self, topic_id: str) -> Topic:
        return next(t for t in self.topics if t.id == topic_id)
