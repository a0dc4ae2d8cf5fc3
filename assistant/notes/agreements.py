"""Agreements ("aftaler"): what, who and by when, from any note, as a lasting record.

An agreement is a row of a ``rækker`` answer with the fields ``hvad``, ``hvem`` and ``hvornår``,
in whichever guide. Its status (åben, i gang, udført, opgivet) changes by events in the log of
the note it came from, so crash safety, the audit trail and erasure hold as for answers. The
store keeps a table of them, derived from the sessions' events (see ``session/agreements.py``),
so that listing the overdue ones among hundreds of thousands is one indexed query.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

FIELDS = ("hvad", "hvem", "hvornår")
OPEN, STARTED, DONE, DROPPED = "åben", "i_gang", "udført", "opgivet"
STATUSES = (OPEN, STARTED, DONE, DROPPED)
STILL_OPEN = (OPEN, STARTED)  # what a follow-up and "forfaldne" look at
STATUS_LABELS = {OPEN: "åben", STARTED: "i gang", DONE: "udført", DROPPED: "opgivet"}
STATUS_EVENT = "aftale_status"  # the event kind, in the log of the agreement's note
FOLLOWUP_ROLE = "opfølgning"  # an answer event's role: the note's follow-up date
MAIN_KEY = "aftaler"  # the shared action plan's key: its ids need no key


@dataclass(frozen=True)
class AgreementRow:
    """One agreement as a session derives it from its events."""

    key: str
    row: int  # 1-based, in the order the rows were written
    what: str
    who: str
    due: str | None  # ISO date, or None when no date was written
    status: str = OPEN
    status_at: str | None = None
    status_by: str | None = None
    reason: str | None = None


@dataclass(frozen=True)
class Agreement:
    """An agreement as lists show it: the row, and the note it came from."""

    id: str
    session_id: str
    key: str
    row: int
    what: str
    who: str
    due: str | None
    status: str
    status_at: str | None
    status_by: str | None
    reason: str | None
    borger: str | None
    guide_id: str
    guide_title: str
    note_status: str
    started_at: str
    medarbejder: str | None
    followup: str | None  # the follow-up date of the note

    def as_dict(self) -> dict[str, Any]:
        """For ``--json``: the Danish field names of the guides, ISO dates."""
        return {
            "id": self.id,
            "hvad": self.what,
            "hvem": self.who,
            "hvornår": self.due,
            "status": self.status,
            "status_ændret": self.status_at,
            "status_af": self.status_by,
            "begrundelse": self.reason,
            "borger": self.borger,
            "note": self.session_id,
            "guide": self.guide_id,
            "guide_titel": self.guide_title,
            "note_status": self.note_status,
            "samtale_dato": self.started_at[:10],
            "medarbejder": self.medarbejder,
            "opfølgning": self.followup,
        }


@dataclass(frozen=True)
class StatusChange:
    """One line of an agreement's history."""

    at: str
    status: str
    by: str | None
    reason: str | None


@dataclass(frozen=True)
class AgreementFilter:
    """Which agreements to list; an empty filter is every agreement, soonest due first.

    ``borger`` matches the pseudonym however it is typed; ``ansvarlig`` matches who is
    responsible, ignoring case; ``overdue_on`` (an ISO date) keeps the still open ones whose
    due date is before it; ``due_by`` the still open ones due on or before it.
    """

    borger: str | None = None
    status: str | None = None
    ansvarlig: str | None = None
    overdue_on: str | None = None
    due_by: str | None = None
    session_id: str | None = None
    limit: int | None = None


_ID = re.compile(r"([0-9a-f]{8})-(?:([a-zæøå_][a-zæøå0-9_]*)-)?([1-9][0-9]{0,5})")


def agreement_id(session_id: str, key: str, row: int) -> str:
    """``5a3c9e01-2`` for the action plan's second row; ``5a3c9e01-mine_aftaler-2`` else."""
    return f"{session_id}-{row}" if key == MAIN_KEY else f"{session_id}-{key}-{row}"


def parse_agreement_id(text: str) -> tuple[str, str, int] | None:
    """(session id, key, row) of an agreement id as typed, or None if it is not one."""
    m = _ID.fullmatch(text.strip().casefold())
    if m is None:
        return None
    return m.group(1), m.group(2) or MAIN_KEY, int(m.group(3))


def agreement_rows(value: Any) -> list[dict[str, str]] | None:
    """The rows of an answer, if it is a ``rækker`` answer with hvad, hvem and hvornår."""
    if not isinstance(value, list) or not value:
        return None
    if not all(isinstance(r, dict) and all(f in r for f in FIELDS) for r in value):
        return None
    return value


def iso_date(value: Any) -> str | None:
    """An ISO date (the answers store dates so), else None."""
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value
    return None
