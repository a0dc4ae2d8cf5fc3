"""Spelling of the bundled guides and personas: hunspell with the Danish dictionary (da_DK) may
find fewer than 1% unknown lower-case words in any file. Names (capitalised) are left out; ids and
answer values count, which is why a few 'ae'/'oe' spellings show up in the unknown words.

Needs `hunspell` and `hunspell-da` (Debian packages; .ci/run installs them). Locally the test
skips without them; in CI (CI set) a missing dictionary is a failure."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml

from ..conftest import ROOT
from .helpers import danish_hunspell, texts, unknown_words

DIALOGUES = ROOT / "dialogues"
MOST_UNKNOWN = 0.01
WORD = re.compile(r"\b[^\W\d_]+\b")


def every_string(data: object) -> list[str]:
    """Every string in the file, ids and answer values included."""
    return list(texts(data, skip=frozenset()))


if not danish_hunspell():
    if os.environ.get("CI"):
        raise RuntimeError("CI: hunspell with da_DK is missing (apt-get install hunspell-da)")
    pytest.skip("hunspell with the Danish dictionary is not installed", allow_module_level=True)


FILES = sorted(DIALOGUES.rglob("*.yaml"))


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(DIALOGUES)) for p in FILES])
def test_fewer_than_one_percent_unknown_lower_case_words(path: Path) -> None:
    text = "\n".join(every_string(yaml.safe_load(path.read_text(encoding="utf-8"))))
    words = [w for w in WORD.findall(text) if w[0].islower()]
    assert len(words) > 100, "too little text to judge"
    missing = unknown_words(words)
    share = len(missing) / len(words)
    assert share < MOST_UNKNOWN, f"{share:.1%} unknown: {sorted(set(missing))}"


def test_the_check_catches_a_misspelling() -> None:
    assert unknown_words(["hverdagen", "beboeren", "samtalen"]) == []
    assert unknown_words(["hverdagne", "beobeeren"]) == ["hverdagne", "beobeeren"]
