"""`samtale schema [-o FILE]`: the JSON Schema of guide files, printed or written to a file."""

from __future__ import annotations

import json
import os
import shutil

import pytest

from assistant.cli import main
from assistant.dialogue.json_schema import guide_schema, schema_text

from ..conftest import DIALOGUES
from ..walk import samtale


def test_samtale_schema_prints_the_schema_as_json():
    result = samtale("schema")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == guide_schema()
    assert result.stderr == ""


def test_dash_prints_it_too(capsys):
    assert main(["schema", "-o", "-"]) == 0
    assert capsys.readouterr().out == schema_text()


def test_o_writes_the_file_and_writes_it_again(tmp_path, capsys):
    path = tmp_path / "samtale-guide.schema.json"
    assert main(["schema", "-o", str(path)]) == 0
    assert path.read_text(encoding="utf-8") == schema_text()
    assert f"skrevet til {path}" in capsys.readouterr().out
    path.write_text(schema_text().replace('"required"', '"krævet"', 1))  # an older schema
    assert main(["schema", "-o", str(path)]) == 0
    assert path.read_text(encoding="utf-8") == schema_text()
    assert os.stat(path).st_mode & 0o044  # others' editors may read it: no personal data


@pytest.mark.parametrize(
    "target, reason",
    [
        (lambda tmp: tmp / "mangler" / "s.json", "mappen {tmp}/mangler findes ikke"),
        (lambda tmp: tmp / "fil.txt" / "s.json", "{tmp}/fil.txt er ikke en mappe"),
        (lambda tmp: tmp, "der er en mappe med det navn"),
    ],
    ids=["no-folder", "file-as-folder", "a-folder"],
)
def test_o_to_a_path_that_cannot_be_written_says_why_in_danish(tmp_path, capsys, target, reason):
    (tmp_path / "fil.txt").write_text("x")
    path = target(tmp_path)
    assert main(["schema", "-o", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"samtale: Skemaet kunne ikke skrives til {path}: " in err
    assert reason.format(tmp=tmp_path) in err
    assert "Traceback" not in err
    assert (tmp_path / "fil.txt").read_text() == "x"


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write in a read-only folder")
def test_o_in_a_folder_without_write_access(tmp_path, capsys):
    folder = tmp_path / "låst"
    folder.mkdir(mode=0o500)
    assert main(["schema", "-o", str(folder / "s.json")]) == 2
    assert "du har ikke adgang til at skrive i mappen" in capsys.readouterr().err


def test_o_never_overwrites_a_guide(tmp_path, capsys):
    guide = tmp_path / "vaerdighedshjulet.yaml"
    shutil.copy(DIALOGUES / "vaerdighedshjulet.yaml", guide)
    before = guide.read_bytes()
    assert main(["schema", "-o", str(guide)]) == 2
    err = capsys.readouterr().err
    assert "findes og er ikke et skema fra Samtale" in err and "Vælg et andet filnavn" in err
    assert guide.read_bytes() == before
