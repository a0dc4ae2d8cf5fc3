"""The coach's data files: the bundled ones load, every kind of mistake in them is reported in
Danish with file and line, and an edited word list changes how the coach codes."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from assistant.roleplay.coach import CoachDataError, classify, load, using_data
from assistant.roleplay.coach.loader import (
    DATA_DIR,
    MESSAGES,
    PATTERNS,
    WORD_LISTS,
    WORD_MAPS,
)
from assistant.roleplay.codes import Code


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of the bundled data directory to break."""
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    return copy


def edit(path: Path, old: str, new: str) -> int:
    """Replace the first `old` in the file with `new`; the 1-based line where it was."""
    text = path.read_text(encoding="utf-8")
    at = text.index(old)
    path.write_text(text[:at] + new + text[at + len(old) :], encoding="utf-8")
    return text.count("\n", 0, at) + 1


def error_of(directory: Path) -> str:
    with pytest.raises(CoachDataError) as caught:
        load(directory)
    return str(caught.value)


def test_the_bundled_data_loads_with_every_name():
    data = load()
    assert set(data.words) == WORD_LISTS and set(data.maps) == WORD_MAPS
    assert set(data.patterns) == PATTERNS and set(data.in_order) == {"advice"}
    assert set(data.messages) == set(MESSAGES)
    assert load() is data  # read and compiled once


def test_fragments_are_composed_into_the_patterns():
    data = load()
    # {particles} in "\bdet passer {particles}ikke\b" is replaced by the fragment
    assert "{" + "particles}" not in data.patterns["confront"].pattern
    assert data.patterns["confront"].search("det passer jo bare ikke")


def test_an_unknown_fragment_is_named_with_file_and_line(data: Path):
    line = edit(data / "patterns.yaml", "{particles}", "{partikler}")
    message = error_of(data)
    assert message.startswith(f"{data / 'patterns.yaml'}:{line}: ")
    assert "ukendt stykke {partikler}" in message


def test_a_fragment_that_refers_to_itself_is_an_error(data: Path):
    line = edit(data / "patterns.yaml", "  particles: '", "  particles: '{particles}")
    message = error_of(data)
    assert f"patterns.yaml:{line}: " in message and "henviser til sig selv" in message


def test_a_regex_that_does_not_compile_is_named_with_file_and_line(data: Path):
    line = edit(data / "patterns.yaml", "  scale: '", "  scale: '(?:")
    message = error_of(data)
    assert message.startswith(f"{data / 'patterns.yaml'}:{line}: ")
    assert "mønstret 'scale' er ikke et gyldigt regulært udtryk" in message


def test_a_broken_alternative_is_named_at_its_own_line(data: Path):
    line = edit(data / "patterns.yaml", r"    - '\bdu (?:tager", r"    - '(\bdu (?:tager")
    assert f"patterns.yaml:{line}: mønstret 'confront'" in error_of(data)


def test_a_missing_pattern_is_named(data: Path):
    edit(data / "patterns.yaml", "  scale: '", "  skala: '")
    message = error_of(data)
    assert "ukendt mønster 'skala'" in message and "patterns.yaml:" in message


def test_a_missing_message_key_is_named_with_file_and_line(data: Path):
    text = (data / "messages.yaml").read_text(encoding="utf-8")
    kept = [line for line in text.splitlines() if not line.startswith("  feedback_no_summary:")]
    (data / "messages.yaml").write_text("\n".join(kept) + "\n", encoding="utf-8")
    message = error_of(data)
    assert re.search(r"messages\.yaml:\d+: tekster mangler: feedback_no_summary$", message)


def test_a_message_must_keep_its_placeholders(data: Path):
    line = edit(data / "messages.yaml", "{share}", "{andel}")
    message = error_of(data)
    assert f"messages.yaml:{line}: teksten 'feedback_word_share'" in message
    assert "{share}" in message


def test_a_threshold_must_be_a_number(data: Path):
    line = edit(data / "messages.yaml", "min_questions: 5", "min_questions: fem")
    assert f"messages.yaml:{line}: 'min_questions' skal være et helt tal" in error_of(data)


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("finite_verbs\n", "to felt, liste og ord"),
        ("finite_verbs\tgik\tgå\n", "to felt, liste og ord"),
        ("finite_verbs\tto ord\n", "forventede ét ord"),
        ("infinitives\tgik\n", "tre felter, liste, ord og værdi"),
        ("verber\tgik\n", "ukendt liste 'verber'"),
        ("finite_verbs\thar\n", "'har' står to gange i listen 'finite_verbs' (første gang i"),
    ],
)
def test_a_malformed_tsv_row_is_named_with_file_and_line(data: Path, row: str, expected: str):
    words = data / "words.tsv"
    text = words.read_text(encoding="utf-8")
    words.write_text(text + row, encoding="utf-8")  # a row at the end of the file
    line = text.count("\n") + 1
    message = error_of(data)
    assert message.startswith(f"{data / 'words.tsv'}:{line}: ")
    assert expected in message


def test_the_tsv_header_is_checked(data: Path):
    edit(data / "words.tsv", "list\tword\tvalue", "liste\tord")
    assert f"{data / 'words.tsv'}:1: første linje" in error_of(data)


def test_a_missing_word_list_is_named(data: Path):
    text = (data / "words.tsv").read_text(encoding="utf-8")
    kept = [line for line in text.splitlines() if not line.startswith("greetings\t")]
    (data / "words.tsv").write_text("\n".join(kept) + "\n", encoding="utf-8")
    assert "listen mangler: greetings" in error_of(data)


def test_a_changed_word_changes_a_classification(data: Path):
    # Without a question mark, "gik du ..." is a question by its word order: verb, then subject.
    utterance = "Gik du en tur i går"
    assert classify(utterance).code is Code.CLOSED_QUESTION
    edit(data / "words.tsv", "finite_verbs\tgik\n", "")
    with using_data(data):
        assert classify(utterance).code is not Code.CLOSED_QUESTION
    assert classify(utterance).code is Code.CLOSED_QUESTION  # the bundled data again


def test_broken_yaml_is_named_with_file_and_line(data: Path):
    line = edit(data / "messages.yaml", "  level_good: 'god'", "  level_good: 'god")
    message = error_of(data)
    assert f"{data / 'messages.yaml'}:" in message and "ugyldig YAML" in message
    assert int(message.split(":")[1]) >= line
