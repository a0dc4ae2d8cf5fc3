"""Reliability: what staff wrote survives a killed process, a second writer and hostile text.

Notes are sensitive personal data from a conversation that cannot be repeated. These tests drive
the real program (``python -m assistant ... --plain``) in subprocesses, as a user or a script
would, and then look at what the store holds.
"""

from __future__ import annotations

import contextlib
import copy
import json
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from assistant.dialogue.library import find_guide
from assistant.dialogue.loader import load_guide
from assistant.dialogue.model import Guide
from assistant.notes.store import DB_NAME, ListFilter, Store, open_store
from assistant.session import NAVIGATION, Session

from ..conftest import MINI
from ..walk import HEADING, ROOT, Live, env_for, plain_script

SESSION_ID = re.compile(r" – samtale ([0-9a-f]{8})")
RAW_TERMINAL_BYTES = (b"\x1b", b"\x07", b"\x00")


def samtale(
    *args: str, data: Path, stdin: str | bytes = b"", timeout: float = 60
) -> subprocess.CompletedProcess[bytes]:
    """Run the program to its end; stdin and output as bytes, so every raw byte can be seen."""
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args],
        input=stdin.encode("utf-8") if isinstance(stdin, str) else stdin,
        capture_output=True,
        env=env_for(data),
        cwd=ROOT,
        timeout=timeout,
    )


def assert_no_raw_terminal_bytes(data: bytes, where: str) -> None:
    """No ESC, BEL or NUL: nothing that can move the cursor, retitle or clear a terminal."""
    for raw in RAW_TERMINAL_BYTES:
        at = data.find(raw)
        assert at < 0, f"{where}: raw {raw!r} at byte {at}: {data[max(at - 40, 0) : at + 40]!r}"


def assert_clean_exit(result: subprocess.CompletedProcess[bytes], code: int = 0) -> None:
    err = result.stderr.decode("utf-8", "replace")
    assert result.returncode == code, err
    assert "Traceback" not in err


def integrity(db: Path) -> tuple[str, list[Any]]:
    with contextlib.closing(sqlite3.connect(db)) as conn:
        return (
            conn.execute("PRAGMA integrity_check").fetchone()[0],
            conn.execute("PRAGMA foreign_key_check").fetchall(),
        )


# ------------------------------------------------------------------ 1. killed at random points


@dataclass(frozen=True)
class State:
    answers: dict[str, Any]
    step_id: str
    title: str | None


@dataclass(frozen=True)
class Plan:
    """What to type into plain mode to walk a guide, and where the session stands before each
    line (``states[i]`` is the state after ``entries[:i]``)."""

    guide: str
    entries: list[str]
    states: list[State]


def plan_for(name: str, guide: Guide, scratch: Store) -> Plan:
    walker = Session.start(scratch, guide, borger="Plan")
    lines = [  # fixed dates: the plan must hold even if the test runs past midnight
        line.replace("om 2 uger", "24-12-2030").replace("i morgen", "25-12-2030")
        for line in plain_script(walker)
    ]
    walker.close()
    replay = Session.start(scratch, guide, borger="Plan")
    states = []
    for line in lines:
        states.append(
            State(copy.deepcopy(replay.answers), replay.step_id, replay.step and replay.step.title)
        )
        assert replay.answer(line.rstrip("\n")).ok
    states.append(State(copy.deepcopy(replay.answers), replay.step_id, None))
    replay.close()
    return Plan(name, [line + "\n" for line in lines], states)


KILL_MODES = (
    "after_ack",  # the next question was shown; nothing more was typed
    "mid_line",  # part of the next answer was typed, without Enter
    "after_write",  # the next answer was sent; killed at once, racing its commit
    "random_time",  # the next answer was sent; killed a random moment later
)


@pytest.mark.sqlite_only
def test_sigkill_at_random_points_loses_no_acknowledged_answer(tmp_path):
    """Kill ``samtale start --plain`` with SIGKILL at random points: every answer it had
    acknowledged (by showing the next question) is stored, the database is intact, and
    ``samtale resume`` continues at the right step and completes."""
    rng = random.Random(4711)
    data = tmp_path / "data"
    with open_store(tmp_path / "plan") as scratch:
        plans = [
            plan_for(str(MINI), load_guide(MINI), scratch),
            plan_for("vaerdighedshjulet", find_guide("vaerdighedshjulet"), scratch),
        ]
    for run in range(20):
        mode, plan = KILL_MODES[run % 4], plans[(run // 4) % 2]
        k = rng.randrange(len(plan.entries))  # answers acknowledged before the kill
        live = Live(
            ["start", plan.guide, "--borger", f"Stue {run}", "--plain"], data, tmp_path / "err"
        )
        try:
            session_id = live.until(SESSION_ID).group(1)
            assert live.until(HEADING).group(1) == plan.states[0].title
            for i in range(k):
                live.send(plan.entries[i])
                assert live.until(HEADING).group(1) == plan.states[i + 1].title, live.seen[-8:]
            allowed = {k}
            entry = plan.entries[k]
            if mode == "mid_line":
                live.send(entry[: rng.randrange(len(entry))])  # the final newline is never sent
            elif mode in ("after_write", "random_time"):
                live.send(entry)
                allowed.add(k + 1)
                if mode == "random_time":
                    time.sleep(rng.uniform(0, 0.02))  # not a wait: picks the moment of the kill
            live.kill()
        finally:
            live.close()
        assert "Traceback" not in (tmp_path / "err").read_text("utf-8", "replace")
        context = f"run {run}: {plan.guide}, {mode}, {k} acknowledged"

        assert integrity(data / DB_NAME) == ("ok", []), context
        with open_store(data) as store:
            s = Session.open(store, session_id)
            try:
                for key, value in plan.states[k].answers.items():
                    assert s.answers.get(key) == value, f"{context}: answer {key!r} lost"
                taken = sum(e.kind in NAVIGATION for e in s.events)
                assert taken in allowed, context
                expected = plan.states[taken]
                assert (s.answers, s.step_id) == (expected.answers, expected.step_id), context
                status = s.status
            finally:
                s.close()
        if status == "completed":  # the last answer was committed and the note completed
            assert taken == len(plan.entries), context
            continue
        assert status == "in_progress", context

        resumed = samtale(
            "resume", session_id, "--plain", data=data, stdin="".join(plan.entries[taken:])
        )
        assert_clean_exit(resumed)
        out = resumed.stdout.decode("utf-8")
        headings = [m.group(1) for line in out.splitlines() if (m := HEADING.match(line))]
        if expected.title is None:
            assert headings == [], context
        else:
            assert headings[0] == expected.title, context
        assert f"Notens id: {session_id}" in out, context
        with open_store(data) as store:
            s = Session.open(store, session_id)
            assert s.status == "completed", context
            assert s.answers == plan.states[-1].answers, context
            s.close()


# ---------------------------------------------------------------- 2. two writers at the same time


def many_steps_guide(folder: Path, count: int) -> Path:
    lines = [
        "id: mange",
        "version: 1",
        "titel: Mange spørgsmål",
        "formål: To medarbejdere skriver på samme tid.",
        "brug: samtale",
        "varighed: 10",
        "deltagere: Medarbejder og borger",
        'kilder: ["test"]',
        "afsnit:",
        "  - id: alle",
        "    titel: Alle spørgsmål",
        "    trin:",
    ]
    for i in range(count):
        lines += [
            f"      - id: s{i}",
            f"        titel: Spørgsmål {i}",
            f"        spørg: Hvad er svar nummer {i}?",
            "        svar: {type: tekst}",
        ]
    path = folder / "mange.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.sqlite_only
def test_two_plain_sessions_write_the_same_store_at_once(tmp_path):
    """Two ``samtale --plain`` processes answer their own session in one data directory at the
    same time: no 'database is locked', no traceback, both exit 0, every answer is stored."""
    count = 150
    data = tmp_path / "data"
    guide = many_steps_guide(tmp_path, count)
    given = {tag: [f"{tag}: svar {i} æøå 🙂" for i in range(count)] for tag in "AB"}
    lives = {
        tag: Live(
            ["start", str(guide), "--borger", f"Borger {tag}", "--plain"],
            data,
            tmp_path / f"err-{tag}",
        )
        for tag in "AB"
    }
    try:
        ids = {tag: live.until(SESSION_ID).group(1) for tag, live in lives.items()}
        for live in lives.values():
            live.until(HEADING)  # both have the store open and wait for their first answer
        # Both get a batch of answers at once, and the next batch only when both have
        # written the last one: their writes overlap within a batch and interleave across
        # batches however busy the machine is (sent all at once, one could finish first).
        batch = 25
        for start in range(0, count, batch):
            for tag in "AB":
                lives[tag].send("".join(line + "\n" for line in given[tag][start : start + batch]))
            if start + batch < count:
                for live in lives.values():
                    live.until(re.compile(rf": Spørgsmål {start + batch}$"))
        for live in lives.values():
            live.end_input()
        for live in lives.values():
            live.rest()
        outputs = {tag: "\n".join(live.seen) for tag, live in lives.items()}
        codes = {tag: live.proc.wait(timeout=60) for tag, live in lives.items()}
    finally:
        for live in lives.values():
            live.close()

    for tag in "AB":
        out = outputs[tag]
        err = (tmp_path / f"err-{tag}").read_text("utf-8", "replace")
        assert codes[tag] == 0, (tag, err)
        for bad in ("database is locked", "optaget", "Traceback"):
            assert bad not in out and bad not in err, (tag, bad, err)
        assert f"Notens id: {ids[tag]}" in out
    with open_store(data) as store:
        for tag in "AB":
            s = Session.open(store, ids[tag])
            assert s.status == "completed"
            assert s.answers == {f"s{i}": text for i, text in enumerate(given[tag])}
            s.close()
    with contextlib.closing(sqlite3.connect(data / DB_NAME)) as conn:
        order = [r[0] for r in conn.execute("SELECT session_id FROM events ORDER BY rowid")]
    switches = sum(a != b for a, b in zip(order, order[1:], strict=False))
    assert switches >= 2, "the two writers did not write at the same time; the test proves nothing"
    assert integrity(data / DB_NAME) == ("ok", [])


# ---------------------------------------------------------------------- 4. hostile text


HOSTILE = {
    "kontrol": "før \x01\x02\x08\x0b\x0c\x0e\x1f\x7f\x85\x9b\x9d efter",
    "ansi": "\x1b[2J\x1b[31mrød\x1b[0m og \x1b]0;title\x07 titel",
    "rtl": "abc \u202edcba\u202c slut \u200f",
    "nul": "før\x00efter \x00",
    "lang": "lang linje æøå " + "x" * 100_000,
    "markup": "[bold]markup[/] [red]rød[/red] [link=https://x.dk]link[/link] [/]",
}
ROW_CELLS = ("\x1b[2J [bold]ryd[/] \x00 skærm\u2028og\x85mere", "K\x07B \u202eRTL")


def kept(text: str) -> str:
    """What both stores keep of typed text: all of it but U+0000 (notes/cpr.py)."""
    return text.replace("\x00", "")


STORED_CELLS = tuple(kept(cell) for cell in ROW_CELLS)


def hostile_guide(folder: Path) -> Path:
    steps = []
    for key in HOSTILE:
        steps += [
            f"      - id: h_{key}",
            f"        titel: Felt {key}",
            f"        spørg: Skriv {key}",
            "        svar: {type: tekst}",
        ]
    text = "\n".join(
        [
            "id: fjendtlig",
            "version: 1",
            "titel: Fjendtlig tekst",
            "formål: Tekst, der prøver at styre terminalen.",
            "brug: samtale",
            "varighed: 10",
            "deltagere: Medarbejder og borger",
            'kilder: ["test"]',
            "afsnit:",
            "  - id: tekster",
            "    titel: Tekster",
            "    trin:",
            *steps,
            "      - id: plan",
            "        titel: Aftaler",
            "        spørg: Hvad aftaler I?",
            "        svar:",
            "          type: rækker",
            "          nøgle: aftaler",
            "          felter:",
            "            - {nøgle: hvad, tekst: Hvad}",
            "            - {nøgle: hvem, tekst: Hvem}",
            "            - {nøgle: hvornår, tekst: Hvornår, type: dato}",
            "      - id: gentag",
            "        titel: Gentag",
            '        spørg: "Du skrev: {h_ansi} / {h_nul} / {h_kontrol}"',
            "        svar: {type: tekst}",
            "note:",
            "  titel: Fjendtlig note",
            "  aftaler: aftaler",
        ]
    )
    path = folder / "fjendtlig.yaml"
    path.write_text(text + "\n", encoding="utf-8")
    return path


def test_hostile_text_is_stored_exactly_through_the_session(tmp_path):
    """Every character as typed, but U+0000, which neither store keeps (PostgreSQL refuses it
    in text): the same note on both backends."""
    guide = load_guide(hostile_guide(tmp_path))
    borger = "Stue \x1b[2J\x00 7"
    with open_store(tmp_path / "data") as store:
        s = Session.start(store, guide, borger=borger, medarbejder="K\x00B")
        texts = {**HOSTILE, "kontrol": HOSTILE["kontrol"] + " \r lone CR \r\n CRLF"}
        for key, text in texts.items():
            assert s.answer(text).ok, key
        assert s.answer(" ; ".join(ROW_CELLS)).ok
        assert s.answer(HOSTILE["nul"]).ok
        s.close()
        again = Session.open(store, s.id)
        expected = {f"h_{key}": kept(text) for key, text in texts.items()}
        expected["aftaler"] = [
            dict(zip(("hvad", "hvem", "hvornår"), (*STORED_CELLS, ""), strict=True))
        ]
        expected["gentag"] = "førefter "
        assert again.answers == expected
        assert s.answers == expected  # what the session showed is what was stored
        assert (again.record.borger, again.record.medarbejder) == ("Stue \x1b[2J 7", "KB")
        assert [r.id for r in store.list_sessions(ListFilter(borger=borger.upper()))] == [s.id]
        again.close()


def test_hostile_text_end_to_end_never_reaches_the_terminal_raw(tmp_path):
    """Through plain mode, ``notes show`` and both exports: stored exactly, shown escaped, and
    the JSON export gives every answer back exactly."""
    data = tmp_path / "data"
    guide = hostile_guide(tmp_path)
    borger = "Stue \x1b]0;x\x07 [bold]7[/]"
    lines = [*HOSTILE.values()]
    lines += ["/tilbage", HOSTILE["markup"]]  # back: the previous answer is shown again
    lines += [" ; ".join(ROW_CELLS), "", HOSTILE["nul"]]
    result = samtale(
        "start", str(guide), "--borger", borger, "--plain", data=data, stdin="\n".join(lines) + "\n"
    )
    assert_clean_exit(result)
    assert_no_raw_terminal_bytes(result.stdout, "plain mode")
    out = result.stdout.decode("utf-8")
    assert "\\x1b[2J\\x1b[31mrød" in out and "før\\x00efter" in out  # shown, visibly escaped
    assert "Tidligere svar: [bold]markup[/]" in out
    assert "Du skrev: \\x1b[2J" in out
    session_id = SESSION_ID.search(out).group(1)
    assert f"Notens id: {session_id}" in out

    expected = {f"h_{key}": kept(text) for key, text in HOSTILE.items()}
    expected["aftaler"] = [dict(zip(("hvad", "hvem", "hvornår"), (*STORED_CELLS, ""), strict=True))]
    expected["gentag"] = kept(HOSTILE["nul"])
    with open_store(data) as store:
        s = Session.open(store, session_id)
        assert s.answers == expected
        assert s.record.borger == borger and s.status == "completed"
        s.close()

    for args in (["show", session_id], ["show", session_id, "--format", "json"], ["list"]):
        shown = samtale("notes", *args, data=data)
        assert_clean_exit(shown)
        assert_no_raw_terminal_bytes(shown.stdout, f"notes {' '.join(args)}")
    shown_json = samtale("notes", "show", session_id, "--format", "json", data=data)
    assert {a["key"]: a["value"] for a in json.loads(shown_json.stdout)["answers"]} == expected

    markdown, exported = tmp_path / "note.md", tmp_path / "note.json"
    for fmt, path in (("md", markdown), ("json", exported)):
        assert_clean_exit(
            samtale("notes", "export", session_id, "--format", fmt, "-o", str(path), data=data)
        )
        assert_no_raw_terminal_bytes(path.read_bytes(), f"{fmt} export")
    assert "\\x1b[2J\\x1b[31mrød" in markdown.read_text(encoding="utf-8")
    note = json.loads(exported.read_text(encoding="utf-8"))
    assert {a["key"]: a["value"] for a in note["answers"]} == expected
    assert [(a["what"], a["who"]) for a in note["actions"]] == [STORED_CELLS]
    assert note["borger"] == borger


def test_bytes_that_are_not_utf8_never_crash_plain_mode(tmp_path):
    """A terminal set to Latin-1 sends 'æ' as one byte; in an answer or a pseudonym it becomes
    U+FFFD instead of a traceback that loses the conversation."""
    data = tmp_path / "data"
    result = samtale(
        "start",
        str(MINI),
        "--borger",
        os.fsdecode(b"Stue \xe6"),
        "--plain",
        data=data,
        stdin=b"Oda \xe6\xf8\xe5\n/pause\n",
    )
    assert_clean_exit(result)
    session_id = SESSION_ID.search(result.stdout.decode("utf-8")).group(1)
    with open_store(data) as store:
        s = Session.open(store, session_id)
        assert s.answers == {"navn": "Oda \ufffd\ufffd\ufffd"}
        assert s.record.borger == "Stue \ufffd"
        s.close()
    listed = samtale("notes", "list", "--borger", os.fsdecode(b"Stue \xe6"), data=data)
    assert_clean_exit(listed)
    assert session_id in listed.stdout.decode("utf-8")


# ---------------------------------------------------------- 5. guide edited after the start


def copy_mini(folder: Path) -> Path:
    (folder / "flows").mkdir(parents=True)
    shutil.copy(MINI.parent / "flows" / "plan.yaml", folder / "flows" / "plan.yaml")
    return Path(shutil.copy(MINI, folder / "mini.yaml"))


def test_resume_uses_the_guide_as_it_was_when_the_session_started(tmp_path):
    data = tmp_path / "data"
    path = copy_mini(tmp_path / "guides")
    started = samtale(
        "start", str(path), "--borger", "AB", "--plain", data=data, stdin="Oda\nrød\n"
    )
    assert_clean_exit(started)
    session_id = SESSION_ID.search(started.stdout.decode("utf-8")).group(1)

    original = path.read_text(encoding="utf-8")
    edited = (
        original.replace("id: akut", "id: i_dag")  # renamed steps
        .replace("gå_til: akut", "gå_til: i_dag")
        .replace("tal_a", "tal_x")
        .replace("Hvad skal der ske i dag?", "ÆNDRET – hvad nu?")  # changed questions
        .replace("spørg: Første tal", "spørg: ÆNDRET første tal")
        .replace(
            "      - id: tal_b\n        titel: Tal B\n        spørg: Andet tal\n"
            "        svar: {type: skala, fra: 1, til: 3, etiketter: {1: Sjældent, 3: Ofte}}\n",
            "",
        )  # a removed step
        .replace("udtryk: tal_x + tal_b", "udtryk: tal_x")
    )
    assert edited.count("ÆNDRET") == 2 and "tal_b" not in edited
    path.write_text(edited, encoding="utf-8")
    assert set(load_guide(path).steps) >= {"i_dag", "tal_x"}  # the edited guide is valid

    rest = ["Ring til lægen", "1", "3", "1", "1, 3", "3", "Gå en tur ; Oda ; i morgen", "", "i dag"]
    resumed = samtale("resume", session_id, "--plain", data=data, stdin="\n".join(rest) + "\n")
    assert_clean_exit(resumed)
    out = resumed.stdout.decode("utf-8")
    assert "ÆNDRET" not in out
    headings = [m.group(1) for line in out.splitlines() if (m := HEADING.match(line))]
    assert headings[:3] == ["Akut", "Tal A", "Tal B"]
    assert "Spørg: Hvad skal der ske i dag?" in out and "Spørg: Andet tal" in out
    assert f"Notens id: {session_id}" in out
    with open_store(data) as store:
        s = Session.open(store, session_id)
        assert s.status == "completed"
        assert s.answers["akut"] == "Ring til lægen" and s.answers["tal_b"] == 3
        assert s.values["sum"] == 4
        s.close()


@pytest.mark.sqlite_only
def test_resume_without_its_guide_snapshot_says_why_and_exits_2(tmp_path):
    data = tmp_path / "data"
    path = copy_mini(tmp_path / "guides")

    def start() -> str:
        started = samtale("start", str(path), "--borger", "AB", "--plain", data=data, stdin="Oda\n")
        assert_clean_exit(started)
        return SESSION_ID.search(started.stdout.decode("utf-8")).group(1)

    def set_snapshot(session_id: str, content: str | None) -> None:
        with contextlib.closing(sqlite3.connect(data / DB_NAME)) as conn:
            conn.execute("PRAGMA foreign_keys=OFF")
            where = "WHERE hash = (SELECT guide_hash FROM sessions WHERE id = ?)"
            if content is None:
                assert conn.execute(f"DELETE FROM guides {where}", (session_id,)).rowcount == 1
            else:
                conn.execute(f"UPDATE guides SET content = ? {where}", (content, session_id))
            conn.commit()

    missing = start()
    set_snapshot(missing, None)
    for command in (["resume", missing, "--plain"], ["notes", "show", missing]):
        result = samtale(*command, data=data)
        assert_clean_exit(result, 2)
        err = result.stderr.decode("utf-8")
        assert f"Guiden, som samtalen {missing} blev startet med, er ikke gemt" in err, err

    # a snapshot that is there but cannot be read (damaged, or refused by a newer version)
    path.write_text(path.read_text(encoding="utf-8").replace("kaldes?", "hedde?"), encoding="utf-8")
    damaged = start()
    for content in ('{"id": "mini"}', "ikke json"):
        set_snapshot(damaged, content)
        for command in (["resume", damaged, "--plain"], ["notes", "show", damaged]):
            result = samtale(*command, data=data)
            assert_clean_exit(result, 2)
            assert "kan ikke læses" in result.stderr.decode("utf-8")
