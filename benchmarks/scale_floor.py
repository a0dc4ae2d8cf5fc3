"""The floor for ``bench_scale``: what reading a guide costs at the least, in a fresh interpreter.

``python benchmarks/scale_floor.py GUIDE [FLOW ...]``: parse each file with PyYAML's C loader
(``yaml.load(text, Loader=yaml.CSafeLoader)``) and build a bare ``transitions`` Machine with the
same states as the guide (its step ids and the end), ``auto_transitions=False``. Samtale is not
imported. Prints the number of states.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml
from transitions import Machine


def step_ids(document: dict) -> list[str]:
    sections = document.get("afsnit", [document])  # a flow file is one section
    return [step["id"] for section in sections for step in section.get("trin", []) or []]


def main(paths: list[str]) -> int:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    states: list[str] = []
    for path in paths:
        document = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=loader)  # noqa: S506
        states += step_ids(document)
    states.append("slut")
    Machine(model=None, states=states, initial=states[0], auto_transitions=False)
    print(len(states))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
