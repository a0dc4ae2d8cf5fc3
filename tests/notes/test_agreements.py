"""Agreements as a lasting record (issue 16): derived from the events of the note they are in,
listed across notes, changed by status events with an audit line, erased with the resident."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from assistant.dialogue.library import find_guide
from assistant.notes.agreements import (
    DONE,
    DROPPED,
    OPEN,
    STARTED,
    AgreementFilter,
    agreement_id,
    parse_agreement_id,
)
from assistant.notes.cpr import MASK
from assistant.notes.store import NotFound, Store
from assistant.session import Session
from assistant.session import sync_all_agreements as sync_all

from ..walk_agreements import with_agreements

TODAY = date.today()


def iso(days: int) -> str:
    return (TODAY + timedelta(days=days)).isoformat()


ROWS = [
    f"Følge Inger til sang torsdag ; Lone ; {(TODAY + timedelta(days=7)).strftime('%d-%m-%Y')}",
    f"Ringe til datteren ; kontaktperson ; {(TODAY - timedelta(days=3)).strftime('%d-%m-%Y')}",
    "Finde de gamle fotoalbum frem ; Lone",
]


def test_a_completed_note_gives_its_agreements_with_ids_dates_and_follow_up(store, mini):
    session = with_agreements(store, mini, ROWS)
    found = store.agreements()
    assert [a.what for a in found] == [
        "Ringe til datteren",
        "Følge Inger til sang torsdag",
        "Finde de gamle fotoalbum frem",
    ]
    by_what = {a.what: a for a in found}
    sang = by_what["Følge Inger til sang torsdag"]
    assert sang.id == f"{session.id}-1" and sang.row == 1 and sang.key == "aftaler"
    assert (sang.who, sang.due, sang.status) == ("Lone", iso(7), OPEN)
    assert by_what["Finde de gamle fotoalbum frem"].due is None
    assert sang.borger == "Stue 12" and sang.guide_id == "mini" and sang.note_status == "completed"
    assert sang.followup == iso(28)
    assert store.agreement(sang.id) == sang


def test_overdue_responsible_and_resident_filters(store, mini):
    with_agreements(store, mini, ROWS)
    with_agreements(store, mini, [f"Købe blomster ; LONE ; {iso(-1)}"], borger="Stue 14")
    overdue = store.agreements(AgreementFilter(overdue_on=TODAY.isoformat()))
    assert [a.what for a in overdue] == ["Ringe til datteren", "Købe blomster"]
    lone = store.agreements(AgreementFilter(ansvarlig="lone"))
    assert {a.what for a in lone} == {
        "Følge Inger til sang torsdag",
        "Finde de gamle fotoalbum frem",
        "Købe blomster",
    }
    assert {a.borger for a in store.agreements(AgreementFilter(borger="stue  14"))} == {"Stue 14"}
    soon = store.agreements(AgreementFilter(due_by=iso(7)))
    assert len(soon) == 3  # the undated one is not due
    assert store.count_agreements(AgreementFilter(overdue_on=TODAY.isoformat())) == 2


def test_a_status_change_is_an_event_with_an_audit_line_and_a_history(store, mini):
    session = with_agreements(store, mini, ROWS)
    first = f"{session.id}-2"
    changed = store.set_agreement_status(first, STARTED, "KB")
    assert changed.status == STARTED and changed.status_by == "KB"
    changed = store.set_agreement_status(first, DROPPED, "AH", reason="Datteren ringer selv")
    assert (changed.status, changed.reason) == (DROPPED, "Datteren ringer selv")
    assert [e.kind for e in store.events(session.id)][-2:] == ["aftale_status"] * 2
    history = store.agreement_history(changed)
    assert [(h.status, h.by) for h in history] == [(STARTED, "KB"), (DROPPED, "AH")]
    trail = store.audit_trail(session.id)
    assert [t.action for t in trail[:2]] == ["agreement", "agreement"]
    assert trail[0].detail == f"aftale {first}: opgivet" and "Stue" not in trail[0].detail
    # no longer overdue: it was given up
    assert store.agreements(AgreementFilter(overdue_on=TODAY.isoformat())) == []
    # the log gives the same status when the note is read again
    again = Session.open(store, session.id)
    assert again.agreement_status[("aftaler", 2)][0] == DROPPED


def test_bad_ids_and_statuses_are_said_in_danish(store, mini):
    session = with_agreements(store, mini, ROWS)
    with pytest.raises(NotFound, match="ikke et aftale-id"):
        store.agreement("sang")
    with pytest.raises(NotFound, match="ingen aftale med id'et"):
        store.agreement(f"{session.id}-9")
    with pytest.raises(Exception, match="Ukendt status"):
        store.set_agreement_status(f"{session.id}-1", "færdig", "KB")
    assert parse_agreement_id(f" {session.id.upper()}-1 ") == (session.id, "aftaler", 1)
    assert agreement_id("5a3c9e01", "mine_aftaler", 2) == "5a3c9e01-mine_aftaler-2"
    assert parse_agreement_id("5a3c9e01-mine_aftaler-2") == ("5a3c9e01", "mine_aftaler", 2)


def test_correcting_and_going_back_change_the_agreements(store, mini):
    session = with_agreements(store, mini, ROWS, complete=False)
    assert session.correct("aftaler", "Kun én aftale ; Lone ; i morgen").ok
    assert [(a.what, a.due) for a in store.agreements()] == [("Kun én aftale", iso(1))]
    assert session.back().ok  # the follow-up date is undone
    assert session.back().ok  # and the agreements
    assert store.agreements() == []


def test_a_status_set_elsewhere_survives_the_open_conversation(store, mini):
    session = with_agreements(store, mini, ROWS, complete=False)
    store.set_agreement_status(f"{session.id}-1", DONE, "AH")
    assert session.correct("aftaler", "\n".join(ROWS[:2])).ok  # this window did not see it
    assert store.agreement(f"{session.id}-1").status == DONE


def test_practice_makes_no_agreements_and_cpr_numbers_are_masked(store, mini):
    practice = Session.start(store, mini, borger=None, mode="practice")
    practice.step_id = "aftaler_trin"  # straight to the plan: what is written there counts
    assert practice.answer("Øve mig ; Lone ; i morgen").ok
    assert store.agreements() == [] and store.unsynced_sessions() == []
    with_agreements(store, mini, ["Ring til 010203-1234 om hjælp ; Lone ; i morgen"])
    (agreement,) = store.agreements()
    assert MASK in agreement.what and "010203-1234" not in agreement.what


@pytest.mark.sqlite_only  # looks inside the SQLite file
def test_erasing_a_resident_erases_their_agreements_only(store, mini):
    a = with_agreements(store, mini, ROWS, borger="Stue 12")
    store.set_agreement_status(f"{a.id}-1", DONE, "KB", reason="Gik fint")
    b = with_agreements(store, mini, ["Købe blomster ; Lone ; i morgen"], borger="Stue 14")
    assert store.delete_borger("stue 12", "KB") == 1
    assert [x.session_id for x in store.agreements()] == [b.id]
    raw = store._conn.execute("SELECT COUNT(*) FROM agreements WHERE session_id = ?", (a.id,))
    assert raw.fetchone()[0] == 0
    data = (store.path).read_bytes()
    assert b"Gik fint" not in data and b"Ringe til datteren" not in data


@pytest.mark.sqlite_only  # looks inside the SQLite file
def test_notes_from_before_agreements_are_derived_once(store, mini):
    session = with_agreements(store, mini, ROWS)
    store._conn.execute("DELETE FROM agreements")
    store._conn.execute("UPDATE sessions SET agreements_synced = 0")
    store._conn.commit()
    assert store.agreements() == []
    assert sync_all(store) == 1
    assert len(store.agreements()) == 3 and sync_all(store) == 0
    assert store.agreement(f"{session.id}-1").followup == iso(28)


def test_a_bundled_guide_with_the_shared_action_plan_gives_agreements(store: Store):
    guide = find_guide("borgergennemgang")
    with_agreements(store, guide, ["Spørge til nattesøvnen ; natholdet ; om 1 uge"])
    (agreement,) = store.agreements()
    assert (agreement.guide_id, agreement.due) == ("borgergennemgang", iso(7))


def test_the_timeline_holds_notes_agreements_histories_and_the_next_date(store, mini):
    first = with_agreements(store, mini, ROWS[:1], followup="om 2 uger")
    second = with_agreements(store, mini, ROWS[1:2], followup="om 4 uger")
    store.set_agreement_status(f"{second.id}-1", STARTED, "AH")
    with_agreements(store, mini, ["Andet ; Lone ; i morgen"], borger="Stue 14")
    from assistant.notes.timeline import timeline

    line = timeline(store, "stue 12")
    assert line.borger == "Stue 12"
    assert [n.id for n in line.conversations] == [second.id, first.id]
    assert [t.agreement.what for t in line.agreements] == [
        "Ringe til datteren",
        "Følge Inger til sang torsdag",
    ]
    assert [h.status for h in line.agreements[0].history] == [STARTED]
    assert (line.next_due, line.next_due_what) == (iso(-3), "Ringe til datteren")
    assert line.followups == {first.id: iso(14), second.id: iso(28)}
