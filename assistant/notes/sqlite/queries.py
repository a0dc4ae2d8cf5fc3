"""Listing, searching and counting notes in SQLite: one WHERE clause for a ``ListFilter``,
shared by the list, the overview and the count, and the order the indexes serve.
"""

from __future__ import annotations

import re
import sqlite3
from itertools import starmap
from typing import Any

from ..interface import ListFilter, OverviewRow
from ..names import name_key, typed_key
from ..records import SessionRecord

SESSION_COLUMNS = (
    "s.id, s.guide_id, s.guide_version, s.guide_hash, s.guide_title, s.mode, s.borger, "
    "s.medarbejder, s.status, s.started_at, s.updated_at, s.answered, s.masked"
)
OVERVIEW_COLUMNS = "s.id, s.status, s.updated_at, s.borger, s.guide_title, s.mode"
# Newest first by real time (see migration 0003, which added sort_key), served by the indexes
# sessions_recent, sessions_borger_recent and sessions_status_recent.
ORDER = " ORDER BY s.sort_key DESC, s.touched DESC"

# Between the pseudonym and the guide title in ``search_key``, so that a search cannot match
# across the two; a search for text containing it falls back to matching each field alone.
SEARCH_SEP = "\x1f"


def search_key(borger: str | None, guide_title: str) -> str:
    """The stored text that a search matches: pseudonym and guide title, as name keys."""
    return f"{name_key(borger) or ''}{SEARCH_SEP}{name_key(guide_title)}"


def from_where(where: ListFilter) -> tuple[str, list[Any]]:
    """``FROM sessions s`` and the WHERE clause, with parameters, for a listing filter.

    Which index serves the query is chosen here rather than left to SQLite, which has no
    statistics and would guess: one resident's notes are few, so with ``borger`` its index
    is used and status is only checked (the unary ``+``); a search reads every row anyway,
    so it reads the table in storage order and sorts only the rows it found.
    """
    borger, status, mode, search = where.borger, where.status, where.mode, where.search
    clauses: list[str] = []
    params: list[Any] = []
    term = typed_key(search) if search else ""
    if term:
        pattern = "%" + re.sub(r"([\\%_])", r"\\\1", term) + "%"
        if SEARCH_SEP in term:  # it could match across pseudonym and title: match each
            clauses.append(
                "(name_key(s.borger) LIKE ? ESCAPE '\\' OR name_key(s.guide_title) LIKE ? "
                "ESCAPE '\\' OR s.id LIKE ? ESCAPE '\\')"
            )
            params += [pattern, pattern, pattern]
        else:
            clauses.append("(s.search_key LIKE ? ESCAPE '\\' OR s.id LIKE ? ESCAPE '\\')")
            params += [pattern, pattern]
    if borger is not None:
        clauses.append("s.borger_key = ?")
        params.append(typed_key(borger))
    if status is not None:
        clauses.append("s.status = ?" if borger is None else "+s.status = ?")
        params.append(status)
    if mode is not None:
        clauses.append("s.mode = ?")
        params.append(mode)
    sql = " FROM sessions s NOT INDEXED" if term and borger is None else " FROM sessions s"
    if clauses:
        sql += " WHERE " + " AND ".join(clauses)
    return sql, params


def _select(conn: sqlite3.Connection, columns: str, where: ListFilter) -> list[Any]:
    sql, params = from_where(where)
    sql = f"SELECT {columns}{sql}{ORDER}"
    if where.limit is not None:
        sql += " LIMIT ?"
        params.append(int(where.limit))
    return conn.execute(sql, params).fetchall()


def list_sessions(conn: sqlite3.Connection, where: ListFilter) -> list[SessionRecord]:
    """Sessions, most recently updated first; ``borger`` matches case-insensitively, and
    ``search`` finds text anywhere in the resident's pseudonym, the guide title or the id."""
    return list(starmap(SessionRecord, _select(conn, SESSION_COLUMNS, where)))


def list_overview(conn: sqlite3.Connection, where: ListFilter) -> list[OverviewRow]:
    """What a list of notes shows: ``(id, status, updated_at, borger, guide_title, mode)`` of
    the sessions ``list_sessions`` returns, in the same order, as plain tuples.

    Fetching six columns instead of a whole record per row makes a long list (all notes
    of a large home) about twice as fast to read.
    """
    return _select(conn, OVERVIEW_COLUMNS, where)


def count_sessions(conn: sqlite3.Connection, where: ListFilter) -> int:
    """How many sessions ``list_sessions`` would return with the same filter, its limit aside."""
    sql, params = from_where(where)
    return int(conn.execute(f"SELECT COUNT(*){sql}", params).fetchone()[0])
