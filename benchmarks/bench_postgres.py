"""8. The shared PostgreSQL store: one answer to commit, and listing and searching 100,000
sessions, on a throwaway server this benchmark starts (tests/pg.py, the tests' own helper).

The server runs with its durable defaults (fsync, full page writes and synchronous commit on),
as a care home's server would, on a unix socket; the store connects as an ordinary role that
owns its database (not a superuser), so row-level security, where the schema has it, applies.

- ``pg-answer``: ``Session.answer(text)`` on a long generated guide (returns once the event is
  committed) against a bare ``BEGIN; INSERT …; COMMIT`` of a row of the same size into a
  scratch table, on the store's own connection; they alternate answer by answer.
  ``pg-answer-nosync``: the same with ``synchronous_commit=off`` on that connection, so that
  the wait for the disk, which both pay alike, does not hide what the program adds (shown
  for information). ``pg-append`` and ``pg-append-nosync``: the store alone,
  ``append_event`` of the same answer to a second conversation, with its lease.
- ``pg-list``, ``pg-search``, ``pg-borger``: ``PostgresStore.list_overview`` of the newest 50,
  a search and one resident's notes, over 100,000 sessions copied straight into the store's
  tables (bench_notes.generate: the same sessions as the SQLite benchmark), against the SQL an
  engineer would write by hand on the same connection and index (same rows, checked). The
  store's plan is shown and checked (see FORBIDDEN): the lists must come from their index.

Without PostgreSQL (psycopg or the server programs missing) the rows say why they were not
measured; with ``SAMTALE_REQUIRE_POSTGRES=1`` (CI) that is a failure instead.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from assistant.dialogue.loader import load_guide
from assistant.notes.interface import ListFilter
from assistant.session import Session

from .bench_notes import SEARCH, Generated, generate
from .harness import BenchError, Config, Row, filesystem, interleaved, median, timed
from .longguide import raw_answer, write_guide

TARGET = 3.0
# The rows and their targets; without the wait for the disk, for information only.
TARGETS: dict[str, float | None] = {
    "pg-answer": TARGET,
    "pg-answer-nosync": None,
    "pg-append": TARGET,
    "pg-append-nosync": None,
    "pg-list": TARGET,
    "pg-search": TARGET,
    "pg-borger": TARGET,
}
ROWS = tuple(TARGETS)
ROLE = "samtale_bench"  # the store's login role: neither superuser nor BYPASSRLS
BORGER = "Stue 12"
OVERVIEW = "id, status, updated_at, borger, guide_title, mode"
NEWEST = " ORDER BY sort_key DESC, touched DESC LIMIT 50"
SESSION_COLUMNS = (
    "id, guide_id, guide_version, guide_hash, guide_title, mode, borger, medarbejder, status, "
    "started_at, updated_at, answered, borger_key, search_key, sort_key, touched"
)


# ----------------------------------------------------------------------------- the server


def missing() -> str:
    """Why no server can be started here ("" when one can)."""
    from tests.pg import bindir

    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed (pip install 'samtale[postgres]')"
    if bindir() is None:
        return "no initdb found (pg_config --bindir, /usr/lib/postgresql/*/bin)"
    return ""


def not_measured(reason: str) -> list[Row]:
    from tests.pg import REQUIRE

    if os.environ.get(REQUIRE) == "1":
        raise BenchError(f"PostgreSQL is required ({REQUIRE}=1) but {reason}")
    return [Row(name, 0.0, 0.0, TARGETS[name], skipped=reason) for name in ROWS]


@contextmanager
def server(cfg: Config) -> Iterator[tuple[str, str, str]]:
    """A durable throwaway server with one database owned by ROLE: its URL as ROLE, as the
    superuser (for the bulk load: COPY is refused under row-level security), the settings."""
    import psycopg

    from tests.pg import Cluster, bindir

    found = bindir()
    assert found is not None
    cluster = Cluster(found)
    try:
        cfg.log("postgres: starting a throwaway server (durable settings)")
        cluster.start(durable=True)
        with psycopg.connect(cluster.url("postgres"), autocommit=True) as conn:
            conn.execute(f"CREATE ROLE {ROLE} LOGIN NOSUPERUSER NOBYPASSRLS")
            conn.execute(f"CREATE DATABASE samtale_bench OWNER {ROLE} TEMPLATE template0")
            shown = [
                f"{name}={conn.execute(f'SHOW {name}').fetchall()[0][0]}"
                for name in ("server_version", "fsync", "synchronous_commit", "full_page_writes")
            ]
        url = psycopg.conninfo.make_conninfo(cluster.url("samtale_bench"), user=ROLE)
        where = filesystem(cluster.root)
        admin = cluster.url("samtale_bench")
        yield url, admin, f"PostgreSQL {', '.join(shown)}; unix socket, data on {where}"
    finally:
        cluster.stop()


def store_connection(store: Any) -> Any:
    """The store's own psycopg connection (read and used as the baselines' connection)."""
    return store._db.conn  # noqa: SLF001 - the baseline must share the store's connection


# ----------------------------------------------------------------------------- filling


def fill(url: str, made: Generated, unit: str | None) -> None:
    """Copy the generated sessions and events straight into the store's tables (connected
    to ``url`` as the superuser), then VACUUM ANALYZE them (as autovacuum soon would after a
    bulk load)."""
    import psycopg

    from assistant.notes.postgres.notes import sort_key

    with psycopg.connect(url, autocommit=True) as conn:
        if unit is not None:  # the rows belong to the unit the store sees
            conn.execute("SELECT set_config('samtale.unit', %s, false)", (unit,))
        with conn.transaction(), conn.cursor() as cur:
            with cur.copy(f"COPY sessions ({SESSION_COLUMNS}) FROM STDIN") as copy:
                for row in made.sessions:
                    copy.write_row([*row[:14], sort_key(row[14]), row[15]])
            with cur.copy("COPY events (session_id, seq, kind, data, at) FROM STDIN") as copy:
                for event in made.events:
                    copy.write_row(event)
            cur.execute("SELECT setval('sessions_touched', %s)", (len(made.sessions),))
        conn.execute("VACUUM ANALYZE sessions")
        conn.execute("VACUUM ANALYZE events")


# ----------------------------------------------------------------------------- answers


def answers(cfg: Config, store: Any, settings: str) -> list[Row]:
    """pg-answer (through the session) and pg-append (the store alone: ``append_event`` of
    the same answer to a second conversation, with its lease), each with and without the
    wait for the disk, against the bare insert; the three alternate, answer by answer."""
    count = 30 if cfg.quick else 1000
    warmup = 5
    steps = 2 * 2 * (count + warmup) + 20  # two rounds; branches skip some steps
    guide = load_guide(write_guide(cfg.workdir / "pg-answer-guide", steps))
    session = Session.start(store, guide, borger=BORGER, medarbejder="KM")
    other = Session.start(store, guide, borger="Stue 13", medarbejder="KM")
    conn = store_connection(store)
    conn.execute(
        "CREATE TABLE bench_bare (session_id TEXT NOT NULL, seq INTEGER NOT NULL, "
        "kind TEXT NOT NULL, data TEXT NOT NULL, at TEXT NOT NULL, PRIMARY KEY (session_id, seq))"
    )
    seq = 0

    def answer_of(n: int) -> tuple[Any, dict[str, Any]]:
        step = session.step
        if step is None or step.answer is None:
            raise BenchError(f"the generated guide ended or has a step without answer at {n}")
        raw = raw_answer(step.answer.type, n)
        return raw, {"step": step.id, "key": step.answer.key, "value": raw}

    def answer(n: int) -> float:
        raw, _ = answer_of(n)
        start = time.perf_counter()
        outcome = session.answer(raw)
        elapsed = time.perf_counter() - start
        if not outcome.ok:
            raise BenchError(f"Session.answer({raw!r}) failed: {outcome.message}")
        return elapsed

    def append(n: int) -> float:
        data = answer_of(n)[1]
        start = time.perf_counter()
        store.append_event(other.id, "answer", data, lease=other.holder)
        return time.perf_counter() - start

    def bare(n: int) -> float:
        nonlocal seq
        seq += 1
        data = json.dumps(answer_of(n)[1], ensure_ascii=False)
        row = ("0badcafe", seq, "answer", data, "2026-05-09T10:00:00+02:00")
        start = time.perf_counter()
        with conn.transaction():
            conn.execute(
                "INSERT INTO bench_bare (session_id, seq, kind, data, at) "
                "VALUES (%s, %s, %s, %s, %s)",
                row,
            )
        return time.perf_counter() - start

    def measure(first: int) -> list[float]:
        """The medians of answer, append and bare, over ``count`` rounds in rotating order."""
        actions = (answer, append, bare)
        for n in range(first, first + warmup):
            for fn in actions:
                fn(n)
        times: list[list[float]] = [[], [], []]
        for n in range(first + warmup, first + warmup + count):
            for k in range(3):
                i = (n + k) % 3
                times[i].append(actions[i](n))
        return [median(ts) for ts in times]

    try:
        cfg.log(f"postgres: {count} answers, synchronous_commit=on")
        durable = measure(0)
        conn.execute("SET synchronous_commit = off")
        cfg.log(f"postgres: {count} answers, synchronous_commit=off")
        nosync = measure(count + warmup)
    finally:
        session.close()
        other.close()
    what = {
        "answer": f"Session.answer() on a {steps}-step guide, committed (through append_event)",
        "append": "PostgresStore.append_event() of the same answer, with its lease, committed",
    }
    base = "bare BEGIN; INSERT of a same-sized event row; COMMIT on the store's connection"
    nosync_note = (
        "The same with SET synchronous_commit = off on the connection (no wait for the disk; "
        "shown for what the program adds, no target: a commit that is not on disk is not the "
        "answer-to-commit the target is about)."
    )
    rows = []
    for name, medians, how in (
        ("pg-answer", durable, f"Server: {settings}."),
        ("pg-answer-nosync", nosync, nosync_note),
        ("pg-append", durable, f"Server: {settings}."),
        ("pg-append-nosync", nosync, nosync_note),
    ):
        subject = medians[0] if name.startswith("pg-answer") else medians[1]
        notes = [f"Median of {count} answers, in turn with the baseline.", how]
        kind = "answer" if name.startswith("pg-answer") else "append"
        rows.append(Row(name, subject, medians[2], TARGETS[name], None, what[kind], base, notes))
    return rows


# ----------------------------------------------------------------------------- lists


# What the store's plan must not do, per row: a newest-first list reads the index in its
# order (no scan, no sort); one resident's notes come from their index (a sort of those few
# rows is fine). A search for text anywhere in a pseudonym or title (LIKE '%…%') cannot use a
# B-tree index: it reads the sessions, like the bare query, and its plan is shown only.
FORBIDDEN = {"pg-list": ("Seq Scan", "Sort"), "pg-borger": ("Seq Scan",), "pg-search": ()}


def cases() -> list[tuple[str, ListFilter, str, list[Any], str]]:
    """(row, the store's filter, the bare SQL and its parameters, what the bare SQL does)."""
    pattern = f"%{SEARCH}%"
    return [
        ("pg-list", ListFilter(limit=50), f"SELECT {OVERVIEW} FROM sessions{NEWEST}", [], ""),
        (
            "pg-search",
            ListFilter(search=SEARCH, limit=50),
            f"SELECT {OVERVIEW} FROM sessions "
            f"WHERE borger ILIKE %s OR guide_title ILIKE %s OR id LIKE %s{NEWEST}",
            [pattern, pattern, pattern],
            " WHERE borger ILIKE … OR guide_title ILIKE … OR id LIKE …",
        ),
        (
            "pg-borger",
            ListFilter(borger=BORGER, limit=50),
            f"SELECT {OVERVIEW} FROM sessions WHERE borger_key = %s{NEWEST}",
            [BORGER.casefold()],
            " WHERE borger_key = … (the index sessions_borger_recent)",
        ),
    ]


def plan_nodes(plan: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield plan
    for child in plan.get("Plans", []):
        yield from plan_nodes(child)


def store_plan(conn: Any, where: ListFilter, forbidden: tuple[str, ...]) -> tuple[str, str]:
    """The store's plan for ``where`` as one line, and which of the ``forbidden`` nodes ("Seq
    Scan" of the sessions, "Sort") it has ("" if none)."""
    from assistant.notes.postgres import notes
    from assistant.notes.sqlite.queries import OVERVIEW_COLUMNS

    sql, params = notes.from_where(where)
    sql = f"SELECT {OVERVIEW_COLUMNS}{sql}{notes.ORDER} LIMIT %s"
    explained = conn.execute(f"EXPLAIN (FORMAT JSON) {sql}", [*params, where.limit])
    nodes = list(plan_nodes(explained.fetchone()[0][0]["Plan"]))
    line = " > ".join(
        n["Node Type"] + (f" using {n['Index Name']}" if "Index Name" in n else "") for n in nodes
    )
    wrong = [
        n["Node Type"] + (" of sessions" if n["Node Type"] == "Seq Scan" else "")
        for n in nodes
        if n["Node Type"] in forbidden
        and (n["Node Type"] != "Seq Scan" or n.get("Relation Name") == "sessions")
    ]
    return line, ", ".join(wrong)


def lists(cfg: Config, store: Any, described: str) -> list[Row]:
    conn = store_connection(store)
    runs, calls = (5, 5) if cfg.quick else (31, 20)
    rows = []
    for name, where, sql, params, how in cases():
        found = [tuple(r) for r in store.list_overview(where)]
        expected = [tuple(r) for r in conn.execute(sql, params).fetchall()]
        error = "" if found == expected else "the store and the bare query return other rows"
        if not found:
            error = error or "no rows: the generated data lacks what is looked for"
        line, wrong = store_plan(conn, where, FORBIDDEN[name])
        notes = [f"Median of {runs} interleaved runs of {calls} calls; plan: {line}."]
        if not FORBIDDEN[name]:
            notes.append(
                "Text anywhere in a pseudonym or title (LIKE '%…%') is found by reading the "
                "sessions, in the store as in the bare query: no B-tree index serves it."
            )
        if wrong and cfg.quick:
            notes.append(f"(Quick size: the plan's {wrong} is not checked.)")
        elif wrong:
            error = error or f"the store's plan reads the sessions without their index: {wrong}"

        def subject(w: ListFilter = where) -> float:
            return timed(lambda: [store.list_overview(w) for _ in range(calls)]) / calls

        def baseline(s: str = sql, p: list[Any] = params) -> float:
            return timed(lambda: [conn.execute(s, p).fetchall() for _ in range(calls)]) / calls

        cfg.log(f"postgres: {name}, {len(found)} rows, {runs} runs")
        subject_times, baseline_times = interleaved(subject, baseline, runs)
        rows.append(
            Row(
                name,
                median(subject_times),
                median(baseline_times),
                TARGETS[name],
                subject_what=f"PostgresStore.list_overview({where!r}) over {described}",
                baseline_what=f"bare SELECT of the same {len(found)} rows{how}, newest first",
                notes=notes,
                error=error,
            )
        )
    return rows


# ----------------------------------------------------------------------------- running


def run(cfg: Config) -> list[Row]:
    reason = missing()
    if reason:
        return not_measured(reason)
    from assistant.notes.postgres.store import PostgresStore

    sessions = 2_000 if cfg.quick else 100_000
    with server(cfg) as (url, admin, settings):
        store = PostgresStore(url, cfg.workdir / "pg-data")
        try:
            cfg.log(f"postgres: generating {sessions:,} sessions")
            made = generate(store, sessions)
            fill(admin, made, getattr(store, "unit", None))
            s = made.summary()
            described = (
                f"{s['sessions']:,} sessions with {s['events']:,} events, "
                f"{s['residents']:,} residents"
            )
            rows = answers(cfg, store, settings) + lists(cfg, store, described)
        finally:
            store.close()
    for row in rows[4:]:
        row.notes.append(f"Server: {settings}.")
    return rows
