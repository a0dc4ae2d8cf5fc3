"""Checks across a whole guide: references, conditions, reachability, the note layout."""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING, Any

from . import expr as ex
from .model import ACTION_FIELDS, END, Guide, Step
from .yamlpos import NOWHERE, Pos, item_pos, node_pos, val_pos

if TYPE_CHECKING:
    from .loader import Builder, Problem


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


def validate(guide: Guide, builder: Builder, raw: Any) -> list[Problem]:
    from .loader import REF_RE, Problem, suggest

    problems: list[Problem] = []

    def err(step_id: str | None, pos: Pos, message: str) -> None:
        path = builder.step_file.get(step_id or "", builder.current)
        problems.append(Problem(path, max(pos.line, 1), max(pos.col, 1), message))

    steps = guide.steps
    sections = {s.id: s for s in guide.sections}
    keys: dict[str, Step] = {}
    for step in steps.values():
        if step.answer is None:
            continue
        if step.answer.key in keys:
            err(
                step.id,
                step.answer.pos,
                f"svarnøglen '{step.answer.key}' bruges også i trinnet "
                f"'{keys[step.answer.key].id}'; hvert svar skal have sin egen nøgle",
            )
        keys[step.answer.key] = step
    computed = {c.key for c in guide.computed}
    for key in computed & set(keys):
        err(None, node_pos(raw.get("beregn")), f"den beregnede nøgle '{key}' er også en svarnøgle")
    known = set(keys) | computed

    def check_names(step_id: str | None, node: ex.Node | None, pos: Pos) -> None:
        def at(offset: int) -> Pos:
            return Pos(pos.line, pos.col + offset + (1 if pos.quoted else 0))

        for name in ex.names(node) if node else []:
            if name.value not in known:
                err(
                    step_id,
                    at(name.offset),
                    f"betingelsen nævner '{name.value}', som ikke er "
                    f"et svar i guiden{suggest(name.value, known)}",
                )
        for name, literal in comparisons(node) if node else []:
            spec = keys[name.value].answer if name.value in keys else None
            if spec is None:
                continue
            if spec.choices and isinstance(literal.value, str):
                values = [c.value for c in spec.choices]
                if literal.value not in values:
                    err(
                        step_id,
                        at(literal.offset),
                        f"'{name.value}' kan ikke have værdien \"{literal.value}\"; mulige "
                        f"værdier er {', '.join(values)}{suggest(literal.value, values)}",
                    )
            elif spec.type == "ja_nej" and literal.kind != "bool":
                err(
                    step_id,
                    at(literal.offset),
                    f"'{name.value}' er et ja/nej-svar; sammenlign med ja eller nej",
                )

    hub_of: dict[str, str] = {}
    broken_links = False
    for step in steps.values():
        for branch in step.branches:
            if branch.target != END and branch.target not in steps:
                broken_links = True
                err(
                    step.id,
                    branch.pos,
                    f"'næste' peger på '{branch.target}', som ikke er et trin"
                    f"{suggest(branch.target, list(steps) + [END])}",
                )
            check_names(step.id, branch.condition, branch.condition_pos)
        for theme in step.themes:
            if theme not in sections:
                broken_links = True
                err(
                    step.id,
                    step.pos,
                    f"temaet '{theme}' i trinnet '{step.id}' er ikke et afsnit"
                    f"{suggest(theme, sections)}",
                )
            elif theme in hub_of:
                err(step.id, step.pos, f"afsnittet '{theme}' er allerede tema i '{hub_of[theme]}'")
            elif theme == step.section:
                err(
                    step.id, step.pos, f"trinnet '{step.id}' kan ikke have sit eget afsnit som tema"
                )
            else:
                hub_of[theme] = step.id
        if step.is_hub and step.min_themes > len(step.themes):
            err(
                step.id,
                step.pos,
                f"'mindst' er {step.min_themes}, men der er kun {len(step.themes)} temaer",
            )
        intro = sections[step.section].intro if step.section in sections else ""
        first = step.section in sections and sections[step.section].steps[:1] == (step.id,)
        texts = (step.ask, *step.examples, *step.tips, step.background, step.notes)
        for text in texts + ((intro,) if first else ()):
            for ref in REF_RE.findall(text):
                if ref not in known:
                    err(
                        step.id,
                        step.pos,
                        f"teksten i trinnet '{step.id}' henviser til "
                        f"'{{{ref}}}', som ikke er et svar{suggest(ref, known)}",
                    )
    computed_nodes = raw.get("beregn") if isinstance(raw.get("beregn"), list) else []
    for i, item in enumerate(guide.computed):
        node = computed_nodes[i] if i < len(computed_nodes) else {}
        check_names(None, item.expr, val_pos(node, "udtryk"))
        cases = node.get("tilfælde") if isinstance(node, dict) else None
        for j, case in enumerate(item.cases):
            case_node = cases[j] if isinstance(cases, list) and j < len(cases) else {}
            check_names(None, case.condition, val_pos(case_node, "hvis"))

    # reachability from the start, and from every step to the end (not after a broken link:
    # what it would report follows from that one mistake)
    if guide.start in steps and not broken_links:
        seen = {guide.start}
        queue = deque([guide.start])
        while queue:
            for target in edges(guide, steps[queue.popleft()]):
                if target in steps and target not in seen:
                    seen.add(target)
                    queue.append(target)
        for step in steps.values():
            if step.id not in seen:
                err(step.id, step.pos, f"trinnet '{step.id}' kan ikke nås fra starten af guiden")
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
                err(
                    step.id,
                    step.pos,
                    f"fra trinnet '{step.id}' kan samtalen aldrig nå til "
                    "slutningen (en løkke uden udgang)",
                )

    note = raw.get("note") if isinstance(raw.get("note"), dict) else {}
    note_sections = note.get("afsnit") if isinstance(note.get("afsnit"), list) else []
    for i, spec in enumerate(guide.note.sections):
        node = note_sections[i] if i < len(note_sections) else {}
        listed = node.get("nøgler") if isinstance(node, dict) else None
        for j, key in enumerate(spec.keys):
            if key not in known:
                err(
                    None,
                    item_pos(listed, j) if listed else NOWHERE,
                    f"noten nævner '{key}', som ikke er et svar i guiden{suggest(key, known)}",
                )
    actions = guide.note.actions_key
    if actions:
        spec = keys.get(actions)
        pos = val_pos(note, "aftaler")
        if spec is None or spec.answer is None:
            err(
                None,
                pos,
                f"'aftaler' i noten peger på '{actions}', som ikke er et svar"
                f"{suggest(actions, known)}",
            )
        elif spec.answer.type != "rækker" or not set(ACTION_FIELDS) <= {
            f.key for f in spec.answer.fields
        }:
            err(
                None,
                pos,
                f"'aftaler' skal være et svar af typen rækker med felterne "
                f"{', '.join(ACTION_FIELDS)}",
            )
    for note_key, wanted in (("opfølgning", "dato"), ("opfølgning_hvem", None)):
        key = getattr(guide.note, "followup_key" if wanted else "followup_who_key")
        if not key:
            continue
        step = keys.get(key)
        if step is None or step.answer is None:
            err(
                None,
                val_pos(note, note_key),
                f"'{note_key}' i noten peger på '{key}', som ikke er et svar{suggest(key, known)}",
            )
        elif wanted and step.answer.type != wanted:
            err(None, val_pos(note, note_key), f"'{note_key}' skal være et svar af typen {wanted}")
    return problems
