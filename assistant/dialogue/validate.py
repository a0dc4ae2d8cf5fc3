"""Checks across a whole guide: answer keys, references, conditions, reachability, the note layout.

``validate`` gets plain data: the built guide, its raw positioned YAML tree (for the positions of
what the model does not keep), the file each step was written in and the guide's own file. Each
rule is one function; ``validate`` calls them in order, so the problems come in a fixed order.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from typing import Any

from ..yamlkit import Problem, suggest
from ..yamlkit.yamlpos import NOWHERE, Pos, item_pos, node_pos, val_pos
from . import expr as ex
from . import repeat as rp
from .model import ACTION_FIELDS, END, Guide, Step
from .schema import REF_RE


def edges(guide: Guide, step: Step) -> list[str]:
    """Every step a step can lead to."""
    targets = [b.target for b in step.branches]
    if not any(b.condition is None for b in step.branches):
        targets.append(step.fallthrough)
    for theme in step.themes:
        section = next((s for s in guide.sections if s.id == theme), None)
        if section and section.steps:
            targets.append(section.steps[0])
    return targets


def comparisons(node: ex.Node) -> list[tuple[ex.Node, ex.Node]]:
    """(answer name, literal) pairs the condition compares with == != i or ikke i."""
    found: list[tuple[ex.Node, ex.Node]] = []
    if node.kind == "cmp" and node.value in ("==", "!=", "in", "not in"):
        left, right = node.args
        if left.kind == "name" and right.kind in ("str", "bool", "num"):
            found.append((left, right))
        elif right.kind == "name" and left.kind in ("str", "bool", "num"):
            found.append((right, left))
    for arg in node.args:
        found.extend(comparisons(arg))
    return found


class Checks:
    """What the rules share: the guide, where to report, and the answer keys it knows."""

    def __init__(self, guide: Guide, raw: Any, step_file: Mapping[str, str], path: str) -> None:
        self.guide = guide
        self.raw = raw
        self.step_file = step_file
        self.path = path
        self.problems: list[Problem] = []
        self.sections = {s.id: s for s in guide.sections}
        self.keys: dict[str, Step] = {}  # answer key → its step
        self.known: set[str] = set()  # answer keys and computed keys

    def err(self, step_id: str | None, pos: Pos, message: str) -> None:
        path = self.step_file.get(step_id or "", self.path)
        self.problems.append(Problem(path, max(pos.line, 1), max(pos.col, 1), message))


def answer_keys(c: Checks) -> None:
    """Every answer key once, and no computed key that is also an answer key."""
    for step in c.guide.steps.values():
        if step.answer is None:
            continue
        if step.answer.key in c.keys:
            c.err(
                step.id,
                step.answer.pos,
                f"svarnøglen '{step.answer.key}' bruges også i trinnet "
                f"'{c.keys[step.answer.key].id}'; hvert svar skal have sin egen nøgle",
            )
        c.keys[step.answer.key] = step
    computed = {k.key for k in c.guide.computed}
    for key in computed & set(c.keys):
        err_pos = node_pos(c.raw.get("beregn"))
        c.err(None, err_pos, f"den beregnede nøgle '{key}' er også en svarnøgle")
    c.known = set(c.keys) | computed


def condition_names(c: Checks, step_id: str | None, node: ex.Node | None, pos: Pos) -> None:
    """A condition names only known answers, and compares them only with values they can have."""

    def at(offset: int) -> Pos:
        return Pos(pos.line, pos.col + offset + (1 if pos.quoted else 0))

    for name in ex.names(node) if node else []:
        if name.value not in c.known:
            c.err(
                step_id,
                at(name.offset),
                f"betingelsen nævner '{name.value}', som ikke er "
                f"et svar i guiden{suggest(name.value, c.known)}",
            )
    for name, literal in comparisons(node) if node else []:
        spec = c.keys[name.value].answer if name.value in c.keys else None
        if spec is None:
            continue
        if spec.choices and isinstance(literal.value, str):
            values = [ch.value for ch in spec.choices]
            if literal.value not in values:
                c.err(
                    step_id,
                    at(literal.offset),
                    f"'{name.value}' kan ikke have værdien \"{literal.value}\"; mulige "
                    f"værdier er {', '.join(values)}{suggest(literal.value, values)}",
                )
        elif spec.type == "ja_nej" and literal.kind != "bool":
            c.err(
                step_id,
                at(literal.offset),
                f"'{name.value}' er et ja/nej-svar; sammenlign med ja eller nej",
            )


def links(c: Checks, step: Step) -> bool:
    """Every 'næste' leads to a step, and its condition is sound. True if a link is broken."""
    steps = c.guide.steps
    broken = False
    for branch in step.branches:
        if branch.target != END and branch.target not in steps:
            broken = True
            c.err(
                step.id,
                branch.pos,
                f"'næste' peger på '{branch.target}', som ikke er et trin"
                f"{suggest(branch.target, list(steps) + [END])}",
            )
        condition_names(c, step.id, branch.condition, branch.condition_pos)
    return broken


def themes(c: Checks, step: Step, hub_of: dict[str, str]) -> bool:
    """A hub's themes are sections, each the theme of one hub only. True if a theme is missing."""
    broken = False
    for theme in step.themes:
        if theme not in c.sections:
            broken = True
            c.err(
                step.id,
                step.pos,
                f"temaet '{theme}' i trinnet '{step.id}' er ikke et afsnit"
                f"{suggest(theme, c.sections)}",
            )
        elif theme in hub_of:
            c.err(step.id, step.pos, f"afsnittet '{theme}' er allerede tema i '{hub_of[theme]}'")
        elif theme == step.section:
            c.err(step.id, step.pos, f"trinnet '{step.id}' kan ikke have sit eget afsnit som tema")
        else:
            hub_of[theme] = step.id
    return broken


def min_themes(c: Checks, step: Step) -> None:
    if step.is_hub and step.min_themes > len(step.themes):
        c.err(
            step.id,
            step.pos,
            f"'mindst' er {step.min_themes}, men der er kun {len(step.themes)} temaer",
        )


def _reference_problem(c: Checks, step: Step, ref: str) -> str | None:
    """What is wrong with ``{ref}`` in a step's text, or None."""
    if ref in c.known or ref == rp.OPEN_LIST:
        return None
    head, _, tail = ref.partition(".")
    if head == rp.EARLIER and tail:
        if rp.valid_key(tail):
            return None
        return f"'{{{ref}}}' skal nævne en svarnøgle efter '{rp.EARLIER}.'"
    if head == rp.ITEM and tail:
        if tail not in rp.ITEM_FIELDS:
            return (
                f"'{{{ref}}}' findes ikke; en aftale har {', '.join(rp.ITEM_FIELDS)}"
                f"{suggest(tail, rp.ITEM_FIELDS)}"
            )
        section = c.sections.get(step.section)
        if section is None or not section.repeat:
            return f"'{{{ref}}}' kan kun bruges i et afsnit med 'gentag: aftaler'"
        return None
    return f"'{{{ref}}}', som ikke er et svar{suggest(ref, c.known)}"


def text_references(c: Checks, step: Step) -> None:
    """A '{key}' in a step's texts (and its section's intro, on the first step) is an answer,
    an earlier answer ('{tidligere.KEY}'), the open agreements or, in a repeated section, the
    agreement it is about."""
    sections = c.sections
    intro = sections[step.section].intro if step.section in sections else ""
    first = step.section in sections and sections[step.section].steps[:1] == (step.id,)
    texts = (step.ask, *step.examples, *step.tips, step.background, step.notes)
    for text in texts + ((intro,) if first else ()):
        for ref in REF_RE.findall(text):
            problem = _reference_problem(c, step, ref)
            if problem is None:
                continue
            if problem.startswith("'{" + ref + "}', som"):
                problem = f"henviser til {problem}"
            c.err(step.id, step.pos, f"teksten i trinnet '{step.id}' {problem}")


def _raw_section(c: Checks, section_id: str) -> Any:
    raw = c.raw.get("afsnit") if isinstance(c.raw, dict) else None
    for node in raw if isinstance(raw, list) else []:
        if isinstance(node, dict) and node.get("id") == section_id:
            return node
    return {}


def repeated_sections(c: Checks) -> None:
    """'gentag' repeats over 'aftaler' only; a repeated section has no theme overview, is not
    where the guide starts, is entered only from before it, and its answers are used only
    inside it (each copy has its own)."""
    for index, section in enumerate(c.guide.sections):
        if not section.repeat:
            continue
        node = _raw_section(c, section.id)
        pos = val_pos(node, "gentag")
        first_step = section.steps[0] if section.steps else None
        if section.repeat not in rp.REPEATS:
            c.err(
                first_step,
                pos,
                f"'gentag: {section.repeat}' kendes ikke; et afsnit kan kun gentages for "
                f"{', '.join(rp.REPEATS)}{suggest(section.repeat, rp.REPEATS)}",
            )
        own = set(section.steps)
        keys = {c.guide.steps[s].answer.key for s in own if c.guide.steps[s].answer}  # type: ignore[union-attr]
        if c.guide.start in own or (index == 0 and "start" not in c.raw):
            c.err(
                first_step, pos, f"guiden kan ikke starte i afsnittet '{section.id}', som gentages"
            )
        for step_id in section.steps:
            step = c.guide.steps[step_id]
            if step.is_hub or c.guide.hub_of(section.id) is not None:
                c.err(
                    step_id,
                    step.pos,
                    f"et afsnit, der gentages ('{section.id}'), kan ikke "
                    "have eller være et tema i en temaoversigt",
                )
        for step in c.guide.steps.values():
            if step.id in own:
                continue
            for branch in step.branches:
                if branch.target in own:
                    c.err(
                        step.id,
                        branch.pos,
                        f"'næste' kan ikke pege ind i afsnittet "
                        f"'{section.id}', som gentages; samtalen kommer dertil af sig selv",
                    )
                named = {n.value for n in ex.names(branch.condition)} if branch.condition else set()
                for key in sorted(named & keys):
                    c.err(step.id, branch.condition_pos, _outside(key, section.id))
            texts = (step.ask, *step.examples, *step.tips, step.background, step.notes)
            for key in sorted({r for t in texts for r in REF_RE.findall(t)} & keys):
                c.err(step.id, step.pos, _outside(key, section.id))
        for item in c.guide.computed:
            nodes = [item.expr, *(case.condition for case in item.cases)]
            named = {n.value for node in nodes if node for n in ex.names(node)}
            for key in sorted(named & keys):
                c.err(None, node_pos(c.raw.get("beregn")), _outside(key, section.id))
        note = c.guide.note
        listed = {k for s in note.sections for k in s.keys}
        listed |= {note.actions_key, note.followup_key, note.followup_who_key} - {None}  # type: ignore[arg-type]
        for key in sorted(listed & keys):
            c.err(None, node_pos(c.raw.get("note")), _outside(key, section.id))


def _outside(key: str, section_id: str) -> str:
    return (
        f"svaret '{key}' hører til afsnittet '{section_id}', som gentages for hver aftale; "
        "det kan kun bruges inde i afsnittet"
    )


def choice_status(c: Checks, step: Step) -> None:
    """A choice's 'status' is an agreement status, in a 'valg' step of a repeated section."""
    spec = step.answer
    if spec is None or not any(ch.status for ch in spec.choices):
        return
    section = c.sections.get(step.section)
    if section is None or not section.repeat:
        c.err(
            step.id,
            spec.pos,
            f"'status' på en valgmulighed i trinnet '{step.id}' kan kun "
            "bruges i et afsnit med 'gentag: aftaler'",
        )
    elif spec.type != "valg":
        c.err(
            step.id, spec.pos, f"'status' på valgmuligheder kræver svartypen valg, ikke {spec.type}"
        )
    for choice in spec.choices:
        if choice.status and choice.status not in rp.AGREEMENT_STATUSES:
            c.err(
                step.id,
                spec.pos,
                f"status '{choice.status}' for valgmuligheden '{choice.label}' findes ikke; vælg "
                f"{', '.join(rp.AGREEMENT_STATUSES)}{suggest(choice.status, rp.AGREEMENT_STATUSES)}",
            )


def computed_conditions(c: Checks) -> None:
    raw_computed = c.raw.get("beregn")
    computed_nodes = raw_computed if isinstance(raw_computed, list) else []
    for i, item in enumerate(c.guide.computed):
        node = computed_nodes[i] if i < len(computed_nodes) else {}
        condition_names(c, None, item.expr, val_pos(node, "udtryk"))
        cases = node.get("tilfælde") if isinstance(node, dict) else None
        for j, case in enumerate(item.cases):
            case_node = cases[j] if isinstance(cases, list) and j < len(cases) else {}
            condition_names(c, None, case.condition, val_pos(case_node, "hvis"))


def reachability(c: Checks) -> None:
    """Every step can be reached from the start, and from every step the end can be reached."""
    guide, steps = c.guide, c.guide.steps
    seen = {guide.start}
    queue = deque([guide.start])
    while queue:
        for target in edges(guide, steps[queue.popleft()]):
            if target in steps and target not in seen:
                seen.add(target)
                queue.append(target)
    for step in steps.values():
        if step.id not in seen:
            c.err(step.id, step.pos, f"trinnet '{step.id}' kan ikke nås fra starten af guiden")
    reverse: dict[str, set[str]] = {}
    for step in steps.values():
        for target in edges(guide, step):
            reverse.setdefault(target, set()).add(step.id)
    ends = {END}
    queue = deque([END])
    while queue:
        for source in reverse.get(queue.popleft(), ()):
            if source not in ends:
                ends.add(source)
                queue.append(source)
    for step in steps.values():
        if step.id in seen and step.id not in ends:
            c.err(
                step.id,
                step.pos,
                f"fra trinnet '{step.id}' kan samtalen aldrig nå til "
                "slutningen (en løkke uden udgang)",
            )


def _raw_note(c: Checks) -> dict:
    note = c.raw.get("note")
    return note if isinstance(note, dict) else {}


def note_keys(c: Checks) -> None:
    """The note's sections list only answers."""
    note = _raw_note(c)
    raw_sections = note.get("afsnit")
    note_sections = raw_sections if isinstance(raw_sections, list) else []
    for i, spec in enumerate(c.guide.note.sections):
        node = note_sections[i] if i < len(note_sections) else {}
        listed = node.get("nøgler") if isinstance(node, dict) else None
        for j, key in enumerate(spec.keys):
            if key not in c.known:
                c.err(
                    None,
                    item_pos(listed, j) if listed else NOWHERE,
                    f"noten nævner '{key}', som ikke er et svar i guiden{suggest(key, c.known)}",
                )


def note_actions(c: Checks) -> None:
    """'aftaler' in the note is a rows answer with the action-plan fields."""
    actions = c.guide.note.actions_key
    if not actions:
        return
    spec = c.keys.get(actions)
    pos = val_pos(_raw_note(c), "aftaler")
    if spec is None or spec.answer is None:
        c.err(
            None,
            pos,
            f"'aftaler' i noten peger på '{actions}', som ikke er et svar"
            f"{suggest(actions, c.known)}",
        )
    elif spec.answer.type != "rækker" or not set(ACTION_FIELDS) <= {
        f.key for f in spec.answer.fields
    }:
        c.err(
            None,
            pos,
            f"'aftaler' skal være et svar af typen rækker med felterne {', '.join(ACTION_FIELDS)}",
        )


def note_followup(c: Checks) -> None:
    """'opfølgning' is a date answer, 'opfølgning_hvem' any answer."""
    note = _raw_note(c)
    for note_key, wanted in (("opfølgning", "dato"), ("opfølgning_hvem", None)):
        key = getattr(c.guide.note, "followup_key" if wanted else "followup_who_key")
        if not key:
            continue
        step = c.keys.get(key)
        if step is None or step.answer is None:
            c.err(
                None,
                val_pos(note, note_key),
                f"'{note_key}' i noten peger på '{key}', som ikke er et svar"
                f"{suggest(key, c.known)}",
            )
        elif wanted and step.answer.type != wanted:
            c.err(
                None, val_pos(note, note_key), f"'{note_key}' skal være et svar af typen {wanted}"
            )


def validate(guide: Guide, raw: Any, step_file: Mapping[str, str], path: str) -> list[Problem]:
    """Every problem across the guide; ``path`` is the file of what no step was written in."""
    c = Checks(guide, raw, step_file, path)
    answer_keys(c)
    hub_of: dict[str, str] = {}  # theme → its hub
    broken_links = False
    for step in guide.steps.values():
        broken_links |= links(c, step)
        broken_links |= themes(c, step, hub_of)
        min_themes(c, step)
        text_references(c, step)
        choice_status(c, step)
    computed_conditions(c)
    repeated_sections(c)
    # reachability, not after a broken link: what it would report follows from that one mistake
    if guide.start in guide.steps and not broken_links:
        reachability(c)
    note_keys(c)
    note_actions(c)
    note_followup(c)
    return c.problems
