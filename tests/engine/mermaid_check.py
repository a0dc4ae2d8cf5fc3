"""A structural check of Mermaid stateDiagram-v2 text as ``samtale diagram`` writes it (no
Mermaid renderer is needed): the front matter and header, every line one of the forms Mermaid
reads, composite blocks balanced and nested by id, every state a transition names declared,
ids that Mermaid's lexer takes whole, labels that nothing inside can end early, one start."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

ID = r"[A-Za-z0-9_.]+"  # Mermaid ends an id at a hyphen, a colon, a space or a brace
_STATE = re.compile(rf'state "([^"]*)" as ({ID})')
_BLOCK = re.compile(rf"state ({ID}) \{{")
_EDGE = re.compile(rf"(\[\*\]|{ID}) --> (\[\*\]|{ID})(?:: ([^:;]+))?")
_EDGE_WHOLE = re.compile(rf"(\[\*\]|{ID}) --> (\[\*\]|{ID})(?:: (.+))?")
_CLASS = re.compile(rf"(Class {ID} \w+|classDef \w+ \S+)")
_DIRECTION = re.compile(r"direction (LR|RL|TB|BT)")
_TAG = re.compile(r"<[A-Za-z/!]")  # drawn as HTML, this would start a tag
_NAMED = {"quot": '"', "lt": "<", "gt": ">", "amp": "&"}


def decode(text: str) -> str:
    """Mermaid's entity codes (``#58;``, ``#quot;``) back to characters."""

    def one(match: re.Match[str]) -> str:
        code = match.group(1)
        return chr(int(code)) if code.isdigit() else _NAMED.get(code, match.group(0))

    return re.sub(r"#(\w+);", one, text)


@dataclass
class Diagram:
    title: str = ""
    states: dict[str, str] = field(default_factory=dict)  # id -> label (decoded)
    composites: set[str] = field(default_factory=set)
    edges: list[tuple[str, str, list[str]]] = field(default_factory=list)  # labels decoded
    starts: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def parse(text: str) -> Diagram:
    d = Diagram()
    lines = text.split("\n")
    if lines[:1] != ["---"] or lines[2:3] != ["---"] or not lines[1].startswith("title: "):
        d.problems.append("no front matter with a title")
    else:
        try:
            d.title = json.loads(lines[1][len("title: ") :])
        except ValueError:
            d.problems.append(f"title is not a quoted string: {lines[1]}")
    if lines[3:4] != ["stateDiagram-v2"]:
        d.problems.append("no stateDiagram-v2 header")
    blocks: list[str] = []
    for number, raw in enumerate(lines[4:], 5):
        line = raw.strip()
        where = f"line {number}: {line}"
        if not line or _CLASS.fullmatch(line) or _DIRECTION.fullmatch(line):
            continue
        if line == "}":
            if not blocks:
                d.problems.append(f"{where}: closes no block")
            else:
                blocks.pop()
            continue
        if m := _BLOCK.fullmatch(line):
            if m.group(1) not in d.states:
                d.problems.append(f"{where}: block of an undeclared state")
            blocks.append(m.group(1))
            d.composites.add(m.group(1))
            continue
        if m := _STATE.fullmatch(line):
            label, state = m.groups()
            if state in d.states:
                d.problems.append(f"{where}: declared twice")
            parent = blocks[-1] + "." if blocks else ""
            if not state.startswith(parent) or "." in state[len(parent) :]:
                d.problems.append(f"{where}: not nested under {blocks[-1] if blocks else 'top'}")
            if _TAG.search(label):
                d.problems.append(f"{where}: label holds an HTML tag")
            d.states[state] = decode(label)
            continue
        # Mermaid reads the entity codes (with their ';') before the diagram itself
        if _EDGE.fullmatch(re.sub(r"#\w+;", "#", line)):
            m = _EDGE_WHOLE.fullmatch(line)
            assert m is not None
            source, dest, label = m.groups()
            if label and _TAG.search(label):
                d.problems.append(f"{where}: label holds an HTML tag")
            if source == "[*]":
                if blocks:
                    d.problems.append(f"{where}: a start inside a block")
                d.starts.append(dest)
            labels = [decode(part.strip()) for part in (label or "").split(" | ") if part]
            d.edges.append((source, dest, labels))
            continue
        d.problems.append(f"{where}: not a line Mermaid reads here")
    if blocks:
        d.problems.append(f"blocks left open: {blocks}")
    for source, dest, _ in d.edges:
        for state in (source, dest):
            if state != "[*]" and state not in d.states:
                d.problems.append(f"transition names an undeclared state: {state}")
    if len(d.starts) != 1:
        d.problems.append(f"{len(d.starts)} starts ([*] -->), not one")
    return d
