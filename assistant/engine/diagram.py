"""A guide's flow as a neutral structure: sections holding steps (and, under a hub, its theme
sections), and the transitions between steps with Danish labels. Made once from the guide, by
the rules the runtime machine is built with (``machine.CompiledGuide``), and drawn two ways:
as Mermaid through ``transitions``' GraphMachine (``mermaid.py``) and as the text outline the
TUI shows before a conversation starts (``outline`` here)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from ..dialogue.model import END, Guide, Section, Step

END_TITLE = "Slut"

# Edge kinds: a condition that holds, the default after conditions, an explicit jump, the
# next step in reading order, a theme chosen at a hub, back to the hub after a theme's last
# step, and on from the hub when the themes are done.
IF, ELSE, JUMP, NEXT, THEME, BACK, LEAVE = (
    "hvis",
    "ellers",
    "gå_til",
    "videre",
    "tema",
    "tilbage",
    "efter_temaerne",
)


@dataclass(frozen=True)
class FlowEdge:
    source: str  # a step id
    dest: str  # a step id or END
    kind: str
    condition: str = ""  # the `hvis` as written, for kind IF

    @property
    def label(self) -> str:
        if self.kind == IF:
            return f"hvis {self.condition}"
        return {
            ELSE: "ellers",
            JUMP: "videre",
            NEXT: "videre",
            THEME: "vælg tema",
            BACK: "tilbage til temaoversigten",
            LEAVE: "når temaerne er gennemgået",
        }[self.kind]


@dataclass(frozen=True)
class FlowStep:
    id: str
    title: str
    optional: bool = False
    themes: tuple[FlowSection, ...] = ()  # at a hub: its theme sections
    min_themes: int = 0

    @property
    def is_hub(self) -> bool:
        return bool(self.themes)


@dataclass(frozen=True)
class FlowSection:
    id: str
    title: str
    steps: tuple[FlowStep, ...]
    flow: str | None = None  # a shared flow (forløb)
    repeat: str | None = None  # gentag: what the section repeats over

    @property
    def label(self) -> str:
        if self.repeat == "aftaler":
            return f"{self.title} (gentages for hver åben aftale)"
        if self.repeat:
            return f"{self.title} (gentages: {self.repeat})"
        if self.flow:
            return f"{self.title} (fælles forløb: {self.flow})"
        return self.title


@dataclass(frozen=True)
class Flow:
    guide_id: str
    title: str
    start: str  # the first step
    sections: tuple[FlowSection, ...]  # in reading order; theme sections sit under their hub
    edges: tuple[FlowEdge, ...]  # per step in the machine's order (the first that holds wins)

    @cached_property
    def titles(self) -> dict[str, str]:
        """Every step's title by id, and END's."""
        found = {END: END_TITLE}
        for section in self.all_sections():
            found.update((step.id, step.title) for step in section.steps)
        return found

    def all_sections(self) -> list[FlowSection]:
        """Every section, each theme section right after the hub step that holds it."""
        found: list[FlowSection] = []

        def walk(sections: tuple[FlowSection, ...]) -> None:
            for section in sections:
                found.append(section)
                for step in section.steps:
                    walk(step.themes)

        walk(self.sections)
        return found

    @cached_property
    def _by_source(self) -> dict[str, list[FlowEdge]]:
        found: dict[str, list[FlowEdge]] = {}
        for edge in self.edges:
            found.setdefault(edge.source, []).append(edge)
        return found

    def edges_from(self, step_id: str) -> list[FlowEdge]:
        """The transitions out of one step, in the machine's order."""
        return self._by_source.get(step_id, [])


def flow_of(guide: Guide) -> Flow:
    """The flow of ``guide``: its sections, with each theme section under its hub, and its
    transitions, as the runtime machine makes them."""
    placed: set[str] = set()

    def section(sec: Section) -> FlowSection:
        placed.add(sec.id)
        return FlowSection(
            sec.id,
            sec.title,
            tuple(step(guide.steps[s]) for s in sec.steps),
            sec.flow,
            sec.repeat,
        )

    def step(st: Step) -> FlowStep:
        themes = tuple(
            section(guide.section(t))
            for t in st.themes
            if t not in placed and guide.hub_of(t) is st
        )
        return FlowStep(st.id, st.title, st.optional, themes, st.min_themes if themes else 0)

    theme_ids = {t for st in guide.steps.values() for t in st.themes}
    top = [section(s) for s in guide.sections if s.id not in theme_ids and s.id not in placed]
    # theme sections whose hub sits in a theme section no top-level section reaches (a loop)
    top += [section(s) for s in guide.sections if s.id not in placed]
    return Flow(guide.id, guide.title, guide.start, tuple(top), tuple(_edges(guide)))


def _edges(guide: Guide) -> list[FlowEdge]:
    edges: list[FlowEdge] = []
    for st in guide.steps.values():
        hub = guide.hub_of(st.section)
        conditional = False
        default = LEAVE if st.is_hub else BACK if hub and st.fallthrough == hub.id else NEXT
        for branch in st.branches:
            if branch.condition is not None:
                conditional = True
                edges.append(FlowEdge(st.id, branch.target, IF, branch.condition_text))
                continue
            # an unconditional `næste`: the first that holds, so nothing after it counts
            kind = ELSE if conditional else default if branch.target == st.fallthrough else JUMP
            edges.append(FlowEdge(st.id, branch.target, kind))
            break
        else:
            edges.append(FlowEdge(st.id, st.fallthrough, ELSE if conditional else default))
        for theme in st.themes:
            edges.append(FlowEdge(st.id, guide.section(theme).steps[0], THEME))
    return edges


@dataclass(frozen=True)
class OutlineLine:
    depth: int
    text: str
    kind: str  # section, theme, step, hub, edge, end


def outline(flow: Flow) -> list[OutlineLine]:
    """The flow as indented lines: each section, its steps, a hub's themes under it, and every
    transition that does not simply go on to the next step in reading order."""
    lines: list[OutlineLine] = []
    order = [step.id for section in flow.all_sections() for step in section.steps]
    reading_next = dict(zip(order, [*order[1:], END], strict=True))

    def walk_section(section: FlowSection, depth: int, theme: bool) -> None:
        text = f"Tema: {section.label}" if theme else section.label
        lines.append(OutlineLine(depth, text, "theme" if theme else "section"))
        for step in section.steps:
            title = step.title + (" (valgfrit)" if step.optional else "")
            if step.is_hub:
                n = len(step.themes)
                title += f" – temaoversigt: vælg mindst {step.min_themes} af {n} temaer"
            lines.append(OutlineLine(depth + 1, title, "hub" if step.is_hub else "step"))
            for edge in flow.edges_from(step.id):
                if edge.kind in (THEME, BACK) or (
                    edge.kind == NEXT and edge.dest == reading_next[step.id]
                ):
                    continue  # the nesting and the reading order say it
                dest = flow.titles.get(edge.dest, edge.dest)
                lines.append(OutlineLine(depth + 2, f"{edge.label} → {dest}", "edge"))
            for sub in step.themes:
                walk_section(sub, depth + 2, True)

    for section in flow.sections:
        walk_section(section, 0, False)
    lines.append(OutlineLine(0, END_TITLE, "end"))
    return lines


def outline_text(flow: Flow) -> str:
    return "\n".join("  " * line.depth + line.text for line in outline(flow))
