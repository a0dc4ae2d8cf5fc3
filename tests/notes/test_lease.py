"""One writer per conversation (issue 13): a conversation open in one process is refused in a
second one, unless taken over explicitly; the one taken over from cannot write any more.

Tested with two store objects in one test (two "processes" as the store sees them), with two
real `samtale --plain` processes, and in the TUI through the Pilot.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
import time
from datetime import datetime
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import TextArea

from assistant.dialogue.loader import load_guide
from assistant.notes import lease as lease_module
from assistant.notes.lease import EXPIRY_SECONDS, LeaseHeld, LeaseLost
from assistant.notes.store import DB_NAME, Store, open_store
from assistant.session import Session
from assistant.tui.app import SamtaleApp, create_app
from assistant.tui.screens.conversation import ConversationScreen
from assistant.tui.screens.modals import ConfirmModal

from ..conftest import MINI
from ..pilot import click, keys, run
from ..walk import HEADING, Live, samtale

SESSION_ID = re.compile(r" – samtale ([0-9a-f]{8})")


def hhmm(epoch: float) -> str:
    return datetime.fromtimestamp(epoch).strftime("%H:%M")


def lease_row(data: Path, session_id: str) -> tuple[str, float, float] | None:
    with contextlib.closing(sqlite3.connect(data / DB_NAME)) as conn:
        return conn.execute(
            "SELECT holder, taken_at, heartbeat_at FROM leases WHERE session_id = ?",
            (session_id,),
        ).fetchone()


def set_heartbeat(data: Path, session_id: str, heartbeat_at: float, holder: str | None = None):
    with contextlib.closing(sqlite3.connect(data / DB_NAME)) as conn, conn:
        conn.execute(
            "UPDATE leases SET heartbeat_at = ?, holder = COALESCE(?, holder) WHERE session_id = ?",
            (heartbeat_at, holder, session_id),
        )


# ------------------------------------------------------------------ two stores, one test


def test_a_second_store_is_refused_and_an_explicit_take_over_locks_the_first_out(tmp_path):
    data = tmp_path / "data"
    here, there = Store(data), Store(data)
    try:
        first = Session.start(here, load_guide(MINI), borger="AB")
        assert first.answer("Oda").ok
        taken_at = lease_row(data, first.id)[1]

        second = Session.open(there, first.id)
        with pytest.raises(LeaseHeld) as refused:
            second.claim()
        assert str(refused.value).startswith(
            f"Samtalen er åben et andet sted (siden kl. {hhmm(taken_at)})."
        )
        assert "--overtag" in str(refused.value)
        with pytest.raises(LeaseHeld):  # writing without asking is refused the same way
            second.answer("Grøn")
        assert len(here.events(first.id)) == 1

        taken = second.claim(take_over=True)
        assert taken is not None and hhmm(taken.taken_at) == hhmm(taken_at)
        assert second.answer("Grøn").ok

        with pytest.raises(LeaseLost, match="overtaget et andet sted; dit svar er ikke gemt"):
            first.answer("gul")
        with pytest.raises(LeaseLost):
            first.pause()
        stored = [(e.kind, e.data.get("value")) for e in here.events(first.id)]
        assert stored == [("answer", "Oda"), ("answer", "groen")]  # no double write
        first.close()  # the old holder closing does not free the new holder's lease
        assert lease_row(data, first.id)[0] == there.leases.holder
        second.close()
        assert lease_row(data, first.id) is None
    finally:
        here.close()
        there.close()


def test_a_stale_lease_is_taken_silently_and_a_paused_one_is_free(tmp_path):
    data = tmp_path / "data"
    here, there = Store(data), Store(data)
    try:
        first = Session.start(here, load_guide(MINI), borger="AB")
        # a holder on another computer that stopped renewing its lease
        set_heartbeat(data, first.id, time.time() - EXPIRY_SECONDS - 1, "andet-hus:1:abc")
        second = Session.open(there, first.id)
        assert second.claim() is None  # taken without a word: nobody was writing
        assert second.answer("Oda").ok
        second.pause()  # a paused conversation is open nowhere
        assert lease_row(data, first.id) is None
        third = Session.open(here, first.id)
        assert third.claim() is None and third.answer("Grøn").ok
        with pytest.raises(LeaseHeld):  # open here now
            second.answer("gul")
        third.pause()
        # the one that paused first has not seen that answer: it may not write on top of it
        with pytest.raises(LeaseLost):
            second.answer("gul")
        assert [e.kind for e in here.events(first.id)].count("answer") == 2
        assert lease_row(data, first.id) is None  # the refused one let go again
        for s in (first, second, third):
            s.close()
    finally:
        here.close()
        there.close()


def test_the_heartbeat_renews_the_lease_while_the_conversation_is_open(tmp_path, monkeypatch):
    monkeypatch.setattr("assistant.notes.sqlite.lease.HEARTBEAT_SECONDS", 0.05)
    data = tmp_path / "data"
    with Store(data) as store:
        session = Session.start(store, load_guide(MINI), borger="AB")
        set_heartbeat(data, session.id, 1000.0)
        beat = session.keep_alive()
        try:
            deadline = time.monotonic() + 10
            while lease_row(data, session.id)[2] == 1000.0 and time.monotonic() < deadline:
                time.sleep(0.05)
        finally:
            beat.stop()
        assert lease_row(data, session.id)[2] > time.time() - 5
        session.close()


# ------------------------------------------------------------------ two real processes


def first_window(tmp_path, data) -> tuple[Live, str]:
    """A plain-mode conversation open in another process, with its first answer given."""
    a = Live(["start", str(MINI), "--borger", "AB", "--plain"], data, tmp_path / "err-a")
    try:
        session_id = a.until(SESSION_ID).group(1)
        a.until(HEADING)
        a.send("Oda\n")
        a.until(re.compile(r"Trin 2 af"))
    except BaseException:
        a.close()
        raise
    return a, session_id


def test_two_processes_one_writer_then_an_explicit_take_over(tmp_path):
    data = tmp_path / "data"
    a, session_id = first_window(tmp_path, data)
    try:
        taken_at = lease_row(data, session_id)[1]

        refused = samtale("resume", session_id, "--plain", stdin="gul\n", data=data)
        assert refused.returncode == 2
        assert f"Samtalen er åben et andet sted (siden kl. {hhmm(taken_at)})." in refused.stderr
        assert f"samtale resume {session_id} --overtag" in refused.stderr
        assert "Traceback" not in refused.stderr

        took = samtale("resume", session_id, "--plain", "--overtag", stdin="Gul\n", data=data)
        assert took.returncode == 0, took.stderr
        assert "Du har overtaget samtalen" in took.stderr

        a.send("Rød\n")  # the first window does not know yet
        a.until(re.compile("Samtalen er overtaget et andet sted; dit svar er ikke gemt"))
        a.until(re.compile("Det sidste, du skrev, blev ikke gemt: Rød"))
        assert a.proc.wait(timeout=30) == 1
    finally:
        a.close()
    err = (tmp_path / "err-a").read_text("utf-8")
    assert "Traceback" not in err
    with Store(data) as store:
        values = [e.data.get("value") for e in store.events(session_id) if e.kind == "answer"]
    assert values == ["Oda", "gul"]


def test_a_killed_process_does_not_keep_its_conversation(tmp_path):
    """A window that was killed (or crashed) on this computer holds nothing: resume works at
    once, without --overtag."""
    data = tmp_path / "data"
    a, session_id = first_window(tmp_path, data)
    try:
        a.kill()
    finally:
        a.close()
    assert lease_row(data, session_id) is not None  # left behind, but its process is gone
    resumed = samtale("resume", session_id, "--plain", stdin="Gul\n", data=data)
    assert resumed.returncode == 0, resumed.stderr
    assert "overtaget" not in resumed.stderr


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux's /proc")
def test_a_killed_process_not_yet_reaped_holds_nothing(tmp_path):
    """Killed, a process stays in the process table (a zombie) until its parent has waited
    for it: signal 0 still reaches it. Resumed in that moment (``kill -9`` in a tmux pane,
    then resume at once), the conversation was refused as open elsewhere."""
    import os
    import signal
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        os.kill(child.pid, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while Path(f"/proc/{child.pid}/stat").read_text().rpartition(")")[2].split()[0] != "Z":
            assert time.monotonic() < deadline, "the child did not die"
            time.sleep(0.01)
        holder = f"{lease_module._hostname()}:{child.pid}:abc"
        lease = lease_module.Lease("s", holder, time.time(), time.time())
        assert not lease.alive()
    finally:
        child.wait()
    mine = lease_module.Lease("s", lease_module.new_holder(), time.time(), time.time())
    assert mine.alive()


# ------------------------------------------------------------------ the TUI


def test_the_tui_asks_before_taking_over_and_then_locks_the_other_out(store, mini, tmp_path):
    other = open_store(store.data_dir)  # the same backend as ``store``
    there = Session.start(other, mini, borger="AB")
    assert there.answer("Oda").ok

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "tab", "enter")  # the paused conversation on the home screen
        assert isinstance(app.screen, ConfirmModal)
        question = str(app.screen.query_one("#confirm-question").render())
        assert "Samtalen er åben et andet sted (siden kl." in question
        await click(pilot, "#confirm-yes")
        screen = app.screen
        assert isinstance(screen, ConversationScreen) and screen.session.id == there.id
        with pytest.raises(LeaseLost):
            there.answer("Gul")

    try:
        run(create_app(store, guides=[mini]), scenario)
    finally:
        there.close()
        other.close()


@pytest.mark.sqlite_only  # looks inside the SQLite file
def test_the_tui_taken_over_from_keeps_the_answer_in_the_field(store, mini, monkeypatch):
    monkeypatch.setattr(lease_module, "HEARTBEAT_SECONDS", 0.05)
    session = Session.start(store, mini, borger="AB")
    session.close()
    other = open_store(store.data_dir)  # the same backend as ``store``

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        screen = app.screen
        assert isinstance(screen, ConversationScreen)
        beat = lease_row(store.data_dir, session.id)[2]
        await pilot.pause(0.3)
        assert lease_row(store.data_dir, session.id)[2] > beat  # the app renews its lease
        there = Session.open(other, session.id)
        assert there.claim(take_over=True) is not None  # and it stays open there
        await pilot.pause(0.2)  # the heartbeat finds out and says so, once
        assert sum("overtaget" in message for _, message in app.notices) == 1
        await keys(pilot, *"Oda", "ctrl+s")
        error = str(screen.query_one("#error").render())
        assert "Samtalen er overtaget et andet sted; dit svar er ikke gemt" in error
        assert screen.query_one(TextArea).text == "Oda"
        assert app.screen is screen
        there.close()

    try:
        run(create_app(store, session_id=session.id), scenario)
    finally:
        other.close()
    assert [e.kind for e in store.events(session.id)] == []


# ------------------------------------------------------------------ deleted while open


@pytest.mark.parametrize("then", ["Grøn\n", ""], ids=["svar", "slut på input"])
def test_a_conversation_deleted_while_open_does_not_claim_it_can_be_resumed(tmp_path, then):
    data = tmp_path / "data"
    a, session_id = first_window(tmp_path, data)
    try:
        deleted = samtale("notes", "delete", session_id, "--ja", data=data)
        assert deleted.returncode == 0, deleted.stderr
        if then:
            a.send(then)
        a.end_input()
        rest = "\n".join(a.rest())
        code = a.proc.wait(timeout=30)
    finally:
        a.close()
    err = (tmp_path / "err-a").read_text("utf-8")
    assert "Traceback" not in err
    assert "Samtalen er slettet" in rest and "kan ikke genoptages" in rest
    assert "Genoptag" not in rest and "samtale resume" not in rest
    assert code == 1
    if then:
        assert "Det sidste, du skrev, blev ikke gemt: Grøn" in rest
    else:
        assert "blev ikke gemt" not in rest  # "Oda" was stored before the note was deleted


def test_the_tui_says_a_deleted_conversation_is_gone_when_paused(store, mini):
    session = Session.start(store, mini, borger="AB")
    session.close()
    other = open_store(store.data_dir)  # the same backend as ``store``

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        screen = app.screen
        assert isinstance(screen, ConversationScreen)
        other.delete_session(session.id)
        await keys(pilot, *"Oda", "ctrl+s")
        assert "Samtalen er slettet" in str(screen.query_one("#error").render())
        assert screen.query_one(TextArea).text == "Oda"
        await keys(pilot, "f5")
        assert not isinstance(app.screen, ConversationScreen)  # back home, nothing to pause
        said = app.notices[-1][1]
        assert "Samtalen er slettet" in said and "Genoptag" not in said

    try:
        run(create_app(store, session_id=session.id), scenario)
    finally:
        other.close()


def test_resume_overtag_in_the_tui_takes_over_without_asking(store, mini):
    """`samtale resume ID --overtag` without --plain: straight into the conversation."""
    other = open_store(store.data_dir)  # the same backend as ``store``
    there = Session.start(other, mini, borger="AB")

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        assert isinstance(app.screen, ConversationScreen)
        with pytest.raises(LeaseLost):
            there.answer("Oda")

    try:
        run(create_app(store, session_id=there.id, take_over=True), scenario)
    finally:
        there.close()
        other.close()
