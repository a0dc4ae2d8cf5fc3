"""A session's agreements: derived from its events, written to the store's agreement table
whenever they change, so that the store can list them across all notes.

An agreement is a row of a ``rækker`` answer whose fields include hvad, hvem and hvornår (in
any guide); its status comes from the ``aftale_status`` events in the same log. A practice
conversation makes no agreements.
"""

from __future__ import annotations

from typing import Any, Protocol

from ..dialogue.model import Guide
from ..notes.agreements import FIELDS, AgreementRow, agreement_rows, iso_date
from ..notes.interface import NoteStore
from ..notes.records import SessionRecord

Derived = tuple[tuple[AgreementRow, ...], str | None]


class WithAgreements(Protocol):
    """What deriving agreements reads from a session (``core.Session`` has it)."""

    guide: Guide
    record: SessionRecord
    store: NoteStore
    agreement_status: dict[tuple[str, int], tuple[str, str, str | None, str | None]]
    synced_agreements: Derived | None

    @property
    def id(self) -> str: ...
    @property
    def values(self) -> dict[str, Any]: ...


# Per guide (its hash and size: an expanded guide is another size): read once, not per answer.
_KEYS: dict[tuple[str, int], tuple[str, ...]] = {}


def agreement_keys(session: WithAgreements) -> tuple[str, ...]:
    """The keys of the guide's rækker answers that hold agreements, in the guide's order."""
    guide = session.guide
    where = (guide.content_hash, len(guide.steps))
    keys = _KEYS.get(where)
    if keys is None:
        keys = _KEYS[where] = tuple(
            s.answer.key
            for s in guide.steps.values()
            if s.answer
            and s.answer.type == "rækker"
            and set(FIELDS) <= {f.key for f in s.answer.fields}
        )
    return keys


def derived(session: WithAgreements) -> Derived:
    """The agreements and the follow-up date the session's events give now."""
    values = session.values
    rows: list[AgreementRow] = []
    for key in agreement_keys(session):
        for number, row in enumerate(agreement_rows(values.get(key)) or [], 1):
            status = session.agreement_status.get((key, number))
            what, who = str(row.get("hvad") or ""), str(row.get("hvem") or "")
            due = iso_date(row.get("hvornår"))
            if status is None:
                rows.append(AgreementRow(key, number, what, who, due))
            else:
                rows.append(AgreementRow(key, number, what, who, due, *status))
    followup_key = session.guide.note.followup_key
    followup = iso_date(values.get(followup_key)) if followup_key else None
    return tuple(rows), followup


def sync(session: WithAgreements, force: bool = False) -> None:
    """Write the session's agreements to the store if they changed since the last time."""
    if session.record.mode == "practice":
        return
    now = derived(session)
    if force or now != session.synced_agreements:
        session.store.sync_agreements(session.id, now[0], now[1])
        session.synced_agreements = now
