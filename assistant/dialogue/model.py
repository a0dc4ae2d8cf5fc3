"""The model of a guide: plain frozen dataclasses built by the loader."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Protocol, TypeVar

from ..yamlkit.yamlpos import NOWHERE, Pos
from .expr import Node

END = "slut"
USES = {
    "samtale": "Samtale med borger",
    "teammøde": "Teammøde",
    "refleksion": "Refleksion og udvikling",
}
ANSWER_TYPES = ("tekst", "valg", "flervalg", "skala", "ja_nej", "dato", "rækker")
FIELD_TYPES = ("tekst", "dato")  # the types of a field in a rækker answer


class _Listed(Protocol):
    @property
    def use(self) -> str: ...
    @property
    def title(self) -> str: ...


ListedT = TypeVar("ListedT", bound=_Listed)


def by_use(guides: Iterable[ListedT]) -> list[ListedT]:
    """Guides (or their index entries) grouped by use in the order of USES (samtale, teammøde,
    refleksion; an unknown use last), then by title."""
    order = list(USES)
    return sorted(guides, key=lambda g: (order.index(g.use) if g.use in order else 99, g.title))


ACTION_FIELDS = ("hvad", "hvem", "hvornår")


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    status: str | None = None  # in a repeated section: the agreement status the choice gives


@dataclass(frozen=True)
class RowField:
    key: str
    label: str
    type: str = "tekst"  # one of FIELD_TYPES
    required: bool = False


@dataclass(frozen=True)
class AnswerSpec:
    type: str
    key: str
    label: str
    required: bool = False
    choices: tuple[Choice, ...] = ()
    scale_min: int | None = None
    scale_max: int | None = None
    scale_labels: dict[int, str] = field(default_factory=dict)
    fields: tuple[RowField, ...] = ()
    other: bool = False
    pos: Pos = NOWHERE

    @property
    def numeric_scale(self) -> bool:
        return self.type == "skala" and self.scale_min is not None


@dataclass(frozen=True)
class Branch:
    target: str
    condition: Node | None = None
    source: str = ""
    pos: Pos = NOWHERE
    condition_pos: Pos = NOWHERE
    condition_text: str = ""  # the `hvis` as the guide writes it (for diagrams and outlines)


@dataclass(frozen=True)
class Step:
    id: str
    section: str
    title: str
    ask: str
    examples: tuple[str, ...] = ()
    tips: tuple[str, ...] = ()
    background: str = ""
    notes: str = ""
    optional: bool = False
    answer: AnswerSpec | None = None
    branches: tuple[Branch, ...] = ()  # explicit `næste`, first matching wins
    fallthrough: str = END  # where the step goes when no branch matches
    themes: tuple[str, ...] = ()  # section ids: makes the step a hub
    min_themes: int = 1
    pos: Pos = NOWHERE

    @property
    def is_hub(self) -> bool:
        return bool(self.themes)


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    intro: str = ""
    steps: tuple[str, ...] = ()
    flow: str | None = None
    pos: Pos = NOWHERE
    repeat: str | None = None  # gentag: what the section repeats over (see repeat.py)


@dataclass(frozen=True)
class Case:
    condition: Node | None
    value: str | int | float


@dataclass(frozen=True)
class Computed:
    key: str
    label: str
    expr: Node | None = None
    cases: tuple[Case, ...] = ()


@dataclass(frozen=True)
class NoteSectionSpec:
    title: str
    keys: tuple[str, ...]


@dataclass(frozen=True)
class NoteLayout:
    title: str
    sections: tuple[NoteSectionSpec, ...] = ()
    actions_key: str | None = None
    followup_key: str | None = None
    followup_who_key: str | None = None


@dataclass(frozen=True)
class Checklist:
    before: tuple[str, ...] = ()
    during: tuple[str, ...] = ()
    after: tuple[str, ...] = ()


@dataclass(frozen=True)
class Guide:
    id: str
    version: str
    title: str
    purpose: str
    use: str
    duration: int
    participants: str
    sources: tuple[str, ...]
    remark: str
    checklist: Checklist
    start: str
    sections: tuple[Section, ...]
    steps: dict[str, Step]
    computed: tuple[Computed, ...]
    note: NoteLayout
    content_hash: str
    content: str  # canonical JSON of the guide with its flows inlined: what a session snapshots
    path: Path | None = None

    @property
    def use_label(self) -> str:
        return USES.get(self.use, self.use)

    @cached_property
    def _sections_by_id(self) -> dict[str, Section]:
        return {s.id: s for s in self.sections}

    @cached_property
    def _hubs(self) -> dict[str, Step]:
        hubs: dict[str, Step] = {}
        for step in self.steps.values():
            for theme in step.themes:
                hubs.setdefault(theme, step)
        return hubs

    def section(self, section_id: str) -> Section:
        return self._sections_by_id[section_id]

    @cached_property
    def _answer_specs(self) -> dict[str, tuple[Step, AnswerSpec]]:
        return {s.answer.key: (s, s.answer) for s in self.steps.values() if s.answer}

    def answer_specs(self) -> dict[str, tuple[Step, AnswerSpec]]:
        """Every answer's step and spec, by key (made once: read it, do not change it)."""
        return self._answer_specs

    def hub_of(self, section_id: str) -> Step | None:
        return self._hubs.get(section_id)

    def question_steps(self) -> list[Step]:
        return [s for s in self.steps.values() if not s.is_hub]
