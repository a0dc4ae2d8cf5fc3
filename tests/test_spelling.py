"""Spelling of the bundled guides and personas: hunspell with the Danish dictionary (da_DK) may
find fewer than 1% unknown lower-case words in any file. Names (capitalised) are left out; ids and
answer values count, which is why a few 'ae'/'oe' spellings show up in the unknown words.

Needs `hunspell` and `hunspell-da` (Debian packages; .ci/run installs them). Locally the test
skips without them; in CI (CI set) a missing dictionary is a failure."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
DIALOGUES = ROOT / "dialogues"
MOST_UNKNOWN = 0.01
WORD = re.compile(r"\b[^\W\d_]+\b")


def danish_hunspell() -> bool:
    if shutil.which("hunspell") is None:
        return False
    found = subprocess.run(
        ["hunspell", "-D"], input="", capture_output=True, text=True, check=False
    )
    return "da_DK" in found.stdout + found.stderr


if not danish_hunspell():
    if os.environ.get("CI"):
        raise RuntimeError("CI: hunspell with da_DK is missing (apt-get install hunspell-da)")
    pytest.skip("hunspell with the Danish dictionary is not installed", allow_module_level=True)


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def unknown(words: list[str]) -> list[str]:
    result = subprocess.run(
        ["hunspell", "-d", "da_DK", "-l"],
        input="\n".join(words),
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "LC_ALL": "C.UTF-8"},
    )
    return result.stdout.split()


FILES = sorted(DIALOGUES.rglob("*.yaml"))


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(DIALOGUES)) for p in FILES])
def test_fewer_than_one_percent_unknown_lower_case_words(path: Path) -> None:
    text = "\n".join(strings(yaml.safe_load(path.read_text(encoding="utf-8"))))
    words = [w for w in WORD.findall(text) if w[0].islower()]
    assert len(words) > 100, "too little text to judge"
    missing = unknown(words)
    share = len(missing) / len(words)
    assert share < MOST_UNKNOWN, f"{share:.1%} unknown: {sorted(set(missing))}"


def test_the_check_catches_a_misspelling() -> None:
    assert unknown(["hverdagen", "beboeren", "samtalen"]) == []
    assert unknown(["hverdagne", "beobeeren"]) == ["hverdagne", "beobeeren"]
