"""The F1 help texts in tui/help/*.md: each has its parts, and each is shown by a screen."""

from __future__ import annotations

from pathlib import Path

import assistant.tui as tui
from assistant.tui.help import HERE, sections


def test_every_help_file_has_headed_parts_of_one_paragraph_line_each() -> None:
    files = sorted(HERE.glob("*.md"))
    assert files
    for path in files:
        parts = sections(path.stem, shown=50)
        assert parts, path.name
        for heading, text in parts:
            assert heading and text.plain.strip(), path.name
            assert "\n" not in text.plain and "{" not in text.plain, path.name


def test_every_help_file_is_used_by_a_screen() -> None:
    source = "\n".join(
        p.read_text(encoding="utf-8") for p in Path(tui.__file__).parent.rglob("*.py")
    )
    unused = [p.stem for p in HERE.glob("*.md") if f'sections("{p.stem}"' not in source]
    assert unused == []
