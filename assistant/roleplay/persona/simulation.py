"""The simulation: how a persona answers one staff utterance after another.

The simulation is a `transitions` machine with the states ``lukket``, ``tøvende`` and ``åben``. The
caller (the coach) gives each staff utterance its MI behaviour codes; the persona does not classify.

Openness rule (the numbers are in ``rules.yaml``, read by ``rules.py``):

- Every distinct code in a turn gives ``POINTS`` (complex reflection and summary 2; simple
  reflection, affirmation, seeking collaboration, emphasizing autonomy and open question 1; all
  other codes 0). A turn with points and no fall trigger is a *good* turn.
- Openness rises one level when ``RISE_STREAK`` good turns in a row have gathered at least
  ``RISE_POINTS`` points; streak and points then start again from 0.
- Openness falls one level (never below ``lukket``) after persuasion (unsolicited advice),
  confrontation, giving information without permission (no seeking collaboration in this or the
  previous turn), or the ``CLOSED_RUN``-th closed turn in a row. A fall resets the streak, its
  points and the closed run.
- A closed turn is a closed question with nothing that gives points. It breaks the streak (the
  points gathered are lost) and counts towards the closed run. Good turns end a closed run.
- Any other turn (only ``other``, or information after permission) changes nothing.

Closed questions alone therefore never open a persona, and open questions alone open it slowly.

Topic matching: the staff text is split into words (letters only) and casefolded. A keyword matches
a word that begins with it (``savn`` matches savner, savnede, savnet); a keyword written ``=mor``
matches only the whole word. A keyword of several words matches those words in a row. When several
topics match, the longest matching keyword wins; on a tie, the topic that comes first in the file.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from transitions import Machine

from ..codes import Code
from .model import (
    AABEN,
    ADVICE,
    CLOSED_QUESTIONS,
    CONFRONTATION,
    DOWN,
    LEVELS,
    LUKKET,
    TOEVENDE,
    UP,
    Persona,
    StoryPiece,
    Topic,
)
from .rules import CLOSED_RUN, POINTS, RISE_POINTS, RISE_STREAK

WORD_RE = re.compile(r"[^\W\d_]+")


def words(text: str) -> list[str]:
    return WORD_RE.findall(text.casefold())


def match_topic(persona: Persona, text: str) -> Topic | None:
    """The topic the staff text touches: longest matching keyword, then first in the file."""
    found = words(text)
    best: tuple[int, int] | None = None
    for index, topic in enumerate(persona.topics):
        lengths = [k.length for k in topic.keywords if k.matches(found)]
        if lengths and (best is None or max(lengths) > best[0]):
            best = (max(lengths), index)
    return persona.topics[best[1]] if best else None


@dataclass(frozen=True)
class Reply:
    text: str
    openness: str
    topic: str | None = None
    revealed: str | None = None
    changed: str | None = None
    reaction: str | None = None  # råd, konfrontation or lukkede_spørgsmål when the turn fell


@dataclass(frozen=True)
class SimulationState:
    """What a front end shows: openness and how far the staff member is towards the next level."""

    openness: str
    level: int  # 0 lukket, 1 tøvende, 2 åben
    streak: int
    points: int
    closed_run: int
    revealed: tuple[str, ...]
    turns: int


@dataclass(frozen=True)
class Turn:
    text: str
    codes: tuple[Code, ...]


class _Openness:
    """The model the `transitions` machine drives; ``state`` is the openness level."""

    state: str


class Openness(str):
    """An openness level name that can also be called: ``sim.state`` and ``sim.state()`` agree."""

    __slots__ = ()

    def __call__(self) -> str:
        return str(self)


_TRANSITIONS = [
    {"trigger": UP, "source": LUKKET, "dest": TOEVENDE},
    {"trigger": UP, "source": TOEVENDE, "dest": AABEN},
    {"trigger": DOWN, "source": AABEN, "dest": TOEVENDE},
    {"trigger": DOWN, "source": TOEVENDE, "dest": LUKKET},
]


class Simulation:
    """One simulated conversation with a persona; the same seed and inputs give the same replies."""

    def __init__(self, persona: Persona, seed: int) -> None:
        self.persona = persona
        self.seed = seed
        self._rng = random.Random(seed)
        self._openness = _Openness()
        self._machine = Machine(
            model=self._openness,
            states=list(LEVELS),
            transitions=_TRANSITIONS,
            initial=persona.start,
            auto_transitions=False,
            ignore_invalid_triggers=True,
        )
        self._streak = 0
        self._points = 0
        self._closed_run = 0
        self._previous: frozenset[Code] = frozenset()
        self._used: dict[str, set[int]] = {}
        self._last_text: str | None = None
        self._revealed: list[str] = []
        self._turns: list[Turn] = []

    @classmethod
    def replay(
        cls, persona: Persona, seed: int, turns: Iterable[tuple[str, Sequence[Code | str]]]
    ) -> Simulation:
        """A new simulation fed the same turns: the state a resumed session continues from."""
        simulation = cls(persona, seed)
        for text, codes in turns:
            simulation.respond(text, codes)
        return simulation

    # --- what a front end reads ----------------------------------------------------------------
    @property
    def state(self) -> Openness:
        """The openness level: ``lukket``, ``tøvende`` or ``åben`` (``state()`` gives the same)."""
        return Openness(self._openness.state)

    def snapshot(self) -> SimulationState:
        return SimulationState(
            openness=self._openness.state,
            level=LEVELS.index(self._openness.state),
            streak=self._streak,
            points=self._points,
            closed_run=self._closed_run,
            revealed=tuple(self._revealed),
            turns=len(self._turns),
        )

    @property
    def revealed_pieces(self) -> tuple[StoryPiece, ...]:
        by_id = {p.id: p for p in self.persona.story}
        return tuple(by_id[i] for i in self._revealed)

    @property
    def turns(self) -> tuple[Turn, ...]:
        return tuple(self._turns)

    # --- one turn ------------------------------------------------------------------------------
    def respond(self, text: str, codes: Sequence[Code | str]) -> Reply:
        """The persona's answer to one staff utterance with the codes the coach gave it."""
        given = tuple(Code(c) for c in codes)
        self._turns.append(Turn(text, given))
        current = frozenset(given)
        reaction = self._reaction(current)
        before = self._openness.state
        if reaction is not None:
            self._streak = self._points = self._closed_run = 0
            getattr(self._openness, DOWN)()
        else:
            self._count(current)
        self._previous = current
        after = self._openness.state
        changed = (
            None
            if before == after
            else (UP if LEVELS.index(after) > LEVELS.index(before) else DOWN)
        )
        topic = match_topic(self.persona, text)
        topic_id = topic.id if topic else None
        if reaction is not None:
            line = self._pick(f"reaktion:{reaction}", self.persona.reactions[reaction])
            return Reply(line, after, topic_id, None, changed, reaction)
        if topic is not None and after == AABEN:
            piece = next(
                (
                    p
                    for p in self.persona.story
                    if p.topic == topic.id and p.id not in self._revealed
                ),
                None,
            )
            if piece is not None:
                self._revealed.append(piece.id)
                self._last_text = piece.text
                return Reply(piece.text, after, topic_id, piece.id, changed)
        if topic is not None:
            line = self._pick(f"emne:{topic.id}:{after}", topic.replies[after])
        else:
            line = self._pick(f"uden:{after}", self.persona.fallback[after])
        return Reply(line, after, topic_id, None, changed)

    def _reaction(self, codes: frozenset[Code]) -> str | None:
        """The reaction kind if this turn makes the persona close up, else None."""
        if Code.CONFRONT in codes:
            return CONFRONTATION
        if Code.PERSUADE in codes:
            return ADVICE
        permitted = Code.SEEKING_COLLABORATION in codes | self._previous
        if Code.GIVING_INFORMATION in codes and not permitted:
            return ADVICE
        if self._closed(codes) and self._closed_run + 1 >= CLOSED_RUN:
            return CLOSED_QUESTIONS
        return None

    @staticmethod
    def _closed(codes: frozenset[Code]) -> bool:
        return Code.CLOSED_QUESTION in codes and not any(POINTS.get(c, 0) for c in codes)

    def _count(self, codes: frozenset[Code]) -> None:
        points = sum(POINTS.get(c, 0) for c in codes)
        if points:
            self._streak += 1
            self._points += points
            self._closed_run = 0
            if (
                self._streak >= RISE_STREAK
                and self._points >= RISE_POINTS
                and self._openness.state != AABEN
            ):
                getattr(self._openness, UP)()
                self._streak = self._points = 0
        elif self._closed(codes):
            self._streak = self._points = 0
            self._closed_run += 1

    def _pick(self, pool: str, lines: Sequence[str]) -> str:
        """A seeded choice: not the last line said, and no line twice until the pool is used up."""
        used = self._used.setdefault(pool, set())
        fresh = [i for i in range(len(lines)) if i not in used and lines[i] != self._last_text]
        if not fresh:
            used.clear()
            fresh = [i for i in range(len(lines)) if lines[i] != self._last_text] or list(
                range(len(lines))
            )
        index = self._rng.choice(fresh)
        used.add(index)
        self._last_text = lines[index]
        return lines[index]
