"""Reading guide files into the model, collecting every problem as ``file:line:col: message``.

The entry points: check, load and rebuild a guide from a session's snapshot (one ``FileType`` of
``yamlkit``), and a cache of loaded guides. The building is in ``build_guide``, ``build_steps``
and ``build_answers``, the checks across a whole guide in ``validate``.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..yamlkit import FileType, Problem, canonical
from .build_guide import GuideBuilder
from .flows import inline_flows
from .model import Guide
from .validate import validate


class GuideError(Exception):
    """A guide that cannot be used; ``problems`` says every reason."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def build(raw: Any, path: Path | None, problems: list[Problem]) -> Guide | None:
    content = canonical(raw)
    builder = GuideBuilder(path)
    guide = builder.guide(raw, hashlib.sha256(content.encode()).hexdigest()[:16], content)
    problems.extend(builder.problems)
    if guide is not None:
        problems.extend(validate(guide, raw, builder.step_file, builder.current))
    return guide


GUIDES = FileType(build, GuideError, inline_flows)


def check_file(path: Path) -> tuple[Guide | None, list[Problem]]:
    """Load and validate one guide file: the guide (if it could be built) and every problem."""
    return GUIDES.check(path)


def load_guide(path: Path) -> Guide:
    return GUIDES.load(path)


def guide_from_content(content: str) -> Guide:
    """Rebuild a guide from the snapshot a session stored when it started."""
    return GUIDES.from_content(content)


@lru_cache(maxsize=64)
def _load_cached(path: Path, mtime_ns: int) -> Guide:
    return load_guide(path)


def load_cached(path: Path) -> Guide:
    """Load a guide once per file version."""
    return _load_cached(path, path.stat().st_mtime_ns)


__all__ = [
    "Problem",
    "GuideError",
    "build",
    "check_file",
    "load_guide",
    "load_cached",
    "guide_from_content",
]
