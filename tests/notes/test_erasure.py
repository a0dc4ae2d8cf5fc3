"""Issue 13: deleting a resident (or one note) and its audit line are one transaction, and
the "slet igen" advice given when traces could not be removed at once really works."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.notes.sqlite import connection as sqlite_connection
from assistant.notes.store import DB_NAME

from ..conftest import MINI
from ..walk import samtale

NAME = "Stue-21-Karen"
SECRET = "Karen-har-ondt-QZ71"


def started(data: Path, borger: str = NAME) -> str:
    result = samtale(
        "start",
        str(MINI),
        "--borger",
        borger,
        "--plain",
        stdin=f"{SECRET if borger == NAME else 'Andet svar'}\n",
        data=data,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(samtale("notes", "list", "--json", data=data).stdout)[0]["id"]


def break_audit(data: Path) -> None:
    """From now on every write to the audit trail fails, as a full disk would make it."""
    with sqlite3.connect(data / DB_NAME) as conn:
        conn.execute(
            "CREATE TRIGGER audit_fails BEFORE INSERT ON audit "
            "BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END"
        )


def mend_audit(data: Path) -> None:
    with sqlite3.connect(data / DB_NAME) as conn:
        conn.execute("DROP TRIGGER audit_fails")


def audit_actions(data: Path) -> list[str]:
    trail = json.loads(samtale("notes", "audit", "--json", data=data).stdout)
    return [r["action"] for r in trail]


def ids(data: Path) -> list[str]:
    return [r["id"] for r in json.loads(samtale("notes", "list", "--json", data=data).stdout)]


@pytest.mark.parametrize("by", ["borger", "id"])
def test_a_failing_audit_line_deletes_nothing_and_the_advice_works(tmp_path: Path, by: str):
    data = tmp_path / "data"
    notes = sorted([started(data), started(data)])
    target = ["--borger", NAME] if by == "borger" else [notes[0]]
    break_audit(data)
    failed = samtale("notes", "delete", *target, "--ja", data=data)
    assert failed.returncode == 1
    assert "Traceback" not in failed.stderr
    assert "Intet er slettet" in failed.stderr
    assert "igen" in failed.stderr
    assert sorted(ids(data)) == notes  # nothing deleted
    assert audit_actions(data) == []

    mend_audit(data)
    again = samtale("notes", "delete", *target, "--ja", data=data)
    assert again.returncode == 0, again.stderr
    if by == "borger":
        assert ids(data) == []
        assert audit_actions(data) == ["deleted_borger"]
    else:
        assert ids(data) == [notes[1]]
        assert audit_actions(data) == ["deleted"]


def test_traces_left_in_the_log_are_removed_by_deleting_again(tmp_path: Path, monkeypatch, capsys):
    """Another window keeps a read transaction open: the notes are deleted and the audit line
    written at once; the bytes in the log stay until the same command is given again."""
    data = tmp_path / "data"
    started(data)
    other = started(data, "Stue 3")
    monkeypatch.setattr(sqlite_connection, "BUSY_TIMEOUT_MS", 300)
    reader = sqlite3.connect(data / DB_NAME)
    reader.execute("BEGIN")
    reader.execute("SELECT COUNT(*) FROM events").fetchone()
    command = ["--data-dir", str(data), "notes", "delete", "--borger", NAME, "--ja"]
    try:
        assert main(command) == 1
    finally:
        reader.rollback()
        reader.close()
    err = capsys.readouterr().err
    assert "slet igen" in err and "Traceback" not in err
    assert ids(data) == [other]
    assert audit_actions(data) == ["deleted_borger"]  # written with the deletion

    assert main(command) == 0
    out = capsys.readouterr().out
    assert "fjernet" in out
    raw = b"".join(p.read_bytes() for p in data.iterdir() if p.is_file())
    assert NAME.encode() not in raw and SECRET.encode() not in raw
    assert NAME.casefold().encode() not in raw
    assert ids(data) == [other]


def test_deleting_a_name_that_was_never_there_still_says_so(tmp_path: Path):
    data = tmp_path / "data"
    started(data)
    result = samtale("notes", "delete", "--borger", "Findes-ikke", "--ja", data=data)
    assert result.returncode == 2 and "ingen noter" in result.stderr


@pytest.mark.sqlite_only  # looks inside the SQLite file
def test_in_the_tui_traces_left_in_the_log_are_removed_when_the_notes_are_opened_again(
    store, monkeypatch
) -> None:
    from assistant.dialogue.loader import load_guide
    from assistant.session import Session
    from assistant.tui.app import SamtaleApp, create_app
    from assistant.tui.screens.modals import ConfirmModal
    from assistant.tui.screens.notes import NotesScreen

    from ..pilot import click, keys, run

    mini = load_guide(MINI)
    for borger, text in ((NAME, SECRET), ("Stue 3", "Andet svar")):
        session = Session.start(store, mini, borger=borger)
        session.answer(text)
        session.close()
    monkeypatch.setattr(sqlite_connection, "BUSY_TIMEOUT_MS", 300)
    store._conn.execute("PRAGMA busy_timeout = 300")  # the fixture's store was opened before
    reader = sqlite3.connect(store.path)

    async def scenario(app: SamtaleApp, pilot) -> None:
        await keys(pilot, "n")
        assert isinstance(app.screen, NotesScreen)
        await click(pilot, "#filter")
        await keys(pilot, *NAME)
        await click(pilot, "#notes-table")
        reader.execute("BEGIN")
        reader.execute("SELECT COUNT(*) FROM events").fetchone()
        await click(pilot, "#delete-borger")
        assert isinstance(app.screen, ConfirmModal)
        await click(pilot, "#confirm-yes")
        await pilot.pause(1.0)
        told = " ".join(message for _, message in app.notices)
        assert "slettet" in told and "spor" in told
        assert [r.borger for r in store.list_sessions()] == ["Stue 3"]
        assert [r.action for r in store.audit_trail()] == ["deleted_borger"]
        reader.rollback()
        await keys(pilot, "escape", "n")  # the notes again
        assert isinstance(app.screen, NotesScreen)
        await pilot.pause(0.5)
        assert "fjernet helt" in " ".join(message for _, message in app.notices)

    try:
        run(create_app(store, guides=[mini]), scenario)
    finally:
        reader.close()
    assert not store.purge_pending()
    raw = b"".join(p.read_bytes() for p in store.data_dir.iterdir() if p.is_file())
    assert SECRET.encode() not in raw and NAME.encode() not in raw
