"""Where the bundled guides are, and finding one by id or path."""

from __future__ import annotations

from pathlib import Path

from ..yamlkit import Problem
from .folders import guide_files, guides_dir
from .index import GuideInfo
from .loader import GuideError, load_cached, load_guide
from .model import Guide, by_use


def bundled_guides() -> list[Guide]:
    """Every bundled guide, grouped by use (samtale, teammøde, refleksion), then by title."""
    return by_use(load_cached(p) for p in guide_files())


def as_guide(entry: Guide | GuideInfo) -> Guide:
    """The full guide behind a list entry. Raises GuideError if the file has broken since."""
    return entry if isinstance(entry, Guide) else load_cached(Path(entry.path))


def find_guide(name: str) -> Guide:
    """A guide by its id, or by the path of a YAML file. Raises LookupError or GuideError."""
    path = Path(name)
    if path.suffix in (".yaml", ".yml") and path.exists():
        return load_guide(path)
    candidate = guides_dir() / f"{name}.yaml"
    if candidate.exists():
        return load_cached(candidate)
    known = ", ".join(p.stem for p in guide_files())
    raise LookupError(f"Guiden '{name}' findes ikke. Kendte guider: {known}.")


__all__ = [
    "GuideError",
    "GuideInfo",
    "Problem",
    "as_guide",
    "bundled_guides",
    "find_guide",
    "guides_dir",
    "guide_files",
    "load_cached",
]
