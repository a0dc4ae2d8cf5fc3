"""The rules all personas share, read from assistant/roleplay/persona/rules.yaml."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.roleplay.codes import Code
from assistant.roleplay.persona import debrief_text, find_persona
from assistant.roleplay.persona import rules as rm
from assistant.roleplay.persona.rules import RULES_FILE, RulesError, load_rules

SHIPPED = RULES_FILE.read_text(encoding="utf-8")


def edited(tmp_path: Path, old: str, new: str) -> Path:
    """A copy of the shipped rules with one line changed."""
    assert SHIPPED.count(old) == 1, old
    path = tmp_path / "rules.yaml"
    path.write_text(SHIPPED.replace(old, new), encoding="utf-8")
    return path


def line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


def problems(path: Path) -> list[str]:
    with pytest.raises(RulesError) as caught:
        load_rules(path)
    assert str(caught.value) == "\n".join(str(p) for p in caught.value.problems)
    return [str(p) for p in caught.value.problems]


def test_the_shipped_rules_load_and_are_the_module_constants():
    rules = load_rules()
    assert rules == rm.RULES
    assert rm.POINTS == rules.points and rm.COMMON_WORDS == rules.common_words
    assert (rm.RISE_STREAK, rm.RISE_POINTS, rm.CLOSED_RUN) == (
        rules.rise_streak,
        rules.rise_points,
        rules.closed_run,
    )
    assert all(isinstance(code, Code) for code in rules.points)


def test_the_debrief_describes_the_points_in_the_rules():
    # The debrief names the points in words; this fails when rules.yaml changes and it does not.
    described = {
        Code.COMPLEX_REFLECTION: 2,
        Code.SUMMARY: 2,
        Code.SIMPLE_REFLECTION: 1,
        Code.AFFIRMATION: 1,
        Code.SEEKING_COLLABORATION: 1,
        Code.EMPHASIZING_AUTONOMY: 1,
        Code.OPEN_QUESTION: 1,
    }
    assert rm.POINTS == described
    text = debrief_text(find_persona("else"))
    assert f"efter {rm.RISE_STREAK} gode ytringer i træk med mindst {rm.RISE_POINTS} point" in text
    assert f"{rm.CLOSED_RUN} lukkede spørgsmål i træk" in text


@pytest.mark.parametrize(
    ("old", "new", "marker", "message"),
    [
        (
            "    summary: 2",
            "    sumary: 2",
            "sumary",
            "'sumary' i 'point' er ikke en kode – mente du 'summary'?; gyldige koder: ",
        ),
        (
            "  gode_i_træk: 3",
            "  gode_i_træk: tre",
            "gode_i_træk",
            "'gode_i_træk' i 'åbenhed' skal være et helt tal",
        ),
        (
            "  lukkede_i_træk: 3",
            "  lukkede_i_træk: 0",
            "lukkede_i_træk",
            "'lukkede_i_træk' i 'åbenhed' skal være mindst 1",
        ),
        (
            "    affirmation: 1",
            "    affirmation: -1",
            "affirmation",
            "'affirmation' i 'point' skal være mindst 0",
        ),
        (
            "  reaktioner: 3  #",
            "  reaktionerne: 3  #",
            "reaktionerne",
            "ukendt nøgle 'reaktionerne' i 'mindst' – mente du 'reaktioner'?",
        ),
        (
            "  alle, andre,",
            "  alle, alle, andre,",
            "alle, alle",
            "ordet 'alle' står der allerede i 'almindelige_ord'",
        ),
        (
            "  alle, andre,",
            "  Alle, andre,",
            "Alle",
            "ord 1 i 'almindelige_ord' skal være ét ord med små bogstaver",
        ),
    ],
)
def test_a_bad_entry_is_named_with_file_and_line(
    tmp_path: Path, old: str, new: str, marker: str, message: str
):
    path = edited(tmp_path, old, new)
    found = [p for p in problems(path) if message in p]
    assert len(found) == 1, found
    assert found[0].startswith(f"{path}:{line_of(path, marker)}:"), found


def test_a_missing_section_and_a_broken_file(tmp_path: Path):
    path = edited(tmp_path, "mindst:\n", "mindst_:\n")
    found = problems(path)
    assert any("ukendt nøgle 'mindst_' i reglerne – mente du 'mindst'?" in p for p in found)
    assert any(re.search(r"reglerne mangler det påkrævede felt 'mindst'$", p) for p in found)

    path.write_text("åbenhed: [\n", encoding="utf-8")
    (only,) = problems(path)
    assert only.startswith(f"{path}:") and "YAML-fejl" in only
