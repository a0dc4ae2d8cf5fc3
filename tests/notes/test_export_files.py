"""Issue 13: an exported note is a private file: mode 0600, never over an existing file
without asking (``--overskriv`` for scripts), never through a symbolic link, and every
operating-system error in Danish (exit 1, no traceback). Both the default
``samtale-<id>.md`` in the current folder and ``-o FILE``; the TUI's export uses the same."""

from __future__ import annotations

import errno
import json
import os
import pty
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from assistant.cli import main
from assistant.notes import files
from assistant.notes.store import Store
from assistant.session import Session
from assistant.tui.app import SamtaleApp, create_app
from assistant.tui.screens.modals import ExportModal
from assistant.tui.screens.notes import NoteViewScreen

from ..conftest import MINI
from ..pilot import click, keys, run, shown, until
from ..walk import env_for, samtale

ANSWER = "Svar-der-eksporteres-K4"


@pytest.fixture
def note(tmp_path: Path) -> tuple[Path, str]:
    data = tmp_path / "data"
    result = samtale(
        "start", str(MINI), "--borger", "Stue 1", "--plain", stdin=f"{ANSWER}\n", data=data
    )
    assert result.returncode == 0, result.stderr
    return data, json.loads(samtale("notes", "list", "--json", data=data).stdout)[0]["id"]


def export(data: Path, note_id: str, *args: str, cwd: Path, stdin: str = ""):
    return subprocess.run(
        [sys.executable, "-m", "assistant", "notes", "export", note_id, "--format", "md", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env_for(data),
        cwd=cwd,
        timeout=60,
    )


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def no_traceback(result) -> None:
    assert "Traceback" not in result.stderr + result.stdout


def test_default_file_in_the_current_folder_is_private(note, tmp_path: Path) -> None:
    data, note_id = note
    work = tmp_path / "work"
    work.mkdir()
    result = export(data, note_id, cwd=work)
    assert result.returncode == 0, result.stderr
    target = work / f"samtale-{note_id}.md"
    assert ANSWER in target.read_text(encoding="utf-8")
    assert mode(target) == 0o600


def test_output_file_is_private_whatever_the_umask(note, tmp_path: Path) -> None:
    data, note_id = note
    target = tmp_path / "ud.md"
    old = os.umask(0o000)
    try:
        result = export(data, note_id, "-o", str(target), cwd=tmp_path)
    finally:
        os.umask(old)
    assert result.returncode == 0, result.stderr
    assert mode(target) == 0o600


@pytest.mark.parametrize("default", [True, False])
def test_an_existing_file_is_never_overwritten_without_asking(
    note, tmp_path: Path, default: bool
) -> None:
    data, note_id = note
    target = tmp_path / (f"samtale-{note_id}.md" if default else "ud.md")
    target.write_text("min egen fil", encoding="utf-8")
    args = [] if default else ["-o", str(target)]
    result = export(data, note_id, *args, cwd=tmp_path)
    assert result.returncode == 1
    no_traceback(result)
    assert "findes allerede" in result.stderr and "--overskriv" in result.stderr
    assert target.read_text(encoding="utf-8") == "min egen fil"


def test_overskriv_replaces_the_file_safely(note, tmp_path: Path) -> None:
    data, note_id = note
    target = tmp_path / "ud.md"
    target.write_text("gammel", encoding="utf-8")
    os.chmod(target, 0o644)
    result = export(data, note_id, "-o", str(target), "--overskriv", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert ANSWER in target.read_text(encoding="utf-8")
    assert mode(target) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "ud.md"]  # no temp file left


@pytest.mark.parametrize("overskriv", [False, True])
@pytest.mark.parametrize("dangling", [False, True])
def test_never_writes_through_a_symlink(
    note, tmp_path: Path, overskriv: bool, dangling: bool
) -> None:
    data, note_id = note
    elsewhere = tmp_path / "andres-fil.txt"
    if not dangling:
        elsewhere.write_text("andres", encoding="utf-8")
    link = tmp_path / f"samtale-{note_id}.md"
    link.symlink_to(elsewhere)
    args = ["--overskriv"] if overskriv else []
    result = export(data, note_id, *args, cwd=tmp_path)
    assert result.returncode == 1
    no_traceback(result)
    assert "symbolsk link" in result.stderr
    assert link.is_symlink()
    if dangling:
        assert not elsewhere.exists()
    else:
        assert elsewhere.read_text(encoding="utf-8") == "andres"


def test_a_missing_folder_is_one_danish_sentence(note, tmp_path: Path) -> None:
    data, note_id = note
    result = export(data, note_id, "-o", str(tmp_path / "findes-ikke" / "n.md"), cwd=tmp_path)
    assert result.returncode == 1
    no_traceback(result)
    assert "findes ikke" in result.stderr and "No such file" not in result.stderr


def test_dash_is_not_a_file_name(note, tmp_path: Path) -> None:
    """``-o -`` (standard output in many programs) wrote the note to a file named '-' in the
    current folder, where nobody looks for it."""
    data, note_id = note
    result = export(data, note_id, "-o", "-", cwd=tmp_path)
    assert result.returncode == 1
    no_traceback(result)
    assert not (tmp_path / "-").exists()
    assert "samtale notes show" in result.stderr


@pytest.mark.parametrize(
    ("error", "words"),
    [(errno.EACCES, "ikke adgang"), (errno.ENOSPC, "disken er fuld"), (errno.EROFS, "skrivebe")],
)
def test_refused_writes_are_one_danish_sentence_and_leave_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys, error: int, words: str
) -> None:
    data = tmp_path / "data"
    with Store(data) as store:
        from assistant.dialogue.loader import load_guide

        session = Session.start(store, load_guide(MINI), borger="Stue 2")
        session.answer(ANSWER)
        session.close()
    target = tmp_path / "ud.md"
    real_open, real_write = os.open, os.write

    def refuse_open(path, *args, **kwargs):
        if Path(path) == target and error != errno.ENOSPC:
            raise OSError(error, os.strerror(error), str(path))
        return real_open(path, *args, **kwargs)

    def refuse_write(fd, data_):
        if error == errno.ENOSPC:
            raise OSError(error, os.strerror(error))
        return real_write(fd, data_)

    monkeypatch.setattr(files.os, "open", refuse_open)
    monkeypatch.setattr(files.os, "write", refuse_write)
    code = main(
        [
            "--data-dir",
            str(data),
            "notes",
            "export",
            session.id,
            "--format",
            "md",
            "-o",
            str(target),
        ]
    )
    err = capsys.readouterr().err
    assert code == 1
    assert words in err and "Noten kunne ikke skrives" in err
    assert not target.exists()


def _at_terminal(data: Path, args: list[str], typed: bytes):
    """Run samtale with a terminal as stdin, typing ``typed`` into it."""
    master, slave = pty.openpty()
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "assistant", *args],
            stdin=slave,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env_for(data),
        )
        os.write(master, typed)
        out, err = proc.communicate(timeout=60)
    finally:
        os.close(master)
        os.close(slave)
    return proc.returncode, out, err


def _tty_export(data: Path, note_id: str, target: Path, answer: str):
    """Run the export with a terminal as stdin, answering the question with ``answer``."""
    args = ["notes", "export", note_id, "--format", "md", "-o", str(target)]
    return _at_terminal(data, args, f"{answer}\n".encode())


def test_ctrl_d_at_a_yes_no_question_is_no(note, tmp_path: Path) -> None:
    """Ctrl+D (end of input) at "Slet ...? [j/N]" or "Overskriv? [j/N]" means no, not a traceback."""
    data, note_id = note
    code, out, err = _at_terminal(data, ["notes", "delete", note_id], b"\x04")
    assert "Traceback" not in err and code == 0
    assert "Intet er slettet." in out
    with Store(data) as store:
        assert store.get_session(note_id) is not None
    target = tmp_path / "ud.md"
    target.write_text("gammel", encoding="utf-8")
    args = ["notes", "export", note_id, "--format", "md", "-o", str(target)]
    code, out, err = _at_terminal(data, args, b"\x04")
    assert "Traceback" not in err and code == 0
    assert target.read_text(encoding="utf-8") == "gammel"


@pytest.mark.parametrize(("answer", "replaced"), [("j", True), ("n", False), ("", False)])
def test_at_a_terminal_the_user_is_asked_before_overwriting(
    note, tmp_path: Path, answer: str, replaced: bool
) -> None:
    data, note_id = note
    target = tmp_path / "ud.md"
    target.write_text("gammel", encoding="utf-8")
    code, out, err = _tty_export(data, note_id, target, answer)
    assert "Traceback" not in err
    assert "Filen findes. Overskriv? [j/N]" in out
    assert code == 0
    if replaced:
        assert ANSWER in target.read_text(encoding="utf-8") and mode(target) == 0o600
        assert "eksporteret til" in out
    else:
        assert target.read_text(encoding="utf-8") == "gammel"
        assert "Intet er eksporteret" in out


def test_tui_export_is_private_and_refuses_a_symlink(store: Store, tmp_path: Path, mini) -> None:
    session = Session.start(store, mini, borger="Stue 3")
    session.answer(ANSWER)
    session.close()
    (tmp_path / "andres.md").write_text("andres", encoding="utf-8")
    (tmp_path / "link.md").symlink_to(tmp_path / "andres.md")

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        app.push_screen(NoteViewScreen(store, session.id))
        await pilot.pause()
        await keys(pilot, "f6")
        modal = app.screen
        assert isinstance(modal, ExportModal)
        field = modal.query_one("#export-path", Input)
        field.value = "link.md"
        await click(pilot, "#export-do")
        await click(pilot, "#export-do")  # even when told twice
        assert isinstance(app.screen, ExportModal)
        assert "symbolsk link" in shown(modal.query_one("#export-error"))
        field.value = "ny.md"
        await click(pilot, "#export-do")
        await until(
            pilot, lambda: not isinstance(app.screen, ExportModal), "the export modal closes"
        )

    run(create_app(store), scenario)
    assert (tmp_path / "andres.md").read_text(encoding="utf-8") == "andres"
    assert ANSWER in (tmp_path / "ny.md").read_text(encoding="utf-8")
    assert mode(tmp_path / "ny.md") == 0o600
