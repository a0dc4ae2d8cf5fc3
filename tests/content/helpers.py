"""Helpers for the content tests of single guides: walking a guide to its end through the
session API, and reading every text a guide shows."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from assistant.dialogue.library import find_guide
from assistant.dialogue.model import Guide
from assistant.notes.model import Note
from assistant.notes.store import Store
from assistant.session import Session

from ..seeds import SEEDS


def walk_to_end(session: Session, answers: dict[str, str], limit: int = 200) -> list[str]:
    """Answer every step from ``answers`` (by answer key; information steps with nothing) until
    the guide ends, and return the ids of the steps seen. An unexpected step fails the test."""
    seen: list[str] = []
    for _ in range(limit):
        step = session.step
        if step is None:
            return seen
        seen.append(step.id)
        assert not step.is_hub
        if step.answer is None:
            text = ""
        elif step.answer.key in answers:
            text = answers[step.answer.key]
        else:
            pytest.fail(f"unexpected step {step.id}")
        outcome = session.answer(text)
        assert outcome.ok, (step.id, outcome.message)
    pytest.fail("the guide did not end")


def completed_note(
    store: Store,
    guide_id: str,
    answers: dict[str, str],
    first: str,
    borger: str = "Stue 12",
    medarbejder: str = "KB",
) -> Note:
    """Walk a bundled guide from its first step (``first``) to a completed note."""
    session = Session.start(store, find_guide(guide_id), borger=borger, medarbejder=medarbejder)
    seen = walk_to_end(session, answers)
    assert seen[0] == first
    assert session.complete().ok
    assert session.status == "completed"
    return session.note()


def cited_seeds(guide: Guide) -> set[str]:
    """The numbers of the seeds a guide cites; each source names a seed file that exists."""
    cited = set()
    for source in guide.sources:
        number = source.split()[0]
        assert re.fullmatch(r"00\d", number), source
        assert list(SEEDS.glob(f"{number}_*.txt")), source
        cited.add(number)
    return cited


# Keys whose values are ids, answer values or conditions, not text a person reads.
NOT_TEXT = frozenset({"id", "nøgle", "værdi", "gå_til", "hvis", "kilder", "temaer", "tema"})


def texts(node: Any, key: str | None = None, skip: frozenset[str] = NOT_TEXT) -> Iterator[str]:
    """Every user-visible string in a parsed guide file (the values under ``skip`` left out)."""
    if key in skip:
        return
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for k, value in node.items():
            yield from texts(value, k, skip)
    elif isinstance(node, list):
        for value in node:
            yield from texts(value, key, skip)


def danish_hunspell() -> bool:
    """Whether hunspell with the Danish dictionary (da_DK) is installed."""
    if shutil.which("hunspell") is None:
        return False
    found = subprocess.run(["hunspell", "-D"], input="", capture_output=True, text=True)
    return "da_DK" in found.stdout + found.stderr


needs_hunspell = pytest.mark.skipif(
    not danish_hunspell(), reason="hunspell with the Danish dictionary is not installed"
)


def unknown_words(words: Iterable[str]) -> list[str]:
    """The words hunspell's Danish dictionary does not know, in the order given."""
    result = subprocess.run(
        ["hunspell", "-d", "da_DK", "-l"],
        input="\n".join(words),
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "LC_ALL": "C.UTF-8"},
    )
    return result.stdout.split()


def assert_beboer_wording(path: Path, quoted: tuple[str, ...] = ()) -> None:
    """A nursing-home guide speaks of a "beboer", never a "borger", and names the resident at
    most once per sentence. The sources (`kilder`) and the seed's own words in ``quoted`` may
    say "borger"."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for text in texts(data):
        flat = " ".join(text.split())
        for words in quoted:
            flat = flat.replace(words, "")
        assert not re.search(r"\b[Bb]orger(en|ens|e|s|ne|nes)?\b", flat), flat
        for sentence in re.split(r"(?<=[.?!])\s+", flat):
            assert len(re.findall(r"\b[Bb]eboer(en|ens)\b", sentence)) <= 1, sentence
