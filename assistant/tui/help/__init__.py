"""The help texts of the screens (F1), as Markdown files a trainer can read and correct.

Each ``<screen>.md`` holds one or more parts: a ``# heading`` and the paragraphs under it. Lines
of a paragraph are joined with spaces, so the files can be wrapped freely."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from rich.text import Text

HERE = Path(__file__).parent


@cache
def _parts(name: str) -> tuple[tuple[str, str], ...]:
    parts: list[tuple[str, list[str]]] = []
    for block in (HERE / f"{name}.md").read_text(encoding="utf-8").split("\n\n"):
        block = block.strip()
        if block.startswith("# "):
            heading, _, block = block.partition("\n")
            parts.append((heading[2:].strip(), []))
        if block:
            parts[-1][1].append(" ".join(line.strip() for line in block.splitlines()))
    return tuple((heading, "\n\n".join(paragraphs)) for heading, paragraphs in parts)


def sections(name: str, **values: object) -> list[tuple[str, Text]]:
    """The help parts of one screen, ``{name}`` in the text filled in from ``values``."""
    return [
        (heading, Text(text.format(**values) if values else text)) for heading, text in _parts(name)
    ]


__all__ = ["sections"]
