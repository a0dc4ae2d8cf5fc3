"""Damaged stores and guides (issue 13): a broken database file, a broken guide snapshot, the
output of `samtale check`, and guides outside `dialogues/` that use the bundled shared flows.
Every case is what a user does: the real command in a subprocess, or the session API."""

from __future__ import annotations

import contextlib
import os
import random
import re
import select
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import TextArea

from assistant.dialogue.index import guides_dir
from assistant.dialogue.library import find_guide
from assistant.dialogue.loader import load_guide
from assistant.notes.store import DB_NAME, Store
from assistant.session import Session
from assistant.tui.app import SamtaleApp, create_app
from assistant.tui.screens.notes import NotesScreen, NoteViewScreen

from ..conftest import MINI
from ..pilot import keys, run
from ..walk import ROOT, env_for, samtale, walk

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


# ------------------------------------------------------------------ damaged database files


def filled_store(data: Path, notes: int = 40) -> list[str]:
    """A data directory with ``notes`` conversations of long answers (many database pages)."""
    guide = load_guide(MINI)
    ids = []
    with Store(data) as store:
        for i in range(notes):
            session = Session.start(store, guide, borger=f"Stue {i}")
            session.answer(f"Noter om stue {i}: " + "æøå " * 400)
            session.pause()
            session.close()
            ids.append(session.id)
    return ids


def damage(path: Path, how: str) -> None:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        page = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'schema_version'"
        ).fetchone()[0]
    data = path.read_bytes()
    noise = random.Random(13).randbytes
    damaged = {
        "tilfældige bytes": noise(len(data)),
        "afkortet": data[: len(data) // 3],
        "ødelagt start": noise(100) + data[100:],
        "ødelagte sider": data[: 4096 * 4] + noise(len(data) - 4096 * 8) + data[-4096 * 4 :],
        # read by every command as the store opens: this one said "kunne ikke skrives"
        "ødelagt versionstabel": data[: (root - 1) * page] + noise(page) + data[root * page :],
    }[how]
    path.write_bytes(damaged)


DAMAGE = [
    "tilfældige bytes",
    "afkortet",
    "ødelagt start",
    "ødelagte sider",
    "ødelagt versionstabel",
]


def assert_damage_reported(result: subprocess.CompletedProcess[str], db: Path) -> None:
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert "Traceback" not in out
    assert "kunne ikke skrives" not in out  # reading is not writing
    assert f"Databasen {db} er beskadiget" in result.stderr
    assert "sikkerhedskopi" in result.stderr and "flyt den væk" in result.stderr


@pytest.mark.parametrize("how", DAMAGE)
def test_a_damaged_database_is_named_left_untouched_and_exits_1(tmp_path, how):
    data = tmp_path / "data"
    ids = filled_store(data)
    db = data / DB_NAME
    damage(db, how)
    before = db.read_bytes()
    for args, stdin in (
        (["notes", "list"], ""),
        (["notes", "list", "--alle"], ""),
        (["notes", "show", ids[-1]], ""),
        (["notes", "show", ids[0]], ""),
        (["resume", ids[0], "--plain"], "svar\n"),
        (["start", str(MINI), "--borger", "Ny", "--plain"], "Oda\n"),
        (["notes", "delete", "--borger", "Stue 7", "--ja"], ""),
        (["notes", "delete", ids[1], "--ja"], ""),
    ):
        result = samtale(*args, stdin=stdin, data=data)
        if result.returncode == 2 and "Der findes ingen samtale" in result.stderr:
            continue  # the damaged page was not this note's: nothing to read, nothing written
        assert_damage_reported(result, db)
        assert db.read_bytes() == before, args


_KILLED_WRITER = """
import os, signal, sys
from pathlib import Path
from assistant.dialogue.loader import load_guide
from assistant.notes.store import Store
from assistant.session import Session
store = Store(Path(sys.argv[1]))
Session.start(store, load_guide(Path(sys.argv[2])), borger="Sidst").answer("Det sidste svar")
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_damaged_database_with_a_write_ahead_log_is_left_untouched_too(tmp_path):
    """A process killed after its last answer leaves that answer in samtale.db-wal. Reading the
    damaged database copied the log into it and deleted the log when the store closed, while
    the message said "Samtale har ikke rørt filen": the last answers were gone from the log."""
    data = tmp_path / "data"
    ids = filled_store(data, notes=10)
    killed = subprocess.run(
        [sys.executable, "-c", _KILLED_WRITER, str(data), str(MINI)], env=env_for(data)
    )
    assert killed.returncode == -9
    db, wal = data / DB_NAME, data / f"{DB_NAME}-wal"
    assert wal.stat().st_size > 0
    data_bytes = db.read_bytes()  # damaged as damage() does, without opening it (that would
    noise = random.Random(13).randbytes(len(data_bytes) - 4096 * 8)  # empty the log itself)
    db.write_bytes(data_bytes[: 4096 * 4] + noise + data_bytes[-4096 * 4 :])
    before = db.read_bytes(), wal.read_bytes()
    kept = tmp_path / "kept"
    shutil.copytree(data, kept)
    reported = 0
    for args in (["notes", "list"], ["notes", "show", ids[0]], ["notes", "show", ids[-1]]):
        shutil.rmtree(data)
        shutil.copytree(kept, data)  # each command meets the damage as it was left
        result = samtale(*args, data=data)
        if result.returncode != 1:
            continue  # it read no damaged page: it could not know (see the README)
        reported += 1
        assert_damage_reported(result, db)
        assert wal.exists(), f"{args}: the log is gone"
        assert (db.read_bytes(), wal.read_bytes()) == before, args
    assert reported


def test_the_tui_with_a_damaged_database_says_so_and_exits_1(tmp_path):
    """`samtale` (the TUI) on a terminal: the message, exit 1, no traceback, file untouched."""
    data = tmp_path / "data"
    filled_store(data, notes=2)
    db = data / DB_NAME
    damage(db, "tilfældige bytes")
    before = db.read_bytes()
    code, out = run_on_terminal(["--data-dir", str(data)], data)
    assert code == 1, out
    assert "Traceback" not in out
    # the terminal wraps at 80 columns, also inside the path: compare without white space
    assert f"Databasen{db}erbeskadiget" in "".join(out.split())
    assert db.read_bytes() == before


def test_the_tui_with_damage_found_while_it_reads_says_so_and_exits_1(tmp_path):
    """A file that opens, but whose list of notes is damaged: found by the home screen."""
    data = tmp_path / "data"
    filled_store(data)
    db = data / DB_NAME
    damage(db, "ødelagte sider")
    before = db.read_bytes()
    code, out = run_on_terminal(["--data-dir", str(data)], data)
    assert code == 1, out
    assert "Traceback" not in out
    # the terminal wraps at 80 columns, also inside the path: compare without white space
    assert f"Databasen{db}erbeskadiget" in "".join(out.split())
    assert db.read_bytes() == before


def test_an_empty_database_file_is_reported_and_not_recreated(tmp_path):
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    db = data / DB_NAME
    db.write_bytes(b"")
    os.utime(db, (time.time() - 60, time.time() - 60))  # an old empty file: said at once
    for args in (["notes", "list"], ["start", str(MINI), "--borger", "Ny", "--plain"]):
        result = samtale(*args, stdin="Oda\n", data=data)
        assert result.returncode == 1, result.stderr
        assert f"Databasen {db} er tom (0 byte)" in result.stderr
        assert "sikkerhedskopi" in result.stderr
        assert "Traceback" not in result.stderr
        assert db.read_bytes() == b""
    code, out = run_on_terminal([], data)
    assert code == 1 and "er tom (0 byte)" in " ".join(out.split())
    assert db.read_bytes() == b""


def test_a_database_file_another_window_is_creating_is_not_called_empty(tmp_path):
    """Two windows started at once on a new data folder: the first has made samtale.db and not
    yet written its first page when the second looks. The second said "er tom (0 byte)" and
    exited 1 (seen in test_reliability's two writers)."""
    import threading

    from assistant.notes.damage import check_not_empty
    from assistant.notes.errors import DamagedStore

    db = tmp_path / DB_NAME
    db.write_bytes(b"")
    threading.Timer(0.3, lambda: db.write_bytes(b"SQLite format 3\x00")).start()
    check_not_empty(db)  # waited for it to grow
    db.write_bytes(b"")
    os.utime(db, (time.time() - 60, time.time() - 60))
    started = time.monotonic()
    with pytest.raises(DamagedStore):
        check_not_empty(db)
    assert time.monotonic() - started < 1  # an old empty file is not waited for


def run_on_terminal(args: list[str], data: Path, timeout: float = 60) -> tuple[int, str]:
    """Run ``samtale ARGS`` on a pseudo-terminal (80x24), as from a shell; what it printed."""
    import fcntl
    import pty
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {**env_for(data), "TERM": "xterm-256color", "PYTHONUNBUFFERED": ""}
    proc = subprocess.Popen(
        [sys.executable, "-m", "assistant", *args],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        cwd=ROOT,
        start_new_session=True,
    )
    os.close(slave)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        elif proc.poll() is not None:
            break
    else:
        proc.kill()
    code = proc.wait(timeout=30)
    os.close(master)
    text = b"".join(chunks).decode("utf-8", "replace")
    return code, re.sub(
        r"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-Za-z]|[=>])", "", text
    )


# ------------------------------------------------------------------ a damaged guide snapshot


def two_notes_one_damaged(data: Path, snapshot: str) -> tuple[str, str]:
    """Two notes made with different guides; the stored copy of the second one's guide is
    overwritten with ``snapshot``. Returns (the intact note's id, the damaged one's)."""
    with Store(data) as store:
        ids = []
        for guide_id, borger in (("trivselskarret", "Stue 1"), ("blomsten", "Stue 2")):
            session = Session.start(store, find_guide(guide_id), borger=borger)
            walk(session)
            assert session.complete(force=True).ok
            session.close()
            ids.append(session.id)
        damaged = store.get_session(ids[1])
    with contextlib.closing(sqlite3.connect(data / DB_NAME)) as conn, conn:
        conn.execute("UPDATE guides SET content = ? WHERE hash = ?", (snapshot, damaged.guide_hash))
    return ids[0], ids[1]


SNAPSHOTS = ["{ikke json", '{"id": 3}', "[]", '{"id": "blomsten", "afsnit": "x"}']


@pytest.mark.parametrize("snapshot", SNAPSHOTS)
def test_one_damaged_guide_snapshot_leaves_the_other_notes_readable(tmp_path, snapshot):
    data = tmp_path / "data"
    intact, damaged = two_notes_one_damaged(data, snapshot)

    listing = samtale("notes", "list", data=data)
    assert listing.returncode == 0 and intact in listing.stdout and damaged in listing.stdout

    shown = samtale("notes", "show", intact, data=data)
    assert shown.returncode == 0 and "Trivselskarret" in shown.stdout

    broken = samtale("notes", "show", damaged, data=data)
    assert broken.returncode == 2
    assert "Traceback" not in broken.stderr
    assert f"noten {damaged} (Blomsten)" in broken.stderr
    assert "beskadiget" in broken.stderr and "de andre noter er ikke berørt" in broken.stderr


@pytest.mark.parametrize("snapshot", SNAPSHOTS[:2])
def test_the_tui_names_the_note_with_a_damaged_snapshot_and_shows_the_others(tmp_path, snapshot):
    """The damaged note is the newest, first in every list: opening it names it, and the app
    goes on (before, the whole program stopped with a traceback)."""
    data = tmp_path / "data"
    intact, damaged = two_notes_one_damaged(data, snapshot)
    store = Store(data)

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "n")
        assert isinstance(app.screen, NotesScreen)
        await keys(pilot, "enter")  # the newest: the damaged one
        assert isinstance(app.screen, NoteViewScreen)
        text = app.screen.query_one(TextArea).text
        assert f"noten {damaged} (Blomsten)" in text and "beskadiget" in text
        await keys(pilot, "escape", "down", "enter")
        assert isinstance(app.screen, NoteViewScreen)
        assert "Trivselskarret" in app.screen.query_one(TextArea).text
        await keys(pilot, "escape", "escape")
        # the home screen's list of latest notes opens it the same way (past the agreements)
        for _ in range(4):
            await keys(pilot, "tab")
            if app.focused is not None and app.focused.id == "side-list":
                break
        await keys(pilot, "enter")
        assert f"noten {damaged} (Blomsten)" in app.screen.query_one(TextArea).text

    try:
        run(create_app(store), scenario)
    finally:
        store.close()


def test_damage_first_found_while_deleting_is_reported_as_damage(tmp_path):
    """Only the answers' pages are damaged: the note is found, and the damage shows inside the
    deletion. It is reported as a damaged database (exit 1), not as a refused deletion."""
    data = tmp_path / "data"
    ids = filled_store(data, notes=12)
    db = data / DB_NAME
    with contextlib.closing(sqlite3.connect(db)) as conn:
        page = conn.execute("PRAGMA page_size").fetchone()[0]
        pages = [
            r[0]
            for r in conn.execute(
                "SELECT pageno FROM dbstat WHERE name = 'events' AND pagetype = 'leaf'"
            )
        ]
    assert pages
    raw = bytearray(db.read_bytes())
    noise = random.Random(7).randbytes
    for number in pages:
        raw[(number - 1) * page : number * page] = noise(page)
    db.write_bytes(bytes(raw))
    before = db.read_bytes()
    result = samtale("notes", "delete", ids[3], "--ja", data=data)
    assert_damage_reported(result, db)
    assert "Intet er slettet" not in result.stderr
    assert db.read_bytes() == before
