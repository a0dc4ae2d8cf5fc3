"""The PostgreSQL store on a real, throwaway server (tests/pg.py): what only a shared server
store has to show. Migrations under the advisory lock, a newer schema refused in Danish, two
PCs sharing notes, agreements and the lease, erasure that leaves nothing in ``pg_dump``, four
writers at once, and a dropped connection retried once."""

from __future__ import annotations

import os
import subprocess
import sys

import psycopg
import pytest

from assistant.notes.agreements import AgreementRow
from assistant.notes.lease import LeaseHeld
from assistant.notes.postgres.migrate import MIGRATIONS
from assistant.notes.store import StoreError, WriteError, open_store

from ..conftest import ROOT
from ..pg import keep_dropping

HASH = "b" * 64


def _session(store, borger: str = "Stue 7 Åse"):
    store.save_guide_snapshot(HASH, "test", "1", "id: test\n")
    return store.create_session(
        guide_id="test",
        guide_version="1",
        guide_hash=HASH,
        guide_title="Testguide",
        mode="interview",
        borger=borger,
        medarbejder="MK",
    )


def test_a_url_in_the_config_file_selects_postgres(pg_url, tmp_path):
    config = tmp_path / "config" / "samtale"
    config.mkdir(parents=True)
    (config / "samtale.toml").write_text(f'database = "{pg_url}"\n', encoding="utf-8")
    with open_store(tmp_path / "data") as store:
        assert type(store).__name__ == "PostgresStore"
        assert store.schema_version == len(MIGRATIONS)


def test_migrations_run_once_when_two_processes_start_at_once(pg_url, tmp_path):
    script = "import sys; from assistant.notes.store import open_store; open_store(url=sys.argv[1]).close()"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [
        subprocess.Popen([sys.executable, "-c", script, pg_url], env=env, stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
    with psycopg.connect(pg_url) as conn:
        versions = [r[0] for r in conn.execute("SELECT version FROM schema_version")]
    assert versions == list(range(1, len(MIGRATIONS) + 1))


def test_a_newer_schema_is_refused_in_danish(pg_url):
    open_store(url=pg_url).close()
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("INSERT INTO schema_version (version) VALUES (%s)", (len(MIGRATIONS) + 1,))
    with pytest.raises(StoreError, match="nyere version af Samtale; opdater programmet"):
        open_store(url=pg_url)


def test_two_pcs_share_notes_agreements_and_the_lease(pg_url, tmp_path):
    with open_store(tmp_path / "pc-a", pg_url) as a, open_store(tmp_path / "pc-b", pg_url) as b:
        record = _session(a)
        a.append_event(record.id, "answer", {"value": "Hun vil gerne gå tur om morgenen"})
        a.sync_agreements(
            record.id, [AgreementRow("aftaler", 1, "Gåtur", "MK", "2027-01-05")], None
        )
        assert [s.id for s in b.list_sessions()] == [record.id]
        assert b.events(record.id)[0].data["value"] == "Hun vil gerne gå tur om morgenen"
        assert [x.what for x in b.agreements()] == ["Gåtur"]
        b.set_agreement_status(f"{record.id}-1", "udført", "LJ")
        assert a.agreement(f"{record.id}-1").status == "udført"

        a.leases.acquire(record.id, a.leases.holder)
        with pytest.raises(LeaseHeld, match="Samtalen er åben et andet sted"):
            b.leases.acquire(record.id, b.leases.holder)
        b.leases.acquire(record.id, b.leases.holder, take_over=True)
        with pytest.raises(StoreError, match="overtaget et andet sted"):
            a.append_event(record.id, "answer", {"value": "x"}, lease=a.leases.holder)
        b.leases.release(record.id, b.leases.holder)
        a.leases.acquire(record.id, a.leases.holder)  # released: free to take again


def test_a_lease_of_another_host_is_not_let_go_by_its_pid(pg_url, tmp_path):
    with open_store(tmp_path / "a", pg_url) as a, open_store(tmp_path / "b", pg_url) as b:
        record = _session(a)
        a.leases.acquire(record.id, "andet-pc:999999:abc")  # a pid that runs nowhere here
        with pytest.raises(LeaseHeld):
            b.leases.acquire(record.id, b.leases.holder)


def test_erasing_a_resident_leaves_no_trace_in_pg_dump(pg_url, pg_cluster, tmp_path):
    with open_store(tmp_path / "data", pg_url) as store:
        record = _session(store, "Pseudonym-Æble-4711")
        store.append_event(record.id, "answer", {"value": "Kanelsnegl-Hemmelighed-2093"})
        store.sync_agreements(
            record.id, [AgreementRow("aftaler", 1, "Kanelsnegl", "MK", None)], None
        )
        store.leases.acquire(record.id, store.leases.holder)
        before = pg_cluster.pg_dump(pg_url)
        assert "Pseudonym-Æble-4711" in before and "Kanelsnegl-Hemmelighed-2093" in before
        assert store.delete_borger("pseudonym-æble-4711", medarbejder="MK") == 1
        after = pg_cluster.pg_dump(pg_url)
        assert not store.purge_pending()
        assert store.audit_trail()[0].action == "deleted_borger"
    # the audit line names the deleted note's id; no row keyed by it is left
    for trace in ("Pseudonym-Æble-4711", "pseudonym-æble-4711", "Kanelsnegl", f"\n{record.id}\t"):
        assert trace not in after


WRITER = """
import sys
from assistant.notes.store import open_store
url, session_id = sys.argv[1:3]
with open_store(url=url) as store:
    for i in range(100):
        store.append_event(session_id, "answer", {"i": i})
"""


def test_four_processes_writing_at_once_lose_nothing(pg_url, tmp_path):
    with open_store(tmp_path / "data", pg_url) as store:
        ids = [_session(store, f"Stue {n}").id for n in range(4)]
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", WRITER, pg_url, sid],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for sid in ids
        ]
        for proc in procs:
            out, err = proc.communicate(timeout=120)
            assert proc.returncode == 0 and err == "", err
        for sid in ids:
            assert [e.data["i"] for e in store.events(sid)] == list(range(100))
            assert store.get_session(sid).answered == 100


def test_three_processes_writing_to_one_session_number_its_events_in_turn(pg_url, tmp_path):
    """The event's number is counted after the session's row is locked (append_event sends
    its statements together): three writers at once get 1..300 between them, none twice."""
    with open_store(tmp_path / "data", pg_url) as store:
        sid = _session(store).id
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", WRITER, pg_url, sid],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(3)
        ]
        for proc in procs:
            out, err = proc.communicate(timeout=120)
            assert proc.returncode == 0 and err == "", err
        events = store.events(sid)
        assert [e.seq for e in events] == list(range(1, 301))
        assert sorted(e.data["i"] for e in events) == sorted(list(range(100)) * 3)
        assert store.get_session(sid).answered == 300


def _terminate(pg_url: str, pid: int) -> None:
    with psycopg.connect(pg_url, autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", (pid,))


def test_a_dropped_connection_is_retried_once(pg_url, tmp_path):
    with open_store(tmp_path / "data", pg_url) as store:
        record = _session(store)
        _terminate(pg_url, store._db.conn.info.backend_pid)
        store.append_event(record.id, "answer", {"value": "gemt alligevel"})
        assert [e.data["value"] for e in store.events(record.id)] == ["gemt alligevel"]


def test_a_connection_that_drops_twice_says_the_answer_was_not_saved(pg_url, tmp_path, monkeypatch):
    with open_store(tmp_path / "data", pg_url) as store:
        record = _session(store)
        back = keep_dropping(store, pg_url, monkeypatch)
        with pytest.raises(WriteError, match="så det seneste blev ikke gemt"):
            store.append_event(record.id, "answer", {"value": "tabt"})
        back()
        assert store.events(record.id) == []


def test_without_psycopg_a_url_names_the_pip_command(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if it were not installed
    with pytest.raises(StoreError) as info:
        open_store(tmp_path, "postgresql:///samtale")
    assert str(info.value).endswith("installér den med: pip install 'samtale[postgres]'")


def test_the_database_option_selects_postgres_in_the_cli(pg_url, tmp_path, capsys):
    from assistant.cli import main

    with open_store(tmp_path / "pc-a", pg_url) as store:
        record = _session(store, "Stue 3")
    assert main(["--data-dir", str(tmp_path / "pc-b"), "--database", pg_url, "notes", "list"]) == 0
    assert record.id in capsys.readouterr().out
    assert not (tmp_path / "pc-b" / "samtale.db").exists()  # nothing went to SQLite


def test_the_heartbeat_renews_the_lease_on_its_own_connection(pg_url, tmp_path, monkeypatch):
    monkeypatch.setattr("assistant.notes.postgres.lease.HEARTBEAT_SECONDS", 0.05)
    with open_store(tmp_path / "data", pg_url) as store:
        record = _session(store)
        store.leases.acquire(record.id, store.leases.holder)
        with psycopg.connect(pg_url) as conn:
            first = conn.execute("SELECT renewed_at, host, pid FROM leases").fetchone()
        beat = store.leases.heartbeat(record.id, store.leases.holder)
        try:
            import time

            time.sleep(0.4)
        finally:
            beat.stop()
        with psycopg.connect(pg_url) as conn:
            renewed = conn.execute("SELECT renewed_at FROM leases").fetchone()[0]
        assert renewed > first[0]
        assert first[2] == os.getpid()
