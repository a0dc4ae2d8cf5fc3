"""7. Listing the overdue agreements in a store with 100,000 notes and 300,000 agreements.

The notes (with their events) are generated as the notes benchmark does it
(``bench_notes.populate``); the agreements are then written straight into the store's
``agreements`` table in one transaction, marked as derived, with a realistic spread: one to
five agreements a note, about one in eight without a date, due one day to eight weeks after
the conversation (the newest conversation is today), and most old ones done or dropped.

``agreements-overdue``: ``Store.agreements(AgreementFilter(overdue_on=today))`` (the join
with the notes, the order, one ``Agreement`` per row) against a bare indexed query on the same
table in the same run (``SELECT <the agreement columns the store reads> FROM agreements WHERE
status IN ('åben','i_gang') AND hvornaar < ?``, by the same index), the two returning the same
agreements (checked). Target: 3x. The query plans are logged.
"""

from __future__ import annotations

import random
import sqlite3
from datetime import date, timedelta

from assistant.notes.agreements import AgreementFilter
from assistant.notes.store import Store

from .bench_notes import STAFF, populate
from .harness import BenchError, Config, Row, interleaved, median, timed

TARGET = 3.0
WHAT = (
    "Ringe til datteren|Følge til sang torsdag|Bestille frisør|Tjekke høreapparatet|Gåtur i haven"
)
# The agreement columns the store reads, from the same table by the same index; the store
# adds the join to each agreement's note, the order, and an Agreement per row.
BARE = (
    "SELECT session_id, answer_key, row, hvad, hvem, hvornaar, status, status_at, status_by, "
    "reason FROM agreements WHERE status IN ('åben', 'i_gang') AND hvornaar < ?"
)


def sizes(cfg: Config) -> dict[str, int]:
    if cfg.quick:
        return {"notes": 2_000, "agreements": 6_000, "runs": 3}
    return {"notes": 100_000, "agreements": 300_000, "runs": 10}


def status_for(rng: random.Random, due: date | None, today: date) -> str:
    """Old agreements are mostly done or dropped; recent and coming ones mostly open."""
    if due is None or due >= today:
        weights = (75, 15, 8, 2)
    elif due >= today - timedelta(days=60):
        weights = (45, 20, 30, 5)
    else:
        weights = (6, 2, 78, 14)
    return rng.choices(("åben", "i_gang", "udført", "opgivet"), weights)[0]


def add_agreements(store: Store, total: int, today: date, seed: int = 20261203) -> int:
    """Write ``total`` agreements over the store's notes (practice aside); return the count of
    notes that have any."""
    rng = random.Random(seed)
    conn = sqlite3.connect(store.path, isolation_level=None)
    try:
        notes = conn.execute(
            "SELECT id, started_at FROM sessions WHERE mode != 'practice' ORDER BY id"
        ).fetchall()
        newest = max(date.fromisoformat(started[:10]) for _, started in notes)
        shift = today - newest  # the newest conversation was today
        counts = [rng.randint(1, 5) for _ in notes]
        while sum(counts) != total:  # exactly ``total``: add or take one at a time
            i = rng.randrange(len(counts))
            if sum(counts) < total:
                counts[i] += 1
            elif counts[i] > 1:
                counts[i] -= 1
        what = WHAT.split("|")
        rows, followups = [], []
        for (session_id, started), count in zip(notes, counts, strict=True):
            held = date.fromisoformat(started[:10]) + shift
            for number in range(1, count + 1):
                due = None if rng.random() < 0.12 else held + timedelta(days=rng.randint(1, 56))
                who = rng.choice(STAFF) if rng.random() < 0.7 else "kontaktperson"
                status = status_for(rng, due, today)
                changed = (
                    None if status == "åben" else (due or held).isoformat() + "T12:00:00+01:00"
                )
                rows.append(
                    (
                        session_id,
                        "aftaler",
                        number,
                        f"{rng.choice(what)} ({number})",
                        who,
                        who.casefold(),
                        None if due is None else due.isoformat(),
                        status,
                        changed,
                        None if changed is None else rng.choice(STAFF),
                    )
                )
            followup = None if rng.random() < 0.3 else (held + timedelta(days=28)).isoformat()
            followups.append((followup, session_id))
        conn.execute("PRAGMA synchronous=OFF")
        conn.execute("BEGIN")
        conn.executemany(
            "INSERT INTO agreements (session_id, answer_key, row, hvad, hvem, hvem_key, "
            "hvornaar, status, status_at, status_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        conn.executemany(
            "UPDATE sessions SET followup = ?, agreements_synced = 1 WHERE id = ?", followups
        )
        conn.execute("UPDATE sessions SET agreements_synced = 1")
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    return len(notes)


def plan(conn: sqlite3.Connection, sql: str, params: list[object]) -> str:
    rows = conn.execute(f"EXPLAIN QUERY PLAN {sql}", params).fetchall()
    return "; ".join(r[-1] for r in rows)


def store_plan(conn: sqlite3.Connection, where: AgreementFilter) -> str:
    from assistant.notes import agreement_sql

    sql, params = agreement_sql.where_clause(where, "?")
    return plan(conn, f"SELECT {agreement_sql.COLUMNS}{sql}{agreement_sql.ORDER}", params)


def run(cfg: Config) -> list[Row]:
    n = sizes(cfg)
    today = date.today()
    data_dir = cfg.workdir / "agreements-data"
    store = Store(data_dir)
    try:
        cfg.log(f"agreements: generating {n['notes']:,} notes")
        populate(store, n["notes"])
        cfg.log(f"agreements: writing {n['agreements']:,} agreements")
        with_agreements = add_agreements(store, n["agreements"], today)
        conn = sqlite3.connect(store.path)
        conn.execute("PRAGMA temp_store=MEMORY")  # as the store's own connection
        try:
            where = AgreementFilter(overdue_on=today.isoformat())
            found = store.agreements(where)
            bare = conn.execute(BARE, (today.isoformat(),)).fetchall()
            error = ""
            if sorted((a.session_id, a.key, a.row) for a in found) != sorted(r[:3] for r in bare):
                error = "the store and the bare query return different agreements"
            if not found:
                raise BenchError("no overdue agreements were generated")
            cfg.log(f"agreements: {len(found):,} overdue, {n['runs']} runs")
            cfg.log(f"agreements: bare query plan: {plan(conn, BARE, [today.isoformat()])}")
            cfg.log(f"agreements: store query plan: {store_plan(conn, where)}")
            subject, baseline = interleaved(
                lambda: timed(lambda: store.agreements(where)),
                lambda: timed(lambda: conn.execute(BARE, (today.isoformat(),)).fetchall()),
                n["runs"],
            )
        finally:
            conn.close()
    finally:
        store.close()
    size_mb = (data_dir / "samtale.db").stat().st_size / 1e6
    return [
        Row(
            "agreements-overdue",
            median(subject),
            median(baseline),
            TARGET,
            subject_what=(
                f"Store.agreements(AgreementFilter(overdue_on=today)) over {n['notes']:,} notes "
                f"({with_agreements:,} with agreements) and {n['agreements']:,} agreements, "
                f"{size_mb:.0f} MB: {len(found):,} rows, soonest due first"
            ),
            baseline_what=(
                "bare sqlite3 SELECT of the same agreement columns from the agreements table, "
                "WHERE status IN ('åben','i_gang') AND hvornaar < today (the (status, hvornaar) "
                "index), unordered, no join: the same agreements"
            ),
            notes=[f"Median of {n['runs']} interleaved runs."],
            error=error,
        )
    ]
