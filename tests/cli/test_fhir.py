"""Issue 18, FHIR export from the command line: ``samtale notes export ID --format fhir`` and
``samtale guides export GUIDE --format fhir``, as a user runs them: private files, the audit
trail, every bundled guide, a paused note, and Danish messages for what cannot be done."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from fhir.resources.R4B.questionnaire import Questionnaire

from assistant.cli import main
from assistant.dialogue.library import bundled_guides, find_guide
from assistant.notes.store import open_store
from assistant.session import Session

from ..notes.fhir_compare import compare, read_back
from ..walk import env_for, samtale
from ..walk_agreements import with_agreements

GUIDE_IDS = sorted(g.id for g in bundled_guides())


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


def completed(data: Path) -> str:
    with open_store(data) as store:
        session = with_agreements(
            store,
            find_guide("vaerdighedshjulet"),
            ["Sang torsdag ; Kim ; 24-12-2026", "Ringe til datter ; Lis"],
        )
        session.close()
        return session.id


def test_a_completed_vaerdighedshjulet_note_exports_as_a_valid_bundle(data, tmp_path, capsys):
    note_id = completed(data)
    out = tmp_path / "ud" / "note.fhir.json"
    out.parent.mkdir()
    args = ["--data-dir", str(data), "notes", "export", note_id, "--format", "fhir"]
    assert main([*args, "-o", str(out), "--medarbejder", "AB"]) == 0
    assert f"Noten er eksporteret til {out}" in capsys.readouterr().out
    assert mode(out) == 0o600
    text = out.read_text(encoding="utf-8")
    with open_store(data) as store:
        session = Session.open(store, note_id)
        note = session.note()
        session.close()
        trail = store.audit_trail(note_id)
    answered = compare(text, note, find_guide("vaerdighedshjulet"))
    assert {"vigtigst", "aftaler", "opfoelgning_dato"} <= set(answered)
    assert read_back(text)[2].status == "completed"
    exported = [r for r in trail if r.action == "exported"]
    assert [(r.medarbejder, r.detail) for r in exported] == [("AB", "Værdighedshjulet (fhir)")]
    # the same file again: refused without asking, unless --overskriv
    assert main([*args, "-o", str(out)]) == 1
    assert "findes allerede" in capsys.readouterr().err
    assert main([*args, "-o", str(out), "--overskriv"]) == 0
    assert mode(out) == 0o600


def test_the_default_file_name_in_the_current_folder(data, tmp_path):
    note_id = completed(data)
    work = tmp_path / "work"
    work.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "assistant", "notes", "export", note_id, "--format", "fhir"],
        capture_output=True,
        text=True,
        env=env_for(data),
        cwd=work,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    target = work / f"samtale-{note_id}.fhir.json"
    assert mode(target) == 0o600
    read_back(target.read_text(encoding="utf-8"))


def test_a_paused_note_is_in_progress(data, tmp_path):
    result = samtale(
        "start", "vaerdighedshjulet", "--borger", "Stue 8", "--plain",
        stdin="\n\nHaven og morgenkaffen\n/pause\n", data=data,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    note_id = json.loads(samtale("notes", "list", "--json", data=data).stdout)[0]["id"]
    out = tmp_path / "pause.json"
    result = samtale("notes", "export", note_id, "--format", "fhir", "-o", str(out), data=data)
    assert result.returncode == 0, result.stderr
    _, _, response = read_back(out.read_text(encoding="utf-8"))
    assert response.status == "in-progress"
    assert response.subject.display == "Stue 8"
    answers = {i.linkId: i for g in response.item for i in g.item}
    assert answers["vigtigst"].answer[0].valueString == "Haven og morgenkaffen"


@pytest.mark.parametrize("guide_id", GUIDE_IDS)
def test_every_bundled_guide_exports_as_a_questionnaire(guide_id, tmp_path, capsys):
    out = tmp_path / f"{guide_id}.json"
    assert main(["guides", "export", guide_id, "--format", "fhir", "-o", str(out)]) == 0
    assert "er eksporteret som FHIR-spørgeskema" in capsys.readouterr().out
    assert mode(out) == 0o600
    q = Questionnaire.model_validate_json(out.read_text(encoding="utf-8"))
    guide = find_guide(guide_id)
    assert (q.url, q.version) == (
        f"urn:samtale:guide:{guide_id}",
        f"{guide.version}+{guide.content_hash}",
    )
    assert q.status == "active" and q.title == guide.title


def test_guides_export_default_name_and_guides_still_list(data, tmp_path):
    work = tmp_path / "w"
    work.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "assistant", "guides", "export", "borgergennemgang", "--format", "fhir"],
        capture_output=True, text=True, env=env_for(data), cwd=work, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert (work / "samtale-guide-borgergennemgang.fhir.json").exists()
    listed = samtale("guides", "--json", data=data)
    assert "borgergennemgang" in {g["id"] for g in json.loads(listed.stdout)}


def test_bad_input_is_told_in_danish_and_writes_nothing(data, tmp_path, capsys):
    completed(data)
    out = tmp_path / "x.json"
    base = ["--data-dir", str(data)]
    assert main([*base, "notes", "export", "ffffffff", "--format", "fhir", "-o", str(out)]) == 2
    assert "Der findes ingen samtale med id 'ffffffff'" in capsys.readouterr().err
    assert main(["guides", "export", "findes_ikke", "--format", "fhir", "-o", str(out)]) == 2
    assert "Guiden 'findes_ikke' findes ikke" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["guides", "export", "pdsa", "--format", "md"])
    assert "'md' kan ikke bruges (vælg 'fhir')" in capsys.readouterr().err
    assert main(["guides", "export", "pdsa", "--format", "fhir", "-o", "-"]) == 1
    assert "Spørgeskemaet er ikke eksporteret: '-' er ikke et filnavn" in capsys.readouterr().err
    assert not out.exists()


def test_a_practice_note_is_not_exported_as_fhir(data, tmp_path, capsys):
    with open_store(data) as store:
        session = Session.start(
            store, find_guide("motiverende_samtale"), borger=None, mode="practice"
        )
        session.close()
    out = tmp_path / "p.json"
    args = ["--data-dir", str(data), "notes", "export", session.id, "--format", "fhir"]
    assert main([*args, "-o", str(out)]) == 2
    assert "er fra en øvelse" in capsys.readouterr().err
    assert not out.exists()


def test_without_fhir_resources_the_pip_command_is_named(data, tmp_path, capsys, monkeypatch):
    note_id = completed(data)
    monkeypatch.setitem(sys.modules, "fhir.resources.R4B.bundle", None)  # as if not installed
    out = tmp_path / "x.json"
    args = ["--data-dir", str(data), "notes", "export", note_id, "--format", "fhir"]
    assert main([*args, "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "kræver pakken fhir.resources" in err and "pip install 'samtale[fhir]'" in err
    assert "Traceback" not in err
    assert main(["guides", "export", "pdsa", "--format", "fhir", "-o", str(out)]) == 1
    assert "pip install 'samtale[fhir]'" in capsys.readouterr().err
    assert not out.exists()
    with open_store(data) as store:
        assert not [r for r in store.audit_trail(note_id) if r.action == "exported"]


def test_without_the_fhir_package_in_a_fresh_program(data, tmp_path):
    """No part of ``fhir`` can be imported, as on a machine without samtale[fhir]."""
    note_id = completed(data)
    out = tmp_path / "x.json"
    code = (
        "import sys; sys.modules['fhir'] = None\n"
        "from assistant.cli import main\n"
        f"sys.exit(main(['notes', 'export', {note_id!r}, '--format', 'fhir', '-o', {str(out)!r}]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env_for(data), timeout=60
    )
    assert result.returncode == 1
    assert result.stderr == (
        "samtale: FHIR-eksport kræver pakken fhir.resources, som ikke er installeret; "
        "installér den med: pip install 'samtale[fhir]'\n"
    )
    assert not out.exists()
