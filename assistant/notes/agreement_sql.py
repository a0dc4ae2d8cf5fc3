"""What both stores do alike with agreements: the columns a listing reads and their order, an
Agreement from a row, a session's derived rows masked for storing, a status set meanwhile
elsewhere kept when it is the newer, the WHERE clause of a filter (with the backend's parameter
mark), the Danish "not found" messages, a status event's data, and a history from events."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import fields
from typing import Any

from .agreements import (
    STATUSES,
    STILL_OPEN,
    Agreement,
    AgreementFilter,
    AgreementRow,
    StatusChange,
    agreement_id,
)
from .cpr import mask_cpr, mask_in
from .errors import NotFound, StoreError
from .names import typed_key

COLUMNS = (
    "a.session_id, a.answer_key, a.row, a.hvad, a.hvem, a.hvornaar, a.status, a.status_at, "
    "a.status_by, a.reason, s.borger, s.guide_id, s.guide_title, s.status, s.started_at, "
    "s.medarbejder, s.followup"
)
# Soonest due first, those without a date last; then in the order they were written.
ORDER = " ORDER BY a.hvornaar IS NULL, a.hvornaar, s.started_at, a.session_id, a.answer_key, a.row"
INSERT_COLUMNS = (
    "session_id, answer_key, row, hvad, hvem, hvem_key, hvornaar, status, status_at, "
    "status_by, reason"
)

# The fields of an Agreement are its id and then COLUMNS, in that order.
_FIELDS = tuple(f.name for f in fields(Agreement))
assert len(_FIELDS) == 1 + len(COLUMNS.split(","))
_new = object.__new__


def from_row(row: Sequence[Any]) -> Agreement:
    """An Agreement from a row of COLUMNS.

    Made by filling the instance's ``__dict__`` rather than through the frozen dataclass's
    ``__init__`` (one ``object.__setattr__`` per field): the same object, equal and hashed
    alike, in about half the time, which is most of the Python cost of listing the overdue
    agreements of a large store (see benchmarks/bench_agreements.py)."""
    made = _new(Agreement)
    made.__dict__.update(zip(_FIELDS, (agreement_id(row[0], row[1], row[2]), *row), strict=True))
    return made


def masked_rows(session_id: str, rows: Sequence[AgreementRow]) -> list[tuple[Any, ...]]:
    """A session's derived rows as INSERT_COLUMNS values, CPR-like numbers masked."""
    return [
        (
            session_id,
            r.key,
            r.row,
            mask_cpr(r.what)[0],
            mask_cpr(r.who)[0],
            typed_key(mask_cpr(r.who)[0]) or "",
            r.due,
            r.status,
            r.status_at,
            None if r.status_by is None else mask_cpr(r.status_by)[0],
            None if r.reason is None else mask_cpr(r.reason)[0],
        )
        for r in rows
    ]


def keep_newer(masked: list[tuple[Any, ...]], known: Iterable[Sequence[Any]]) -> None:
    """A status set meanwhile by someone else (an event this session has not read) wins over an
    older one: the newest change counts, as when the log is read again. ``known`` holds
    (answer_key, row, status, status_at, status_by, reason) of the stored rows with a status."""
    newer_of = {(r[0], r[1]): tuple(r[2:]) for r in known}
    for i, item in enumerate(masked):
        newer = newer_of.get((item[1], item[2]))
        if newer is not None and (item[8] is None or newer[1] > item[8]):
            masked[i] = (*item[:7], *newer)


def where_clause(
    where: AgreementFilter, mark: str, scope: Sequence[str] = ()
) -> tuple[str, list[Any]]:
    """``FROM ... WHERE ...`` and its parameters for a filter; ``mark`` is ``?`` or ``%s``;
    ``scope`` are clauses the backend always adds (PostgreSQL: the connection's unit)."""
    clauses: list[str] = ["s.mode != 'practice'"]
    params: list[Any] = []
    if where.status is not None:
        if where.status not in STATUSES:
            raise StoreError(f"Ukendt status '{where.status}' for en aftale.")
        clauses.append(f"a.status = {mark}")
        params.append(where.status)
    if where.overdue_on is not None or where.due_by is not None:
        clauses.append(f"a.status IN ({mark}, {mark})")
        params += list(STILL_OPEN)
    if where.overdue_on is not None:
        clauses.append(f"a.hvornaar < {mark}")
        params.append(where.overdue_on)
    if where.due_by is not None:
        clauses.append(f"a.hvornaar <= {mark}")
        params.append(where.due_by)
    if where.borger is not None:
        clauses.append(f"s.borger_key = {mark}")
        params.append(typed_key(where.borger))
    if where.ansvarlig is not None:
        clauses.append(f"a.hvem_key = {mark}")
        params.append(typed_key(where.ansvarlig) or "")
    if where.session_id is not None:
        clauses.append(f"a.session_id = {mark}")
        params.append(where.session_id)
    clauses += scope
    sql = " FROM agreements a JOIN sessions s ON s.id = a.session_id WHERE " + " AND ".join(clauses)
    return sql, params


def key_of(agreement: Agreement) -> tuple[str, str, int]:
    """The agreement's row in the table: (session_id, answer_key, row)."""
    return agreement.session_id, agreement.key, agreement.row


def not_an_id(typed: str) -> NotFound:
    return NotFound(
        f"'{typed}' er ikke et aftale-id. Et id ser ud som 5a3c9e01-2: notens id og "
        "aftalens nummer (se samtale aftaler)."
    )


def no_such(typed: str) -> NotFound:
    return NotFound(f"Der er ingen aftale med id'et {typed.strip()}. Se samtale aftaler.")


def status_data(
    agreement: Agreement, status: str, medarbejder: str, reason: str | None
) -> dict[str, Any]:
    """The data of an ``aftale_status`` event, masked (StoreError on an unknown status)."""
    if status not in STATUSES:
        raise StoreError(f"Ukendt status '{status}' for en aftale.")
    data, _ = mask_in(
        {
            "key": agreement.key,
            "row": agreement.row,
            "status": status,
            "af": medarbejder,
            "begrundelse": reason,
        }
    )
    return data


def changes(agreement: Agreement, events: Iterable[Sequence[Any]]) -> list[StatusChange]:
    """The agreement's status changes among (at, data) of its note's status events."""
    found = []
    for at, text in events:
        data = json.loads(text) if isinstance(text, str) else text
        if data.get("key") == agreement.key and data.get("row") == agreement.row:
            found.append(StatusChange(at, data["status"], data.get("af"), data.get("begrundelse")))
    return found
