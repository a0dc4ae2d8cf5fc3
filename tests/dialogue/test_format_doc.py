"""The trainers' guide to the format (dialogues/README.md) stays true to the loader.

Its worked example must pass `samtale check` and walk to a complete note, and every key and
answer type the loader knows must be documented there.
"""

import re
import shutil
from pathlib import Path

import pytest

from assistant.dialogue import expr, loader, model, schema
from assistant.session import Session

from ..conftest import ROOT
from ..walk import walk

README = ROOT / "dialogues" / "README.md"
ACTION_PLAN = ROOT / "dialogues" / "flows" / "handlingsplan.yaml"
FENCE = "```yaml eksempel"


def readme() -> str:
    return README.read_text(encoding="utf-8")


def example() -> str:
    """The YAML between the line "```yaml eksempel" and the closing "```"."""
    lines = readme().splitlines()
    starts = [i for i, line in enumerate(lines) if line.strip() == FENCE]
    assert len(starts) == 1, f"README.md skal have præcis én blok, der starter med {FENCE}"
    body = lines[starts[0] + 1 :]
    end = next(i for i, line in enumerate(body) if line.strip() == "```")
    return "\n".join(body[:end]) + "\n"


@pytest.fixture
def example_file(tmp_path: Path) -> Path:
    text = example()
    found = re.search(r"^id:\s*(\S+)\s*$", text, re.MULTILINE)
    assert found, "eksemplet skal have et id"
    path = tmp_path / f"{found.group(1)}.yaml"
    path.write_text(text, encoding="utf-8")
    (tmp_path / "flows").mkdir()
    shutil.copy(ACTION_PLAN, tmp_path / "flows" / "handlingsplan.yaml")
    return path


def test_the_example_passes_the_check(example_file: Path):
    guide, problems = loader.check_file(example_file)
    assert guide is not None
    assert [str(p) for p in problems] == []
    assert guide.id == example_file.stem


def test_the_example_shows_what_the_readme_promises(example_file: Path):
    guide = loader.load_guide(example_file)
    kinds = {s.answer.type for s in guide.steps.values() if s.answer}
    assert {"valg", "skala"} <= kinds
    assert any(b.condition is not None for s in guide.steps.values() for b in s.branches)
    assert any(len(s.themes) >= 2 for s in guide.steps.values())
    assert any(s.flow == "handlingsplan" for s in guide.sections)
    assert guide.computed
    assert guide.note.sections and guide.note.actions_key and guide.note.followup_key


@pytest.mark.parametrize("pick", [0, -1], ids=["first-choices", "last-choices"])
def test_the_example_walks_to_a_complete_note(store, example_file: Path, pick: int):
    guide = loader.load_guide(example_file)
    session = Session.start(store, guide, borger="AB")
    walk(session, pick)
    assert session.at_end
    outcome = session.complete()
    assert outcome.ok, outcome.missing
    note = session.note()
    assert note.actions and note.followup


def in_backticks(names) -> list[str]:
    text = readme()
    return [name for name in names if f"`{name}`" not in text]


@pytest.mark.parametrize(
    "what, names",
    [
        ("topniveau", schema.TOP_KEYS),
        ("afsnit", schema.SECTION_KEYS),
        ("forløb", schema.FLOW_KEYS),
        ("trin", schema.STEP_KEYS),
        ("svar", schema.ANSWER_KEYS),
        ("valgmulighed", schema.MAPPINGS["choice"][0]),
        ("svartyper", model.ANSWER_TYPES),
        ("brug", tuple(model.USES)),
        ("rækker i en handlingsplan", model.ACTION_FIELDS),
        ("funktioner i betingelser", tuple(sorted(expr.FUNCTIONS))),
    ],
)
def test_every_key_the_loader_knows_is_documented(what: str, names: tuple[str, ...]):
    missing = in_backticks(names)
    assert not missing, f"README.md nævner ikke disse {what}-nøgler i `backticks`: {missing}"
