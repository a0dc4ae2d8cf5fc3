"""3. Loading and compiling guides, fresh, against PyYAML's C loader plus a bare machine.

Samtale: ``load_guide`` (read, parse with positions, inline flows, build, validate) and
``CompiledGuide`` for every bundled guide, then for one generated guide. Both are called
directly, so neither the library's ``lru_cache`` nor ``compile_guide``'s cache is used.
Baseline: the same files (each guide and the flow files it includes) parsed with
``yaml.CSafeLoader``, plus a bare ``transitions.Machine`` with as many states and transitions
as the compiled guide, ``auto_transitions=False``.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from transitions import Machine

from assistant.dialogue.library import guide_files
from assistant.dialogue.loader import load_guide
from assistant.engine.machine import CompiledGuide

from .harness import Config, Row, interleaved, median, timed
from .longguide import write_guide

TARGET = 2.0


def c_loader() -> tuple[type, str]:
    loader = getattr(yaml, "CSafeLoader", None)
    if loader is not None and getattr(yaml, "__with_libyaml__", False):
        return loader, "yaml.CSafeLoader"
    return yaml.SafeLoader, "yaml.SafeLoader (libyaml is not available, so no C loader)"


def flow_files(path: Path) -> list[Path]:
    """The flow files a guide includes (``- forløb: NAME`` lines), as the loader finds them."""
    names = []
    for line in path.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if stripped.startswith("- forløb:"):
            names.append(stripped.split(":", 1)[1].strip())
    return [path.parent / "flows" / f"{name}.yaml" for name in names]


def machine_size(compiled: CompiledGuide) -> tuple[int, int]:
    machine = compiled.machine
    transitions = sum(
        len(ts) for event in machine.events.values() for ts in event.transitions.values()
    )
    return len(machine.states), transitions


def bare_machine(states: int, transitions: int) -> Machine:
    names = [f"s{i}" for i in range(states)]
    edges = [
        {
            "trigger": "advance" if i < states else f"t{i}",
            "source": names[i % states],
            "dest": names[(i + 1) % states],
        }
        for i in range(transitions)
    ]
    return Machine(
        model=None,
        states=names,
        transitions=edges,
        initial=names[0],
        auto_transitions=False,
    )


class Workload:
    """A list of guide files; Samtale's and the baseline's way of loading them all."""

    def __init__(self, paths: list[Path]) -> None:
        self.paths = paths
        self.loader, self.loader_name = c_loader()
        self.files = [[p, *flow_files(p)] for p in paths]
        compiled = [CompiledGuide(load_guide(p)) for p in paths]  # also checks they load
        self.sizes = [machine_size(c) for c in compiled]
        self.steps = sum(len(c.guide.steps) for c in compiled)

    def samtale(self) -> None:
        for path in self.paths:
            CompiledGuide(load_guide(path))

    def baseline(self) -> None:
        for files, (states, transitions) in zip(self.files, self.sizes, strict=True):
            for file in files:
                yaml.load(file.read_text(encoding="utf-8"), Loader=self.loader)  # noqa: S506
            bare_machine(states, transitions)


def measure(name: str, work: Workload, runs: int, what: str) -> Row:
    subject, baseline = interleaved(lambda: timed(work.samtale), lambda: timed(work.baseline), runs)
    states = sum(s for s, _ in work.sizes)
    transitions = sum(t for _, t in work.sizes)
    return Row(
        name,
        median(subject),
        median(baseline),
        TARGET,
        subject_what=f"load_guide + CompiledGuide of {what}, no caches",
        baseline_what=(
            f"the same YAML files parsed with {work.loader_name} + bare transitions.Machine "
            f"of the same size ({states} states, {transitions} transitions in all)"
        ),
        notes=[f"Median of {runs} interleaved runs."],
    )


def run(cfg: Config) -> list[Row]:
    bundled = guide_files()
    cfg.log(f"guides: {len(bundled)} bundled guides")
    rows = [
        measure(
            "guides-bundled",
            Workload(bundled),
            3 if cfg.quick else 15,
            f"all {len(bundled)} bundled guides with their flows",
        )
    ]
    steps = 200 if cfg.quick else 5000
    cfg.log(f"guides: generating a {steps}-step guide")
    path = write_guide(cfg.workdir / "generated", steps)
    work = Workload([path])
    rows.append(
        measure(
            "guide-generated",
            work,
            3 if cfg.quick else 7,
            f"one generated guide of {work.steps} steps ({path.stat().st_size // 1024} KiB YAML)",
        )
    )
    return rows
