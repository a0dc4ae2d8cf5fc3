"""4. One answer through the session API, from submission to durable commit.

Samtale: ``Session.answer(text)`` on a long generated guide, 1,000 times (each call returns
after the event is committed). Baseline: a bare ``sqlite3`` ``INSERT`` + ``COMMIT`` of an
event row of the same size, on a database with the store's own durability settings (read
from an open Store's connection: WAL, synchronous=FULL). The two alternate answer by answer.
"""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

from assistant.dialogue.loader import load_guide
from assistant.notes.store import Store
from assistant.session import Session

from .harness import BenchError, Config, Row, median, percentile
from .longguide import raw_answer, write_guide

TARGET = 3.0
SYNC_NAMES = {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}


def durability(store: Store) -> tuple[str, int]:
    """The journal mode and synchronous level the store's connection really uses."""
    conn: sqlite3.Connection = store._conn  # noqa: SLF001 - read-only look at the settings
    journal = str(conn.execute("PRAGMA journal_mode").fetchone()[0])
    synchronous = int(conn.execute("PRAGMA synchronous").fetchone()[0])
    return journal, synchronous


class Bare:
    """The baseline: one table, one INSERT and one COMMIT per answer."""

    def __init__(self, folder: Path, journal: str, synchronous: int) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(folder / "bare.db", isolation_level=None)
        self.conn.execute(f"PRAGMA journal_mode={journal}")
        self.conn.execute(f"PRAGMA synchronous={synchronous}")
        self.conn.execute(
            "CREATE TABLE events (session_id TEXT NOT NULL, seq INTEGER NOT NULL, "
            "kind TEXT NOT NULL, data TEXT NOT NULL, at TEXT NOT NULL, "
            "PRIMARY KEY (session_id, seq))"
        )
        self.seq = 0

    def insert(self, data: str) -> float:
        self.seq += 1
        row = ("0badcafe", self.seq, "answer", data, "2026-05-09T10:00:00+02:00")
        start = time.perf_counter()
        self.conn.execute("BEGIN")
        self.conn.execute(
            "INSERT INTO events (session_id, seq, kind, data, at) VALUES (?, ?, ?, ?, ?)", row
        )
        self.conn.execute("COMMIT")
        return time.perf_counter() - start

    def close(self) -> None:
        self.conn.close()


def run(cfg: Config) -> list[Row]:
    answers = 50 if cfg.quick else 1000
    warmup = 5
    steps = 2 * (answers + warmup) + 20  # branches skip some steps; never reach the end
    cfg.log(f"answer: generating a {steps}-step guide")
    guide = load_guide(write_guide(cfg.workdir / "answer-guide", steps))
    store = Store(cfg.workdir / "answer-store")
    journal, synchronous = durability(store)
    bare = Bare(cfg.workdir / "answer-baseline", journal, synchronous)
    session = Session.start(store, guide, borger="Stue 12", medarbejder="KM")
    cfg.log(f"answer: {answers} answers, journal_mode={journal}, synchronous={synchronous}")

    def answer(n: int) -> float:
        step = session.step
        if step is None or step.answer is None:
            raise BenchError(f"the generated guide ended or has a step without answer at {n}")
        raw = raw_answer(step.answer.type, n)
        start = time.perf_counter()
        outcome = session.answer(raw)
        elapsed = time.perf_counter() - start
        if not outcome.ok:
            raise BenchError(f"Session.answer({raw!r}) at {step.id} failed: {outcome.message}")
        return elapsed

    def data(n: int) -> str:
        step = session.step
        assert step is not None and step.answer is not None
        value = raw_answer(step.answer.type, n)
        return json.dumps({"step": step.id, "key": step.answer.key, "value": value})

    subject: list[float] = []
    baseline: list[float] = []
    try:
        for n in range(warmup):
            bare.insert(data(n))
            answer(n)
        for n in range(warmup, warmup + answers):
            text = data(n)
            if n % 2 == 0:
                baseline.append(bare.insert(text))
                subject.append(answer(n))
            else:
                subject.append(answer(n))
                baseline.append(bare.insert(text))
    finally:
        session.close()
        store.close()
        bare.close()
    settings = f"journal_mode={journal}, synchronous={SYNC_NAMES.get(synchronous, synchronous)}"
    what = f"Session.answer on a {steps}-step guide, to durable commit ({settings})"
    base_what = f"bare sqlite3 INSERT + COMMIT of the same event ({settings})"
    return [
        Row(
            "answer-median",
            median(subject),
            median(baseline),
            TARGET,
            subject_what=what,
            baseline_what=base_what,
            notes=[f"Median of {answers} answers, alternating with the baseline."],
        ),
        Row(
            "answer-p99",
            percentile(subject, 99),
            percentile(baseline, 99),
            None,
            subject_what=what,
            baseline_what=base_what,
            notes=[f"99th percentile of the same {answers} answers (no target)."],
        ),
    ]
