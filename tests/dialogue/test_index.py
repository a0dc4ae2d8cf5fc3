"""The guide metadata cache behind `samtale guides` and the home screen."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.dialogue import index
from assistant.dialogue.library import as_guide, bundled_guides, guides_dir


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy = tmp_path / "dialogues"
    shutil.copytree(guides_dir(), copy)
    monkeypatch.setattr(index, "guides_dir", lambda: copy)
    return copy


def test_index_matches_the_guides_and_is_reused_until_a_file_changes(folder: Path, monkeypatch):
    infos, problems = index.guide_index()
    assert problems == []
    assert [i.id for i in infos] == [g.id for g in bundled_guides()]
    assert index._cache_file().exists()

    def fail(files):  # a second call with nothing changed must not read any guide
        raise AssertionError("the index was rebuilt")

    monkeypatch.setattr(index, "_build", fail)
    assert index.guide_index()[0] == infos
    monkeypatch.undo()
    monkeypatch.setattr(index, "guides_dir", lambda: folder)

    path = folder / "pdsa.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("titel: PDSA", "titel: PDSA-hjulet", 1)
    )
    infos2, _ = index.guide_index()
    assert next(i for i in infos2 if i.id == "pdsa").title.startswith("PDSA-hjulet")
    assert as_guide(next(i for i in infos2 if i.id == "pdsa")).title.startswith("PDSA-hjulet")


def test_a_broken_guide_is_reported_and_the_others_still_listed(folder: Path):
    count = len(index.guide_index()[0])
    (folder / "isbjerget.yaml").write_text("id: isbjerget\ntitel: [\n", encoding="utf-8")
    infos, problems = index.guide_index()
    assert "isbjerget" not in {i.id for i in infos} and len(infos) == count - 1
    assert len(problems) == 1 and problems[0].startswith("isbjerget.yaml:")


def test_an_unwritable_cache_is_simply_not_used(folder: Path, monkeypatch, tmp_path: Path):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    monkeypatch.setattr(index, "_cache_file", lambda: blocker / "guides.json")
    infos, problems = index.guide_index()
    assert len(infos) == len(list(folder.glob("*.yaml"))) and problems == []


def test_listing_guides_imports_neither_yaml_parsing_nor_the_guide_model(tmp_path: Path):
    code = (
        "import sys, runpy; sys.argv=['samtale','guides']\n"
        "from assistant.cli import main\n"
        "main(['guides']); main(['guides'])\n"
        "bad = [m for m in ('yaml', 'textual', 'assistant.dialogue.loader') if m in sys.modules]\n"
        "print('IMPORTED', bad)\n"
    )
    env_run = [sys.executable, "-c", code]
    first = subprocess.run(env_run, capture_output=True, text=True, timeout=60)  # builds it
    second = subprocess.run(env_run, capture_output=True, text=True, timeout=60)
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    assert "IMPORTED []" in second.stdout, second.stdout[-300:]
