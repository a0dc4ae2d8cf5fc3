"""Helpers for the content tests of single guides: walking a guide to its end through the
session API, and reading every text a guide shows."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from assistant.session import Session


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


def texts(node: Any) -> Iterator[str]:
    """Every string in a parsed YAML file."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from texts(value)
    elif isinstance(node, list):
        for value in node:
            yield from texts(value)


def assert_beboer_wording(path: Path, quoted: tuple[str, ...] = ()) -> None:
    """A nursing-home guide speaks of a "beboer", never a "borger", and names the resident at
    most once per sentence. The sources (`kilder`) and the seed's own words in ``quoted`` may
    say "borger"."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.pop("kilder", None)
    for text in texts(data):
        flat = " ".join(text.split())
        for words in quoted:
            flat = flat.replace(words, "")
        assert not re.search(r"\b[Bb]orger(en|ens|e|s|ne|nes)?\b", flat), flat
        for sentence in re.split(r"(?<=[.?!])\s+", flat):
            assert len(re.findall(r"\b[Bb]eboer(en|ens)\b", sentence)) <= 1, sentence
