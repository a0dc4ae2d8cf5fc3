"""A guide's flow (``diagram.Flow``) as a Mermaid ``stateDiagram-v2``, drawn by ``transitions``'
own HierarchicalGraphMachine with ``graph_engine="mermaid"`` (no Graphviz): each section a
composite state, a hub's theme sections inside the hub's section, each transition labelled.

What GraphMachine writes as it stands is changed only where Mermaid would misread it:

- state ids: Mermaid takes ``[^:\\s{-]`` in an id, so anything but ``a-z0-9_`` (a shared flow's
  name may have a hyphen) becomes ``_``, and a name Mermaid reads as a keyword gets
  a ``_`` after it; the nesting separator is ``.`` (step ids have ``_`` in them);
- labels are written with Mermaid's entity codes (``#58;``) for the characters that end or
  break them: ``"`` in a state's label (it is in quotes), ``:`` and ``;`` in a transition's
  (it runs to the end of the line), ``<`` (the start of an HTML tag when drawn) and ``#`` (the
  start of an entity code) in both;
- the front matter GraphMachine writes holds the bare title, which YAML reads as a mapping as
  soon as it has a colon; it becomes ``title: "…"``.
"""

from __future__ import annotations

import json
import re
from typing import Any

from transitions.extensions.diagrams import HierarchicalGraphMachine
from transitions.extensions.nesting import NestedState

from ..dialogue.model import END
from .diagram import END_TITLE, Flow, FlowSection

SEPARATOR = "."
# words Mermaid's state diagram lexer reads as keywords (case-insensitive) where an id may stand
_KEYWORDS = {
    "state",
    "note",
    "class",
    "classdef",
    "style",
    "direction",
    "hide",
    "scale",
    "click",
    "acctitle",
    "accdescr",
    "as",
    "end",
    "default",
}
_ENTITIES = {"#": "#35;", '"': "#quot;", ":": "#58;", ";": "#59;", "<": "#lt;"}
_STATE_BREAKS = '#"<'  # a state's label is in quotes: only a quote ends it
_EDGE_BREAKS = "#:;<"  # a transition's label runs to the end of the line, or a colon or ;


class _LabelledState(NestedState):
    """A nested state with a label for the diagram (MarkupMachine reads ``label``)."""

    separator = SEPARATOR

    def __init__(self, *args: Any, label: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if label:
            self.label = label


class _DiagramMachine(HierarchicalGraphMachine):
    state_cls = _LabelledState


class _Model:
    """The one model the machine draws (its state is where the guide starts)."""


def text(value: str, breaks: str = _EDGE_BREAKS) -> str:
    """``value`` on one line, with the characters in ``breaks`` (those that would end or break
    the label) as Mermaid entity codes."""
    one_line = " ".join(value.split())
    return "".join(_ENTITIES[ch] if ch in breaks else ch for ch in one_line)


def state_text(value: str) -> str:
    return text(value, _STATE_BREAKS)


def _safe(name: str, taken: set[str]) -> str:
    safe = re.sub(r"[^a-z0-9_]", "_", name.lower()) or "_"
    if safe in _KEYWORDS:
        safe += "_"
    candidate, n = safe, 1
    while candidate in taken:
        n += 1
        candidate = f"{safe}_{n}"
    taken.add(candidate)
    return candidate


def mermaid(flow: Flow) -> str:
    """The flow as the text of a Mermaid ``stateDiagram-v2``."""
    paths: dict[str, str] = {}  # step id -> the state's full name in the machine

    def section(sec: FlowSection, prefix: str, taken: set[str]) -> dict[str, Any]:
        name = _safe(sec.id, taken)
        inner: set[str] = set()
        children: list[dict[str, Any]] = []
        for step in sec.steps:
            step_name = _safe(step.id, inner)
            paths[step.id] = prefix + name + SEPARATOR + step_name
            children.append({"name": step_name, "label": state_text(step.title)})
        for step in sec.steps:
            for theme in step.themes:
                children.append(section(theme, prefix + name + SEPARATOR, inner))
        return {"name": name, "label": state_text(sec.label), "children": children}

    top: set[str] = {END}
    states: list[dict[str, Any]] = [section(s, "", top) for s in flow.sections]
    states.append({"name": END, "label": state_text(END_TITLE), "final": True})
    paths[END] = END
    machine = _DiagramMachine(
        model=None,
        states=states,
        initial=paths[flow.start],
        auto_transitions=False,
        graph_engine="mermaid",
        title=flow.title,
    )
    for i, edge in enumerate(flow.edges):
        machine.add_transition(
            f"e{i}", paths[edge.source], paths[edge.dest], label=text(edge.label)
        )
    model = _Model()
    machine.add_model(model)  # the graph is made once, now that every transition is in
    source: str = model.get_graph(title=flow.title).draw(None)  # type: ignore[attr-defined]
    lines = source.split("\n")
    if lines[:1] == ["---"] and lines[2:3] == ["---"]:
        lines[1] = "title: " + json.dumps(flow.title, ensure_ascii=False)
    return "\n".join(line.rstrip() for line in lines) + "\n"
