"""A dropped connection while an event is stored (issue 17): retried once on a new connection,
never stored twice, even when the lost reply was to a COMMIT that reached the server; when the
retry fails too, NotSaved, and the same event sent again later is still stored only once."""

from __future__ import annotations

import psycopg
import pytest

from assistant.notes.lease import LeaseLost, SavedMeanwhile
from assistant.notes.store import NotSaved, open_store

from ..pg import keep_dropping
from .test_postgres import _session, _terminate


def _rows(pg_url: str, session_id: str) -> list[tuple]:
    with psycopg.connect(pg_url) as conn:
        return conn.execute(
            "SELECT seq, data, event_key FROM events WHERE session_id = %s ORDER BY seq",
            (session_id,),
        ).fetchall()


def _lose_commit_replies(monkeypatch, store, times: int) -> list[int]:
    """The next ``times`` COMMITs of the store's connections reach the server, and then the
    connection breaks before the reply is read: the program sees an OperationalError."""
    real_exit = psycopg.Transaction.__exit__
    lost: list[int] = []

    def exit_then_drop(self, exc_type, exc, tb):
        result = real_exit(self, exc_type, exc, tb)
        if exc_type is None and len(lost) < times:
            lost.append(self.connection.info.backend_pid)
            self.connection.close()
            raise psycopg.OperationalError("server closed the connection unexpectedly")
        return result

    monkeypatch.setattr(psycopg.Transaction, "__exit__", exit_then_drop)
    return lost


def test_a_connection_killed_before_an_answer_stores_it_once_on_a_new_one(pg_url, tmp_path):
    with open_store(tmp_path / "data", pg_url) as store:
        record = _session(store)
        store.append_event(record.id, "answer", {"value": "først"})
        before = store._db.conn.info.backend_pid
        _terminate(pg_url, before)
        event = store.append_event(record.id, "answer", {"value": "efter drabet"})
        assert store._db.conn.info.backend_pid != before  # a new connection
        assert event.seq == 2
        assert [r[1] for r in _rows(pg_url, record.id)] == [
            '{"value": "først"}',
            '{"value": "efter drabet"}',
        ]
        assert store.get_session(record.id).answered == 2
        assert store._db.unit == "standard"  # the unit was set again on the new connection


def test_a_commit_whose_reply_was_lost_is_not_stored_twice(pg_url, tmp_path, monkeypatch):
    with open_store(tmp_path / "data", pg_url) as store:
        record = _session(store)
        lost = _lose_commit_replies(monkeypatch, store, 1)
        event = store.append_event(record.id, "answer", {"value": "én gang"})
        assert len(lost) == 1  # the first COMMIT did reach the server, and its reply was lost
        rows = _rows(pg_url, record.id)
        assert [(r[0], r[1]) for r in rows] == [(1, '{"value": "én gang"}')]
        assert rows[0][2] is not None
        assert (event.seq, event.data) == (1, {"value": "én gang"})
        assert store.get_session(record.id).answered == 1  # the session was touched once too
        nxt = store.append_event(record.id, "answer", {"value": "næste"})
        assert nxt.seq == 2


def test_not_saved_but_committed_and_the_same_event_again_is_stored_once(
    pg_url, tmp_path, monkeypatch
):
    with open_store(tmp_path / "data", pg_url) as store:
        record = _session(store)
        _lose_commit_replies(monkeypatch, store, 1)
        url = store._db.url
        monkeypatch.setattr(store._db, "url", "postgresql:///samtale?host=/nonexistent")
        with pytest.raises(NotSaved) as info:  # the retry finds no server
            store.append_event(record.id, "answer", {"value": "gemt uden svar"})
        monkeypatch.setattr(store._db, "url", url)  # the server is back
        assert "Svaret står stadig i feltet; prøv igen om lidt." in info.value.answer_message
        assert len(_rows(pg_url, record.id)) == 1  # it did reach the server
        event = store.append_event(record.id, "answer", {"value": "gemt uden svar"})
        assert event.seq == 1 and len(_rows(pg_url, record.id)) == 1
        assert store.get_session(record.id).answered == 1


def test_another_event_after_one_that_was_stored_unknown_is_refused(pg_url, tmp_path, monkeypatch):
    """What the session shows is behind the store: refused, and the lease let go, so that
    nothing more is written until the conversation is opened again."""
    with open_store(tmp_path / "data", pg_url) as store:
        record = _session(store)
        holder = store.leases.holder
        store.leases.acquire(record.id, holder)
        _lose_commit_replies(monkeypatch, store, 1)
        url = store._db.url
        monkeypatch.setattr(store._db, "url", "postgresql:///samtale?host=/nonexistent")
        with pytest.raises(NotSaved):
            store.append_event(record.id, "answer", {"value": "a"}, lease=holder)
        monkeypatch.setattr(store._db, "url", url)
        with pytest.raises(SavedMeanwhile, match="samtale resume"):
            store.append_event(record.id, "answer", {"value": "b"}, lease=holder)
        with pytest.raises(LeaseLost):
            store.append_event(record.id, "answer", {"value": "b"}, lease=holder)
        assert [r[1] for r in _rows(pg_url, record.id)] == ['{"value": "a"}']


def test_an_event_not_stored_is_stored_when_sent_again_or_replaced(pg_url, tmp_path, monkeypatch):
    """The retry failed before anything reached the server: the same event, or another one,
    is stored once when the connection is back."""
    with open_store(tmp_path / "data", pg_url) as store:
        record = _session(store)
        back = keep_dropping(store, pg_url, monkeypatch)
        with pytest.raises(NotSaved):
            store.append_event(record.id, "answer", {"value": "tabt"})
        back()
        assert _rows(pg_url, record.id) == []
        store.append_event(record.id, "answer", {"value": "rettet"})
        assert [r[1] for r in _rows(pg_url, record.id)] == ['{"value": "rettet"}']


def test_a_server_that_cannot_be_reached_on_the_retry_is_not_saved(pg_url, tmp_path, monkeypatch):
    with open_store(tmp_path / "data", pg_url) as store:
        record = _session(store)
        db = store._db
        _terminate(pg_url, db.conn.info.backend_pid)
        monkeypatch.setattr(db, "url", "postgresql:///samtale?host=/nonexistent")
        with pytest.raises(NotSaved, match="også efter et nyt forsøg"):
            store.append_event(record.id, "answer", {"value": "tabt"})
        assert _rows(pg_url, record.id) == []


def test_an_agreement_status_whose_commit_reply_was_lost_is_changed_once(
    pg_url, tmp_path, monkeypatch
):
    from assistant.notes.agreements import AgreementRow

    with open_store(tmp_path / "data", pg_url) as store:
        record = _session(store)
        store.sync_agreements(record.id, [AgreementRow("plan", 1, "Gåtur", "MK", None)], None)
        agreement = store.agreements()[0]
        _lose_commit_replies(monkeypatch, store, 1)
        changed = store.set_agreement_status(agreement.id, "udført", "MK")
        assert changed.status == "udført"
        assert len(_rows(pg_url, record.id)) == 1
        assert len(store.agreement_history(changed)) == 1
