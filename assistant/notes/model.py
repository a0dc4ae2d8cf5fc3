"""The note a session leaves: answers by section, agreements and follow-up.

Built by the session layer from the stored events, rendered by :mod:`assistant.notes.export`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

MODES = ("interview", "meeting", "reflection", "practice")
STATUS_LABELS = {"in_progress": "I gang", "completed": "Afsluttet", "abandoned": "Afbrudt"}
MODE_LABELS = {
    "interview": "Samtale med borger",
    "meeting": "Møde",
    "reflection": "Refleksion",
    "practice": "Øvelse",
}


def who_label(borger: str | None, mode: str) -> str:
    """Who a note is about, for lists: the pseudonym, or what kind of note has none."""
    return borger or ("(øvelse)" if mode == "practice" else "(uden borger)")


@dataclass
class NoteAnswer:
    """One answered step.

    ``value`` is JSON-able: str, int, bool, list[str], list[dict[str, str]] or None.
    ``display`` is its Danish, human-readable rendering ("Ja", "Grøn – ...", "24-12-2026").
    """

    step: str
    key: str
    prompt: str
    label: str
    value: Any
    display: str
    answered_at: str  # ISO 8601 with offset


@dataclass
class NoteSection:
    """A titled group of answers, in the order they appear in the note."""

    title: str
    answers: list[NoteAnswer] = field(default_factory=list)


@dataclass
class Action:
    """One agreement: what is to be done, by whom, by when (ISO date or "")."""

    what: str
    who: str
    when: str = ""


@dataclass
class PracticeTurn:
    """One line of a practice conversation: who spoke, what, and the coach's codes."""

    speaker: str  # medarbejder | borger
    text: str
    codes: list[str]
    at: str
    openness: str = ""  # the simulated resident's openness after the reply


@dataclass
class Training:
    """What a practice session adds to its note: the conversation, tally, feedback, scorecard."""

    persona: str
    persona_name: str
    seed: int
    trio: bool
    turns: list[PracticeTurn] = field(default_factory=list)
    tally: dict[str, int] = field(default_factory=dict)  # the observer's counts per code
    feedback: str = ""
    scorecard: str = ""  # Markdown
    labels: dict[str, str] = field(default_factory=dict)  # code -> Danish label


@dataclass
class Note:
    """A finished or running note."""

    id: str
    title: str
    guide_id: str
    guide_version: str
    guide_title: str
    guide_hash: str
    mode: str  # interview | meeting | reflection | practice
    borger: str | None
    medarbejder: str | None
    status: str  # in_progress | completed | abandoned
    started_at: str
    updated_at: str
    sections: list[NoteSection] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    followup: str | None = None  # ISO date
    followup_who: str | None = None
    plan: list[NoteAnswer] = field(default_factory=list)  # answers shown as actions and follow-up
    missing: list[str] = field(default_factory=list)  # labels of required answers still missing
    checklist_after: list[str] = field(default_factory=list)
    training: Training | None = None
    numbers_removed: int = 0  # CPR-like numbers masked in this note (pseudonym, text, ...)

    @property
    def answers(self) -> list[NoteAnswer]:
        """Every answer: those of all sections in order, then the action plan and follow-up."""
        return [answer for section in self.sections for answer in section.answers] + self.plan
