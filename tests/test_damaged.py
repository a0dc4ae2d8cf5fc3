"""Damaged stores and guides (issue 13): a broken database file, a broken guide snapshot, the
output of `samtale check`, and guides outside `dialogues/` that use the bundled shared flows.
Every case is what a user does: the real command in a subprocess, or the session API."""

from __future__ import annotations

import shutil
import subprocess
import sys

from assistant.dialogue.index import guides_dir

from .walk import ROOT, env_for, samtale

BAD_GUIDE = "id: x\ntitel: [\n"


# ------------------------------------------------------------------ samtale check output


def test_check_output_ends_every_message_with_a_newline(tmp_path):
    """Problems and the summary arrive as whole lines, in order, also when stdout and stderr
    share one pipe (`samtale check 2>&1 | less`): the summary never runs into the last error."""
    bad = tmp_path / "bad.yaml"
    bad.write_text(BAD_GUIDE, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "assistant", "check", str(bad)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        # as a user's shell runs it: stdout to a pipe is block-buffered, stderr is not
        env={**env_for(tmp_path / "data"), "PYTHONUNBUFFERED": ""},
        cwd=ROOT,
        timeout=60,
    )
    out = result.stdout.decode("utf-8")
    assert result.returncode == 1
    assert out.endswith("\n")
    lines = out.splitlines()
    assert lines[0].startswith(f"{bad}:3:1: YAML-fejl")
    assert lines[-1] == "1 fejl i 1 fil(er); 1 fil(er) kontrolleret."
    assert len(lines) == 2


# ------------------------------------------------------------- shared flows from anywhere


def test_a_guide_in_any_folder_can_use_the_bundled_shared_flows(tmp_path):
    """A trainer copies a bundled guide that ends in the shared action plan into their own
    folder: `samtale check` finds no problem and the guide can be started; a flow of the
    folder's own comes before the bundled one."""
    folder = tmp_path / "mine"
    folder.mkdir()
    guide = folder / "trivselskarret.yaml"
    shutil.copy(guides_dir() / "trivselskarret.yaml", guide)
    assert "forløb: handlingsplan" in guide.read_text("utf-8")

    checked = samtale("check", str(guide), data=tmp_path / "data")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "findes ikke" not in checked.stdout + checked.stderr

    started = samtale(
        "start", str(guide), "--borger", "Stue 3", "--plain", stdin="", data=tmp_path / "data"
    )
    assert started.returncode == 0, started.stderr
    assert "Genoptag med: samtale resume" in started.stdout
    assert "Traceback" not in started.stderr

    # a folder's own flows/handlingsplan.yaml still comes first (here: an empty one)
    (folder / "flows").mkdir()
    (folder / "flows" / "handlingsplan.yaml").write_text("forløb: handlingsplan\n", "utf-8")
    checked = samtale("check", str(guide), data=tmp_path / "data")
    assert checked.returncode == 1
    assert "forløbet 'handlingsplan' mangler det påkrævede felt 'titel'" in checked.stdout
