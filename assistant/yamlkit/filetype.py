"""One check/load/snapshot routine for any YAML file type (a guide, a persona, ...).

A file type is a ``build`` function (positioned YAML data, the file's path or None for a stored
snapshot, the list to add problems to → the built object or None) and the exception that says a
file cannot be used. Checking reads the file, lets ``prepare`` change the data in place (a guide
inlines its shared flows), builds it and returns every problem; loading raises on any problem;
``from_content`` rebuilds the object from the canonical JSON snapshot a session stored.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from .problems import Problem
from .read import read_raw
from .yamlpos import gc_paused

T = TypeVar("T")


@dataclass(frozen=True)
class FileType(Generic[T]):
    build: Callable[[Any, Path | None, list[Problem]], T | None]
    error: Callable[[list[Problem]], Exception]
    prepare: Callable[[Any, Path, list[Problem]], None] | None = None

    def check(self, path: Path) -> tuple[T | None, list[Problem]]:
        """The object (if it could be built) and every problem in its file, sorted."""
        problems: list[Problem] = []
        with gc_paused():
            raw = read_raw(path, problems)
            if raw is None:
                return None, problems
            if self.prepare is not None:
                self.prepare(raw, path, problems)
            built = self.build(raw, path, problems)
        return built, sorted(set(problems))

    def load(self, path: Path) -> T:
        """The object in one file; raises ``error`` with every problem."""
        built, problems = self.check(path)
        if problems or built is None:
            raise self.error(problems)
        return built

    def from_content(self, content: str) -> T:
        """Rebuild the object from the snapshot (canonical JSON) a session stored."""
        problems: list[Problem] = []
        with gc_paused():
            built = self.build(json.loads(content), None, problems)
        if built is None or problems:
            raise self.error(problems)
        return built
