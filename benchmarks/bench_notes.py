"""5. Listing and searching the notes in a store with 100,000 sessions.

The sessions (with their events) are generated straight into a Store's own SQLite schema with
``executemany``: realistic pseudonyms, staff initials, bundled guide titles, statuses and
Danish timestamps over five years. Measured twice: in process (``Store.list_sessions``) and as
the user sees it (``samtale notes list`` in a subprocess, wall time, output read through a pipe).
Baseline: a bare ``sqlite3`` query returning the same rows in the same order (checked), without
the store's answer count and casefolded matching; for the CLI, a bare script that runs it and
prints the same lines (``notes list --alle``: every row, as the bare script prints them).
"""

from __future__ import annotations

import inspect
import json
import random
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from assistant.dialogue.library import bundled_guides
from assistant.notes.sqlite.queries import search_key
from assistant.notes.store import ListFilter, NoteStore, Store

from .harness import (
    BenchError,
    Config,
    Row,
    child_env,
    interleaved,
    median,
    run_command,
    timed,
    wall_time,
)

TARGET = 3.0
CLI_MAX_SECONDS = 0.5  # "well under a second"
SEARCH = "stue 12"  # what a staff member types to find one resident's notes
MODES = {"samtale": "interview", "teammøde": "meeting", "refleksion": "reflection"}
COLUMNS = (
    "id, guide_id, guide_version, guide_hash, guide_title, mode, borger, medarbejder, status, "
    "started_at, updated_at"
)
ORDER = " ORDER BY julianday(updated_at) DESC, touched DESC"
WHERE_SEARCH = " WHERE borger LIKE ? OR guide_title LIKE ? OR id LIKE ?"

BARE_CLI = (
    f"WHERE = {WHERE_SEARCH!r}\nORDER = {ORDER!r}\n"
    + """\
import sqlite3, sys
labels = {"in_progress": "i gang", "completed": "afsluttet", "abandoned": "afbrudt"}
conn = sqlite3.connect(sys.argv[1] + "/samtale.db")
conn.execute("PRAGMA temp_store=MEMORY")
sql = "SELECT id, status, updated_at, borger, guide_title, mode FROM sessions"
params = []
if len(sys.argv) > 2:
    sql += WHERE
    params = ["%" + sys.argv[2] + "%"] * 3
out = [f"{'ID':<9} {'Status':<10} {'Opdateret':<17} {'Borger':<14} Guide"]
for sid, status, updated, borger, title, mode in conn.execute(sql + ORDER, params):
    when = updated[:16].replace("T", " ")
    who = "(øvelse)" if mode == "practice" else borger or "(uden borger)"
    out.append(f"{sid:<9} {labels[status]:<10} {when:<17} {who:<14} {title}")
sys.stdout.write("\\n".join(out) + "\\n")
"""
)


# ----------------------------------------------------------------------------- the data

FIRST = "Anna Bent Birthe Carl Dorte Erik Else Finn Grethe Hans Inger Jens Karen Kurt Lis "
FIRST += "Mogens Niels Oda Poul Ruth Svend Tove Ulla Vagn Aase Øjvind Åse"
LAST_INITIAL = "ABCDEFGHIJKLMNOPRSTVWÅØÆ"
STAFF = [a + b for a in "ABEHJKLMNPST" for b in "BHJKLMNPST"][:60]


def pseudonyms(rng: random.Random, count: int) -> list[str]:
    """Pseudonyms as staff write them: room numbers, initials, first name and initial."""
    first = FIRST.split()
    made = {"Stue 12"}  # the resident the search looks for
    while len(made) < count:
        kind = rng.random()
        if kind < 0.35:
            name = f"Stue {rng.randint(1, 400)}"
        elif kind < 0.5:
            name = f"Bolig {rng.randint(1, 120)}{rng.choice('ABCD')}"
        elif kind < 0.75:
            name = "".join(rng.choice(LAST_INITIAL) for _ in range(rng.choice((2, 2, 3))))
        elif kind < 0.9:
            name = f"{rng.choice(first)} {rng.choice(LAST_INITIAL)}."
        else:
            name = f"{rng.choice(('Fru', 'Hr.'))} {rng.choice(LAST_INITIAL)}, lejl. {rng.randint(1, 60)}"
        made.add(name)
    return sorted(made)


def copenhagen(moment: datetime) -> datetime:
    """Danish local time (CET/CEST) without needing tzdata: EU summer time rules."""
    year = moment.year

    def last_sunday(month: int) -> datetime:
        day = datetime(year, month, 31, 1, tzinfo=UTC)
        return day - timedelta(days=(day.weekday() + 1) % 7)

    summer = last_sunday(3) <= moment < last_sunday(10)
    return moment.astimezone(timezone(timedelta(hours=2 if summer else 1)))


@dataclass
class Generated:
    """Sessions and their events as rows of the store's tables.

    ``sessions``: id, guide_id, guide_version, guide_hash, guide_title, mode, borger,
    medarbejder, status, started_at, updated_at, answered, borger_key, search_key, the
    updated time again (for the backend's sort key) and touched (1.. in the order of time).
    ``events``: session_id, seq, kind, data (JSON), at."""

    sessions: list[list[Any]]
    events: list[tuple[str, int, str, str, str]]
    residents: int

    def summary(self) -> dict[str, Any]:
        return {
            "sessions": len(self.sessions),
            "events": len(self.events),
            "residents": self.residents,
        }


def generate(store: NoteStore, sessions: int, seed: int = 20260509) -> Generated:
    """``sessions`` sessions and their events for an empty store of either backend (the
    bundled guides' snapshots are saved in it through its API, the rows are returned)."""
    rng = random.Random(seed)
    guides = bundled_guides()
    for guide in guides:
        store.save_guide_snapshot(guide.content_hash, guide.id, guide.version, guide.content)
    weights = [5 if g.use == "samtale" else 2 if g.use == "teammøde" else 1 for g in guides]
    step_ids = {g.id: list(g.steps) for g in guides}
    residents = pseudonyms(rng, max(sessions // 50, 20))
    end = datetime(2026, 5, 1, tzinfo=UTC)
    span = 5 * 365 * 24 * 3600
    rows, events, ids = [], [], set()
    for _ in range(sessions):
        guide = rng.choices(guides, weights)[0]
        practice = rng.random() < 0.03
        mode = "practice" if practice else MODES.get(guide.use, "interview")
        if practice:
            borger = None  # role-play sessions never have a resident
        elif mode == "reflection":
            borger = rng.choice(residents) if rng.random() < 0.5 else None
        else:
            borger = rng.choice(residents)
        started = end - timedelta(seconds=rng.randrange(span))
        started = started.replace(hour=rng.randint(6, 20))
        updated = started + timedelta(minutes=rng.randint(5, 90), seconds=rng.randint(0, 59))
        status = rng.choices(("completed", "in_progress", "abandoned"), (88, 8, 4))[0]
        sid = f"{rng.getrandbits(32):08x}"
        while sid in ids:
            sid = f"{rng.getrandbits(32):08x}"
        ids.add(sid)
        started_at = copenhagen(started).isoformat(timespec="seconds")
        updated_at = copenhagen(updated).isoformat(timespec="seconds")
        row = [sid, guide.id, guide.version, guide.content_hash, guide.title, mode, borger]
        row += [rng.choice(STAFF), status, started_at, updated_at]
        steps = step_ids[guide.id]
        count = rng.randint(1, 13)  # answered or skipped steps
        answered = 0
        for seq in range(1, count + 1):
            step = steps[(seq - 1) % len(steps)]
            if rng.random() < 0.1:
                kind, data = "skip", {"step": step}
            else:
                value = f"Borgeren fortæller om {step} ({seq})."
                kind, data = "answer", {"step": step, "key": step, "value": value}
                answered += 1
            events.append((sid, seq, kind, json.dumps(data, ensure_ascii=False), updated_at))
        # the columns the store keeps for listing, as create_session and append_event set them
        borger_key = None if borger is None else borger.casefold()
        row += [answered, borger_key, search_key(borger, guide.title), updated_at, updated]
        rows.append(row)
        if status != "in_progress":
            kind = "complete" if status == "completed" else "abandon"
            events.append((sid, count + 1, kind, "{}", updated_at))
    rows.sort(key=lambda r: r[-1])
    for touched, row in enumerate(rows, 1):
        row[-1] = touched
    return Generated(rows, events, len(residents))


def populate(store: Store, sessions: int, seed: int = 20260509) -> dict[str, Any]:
    """Fill an empty SQLite store with ``sessions`` sessions and their events; return a
    summary."""
    made = generate(store, sessions, seed)
    rows, events = made.sessions, made.events
    conn = sqlite3.connect(store.path, isolation_level=None)
    try:
        conn.execute("PRAGMA synchronous=OFF")
        conn.execute("BEGIN")
        conn.executemany(
            "INSERT INTO sessions (id, guide_id, guide_version, guide_hash, guide_title, mode, "
            "borger, medarbejder, status, started_at, updated_at, answered, borger_key, "
            "search_key, sort_key, touched) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, julianday(?), ?)",
            rows,
        )
        conn.executemany(
            "INSERT INTO events (session_id, seq, kind, data, at) VALUES (?, ?, ?, ?, ?)", events
        )
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    return made.summary()


# ----------------------------------------------------------------------------- measuring


def bare_query(conn: sqlite3.Connection, search: str | None) -> list[tuple[Any, ...]]:
    if search is None:
        return conn.execute(f"SELECT {COLUMNS} FROM sessions{ORDER}").fetchall()
    pattern = f"%{search}%"
    return conn.execute(
        f"SELECT {COLUMNS} FROM sessions{WHERE_SEARCH}{ORDER}", (pattern, pattern, pattern)
    ).fetchall()


def has_search(cfg: Config, env: dict[str, str]) -> bool:
    in_store = "search" in inspect.signature(ListFilter).parameters
    in_cli = "--search" in run_command([cfg.python, "-m", "assistant", "notes", "list", "-h"], env)
    return in_store and in_cli


def ids_of_output(text: str) -> list[str]:
    return [line.split()[0] for line in text.splitlines()[1:] if line.strip()]


def run(cfg: Config) -> list[Row]:
    sessions = 2_000 if cfg.quick else 100_000
    data_dir = cfg.workdir / "notes-data"
    store = Store(data_dir)
    cfg.log(f"notes: generating {sessions:,} sessions")
    summary = populate(store, sessions)
    size_mb = (data_dir / "samtale.db").stat().st_size / 1e6
    described = (
        f"{summary['sessions']:,} sessions with {summary['events']:,} events, "
        f"{summary['residents']:,} residents, {size_mb:.0f} MB"
    )
    env = child_env(SAMTALE_DATA_DIR=str(data_dir))
    searching = has_search(cfg, env)
    conn = sqlite3.connect(store.path)
    conn.execute("PRAGMA temp_store=MEMORY")  # as the store's own connection
    runs = 3 if cfg.quick else 10
    rows: list[Row] = []
    try:
        for search in (None, SEARCH) if searching else (None,):
            label = "list" if search is None else "search"
            found = store.list_sessions(ListFilter(search=search))
            expected = bare_query(conn, search)
            error = ""
            if [r.id for r in found] != [r[0] for r in expected]:
                error = f"the store and the bare query return different rows for {label}"
            cfg.log(f"notes: {label} in process, {len(found):,} rows, {runs} runs")
            subject, baseline = interleaved(
                lambda s=search: timed(lambda: store.list_sessions(ListFilter(search=s))),
                lambda s=search: timed(lambda: bare_query(conn, s)),
                runs,
            )
            what = f"'{SEARCH}'" if search else "all sessions"
            rows.append(
                Row(
                    f"notes-{label}-store",
                    median(subject),
                    median(baseline),
                    TARGET,
                    subject_what=(
                        f"Store.list_sessions({'ListFilter(search=' + repr(search) + ')' if search else ''}) "
                        f"over {described}: {len(found):,} rows"
                    ),
                    baseline_what=(
                        "bare sqlite3 SELECT of the same rows in the same order"
                        + (" (WHERE ... LIKE)" if search else "")
                    ),
                    notes=[f"Median of {runs} interleaved runs; {what}."],
                    error=error,
                )
            )
            # --alle: every row, as the bare script prints them (the default shows the newest 50)
            extra = ["--alle", *(["--search", search] if search else [])]
            subject_cmd = [cfg.python, "-m", "assistant", "notes", "list", *extra]
            baseline_cmd = [
                cfg.python,
                "-c",
                BARE_CLI,
                str(data_dir),
                *([search] if search else []),
            ]
            shown = ids_of_output(run_command(subject_cmd, env))
            bare_shown = ids_of_output(run_command(baseline_cmd, env))
            error = "" if shown == bare_shown else f"`notes list` prints other rows ({label})"
            cfg.log(f"notes: `{' '.join(['samtale', 'notes', 'list', *extra])}`, {runs} runs")
            subject, baseline = interleaved(
                lambda c=subject_cmd: wall_time(c, env),
                lambda c=baseline_cmd: wall_time(c, env),
                runs,
            )
            rows.append(
                Row(
                    f"notes-{label}-cli",
                    median(subject),
                    median(baseline),
                    TARGET,
                    CLI_MAX_SECONDS,
                    subject_what=(
                        f"`{' '.join(['samtale', 'notes', 'list', *extra])}` in a subprocess, "
                        f"wall time, {len(shown):,} lines"
                    ),
                    baseline_what="`python -c` script: bare sqlite3 query, same lines printed",
                    notes=[f"Median of {runs} interleaved runs."],
                    error=error,
                )
            )
    finally:
        conn.close()
        store.close()
    if not searching:
        rows[-1].notes.append("Search is not in this version yet: only listing was measured.")
    if not rows:
        raise BenchError("nothing measured")
    return rows
