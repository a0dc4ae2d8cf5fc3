"""`samtale flyt --til URL` (issue 17, "Moving"): a computer's SQLite store copied into the shared
PostgreSQL store on a real throwaway server (tests/pg.py), as the everyday role.

The SQLite store is made through the session API (guides walked to the end, a paused
conversation, agreements whose status changed, a solo and a trio practice, a resident who was
erased); after the move the PostgreSQL store must show the same lists, notes, exports,
agreements with their history and audit trail; the SQLite file's bytes must not change; a second
move skips what is there; a conflict, an open conversation and a failure in the middle are
refused or rolled back; bad input gets a Danish sentence and a non-zero exit code."""

from __future__ import annotations

import hashlib
import sqlite3
import stat
import threading
from pathlib import Path

import psycopg
import pytest

from assistant.cli import main
from assistant.dialogue.library import find_guide
from assistant.notes import move as move_module
from assistant.notes.agreements import AgreementFilter
from assistant.notes.copied import COPIED, NOT_COPIED, Conversation
from assistant.notes.export import note_to_json_text, note_to_markdown
from assistant.notes.move import move
from assistant.notes.postgres.store import PostgresStore
from assistant.notes.sqlite.source import SqliteSource
from assistant.notes.store import Store, StoreError
from assistant.practice import TALLY_KEYS, Practice, note_for
from assistant.roleplay.persona import find_persona
from assistant.session import Session
from assistant.session.core import sync_all_agreements

from ..walk import typed_answer, walk
from ..walk_agreements import with_agreements

ERASED = "Slettes Sørensen"
ERASED_TEXT = "Hemmelig oplysning om fru Sørensen"


def _answer_some(session: Session, steps: int) -> None:
    for _ in range(steps):
        step = session.step
        assert step is not None
        if step.is_hub:
            outcome = session.choose_theme(step.themes[0])
        elif step.answer is None:
            outcome = session.answer("")
        else:
            outcome = session.answer(typed_answer(step.answer, step.id))
        assert outcome.ok, outcome.message


def fill(data: Path) -> list[str]:
    """A laptop's store: every kind of note the program writes. Returns the session ids."""
    with Store(data) as store:
        ids = []
        wheel = Session.start(store, find_guide("vaerdighedshjulet"), borger="Stue 12")
        walk(wheel)
        assert wheel.complete().ok
        ids.append(wheel.record.id)
        wheel.close()
        meeting = with_agreements(
            store,
            find_guide("borgergennemgang"),
            ["Følge Inger til sang ; Lone ; 01-02-2027", "Ringe til datteren ; KB"],
            borger="Stue 14",
        )
        ids.append(meeting.record.id)
        meeting.close()
        first, second = (a.id for a in store.agreements(AgreementFilter(session_id=ids[1])))
        store.set_agreement_status(first, "i_gang", "KB")
        store.set_agreement_status(first, "udført", "LM", "Hun var glad")
        store.set_agreement_status(second, "opgivet", "KB", "Datteren ringer selv")
        paused = Session.start(store, find_guide("indflytningssamtale"), borger="Stue 3 Åse")
        _answer_some(paused, 4)
        assert paused.pause().ok
        ids.append(paused.record.id)
        paused.close()
        solo = Practice.start(
            store, find_guide("motiverende_samtale"), find_persona("kurt"), seed=4
        )
        solo.say("Hvordan har du det i dag?")
        solo.say("Det lyder som om, det har været en hård uge.")
        solo.close()
        ids.append(solo.session.id)
        trio = Practice.start(
            store, find_guide("motiverende_samtale"), find_persona("else"), seed=3, trio=True
        )
        for key in "aalskbo":
            trio.count(TALLY_KEYS[key])
        trio.set_feedback("God start.")
        trio.finish()
        trio.close()
        ids.append(trio.session.id)
        for session_id in ids:
            store.audit("opened", session_id, "MK", "åbnet før flytningen")
        gone = Session.start(store, find_guide("vaerdighedshjulet"), borger=ERASED)
        _answer_some(gone, 1)
        gone.answer(ERASED_TEXT)
        gone.close()
        store.audit("exported", gone.record.id, "MK", "md")
        assert store.delete_borger(ERASED, "MK") == 1
    return ids


def view(store) -> dict[str, object]:
    """What staff can see of a store: lists, notes (Markdown and JSON), agreements with their
    history, and the audit trail (without its numbers, which the target makes)."""
    notes = {}
    for record in store.list_sessions():
        session = Session.open(store, record.id)
        note = note_for(session)
        notes[record.id] = (
            note_to_markdown(note),
            note_to_json_text(note),
            store.events(record.id),
        )
    return {
        "overview": store.list_overview(),
        "sessions": store.list_sessions(),
        "notes": notes,
        "agreements": [(a, store.agreement_history(a)) for a in store.agreements()],
        "audit": [
            (r.at, r.medarbejder, r.action, r.session_id, r.detail)
            for r in store.audit_trail()
            if r.action != "moved"  # the target's own line per moved note (checked apart)
        ],
    }


def file_bytes(data: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(data.iterdir())
        if p.name == "samtale.db" or p.stat().st_size > 0 and p.name.endswith("-wal")
    }


def flyt(capsys, data: Path, url: str, *extra: str, who: str = "IT") -> tuple[int, str, str]:
    code = main(["--data-dir", str(data), *extra, "flyt", "--til", url, "--medarbejder", who])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


@pytest.fixture
def laptop(tmp_path: Path) -> tuple[Path, list[str]]:
    data = tmp_path / "laptop"
    return data, fill(data)


def test_what_is_copied_is_every_column_of_both_schemas(pg_app_url, tmp_path):
    with Store(tmp_path / "s") as store:
        conn = store._conn
        tables = {
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not r[0].startswith("sqlite_")
        }
        sqlite_columns = {
            t: {r[1] for r in conn.execute(f"PRAGMA table_info({t})")} for t in tables
        }
    with psycopg.connect(pg_app_url) as pg:
        rows = pg.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = 'public'"
        ).fetchall()
    pg_columns: dict[str, set[str]] = {}
    for table, column in rows:
        pg_columns.setdefault(table, set()).add(column)
    copied = {t.name for t in COPIED}
    assert tables == copied | set(NOT_COPIED) == set(pg_columns)
    for table in COPIED:
        assert set(table.columns) | set(table.derived) == pg_columns[table.name], table.name
        assert set(table.columns) | (set(table.derived) - {"unit"}) == sqlite_columns[table.name]


def test_flyt_copies_everything_and_the_shared_store_shows_the_same(laptop, pg_app_url, capsys):
    data, ids = laptop
    before = file_bytes(data)
    with Store(data) as store:
        expected = view(store)
    before = file_bytes(data)
    code, out, err = flyt(capsys, data, pg_app_url, "--afdeling", "Birkely 1", who="JK")
    assert code == 0, err
    assert "Flyttet: 5 samtaler (heraf 2 øvelser)" in out
    agreements = len(expected["agreements"])  # type: ignore[arg-type]
    assert f"{agreements} aftaler med 3 statusændringer, og 10 linjer i revisionssporet." in out
    assert "Kontrolleret: antal og indhold stemmer." in out
    assert f"SQLite-filen {data / 'samtale.db'} er ikke ændret" in out
    assert "slettes i hånden" in out
    assert "afdeling 'Birkely 1'" in out
    assert file_bytes(data) == before  # the SQLite file is only read
    for companion in data.iterdir():  # a reader may leave an empty -wal and -shm: private
        assert stat.S_IMODE(companion.stat().st_mode) == 0o600, companion.name
    with PostgresStore(pg_app_url, data, unit="Birkely 1") as shared:
        assert view(shared) == expected
        assert {s.id for s in shared.list_sessions()} == set(ids)
        moved = [r for r in shared.audit_trail() if r.action == "moved"]
        assert sorted(r.session_id for r in moved) == sorted(ids)  # type: ignore[type-var]
        assert {(r.medarbejder, r.detail.split(" på ")[0]) for r in moved} == {
            ("JK", f"fra {data / 'samtale.db'}")
        }
        assert moved == shared.audit_trail()[: len(ids)]  # the newest lines
        # a moved conversation is free on the shared store: it can be resumed there
        paused = Session.open(shared, ids[2])
        paused.claim()
        _answer_some(paused, 1)
        paused.close()
    with PostgresStore(pg_app_url, data, unit="Birkely 2") as other:
        assert other.list_sessions() == []  # moved into the unit chosen, no other
    # the command line shows the same too
    assert main(["--database", pg_app_url, "--afdeling", "Birkely 1", "aftaler", "--json"]) == 0
    assert "Følge Inger til sang" in capsys.readouterr().out


def test_the_erased_resident_is_not_copied(laptop, pg_cluster, capsys):
    data, _ = laptop
    owner_url, app_url = pg_cluster.app_database()
    code, _, err = flyt(capsys, data, app_url)
    assert code == 0, err
    dump = pg_cluster.pg_dump(owner_url.replace("//samtale_ejer@", "//postgres@"))  # every unit
    assert "Stue 12" in dump  # the dump holds the moved notes …
    assert ERASED not in dump and ERASED_TEXT not in dump  # … and nothing of the erased one
    assert "Slettes" not in dump


def test_a_second_move_skips_what_is_there_and_moves_only_what_is_new(laptop, pg_app_url, capsys):
    data, ids = laptop
    assert flyt(capsys, data, pg_app_url)[0] == 0
    code, out, _ = flyt(capsys, data, pg_app_url)
    assert code == 0
    assert "Flyttet: ingen nye samtaler." in out
    assert (
        "Sprunget over: 5 samtaler, der allerede er i den fælles database med samme indhold" in out
    )
    with Store(data) as store:  # the laptop is used once more before the team switches over
        later = Session.start(store, find_guide("trivselskarret"), borger="Stue 20")
        walk(later)
        later.complete()
        later.close()
        store.audit("exported", later.record.id, "MK", "md")
        expected = view(store)
    code, out, _ = flyt(capsys, data, pg_app_url)
    assert code == 0
    assert "Flyttet: 1 samtale med" in out and "1 linje i revisionssporet" in out
    with PostgresStore(pg_app_url, data) as shared:
        assert view(shared) == expected  # no audit line twice


def test_agreements_derived_again_on_the_shared_store_are_not_a_change(laptop, pg_app_url, capsys):
    """The home screen derives the agreements of notes that never had them derived (a note
    without agreements): that writes the note's row, not its log, so a second move skips it."""
    data, ids = laptop
    with Store(data) as store:  # started and closed at once: nothing was derived yet
        Session.start(store, find_guide("trivselskarret"), borger="Stue 30").close()
        assert store.unsynced_sessions()
    assert flyt(capsys, data, pg_app_url)[0] == 0
    with PostgresStore(pg_app_url, data) as shared:
        assert shared.unsynced_sessions()
        assert sync_all_agreements(shared) > 0  # type: ignore[arg-type]
        assert shared.unsynced_sessions() == []
    code, out, _ = flyt(capsys, data, pg_app_url)
    assert code == 0 and "Sprunget over: 6 samtaler" in out and "Ikke flyttet" not in out


def test_a_conversation_changed_since_is_refused_and_not_overwritten(laptop, pg_app_url, capsys):
    data, ids = laptop
    assert flyt(capsys, data, pg_app_url)[0] == 0
    with PostgresStore(pg_app_url, data) as shared:  # the evening shift reopens an agreement
        agreement = shared.agreements()[0]
        shared.set_agreement_status(agreement.id, "åben", "AB", "Igen")
        there = view(shared)
    with Store(data) as store:  # and someone adds a conversation on the laptop
        new = Session.start(store, find_guide("trivselskarret"), borger="Stue 21")
        _answer_some(new, 1)
        new.close()
    code, out, _ = flyt(capsys, data, pg_app_url)
    assert code == 1
    assert (
        f"Ikke flyttet: samtalen {agreement.session_id} findes allerede i den fælles database "
        "med et andet indhold" in out
    )
    assert "den er ikke overskrevet" in out and "Flyttet: 1 samtale" in out
    with PostgresStore(pg_app_url, data) as shared:
        assert shared.agreement(agreement.id).status == "åben"
        assert shared.agreement_history(agreement) == there["agreements"][0][1]  # type: ignore[index]
        assert shared.count_sessions() == 6


def test_a_failure_in_the_middle_rolls_everything_back(laptop, pg_app_url, monkeypatch):
    data, _ = laptop
    calls = []
    real = move_module.insert_events

    def failing(conn, conversation):
        calls.append(conversation.id)
        if len(calls) == 3:
            raise RuntimeError("the disk went away")
        real(conn, conversation)

    monkeypatch.setattr(move_module, "insert_events", failing)
    with SqliteSource(data) as source, PostgresStore(pg_app_url, data) as shared:
        with pytest.raises(RuntimeError):
            move(source, shared, "IT")
        assert shared.count_sessions() == 0 and shared.audit_trail() == []
        assert shared.agreements() == []


def test_a_difference_found_by_the_check_names_the_conversation_and_moves_nothing(
    laptop, pg_app_url, capsys, monkeypatch
):
    data, ids = laptop
    real = move_module.insert_events

    def dropping(conn, conversation):  # a copy that loses the last event of the paused one
        if conversation.id == ids[2]:
            conversation = Conversation(
                conversation.row, conversation.events[:-1], conversation.agreements
            )
        real(conn, conversation)

    monkeypatch.setattr(move_module, "insert_events", dropping)
    code, out, err = flyt(capsys, data, pg_app_url)
    assert code == 1
    assert "Kontrollen fandt" in err and "intet er flyttet" in err
    assert "Kontrolleret" not in out
    with PostgresStore(pg_app_url, data) as shared:
        assert shared.count_sessions() == 0 and shared.audit_trail() == []

    def changing(conn, conversation):  # same number of rows, other content
        if conversation.id == ids[2]:
            last = conversation.events[-1]
            conversation = Conversation(
                conversation.row,
                [*conversation.events[:-1], (*last[:3], '{"key": "x"}', *last[4:])],
                conversation.agreements,
            )
        real(conn, conversation)

    monkeypatch.setattr(move_module, "insert_events", changing)
    code, out, err = flyt(capsys, data, pg_app_url)
    assert code == 1
    assert f"Kontrollen fandt en forskel i samtalen {ids[2]}" in err
    with PostgresStore(pg_app_url, data) as shared:
        assert shared.count_sessions() == 0


def test_an_open_conversation_and_a_nul_are_refused_and_the_rest_moved(
    laptop, pg_app_url, capsys, monkeypatch
):
    data, ids = laptop
    with Store(data) as store:
        store.leases.acquire(ids[2], store.leases.holder)  # open in a window right now
        # The store removes NUL before saving now; a note an older version saved may hold one.
        with monkeypatch.context() as older:
            older.setattr("assistant.notes.cpr.without_nul", lambda text: text)
            store.append_event(ids[0], "answer", {"key": "nul", "value": "a\x00b"})
        code, out, _ = flyt(capsys, data, pg_app_url)
        store.leases.release(ids[2], store.leases.holder)
    assert code == 1
    assert f"Ikke flyttet: samtalen {ids[2]} er åben i et vindue på denne computer" in out
    assert f"Ikke flyttet: samtalen {ids[0]} indeholder et nul-tegn (NUL)" in out
    assert "Flyttet: 3 samtaler (heraf 2 øvelser)" in out
    assert "2 samtaler blev ikke flyttet" in out
    with PostgresStore(pg_app_url, data) as shared:
        assert {s.id for s in shared.list_sessions()} == {ids[1], ids[3], ids[4]}
        lines = shared.audit_trail()
        assert lines and not {r.session_id for r in lines} & {ids[0], ids[2]}
    code, out, _ = flyt(capsys, data, pg_app_url)  # closed now: it is moved
    assert code == 1 and "Flyttet: 1 samtale" in out and ids[2] not in out.split("Ikke")[-1]


def test_an_id_taken_in_another_unit_is_refused(laptop, pg_app_url, capsys):
    data, ids = laptop
    assert flyt(capsys, data, pg_app_url, "--afdeling", "Birkely 1")[0] == 0
    code, out, _ = flyt(capsys, data, pg_app_url, "--afdeling", "Birkely 2")
    assert code == 1
    for session_id in ids:
        assert f"samtalen {session_id} har et id, der allerede bruges i en anden afdeling" in out
    with PostgresStore(pg_app_url, data, unit="Birkely 2") as other:
        assert other.count_sessions() == 0
    with PostgresStore(pg_app_url, data, unit="Birkely 1") as first:
        assert first.count_sessions() == 5


# ----------------------------------------------------------------------------- bad input


def test_without_a_url_or_with_another_kind_of_url_it_says_how(laptop, capsys, monkeypatch):
    data, _ = laptop
    monkeypatch.delenv("SAMTALE_DATABASE_URL", raising=False)  # none configured either
    assert main(["--data-dir", str(data), "flyt"]) == 2
    assert "samtale flyt --til postgresql://" in capsys.readouterr().err
    code = main(["--data-dir", str(data), "flyt", "--til", "mysql://u:hemmelig@server/db"])
    err = capsys.readouterr().err
    assert code == 2 and "ikke en PostgreSQL-adresse" in err and "hemmelig" not in err


def test_the_configured_url_is_the_target_when_til_is_left_out(
    laptop, pg_app_url, monkeypatch, capsys
):
    data, _ = laptop
    monkeypatch.setenv("SAMTALE_DATABASE_URL", pg_app_url)
    code = main(["--data-dir", str(data), "flyt"])
    assert code == 0 and "Kontrolleret" in capsys.readouterr().out


def test_an_unreachable_server_is_said_in_danish(laptop, tmp_path, capsys):
    data, _ = laptop
    before = file_bytes(data)
    code, _, err = flyt(capsys, data, f"postgresql://samtale@/samtale?host={tmp_path}/ingen")
    assert code == 1 and "kan ikke forbinde til databasen 'samtale'" in err
    assert file_bytes(data) == before


def test_a_missing_empty_or_damaged_store_is_refused(tmp_path, pg_app_url, capsys):
    missing = tmp_path / "ingen"
    code, _, err = flyt(capsys, missing, pg_app_url)
    assert code == 1 and "Der er ingen noter at flytte" in err and "findes ikke" in err
    assert not missing.exists()  # not created by looking
    zero = tmp_path / "nul"
    zero.mkdir()
    (zero / "samtale.db").write_bytes(b"")
    code, _, err = flyt(capsys, zero, pg_app_url)
    assert code == 1 and "er tom (0 byte)" in err
    damaged = tmp_path / "skadet"
    damaged.mkdir()
    (damaged / "samtale.db").write_bytes(b"ikke en database " * 500)
    code, _, err = flyt(capsys, damaged, pg_app_url)
    assert code == 1 and "er beskadiget og kan ikke læses, så intet er flyttet" in err
    Store(tmp_path / "tom").close()
    code, _, err = flyt(capsys, tmp_path / "tom", pg_app_url)
    assert code == 1 and "Der er ingen noter at flytte i" in err
    other = tmp_path / "anden"
    other.mkdir()
    with sqlite3.connect(other / "samtale.db") as conn:
        conn.execute("CREATE TABLE t (x)")
    code, _, err = flyt(capsys, other, pg_app_url)
    assert code == 1 and "er ikke en Samtale-database" in err
    with PostgresStore(pg_app_url, tmp_path) as shared:
        assert shared.count_sessions() == 0


def test_an_older_or_newer_store_and_a_newer_target_are_refused(laptop, pg_cluster, capsys):
    data, _ = laptop
    copy = data.parent / "kopi"
    copy.mkdir()
    (copy / "samtale.db").write_bytes((data / "samtale.db").read_bytes())
    with sqlite3.connect(copy / "samtale.db") as conn:
        conn.execute("INSERT INTO schema_version (version) VALUES (99)")
    owner_url, app_url = pg_cluster.app_database()
    code, _, err = flyt(capsys, copy, app_url)
    assert code == 1 and "lavet af en nyere version af Samtale" in err
    with sqlite3.connect(copy / "samtale.db") as conn:
        conn.execute("DELETE FROM schema_version WHERE version >= 4")
    code, _, err = flyt(capsys, copy, app_url)
    assert code == 1 and "ældre version af Samtale (skemaversion 3, programmets 6)" in err
    with psycopg.connect(owner_url, autocommit=True) as conn:
        conn.execute("INSERT INTO schema_version (version) VALUES (99)")
    code, _, err = flyt(capsys, data, app_url)
    assert code == 1 and "er lavet af en nyere version af Samtale; opdater programmet" in err


def test_sqlite_refuses_what_move_reads_as_the_source(laptop):
    """The source is opened read-only: a write through it fails, the store stays as it was."""
    data, _ = laptop
    with SqliteSource(data) as source, pytest.raises(sqlite3.OperationalError, match="readonly"):
        source.read().execute("DELETE FROM sessions")
    with Store(data) as store:
        assert store.count_sessions() == 5


def test_a_store_error_while_copying_is_one_danish_sentence(laptop, pg_app_url, monkeypatch):
    data, _ = laptop

    def broken(conn, conversation):
        conn.execute(
            "INSERT INTO events (session_id, seq, kind, data, at) VALUES ('x', 1, 'a', '{}', 'n')"
        )

    monkeypatch.setattr(move_module, "insert_events", broken)
    with SqliteSource(data) as source, PostgresStore(pg_app_url, data) as shared:
        with pytest.raises(StoreError, match="mislykkedes .* så intet er flyttet"):
            move(source, shared, "IT")
        assert shared.count_sessions() == 0


def test_what_is_still_in_the_write_ahead_log_is_moved_and_no_file_changes(
    laptop, pg_app_url, capsys
):
    """A store still open in a window here (its latest answers only in samtale.db-wal): the
    move reads them, and neither the database file nor its log changes."""
    data, ids = laptop
    with Store(data) as store:
        store.append_event(ids[0], "note", {"text": "Skrevet lige før flytningen"})
        wal = data / "samtale.db-wal"
        assert wal.stat().st_size > 0
        before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in (data / "samtale.db", wal)}
        code, _, err = flyt(capsys, data, pg_app_url)
        after = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in before}
        assert code == 0, err
        assert after == before
    with PostgresStore(pg_app_url, data) as shared:
        assert shared.events(ids[0])[-1].data == {"text": "Skrevet lige før flytningen"}


def test_two_moves_at_once_take_turns(laptop, pg_app_url):
    """The same store moved twice at once (two windows): the second waits for the first and
    skips what it moved, instead of taking its ids for another unit's."""
    data, ids = laptop
    reports = []
    errors = []
    start = threading.Barrier(2)

    def one() -> None:
        try:
            with SqliteSource(data) as source, PostgresStore(pg_app_url, data) as shared:
                start.wait()
                reports.append(move(source, shared, "IT"))
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=one) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert sorted(len(r.moved) for r in reports) == [0, 5]
    assert sorted(len(r.skipped) for r in reports) == [0, 5]
    assert all(not r.refused for r in reports)
