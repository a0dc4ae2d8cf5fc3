"""The SQLite notes store: masking, permissions, concurrency, lookup and complete deletion."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import platformdirs
import pytest

from assistant.notes.cpr import MASK
from assistant.notes.sqlite import events as sqlite_events
from assistant.notes.sqlite import queries
from assistant.notes.sqlite.migrate import MIGRATIONS
from assistant.notes.sqlite.queries import search_key
from assistant.notes.store import (
    DB_NAME,
    ListFilter,
    NotFound,
    SessionRecord,
    Store,
    StoreError,
    default_data_dir,
    open_store,
)

from ..conftest import ROOT as REPO_ROOT

GUIDE_HASH = "a" * 64
GUIDE_TEXT = "id: test\nversion: '1'\ntitle: Testguide\n"


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the real user data directory."""
    monkeypatch.setenv("SAMTALE_DATA_DIR", str(tmp_path / "env-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # no samtale.toml
    monkeypatch.setenv("SAMTALE_DATABASE_URL", "")  # SQLite unless the test's backend says


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data_dir: Path, backend: str, request, monkeypatch) -> Iterator[Store]:
    from tests.notes.conftest import open_backend

    s = open_backend(backend, data_dir, request, monkeypatch)
    s.save_guide_snapshot(GUIDE_HASH, "test", "1", GUIDE_TEXT)
    yield s
    s.close()


def set_now(monkeypatch: pytest.MonkeyPatch, now: object) -> None:
    """What the stores take the time to be, on both backends."""
    from assistant.notes.postgres import notes as pg_notes

    monkeypatch.setattr(sqlite_events, "now_iso", now)
    monkeypatch.setattr(pg_notes, "now_iso", now)


def new_session(
    s: Store, borger: str | None = "Stue 12", mode: str = "interview", medarbejder: str = "Mette"
) -> SessionRecord:
    return s.create_session(
        guide_id="test",
        guide_version="1",
        guide_hash=GUIDE_HASH,
        guide_title="Testguide",
        mode=mode,
        borger=borger,
        medarbejder=medarbejder,
    )


def raw_bytes(directory: Path) -> bytes:
    """The database file and its write-ahead log, as bytes."""
    out = b""
    for name in (DB_NAME, f"{DB_NAME}-wal"):
        path = directory / name
        if path.exists():
            out += path.read_bytes()
    return out


def mode_of(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


# -------------------------------------------------------------------- data directory


def test_default_data_dir_from_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAMTALE_DATA_DIR", str(tmp_path / "x"))
    assert default_data_dir() == tmp_path / "x"


def test_default_data_dir_platformdirs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SAMTALE_DATA_DIR")
    assert default_data_dir() == Path(platformdirs.user_data_dir("samtale"))


def test_store_without_argument_uses_env(tmp_path: Path) -> None:
    with Store() as s:
        assert s.data_dir == tmp_path / "env-data"
    assert (tmp_path / "env-data" / DB_NAME).is_file()


def test_permissions(data_dir: Path) -> None:
    old = os.umask(0o022)
    try:
        s = Store(data_dir / "nested")
        s.save_guide_snapshot(GUIDE_HASH, "test", "1", GUIDE_TEXT)
        new_session(s)
    finally:
        os.umask(old)
    directory = data_dir / "nested"
    assert mode_of(directory) == 0o700
    for name in (DB_NAME, f"{DB_NAME}-wal", f"{DB_NAME}-shm"):
        assert (directory / name).exists(), name
        assert mode_of(directory / name) == 0o600, name
    assert s.world_readable_warning is None
    s.close()


def test_existing_open_dir_is_tightened_with_warning(data_dir: Path) -> None:
    Store(data_dir).close()  # a real database (an empty file is reported as damaged)
    os.chmod(data_dir, 0o755)
    os.chmod(data_dir / DB_NAME, 0o644)
    with Store(data_dir) as s:
        assert mode_of(data_dir) == 0o700
        assert mode_of(data_dir / DB_NAME) == 0o600
        warning = s.world_readable_warning
        assert warning is not None
        assert str(data_dir) in warning
        assert "andre brugere" in warning
    with Store(data_dir) as s:
        assert s.world_readable_warning is None


def test_unwritable_dir_gives_danish_store_error(data_dir: Path) -> None:
    data_dir.mkdir(mode=0o700)
    os.chmod(data_dir, 0o500)
    try:
        if os.access(data_dir, os.W_OK):
            pytest.skip("running as root: chmod does not make the directory read-only")
        with pytest.raises(StoreError) as info:
            Store(data_dir)
        assert str(data_dir) in str(info.value)
        assert "mappen" in str(info.value)
    finally:
        os.chmod(data_dir, 0o700)


def test_data_dir_below_a_file_gives_danish_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(StoreError) as info:
        Store(blocker / "data")
    message = str(info.value)
    assert str(blocker / "data") in message
    assert message.startswith("Samtale kan ikke gemme noter i mappen")


def test_not_a_database_gives_store_error(data_dir: Path) -> None:
    data_dir.mkdir()
    (data_dir / DB_NAME).write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="er beskadiget og kan ikke læses"):
        Store(data_dir)


# ------------------------------------------------------------------------- schema


@pytest.mark.sqlite_only  # looks inside the SQLite file
def test_schema_and_pragmas(store: Store, data_dir: Path) -> None:
    conn = store._conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == 10000
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"schema_version", "guides", "sessions", "events"} <= tables
    indexes = {
        r[0] for r in conn.execute("SELECT sql FROM sqlite_master WHERE type='index'") if r[0]
    }
    joined = " ".join(indexes)
    for columns in ("", "borger_key, ", "status, "):
        assert f"ON sessions({columns}sort_key DESC, touched DESC)" in joined
    assert "ON sessions(borger)" not in joined  # the pseudonym is only kept casefolded
    assert store.schema_version == len(MIGRATIONS)
    store.close()
    # Reopening applies nothing twice.
    with Store(data_dir) as again:
        rows = again._conn.execute("SELECT version FROM schema_version").fetchall()
        assert rows == [(v,) for v in range(1, len(MIGRATIONS) + 1)]


def _schema_2_database(data_dir: Path) -> None:
    """A database as the version before migration 3 left it: guides, sessions with events."""
    data_dir.mkdir(mode=0o700)
    conn = sqlite3.connect(data_dir / DB_NAME, isolation_level=None)
    conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    for version, statements in enumerate(MIGRATIONS[:2], 1):
        for statement in statements:
            conn.execute(statement)
        conn.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))
    conn.execute(
        "INSERT INTO guides VALUES (?, 'test', '1', ?, '2025-01-01T10:00:00+01:00')",
        (GUIDE_HASH, GUIDE_TEXT),
    )
    sessions = [
        # id, borger, mode, updated_at, touched, event kinds
        ("aaaa0001", "Straße 5", "interview", "2025-10-26T02:30:00+02:00", 1, "aab"),
        ("aaaa0002", "ÅSE", "interview", "2025-10-26T02:10:00+01:00", 2, "as"),
        ("aaaa0003", None, "practice", "2025-10-26T02:40:00+02:00", 3, ""),
        ("aaaa0004", "åse", "meeting", "2025-10-26T01:10:00+00:00", 4, "acab"),
    ]
    kinds = {"a": "answer", "b": "back", "s": "skip", "c": "correct"}
    for sid, borger, mode, updated, touched, events in sessions:
        conn.execute(
            "INSERT INTO sessions (id, guide_id, guide_version, guide_hash, guide_title, mode, "
            "borger, medarbejder, status, started_at, updated_at, touched) "
            "VALUES (?, 'test', '1', ?, 'Testguide', ?, ?, 'KL', 'in_progress', ?, ?, ?)",
            (sid, GUIDE_HASH, mode, borger, updated, updated, touched),
        )
        for seq, kind in enumerate(events, 1):
            conn.execute(
                "INSERT INTO events VALUES (?, ?, ?, '{}', ?)", (sid, seq, kinds[kind], updated)
            )
    conn.close()


def test_schema_2_database_is_migrated_and_keeps_working(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _schema_2_database(data_dir)
    with Store(data_dir) as s:
        assert s.schema_version == len(MIGRATIONS)
        listed = s.list_sessions()
        # Real time across offsets: 02:10+01:00 = 01:10 UTC ties with 01:10+00:00 (touched
        # breaks it), then 00:40 UTC and 00:30 UTC.
        assert [r.id for r in listed] == ["aaaa0004", "aaaa0002", "aaaa0003", "aaaa0001"]
        assert {r.id: r.answered for r in listed} == {
            "aaaa0001": 2,
            "aaaa0002": 1,
            "aaaa0003": 0,
            "aaaa0004": 2,
        }
        assert [r.id for r in s.list_sessions(ListFilter(borger="åse"))] == ["aaaa0004", "aaaa0002"]
        assert [r.id for r in s.list_sessions(ListFilter(search="STRASSE"))] == ["aaaa0001"]
        assert s.count_sessions(ListFilter(search="testguide")) == 4
        # The backfilled keys are exactly what create_session stores.
        rows = s._conn.execute("SELECT borger, borger_key, search_key FROM sessions").fetchall()
        for borger, borger_key, key in rows:
            assert borger_key == (None if borger is None else borger.casefold())
            assert key == search_key(borger, "Testguide")
        # Writing goes on as before: the counter and the order follow new events.
        monkeypatch.setattr(sqlite_events, "now_iso", lambda: "2025-10-26T01:50:00+00:00")
        s.append_event("aaaa0001", "answer", {"key": "k", "value": "v"})
        fresh = new_session(s, borger="Åse")
        assert [r.id for r in s.list_sessions(ListFilter(limit=2))] == [fresh.id, "aaaa0001"]
        assert s.get_session("aaaa0001").answered == 3
        assert s.delete_borger("ÅSE") == 3
        assert [r.id for r in s.list_sessions()] == ["aaaa0001", "aaaa0003"]
        assert s._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with Store(data_dir) as again:  # nothing is applied twice
        assert again.schema_version == len(MIGRATIONS)
        assert [r.id for r in again.list_sessions()] == ["aaaa0001", "aaaa0003"]


@pytest.mark.sqlite_only  # looks inside the SQLite file
def test_newer_schema_is_refused(store: Store, data_dir: Path) -> None:
    store._conn.execute("INSERT INTO schema_version (version) VALUES (999)")
    store.close()
    with pytest.raises(StoreError, match="nyere version"):
        Store(data_dir)


@pytest.mark.sqlite_only  # looks inside the SQLite file
def test_status_check_constraint(store: Store) -> None:
    record = new_session(store)
    with pytest.raises(sqlite3.IntegrityError):
        store._conn.execute("UPDATE sessions SET status = 'weird' WHERE id = ?", (record.id,))


# ------------------------------------------------------------------------- guides


def test_guide_snapshots(store: Store) -> None:
    assert store.load_guide_snapshot(GUIDE_HASH) == GUIDE_TEXT
    store.save_guide_snapshot(GUIDE_HASH, "test", "1", "other text")  # ignored
    assert store.load_guide_snapshot(GUIDE_HASH) == GUIDE_TEXT
    assert store.load_guide_snapshot("b" * 64) is None


def test_session_needs_saved_guide(store: Store) -> None:
    with pytest.raises(StoreError, match="ikke gemt"):
        store.create_session(
            guide_id="x",
            guide_version="1",
            guide_hash="c" * 64,
            guide_title="X",
            mode="interview",
            borger=None,
            medarbejder=None,
        )


# ----------------------------------------------------------------------- sessions


def test_create_session(store: Store) -> None:
    record = new_session(store)
    assert re.fullmatch(r"[0-9a-f]{8}", record.id)
    assert record.status == "in_progress"
    assert record.answered == 0
    started = datetime.fromisoformat(record.started_at)
    assert started.utcoffset() is not None
    assert record.updated_at == record.started_at
    assert store.get_session(record.id) == SessionRecord(**{**record.__dict__, "masked": 0})


def test_borger_and_medarbejder_are_masked(store: Store, data_dir: Path) -> None:
    record = new_session(store, borger="Åse 010190-1234", medarbejder="Mette 0202901234")
    assert record.borger == f"Åse {MASK}"
    assert record.medarbejder == f"Mette {MASK}"
    assert record.masked == 2
    loaded = store.get_session(record.id)
    assert (loaded.borger, loaded.medarbejder) == (f"Åse {MASK}", f"Mette {MASK}")
    raw = raw_bytes(data_dir)
    assert b"010190" not in raw
    assert b"0202901234" not in raw


def test_nul_is_removed_from_every_text_alike_on_both_backends(store: Store) -> None:
    """PostgreSQL refuses U+0000 in text and SQLite keeps it: both stores leave it out of
    names, answers, agreements, status changes and the audit trail, and keep every other
    control character as typed."""
    from assistant.notes.agreements import AgreementRow

    record = store.create_session(
        guide_id="test",
        guide_version="1",
        guide_hash=GUIDE_HASH,
        guide_title="Test\x00guide",
        mode="interview",
        borger="Stue\x00 12",
        medarbejder="M\x00K",
    )
    assert (record.borger, record.medarbejder, record.guide_title) == ("Stue 12", "MK", "Testguide")
    typed = {"value": "før\x00efter\r\n\t\x1b[1m", "rows": [{"hvad": "Gå\x00tur"}]}
    event = store.append_event(record.id, "answer", typed)
    stored = {"value": "førefter\r\n\t\x1b[1m", "rows": [{"hvad": "Gåtur"}]}
    assert event.data == stored
    assert store.events(record.id)[0].data == stored
    store.sync_agreements(record.id, [AgreementRow("plan", 1, "Gå\x00tur", "K\x00B", None)], None)
    agreement = store.agreements()[0]
    assert (agreement.what, agreement.who) == ("Gåtur", "KB")
    changed = store.set_agreement_status(agreement.id, "udført", "M\x00K", "fordi\x00 så")
    assert store.agreement_history(changed)[-1].reason == "fordi så"
    store.audit("exported", record.id, "M\x00K", "fil\x00.md")
    assert [(a.medarbejder, a.detail) for a in store.audit_trail(record.id)][:1] == [
        ("MK", "fil.md")
    ]
    assert [r.id for r in store.list_sessions(ListFilter(borger="stue\x00 12"))] == [record.id]


def test_append_event_masks_and_orders(store: Store, data_dir: Path) -> None:
    record = new_session(store)
    first = store.append_event(
        record.id,
        "answer",
        {"key": "note", "value": "Hendes cpr er 311250-1234 og tlf 12345678"},
    )
    assert first.seq == 1
    assert first.masked == 1
    assert first.data["value"] == f"Hendes cpr er {MASK} og tlf 12345678"
    second = store.append_event(
        record.id,
        "answer",
        {"key": "plan", "value": [{"what": "ring 1112131234", "who": "Bo"}, {"what": "x"}]},
    )
    assert (second.seq, second.masked) == (2, 1)
    third = store.append_event(record.id, "went_back", {"to": "note"})
    assert (third.seq, third.masked) == (3, 0)
    events = store.events(record.id)
    assert [e.seq for e in events] == [1, 2, 3]
    assert [e.kind for e in events] == ["answer", "answer", "went_back"]
    assert events[0].data["value"] == f"Hendes cpr er {MASK} og tlf 12345678"
    assert events[1].data["value"][0] == {"what": f"ring {MASK}", "who": "Bo"}
    assert all(e.session_id == record.id for e in events)
    raw = raw_bytes(data_dir)
    assert b"311250" not in raw
    assert b"1112131234" not in raw
    assert store.get_session(record.id).answered == 2


def test_append_event_is_committed_and_visible_to_other_connection(
    store: Store, data_dir: Path
) -> None:
    record = new_session(store)
    store.append_event(record.id, "answer", {"value": "æøå 😀 [bold]"})
    with open_store(data_dir) as other:  # the same backend as ``store``
        events = other.events(record.id)
        assert [e.data for e in events] == [{"value": "æøå 😀 [bold]"}]


def test_append_event_updates_session(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    record = new_session(store)
    set_now(monkeypatch, lambda: "2030-01-01T10:00:00+01:00")
    event = store.append_event(record.id, "finished", {}, status="completed")
    assert event.at == "2030-01-01T10:00:00+01:00"
    loaded = store.get_session(record.id)
    assert loaded.status == "completed"
    assert loaded.updated_at == "2030-01-01T10:00:00+01:00"
    assert loaded.started_at == record.started_at
    store.append_event(record.id, "note", {})
    assert store.get_session(record.id).status == "completed"  # status kept when not given


def test_append_event_bad_status_and_unknown_session(store: Store) -> None:
    record = new_session(store)
    with pytest.raises(StoreError):
        store.append_event(record.id, "x", {}, status="done")
    assert store.events(record.id) == []
    with pytest.raises(NotFound):
        store.append_event("deadbeef", "answer", {})


def test_get_session_prefix(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    ids = iter(["abcd1111", "abcd1111", "abcd2222", "ef012345"])
    monkeypatch.setattr("secrets.token_hex", lambda n: next(ids))
    a = new_session(store)
    b = new_session(store)  # the colliding id is skipped
    c = new_session(store)
    assert (a.id, b.id, c.id) == ("abcd1111", "abcd2222", "ef012345")
    assert store.get_session("abcd1111").id == "abcd1111"
    assert store.get_session("abcd2").id == "abcd2222"
    assert store.get_session("ef01").id == "ef012345"
    assert store.get_session("EF01").id == "ef012345"
    with pytest.raises(StoreError) as info:
        store.get_session("abcd")
    assert not isinstance(info.value, NotFound)
    assert "abcd1111" in str(info.value) and "abcd2222" in str(info.value)
    with pytest.raises(NotFound):
        store.get_session("ef0")  # unique, but shorter than 4 characters


def test_not_found_message(store: Store) -> None:
    with pytest.raises(NotFound) as info:
        store.get_session("zzzz")
    assert str(info.value) == "Der findes ingen samtale med id 'zzzz'."
    assert isinstance(info.value, StoreError)
    with pytest.raises(NotFound):
        store.get_session("%%%%")


def test_list_sessions_order_and_filters(store: Store) -> None:
    a = new_session(store, borger="Åse")
    b = new_session(store, borger="Bent", mode="meeting")
    c = new_session(store, borger=None, mode="practice")
    store.append_event(a.id, "answer", {"v": 1})  # same second: a is still the newest
    assert [s.id for s in store.list_sessions()] == [a.id, c.id, b.id]
    assert [s.id for s in store.list_sessions(ListFilter(limit=2))] == [a.id, c.id]
    assert [s.id for s in store.list_sessions(ListFilter(borger="åSE"))] == [a.id]
    assert [s.id for s in store.list_sessions(ListFilter(borger="bent"))] == [b.id]
    assert store.list_sessions(ListFilter(borger="Ås")) == []
    assert [s.id for s in store.list_sessions(ListFilter(mode="practice"))] == [c.id]
    store.append_event(b.id, "end", {}, status="completed")
    assert [s.id for s in store.list_sessions(ListFilter(status="completed"))] == [b.id]
    assert [s.id for s in store.list_sessions(ListFilter(status="in_progress"))] == [a.id, c.id]
    listed = {s.id: s for s in store.list_sessions()}
    assert listed[a.id].answered == 1
    assert listed[b.id].answered == 0


def test_list_sessions_orders_by_real_time_across_offsets(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = new_session(store)
    b = new_session(store)
    # 10:30+02:00 is 08:30 UTC, earlier than 09:45+01:00 (08:45 UTC) despite sorting later as text.
    set_now(monkeypatch, lambda: "2026-10-25T09:45:00+01:00")
    store.append_event(a.id, "x", {})
    set_now(monkeypatch, lambda: "2026-10-25T10:30:00+02:00")
    store.append_event(b.id, "x", {})
    assert [s.id for s in store.list_sessions()] == [a.id, b.id]


def test_list_sessions_same_second_is_ordered_by_touch(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sqlite_events, "now_iso", lambda: "2026-03-29T01:59:59+01:00")
    a, b, c = new_session(store), new_session(store), new_session(store)
    assert [s.id for s in store.list_sessions()] == [c.id, b.id, a.id]
    store.append_event(a.id, "x", {})
    assert [s.id for s in store.list_sessions()] == [a.id, c.id, b.id]
    # The same instant written with another offset (summer time began) is a tie as well.
    monkeypatch.setattr(sqlite_events, "now_iso", lambda: "2026-03-29T02:59:59+02:00")
    store.append_event(b.id, "x", {})
    assert [s.id for s in store.list_sessions()] == [b.id, a.id, c.id]
    paused = ListFilter(status="in_progress", limit=2)
    assert [s.id for s in store.list_sessions(paused)] == [b.id, a.id]


@pytest.mark.sqlite_only  # looks inside the SQLite file
def test_answered_counts_answer_events_also_after_back(store: Store) -> None:
    """``answered`` is the number of "answer" events, as it was when counted per row: going
    back or correcting an answer does not change it, and skipped steps are not answers."""
    record = new_session(store)
    other = new_session(store)
    for kind in ("answer", "answer", "back", "answer", "skip", "correct", "back", "back"):
        store.append_event(record.id, kind, {"key": "k", "value": "v"})
    store.append_event(other.id, "answer", {"key": "k", "value": "v"})
    counted = store._conn.execute(
        "SELECT COUNT(*) FROM events WHERE session_id = ? AND kind = 'answer'", (record.id,)
    ).fetchone()[0]
    assert counted == 3
    assert store.get_session(record.id).answered == 3
    assert {s.id: s.answered for s in store.list_sessions()} == {record.id: 3, other.id: 1}


@pytest.mark.sqlite_only  # looks inside the SQLite file
def test_search_and_borger_match_casefolded_text(store: Store) -> None:
    street = new_session(store, borger="Straße 5")
    aase = new_session(store, borger="ÅSE Ø.")
    practice = new_session(store, borger=None, mode="practice")
    found = lambda text: {s.id for s in store.list_sessions(ListFilter(search=text))}  # noqa: E731
    assert found("strasse") == {street.id}  # casefold: ß is ss
    assert found("åse ø") == {aase.id}
    assert found("TESTGUIDE") == {street.id, aase.id, practice.id}  # the guide title
    assert found(practice.id[:5]) == {practice.id}
    assert found("  straSSe 5 ") == {street.id}
    stue = new_session(store, borger="Stue")
    assert found("stue") == {stue.id}
    assert found("stuetest") == found("5testguide") == set()  # never across the two fields
    assert found("%") == found("_") == set()
    assert [s.id for s in store.list_sessions(ListFilter(borger="STRASSE 5"))] == [street.id]
    assert [s.id for s in store.list_sessions(ListFilter(borger="åse ø."))] == [aase.id]
    assert store.list_sessions(ListFilter(borger="åse")) == []
    row = store._conn.execute(
        "SELECT borger_key, search_key FROM sessions WHERE id = ?", (street.id,)
    ).fetchone()
    assert row == ("strasse 5", search_key("Straße 5", "Testguide"))
    assert store._conn.execute(
        "SELECT borger_key, search_key FROM sessions WHERE id = ?", (practice.id,)
    ).fetchone() == (None, search_key(None, "Testguide"))


def test_search_for_text_with_the_separator_matches_one_field_only(store: Store) -> None:
    odd = new_session(store, borger="A\x1fB")
    new_session(store, borger="Stue 1")
    assert [s.id for s in store.list_sessions(ListFilter(search="a\x1fb"))] == [odd.id]
    assert store.list_sessions(ListFilter(search="1\x1ftest")) == []
    assert store.count_sessions(ListFilter(search="a\x1fb")) == 1


def test_count_sessions_and_list_overview_match_list_sessions(store: Store) -> None:
    new_session(store, borger="Åse")
    new_session(store, borger="åse", mode="meeting")
    done = new_session(store, borger="Bent")
    new_session(store, borger=None, mode="practice")
    store.append_event(done.id, "end", {}, status="completed")
    for filters in (
        {},
        {"borger": "ÅSE"},
        {"borger": "Bent", "status": "completed"},
        {"borger": "Bent", "status": "in_progress"},
        {"status": "in_progress"},
        {"mode": "practice"},
        {"search": "åse"},
        {"search": "testguide", "status": "completed"},
        {"search": "åse", "borger": "åse", "mode": "meeting"},
        {"search": "   "},
        {"borger": "ingen"},
    ):
        listed = store.list_sessions(ListFilter(**filters))
        assert store.count_sessions(ListFilter(**filters)) == len(listed), filters
        overview = [(r.id, r.status, r.updated_at, r.borger, r.guide_title, r.mode) for r in listed]
        assert store.list_overview(ListFilter(**filters)) == overview, filters
        assert store.list_overview(ListFilter(**filters, limit=2)) == overview[:2], filters
    assert store.count_sessions() == 4
    assert store.count_sessions(ListFilter(borger="åse")) == 2


@pytest.mark.sqlite_only  # looks inside the SQLite file
def test_listing_is_served_by_an_index_without_sorting(store: Store) -> None:
    def plan(borger=None, status=None, search=None) -> str:
        where = ListFilter(borger=borger, status=status, search=search)
        from_where, params = queries.from_where(where)
        sql = f"EXPLAIN QUERY PLAN SELECT {queries.SESSION_COLUMNS}{from_where}"
        rows = store._conn.execute(sql + queries.ORDER, params).fetchall()
        return " | ".join(r[-1] for r in rows)

    assert plan() == "SCAN s USING INDEX sessions_recent"
    assert plan(borger="åse") == "SEARCH s USING INDEX sessions_borger_recent (borger_key=?)"
    assert plan(borger="åse", status="completed").startswith(
        "SEARCH s USING INDEX sessions_borger_recent (borger_key=?)"
    )
    assert plan(status="completed") == "SEARCH s USING INDEX sessions_status_recent (status=?)"
    # A search reads every row anyway: straight through the table, then sort what it found.
    assert plan(search="x").startswith("SCAN s")
    assert "casefold" not in plan(search="x")


def test_closed_store(store: Store) -> None:
    store.close()
    store.close()
    with pytest.raises(StoreError):
        store.list_sessions()


# ----------------------------------------------------------------------- deleting


@pytest.mark.sqlite_only  # looks inside the SQLite file
def test_delete_session(store: Store, data_dir: Path) -> None:
    keep = new_session(store, borger="Bent")
    gone = new_session(store, borger="Åse")
    store.append_event(gone.id, "answer", {"value": "Unik-tekst-Q7ZK"})
    store.append_event(keep.id, "answer", {"value": "Bliver-her-M3XP"})
    store.delete_session(gone.id)
    with pytest.raises(NotFound):
        store.get_session(gone.id)
    assert store.events(gone.id) == []
    assert store._conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 1
    assert [e.data["value"] for e in store.events(keep.id)] == ["Bliver-her-M3XP"]
    raw = raw_bytes(data_dir)
    assert b"Unik-tekst-Q7ZK" not in raw
    assert b"Bliver-her-M3XP" in raw
    with pytest.raises(NotFound):
        store.delete_session(gone.id)


@pytest.mark.sqlite_only  # looks inside the SQLite file
def test_delete_borger_leaves_no_bytes(store: Store, data_dir: Path) -> None:
    pseudonym = "Pseudonym-Æble-4711"
    secret = "Hemmelig-svar-tekst-ZQX9 med æøå"
    other_text = "Anden-borger-tekst-KLM2"
    sessions = [new_session(store, borger=pseudonym) for _ in range(3)]
    sessions.append(new_session(store, borger=pseudonym.upper()))
    other = new_session(store, borger="Bent")
    for record in sessions:
        for i in range(30):
            store.append_event(record.id, "answer", {"value": f"{secret} {i}", "pad": "x" * 500})
    store.append_event(other.id, "answer", {"value": other_text})
    before = raw_bytes(data_dir)
    assert pseudonym.encode() in before
    assert secret.encode() in before

    assert store.delete_borger(pseudonym.lower()) == 4

    assert store.list_sessions(ListFilter(borger=pseudonym)) == []
    assert [s.id for s in store.list_sessions()] == [other.id]
    for record in sessions:
        assert store.events(record.id) == []
    assert pseudonym.casefold().encode() in before  # the stored keys for filter and search
    for name in (DB_NAME, f"{DB_NAME}-wal"):
        path = data_dir / name
        data = path.read_bytes() if path.exists() else b""
        assert pseudonym.encode() not in data, name
        assert pseudonym.upper().encode() not in data, name
        assert pseudonym.casefold().encode() not in data, name
        assert secret.encode() not in data, name
        assert b"ZQX9" not in data, name
    assert other_text.encode() in raw_bytes(data_dir)
    assert store.load_guide_snapshot(GUIDE_HASH) == GUIDE_TEXT  # guides are kept
    assert store._conn.execute("PRAGMA freelist_count").fetchone()[0] == 0
    for name in (DB_NAME, f"{DB_NAME}-wal", f"{DB_NAME}-shm"):
        if (data_dir / name).exists():
            assert mode_of(data_dir / name) == 0o600
    assert store.delete_borger(pseudonym) == 0


# -------------------------------------------------------------------- concurrency

WRITER = """
import os, sys, time
from assistant.notes.store import open_store

data_dir, session_id, go_file, tag = sys.argv[1:5]
store = open_store(data_dir)
while not os.path.exists(go_file):
    time.sleep(0.001)
for i in range(200):
    store.append_event(session_id, "answer", {"i": i, "tag": tag})
store.close()
"""


@pytest.mark.parametrize("same_session", [False, True], ids=["different", "same"])
def test_two_processes_append_concurrently(
    store: Store, data_dir: Path, tmp_path: Path, same_session: bool
) -> None:
    a = new_session(store)
    b = a if same_session else new_session(store)
    go_file = tmp_path / "go"
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(data_dir), record.id, str(go_file), tag],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for record, tag in ((a, "A"), (b, "B"))
    ]
    time.sleep(1.0)  # let both open the store before they start writing
    go_file.touch()
    for proc in procs:
        out, err = proc.communicate(timeout=180)
        assert proc.returncode == 0, err
        assert err == ""
    if same_session:
        events = store.events(a.id)
        assert [e.seq for e in events] == list(range(1, 401))
        for tag in "AB":
            assert [e.data["i"] for e in events if e.data["tag"] == tag] == list(range(200))
    else:
        for record, tag in ((a, "A"), (b, "B")):
            events = store.events(record.id)
            assert [e.seq for e in events] == list(range(1, 201))
            assert [e.data["i"] for e in events] == list(range(200))
            assert {e.data["tag"] for e in events} == {tag}
            assert store.get_session(record.id).answered == 200


# ------------------------------------------------------------ `samtale notes list`


def test_notes_list_shows_the_newest_50_and_how_many_more(
    store: Store, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from assistant.cli import main
    from assistant.cli.common import NOTES_SHOWN

    ids = [new_session(store, borger=f"Stue {i}").id for i in range(NOTES_SHOWN + 2)]
    newest_first = ids[::-1]
    base = ["--data-dir", str(data_dir), "notes", "list"]

    assert main(base) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["ID", "Status", "Opdateret", "Borger", "Guide"]
    assert [line.split()[0] for line in lines[1:-1]] == newest_first[:NOTES_SHOWN]
    assert lines[-1] == "… og 2 ældre noter. Brug --alle for at se dem alle, eller --search."

    assert main([*base, "--alle"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines[1:]] == newest_first

    assert main([*base, "--limit", "51", "--search", "STUE"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1 + 51 + 1
    assert lines[-1] == "… og 1 ældre note. Brug --alle for at se den."

    assert main([*base, "--search", "stue 1"]) == 0  # Stue 1 and Stue 10-19: all shown
    assert not capsys.readouterr().out.splitlines()[-1].startswith("…")

    assert main([*base, "--json"]) == 0  # every note: scripts read it
    assert [r["id"] for r in json.loads(capsys.readouterr().out)] == newest_first
    assert main([*base, "--json", "--limit", "3"]) == 0
    assert [r["id"] for r in json.loads(capsys.readouterr().out)] == newest_first[:3]

    for wrong in (["--limit", "0"], ["--limit", "to"], ["--limit", "2", "--alle"]):
        with pytest.raises(SystemExit) as info:
            main([*base, *wrong])
        assert info.value.code == 2
        assert "--limit" in capsys.readouterr().err


@pytest.mark.parametrize("json_out", [False, True])
def test_notes_list_with_a_huge_limit_lists_everything(
    store: Store, data_dir: Path, capsys: pytest.CaptureFixture[str], json_out: bool
) -> None:
    """``--limit`` with more digits than SQLite's integers ended in an OverflowError
    traceback."""
    from assistant.cli import main

    new_session(store, borger="AB")
    base = ["--data-dir", str(data_dir), "notes", "list", *(["--json"] if json_out else [])]
    assert main([*base, "--limit", "9" * 30]) == 0
    assert "AB" in capsys.readouterr().out


def test_notes_list_shows_control_characters_visibly(
    store: Store, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from assistant.cli import main

    new_session(store, borger="Stue\x1b[2J 4")
    new_session(store, borger="Åse [bold]")
    assert main(["--data-dir", str(data_dir), "notes", "list"]) == 0
    out = capsys.readouterr().out
    assert "Stue\\x1b[2J 4" in out and "\x1b" not in out
    assert "Åse [bold]" in out
    assert main(["--data-dir", str(data_dir), "notes", "list", "--search", "x\x07"]) == 0
    assert capsys.readouterr().out == "Ingen noter passer på 'x\\x07'.\n"
