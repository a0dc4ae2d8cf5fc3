"""The command line as users and scripts call it: exit codes, Danish messages, plain mode."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.notes.store import open_store
from assistant.session import Session

from ..conftest import MINI
from ..walk import HEADING, Live, samtale

MINI_ANSWERS = [
    "Oda",
    "rød",
    "Ring til lægen i dag",
    "1",
    "3",
    "1",  # theme: Mad
    "1, 3",
    "3",  # leave the hub
    "Gå en tur ; Oda ; i morgen",
    "Ring til datteren ; KB",
    "",
    "om 2 uger",
]


def start_mini(stdin: str, data: Path):
    return samtale("start", str(MINI), "--borger", "AB", "--plain", stdin=stdin, data=data)


def test_plain_mode_walks_a_guide_from_stdin(tmp_path):
    data = tmp_path / "data"
    result = start_mini("\n".join(MINI_ANSWERS) + "\n", data)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "Hvordan har Oda det?" in result.stdout
    assert "  1) Grøn" in result.stdout
    note_id = result.stdout.strip().splitlines()[-2].split()[-1]
    with open_store(data) as store:
        note = Session.open(store, note_id).note()
    assert note.status == "completed"
    values = {a.key: a.value for a in note.answers}
    assert values["trivsel"] == "roed" and values["akut"] == "Ring til lægen i dag"
    assert values["mad_ret"] == ["Frikadeller", "Fisk"]
    assert [a.what for a in note.actions] == ["Gå en tur", "Ring til datteren"]


def test_plain_commands_back_skip_help_and_end_of_input(tmp_path):
    data = tmp_path / "data"
    result = start_mini("/hjælp\nOda\n/tilbage\nOdette\n/spring\n", data)
    assert result.returncode == 0, result.stderr
    assert "Eksempler på, hvordan du kan spørge" in result.stdout
    assert "Tidligere svar: Oda" in result.stdout
    assert "Genoptag med: samtale resume" in result.stdout
    session_id = result.stdout.strip().split()[-1]
    with open_store(data) as store:
        s = Session.open(store, session_id)
        assert s.status == "in_progress" and s.answers == {"navn": "Odette"}
        assert s.step_id == "tal_a"
    stdin = "\n".join([*MINI_ANSWERS[3:], "gul"]) + "\n"  # the skipped required trivsel last
    resumed = samtale("resume", session_id, "--plain", stdin=stdin, data=data)
    assert resumed.returncode == 0, resumed.stderr
    assert "Der mangler svar på:\n  - Trivsel" in resumed.stdout
    assert "Notens id:" in resumed.stdout


def test_plain_mode_asks_for_missing_required_answers(tmp_path):
    data = tmp_path / "data"
    stdin = "/spring\n" * 4 + "/spring\n" + "/spring\n" * 2 + "Oda\n/afslut\n"
    result = start_mini(stdin, data)
    assert result.returncode == 0, result.stderr
    assert "Der mangler svar på:" in result.stdout
    assert "Notens id:" in result.stdout


def test_control_characters_are_never_echoed_raw(tmp_path):
    data = tmp_path / "data"
    result = samtale(
        "start", str(MINI), "--borger", "AB", "--plain", stdin="Oda\x1b[31mRØD\x07\n", data=data
    )
    assert "\x1b" not in result.stdout and "\\x1b[31mRØD" in result.stdout


@pytest.mark.sqlite_only
def test_killed_mid_session_loses_nothing_and_resumes(tmp_path):
    """SIGKILL after some acknowledged answers: they are stored and the session resumes."""
    data = tmp_path / "data"
    live = Live(["start", str(MINI), "--borger", "AB", "--plain"], data, tmp_path / "err")
    try:
        live.until(HEADING)
        for answer in MINI_ANSWERS[:4]:
            live.send(answer + "\n")
            live.until(HEADING)  # the answer is acknowledged: the next step is shown
        live.kill()
    finally:
        live.close()
    with open_store(data) as store:
        (record,) = store.list_sessions()
        assert record.status == "in_progress"
        s = Session.open(store, record.id)
        assert list(s.answers) == ["navn", "trivsel", "akut", "tal_a"]
        conn_check = store._conn.execute("PRAGMA integrity_check").fetchone()[0]
        assert conn_check == "ok"
    listing = samtale("notes", "list", "--status", "in_progress", data=data)
    assert record.id in listing.stdout
    resumed = samtale(
        "resume", record.id, "--plain", stdin="\n".join(MINI_ANSWERS[4:]) + "\n", data=data
    )
    assert resumed.returncode == 0 and "Notens id:" in resumed.stdout
    with open_store(data) as store:
        assert store.get_session(record.id).status == "completed"


def test_guides_listing(capsys):
    assert main(["guides"]) == 0
    out = capsys.readouterr().out
    assert "Samtale med borger" in out and "vaerdighedshjulet" in out
    assert main(["guides", "--json"]) == 0
    guides = json.loads(capsys.readouterr().out)
    assert {"id", "title", "purpose", "duration", "use"} <= set(guides[0])


def _completed_note(data: Path) -> str:
    with open_store(data) as store:
        from assistant.dialogue.loader import load_guide

        from ..walk import walk

        s = Session.start(store, load_guide(MINI), borger="Stue [7]", medarbejder="KB")
        walk(s)
        s.complete()
        s.close()
        return s.id


def test_notes_list_show_export_delete(tmp_path, capsys):
    data = tmp_path / "data"
    note_id = _completed_note(data)
    base = ["--data-dir", str(data), "notes"]
    assert main([*base, "list", "--borger", "stue [7]"]) == 0
    assert note_id in capsys.readouterr().out
    assert main([*base, "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["id"] == note_id
    assert main([*base, "show", note_id]) == 0
    assert "| Hvad | Hvem | Hvornår |" in capsys.readouterr().out
    assert main([*base, "show", note_id, "--format", "json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["borger"] == "Stue [7]" and shown["status"] == "completed"
    out = tmp_path / "note.md"
    assert main([*base, "export", note_id, "--format", "md", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("# Mininote")
    assert main([*base, "delete", note_id, "--ja"]) == 0
    assert main([*base, "show", note_id]) == 2
    assert "findes ingen" in capsys.readouterr().err


def test_notes_list_names_who_each_note_is_about(tmp_path, capsys):
    """A team meeting about no one is "(uden borger)", a practice "(øvelse)", as in the TUI."""
    data = tmp_path / "data"
    with open_store(data) as store:
        store.save_guide_snapshot("h", "g", "1", "id: g\n")
        for mode, borger in (("meeting", None), ("practice", None), ("interview", "Stue 3")):
            store.create_session(
                guide_id="g",
                guide_version="1",
                guide_hash="h",
                guide_title=f"Guide til {mode}",
                mode=mode,
                borger=borger,
                medarbejder="KB",
            )
    assert main(["--data-dir", str(data), "notes", "list"]) == 0
    rows = {line.split()[-1]: line for line in capsys.readouterr().out.splitlines()[1:]}
    assert "(uden borger)" in rows["meeting"] and "(øvelse)" not in rows["meeting"]
    assert "(øvelse)" in rows["practice"]
    assert "Stue 3" in rows["interview"]


@pytest.mark.sqlite_only
def test_delete_borger_removes_every_trace(tmp_path, capsys):
    data = tmp_path / "data"
    _completed_note(data)
    _completed_note(data)
    assert main(["--data-dir", str(data), "notes", "delete", "--borger", "Stue [7]", "--ja"]) == 0
    assert "2 noter" in capsys.readouterr().out
    raw = b"".join(p.read_bytes() for p in data.iterdir() if p.is_file())
    assert b"Stue [7]" not in raw and "Svar på navn".encode() not in raw


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["start", "findes-ikke", "--borger", "AB"], "findes ikke"),
        (["start", str(MINI), "--plain"], "pseudonym"),
        (["resume", "abcdef12", "--plain"], "findes ingen"),
        (["notes", "show"], "mangler"),
        (["notes", "export", "x", "--format", "pdf"], "kan ikke bruges"),
        (["flyv"], "kan ikke bruges"),
        (["notes", "delete", "--borger", "ingen-her", "--ja"], "ingen noter"),
    ],
)
def test_bad_input_gives_one_danish_sentence_and_exit_2(args, words, tmp_path):
    result = samtale(*args, data=tmp_path / "data")
    assert result.returncode == 2
    assert words in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.sqlite_only
def test_unwritable_data_dir(tmp_path):
    blocker = tmp_path / "fil"
    blocker.write_text("ikke en mappe")
    result = samtale("notes", "list", data=blocker / "data")
    assert result.returncode == 2
    assert "kan ikke gemme noter" in result.stderr and "Traceback" not in result.stderr


def test_cpr_as_pseudonym_is_masked_and_staff_told(tmp_path):
    result = samtale(
        "start",
        str(MINI),
        "--borger",
        "010190-1234",
        "--plain",
        stdin="/pause\n",
        data=tmp_path / "data",
    )
    assert "borger: XXXXXX-XXXX" in result.stdout and "lignede et CPR-nummer" in result.stdout
    assert "010190" not in result.stdout


def test_output_closed_early_stops_quietly_and_keeps_the_session(tmp_path):
    data = tmp_path / "data"
    env = {**os.environ, "SAMTALE_DATA_DIR": str(data), "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "assistant", "start", str(MINI), "--borger", "AB", "--plain"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert proc.stdout and proc.stdin
    proc.stdout.readline()
    proc.stdout.close()  # like `| head -1`
    _, err = proc.communicate(b"Oda\n" * 50, timeout=60)
    assert b"Traceback" not in err
    with open_store(data) as store:
        (record,) = store.list_sessions()
        assert record.status == "in_progress"


def test_optional_steps_are_marked(tmp_path):
    result = samtale(
        "start",
        "vaerdighedshjulet",
        "--borger",
        "AB",
        "--plain",
        # past contact and consent, the most important thing, the first theme and its first question
        stdin="\n\nAt kunne komme i haven\n1\nKaffe i fred om morgenen\n",
        data=tmp_path / "data",
    )
    assert "Formål og lov til at spørge" in result.stdout  # asking permission is not optional
    assert "Formål og lov til at spørge (valgfrit" not in result.stdout
    assert (
        "Uddyb: tilfredshed med hverdagen (valgfrit – /spring, hvis det ikke passer)"
        in result.stdout
    )
