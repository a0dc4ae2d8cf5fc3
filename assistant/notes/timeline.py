"""A resident's timeline: every conversation and every agreement with its status history,
newest first, and the next date something is due (an agreement or a note's follow-up)."""

from __future__ import annotations

from dataclasses import dataclass

from .agreements import STILL_OPEN, Agreement, AgreementFilter, StatusChange
from .interface import ListFilter, NoteStore
from .records import SessionRecord


@dataclass(frozen=True)
class TimelineAgreement:
    agreement: Agreement
    history: tuple[StatusChange, ...]  # oldest first


@dataclass(frozen=True)
class Timeline:
    borger: str
    next_due: str | None  # ISO date: the soonest open agreement or note follow-up
    next_due_what: str | None  # what is due then
    conversations: tuple[SessionRecord, ...]  # newest first, practice left out
    agreements: tuple[TimelineAgreement, ...]  # newest note first, then in written order
    followups: dict[str, str]  # note id -> its follow-up date


def timeline(store: NoteStore, borger: str) -> Timeline:
    """Everything about one resident (the pseudonym however it is typed)."""
    notes = tuple(s for s in store.list_sessions(ListFilter(borger=borger)) if s.mode != "practice")
    found = store.agreements(AgreementFilter(borger=borger))
    order = {s.id: i for i, s in enumerate(notes)}
    found.sort(key=lambda a: (order.get(a.session_id, len(order)), a.key, a.row))
    items = tuple(TimelineAgreement(a, tuple(store.agreement_history(a))) for a in found)
    followups = {a.session_id: a.followup for a in found if a.followup}
    due = [(a.due, a.what) for a in found if a.due and a.status in STILL_OPEN]
    due += [(date, "Opfølgning på noten " + note) for note, date in followups.items()]
    first = min(due, default=(None, None))
    name = notes[0].borger if notes and notes[0].borger else borger
    return Timeline(name, first[0], first[1], notes, items, followups)
