"""6. Huge guides: a generated guide of 50,000 steps, against a floor measured in the same run.

- ``scale-check``, ``scale-start``: ``samtale check GUIDE`` and ``samtale start GUIDE --plain``
  (up to the first question, then ``/pause``, on a fresh data folder), each in a fresh
  interpreter, against the floor: the same files parsed with ``yaml.CSafeLoader`` plus a bare
  ``transitions`` Machine with the same states, ``auto_transitions=False``
  (``scale_floor.py``). Target: 3x. ``-memory``: the same runs' peak resident memory.
- ``scale-answer``: one answer as a front end does it (``Session.answer``, then ``progress``
  and the next question rendered) in the huge guide against the same in a 50-step guide, the
  two answering the same questions in lockstep. Target: 1.5x.
- ``scale-back``: 10,000 rounds of ``/tilbage`` and answering again in plain mode, per round, in
  the huge guide against the 50-step guide; the conversation must stand where it started.
- ``scale-resume``: ``Session.open`` (the guide rebuilt from its snapshot, every event replayed)
  and ``progress`` of that conversation, against the floor.
"""

from __future__ import annotations

import io
import statistics
import sys
import time
from pathlib import Path

from assistant.dialogue.loader import load_guide
from assistant.dialogue.model import Guide
from assistant.notes.store import Store
from assistant.plain import run_plain
from assistant.session import Session

from .harness import BenchError, Child, Config, Row, child_env, median, run_child
from .longguide import FLOW, raw_answer, write_guide

TARGET = 3.0
ANSWER_TARGET = 1.5
SMALL = 50
FLOOR = Path(__file__).with_name("scale_floor.py")


def sizes(cfg: Config) -> dict[str, int]:
    if cfg.quick:
        return {"steps": 500, "runs": 1, "passes": 2, "answers": 10, "rounds": 200}
    return {"steps": 50_000, "runs": 3, "passes": 8, "answers": 30, "rounds": 10_000}


# ----------------------------------------------------------------------------- check and start


def commands(cfg: Config, path: Path) -> dict[str, tuple[list[str], str]]:
    flow = path.parent / "flows" / f"{FLOW}.yaml"
    return {
        "floor": ([cfg.python, str(FLOOR), str(path), str(flow)], ""),
        "check": ([cfg.python, "-m", "assistant", "check", str(path)], ""),
        "start": (
            [cfg.python, "-m", "assistant", "start", str(path), "--plain", "--borger", "Stue 12"],
            "/pause\n",
        ),
    }


def run_commands(cfg: Config, path: Path, runs: int) -> dict[str, list[Child]]:
    """Each command ``runs`` times, in rotating order, each start on a fresh data folder."""
    plan = commands(cfg, path)
    names = list(plan)
    got: dict[str, list[Child]] = {name: [] for name in names}
    for run in range(runs + 1):  # the first round warms the file cache and is not counted
        order = names[run % len(names) :] + names[: run % len(names)]
        for name in order:
            cmd, stdin = plan[name]
            folder = cfg.workdir / f"scale-{name}-{run}"
            env = child_env(SAMTALE_DATA_DIR=str(folder / "data"), XDG_CACHE_HOME=str(folder))
            cfg.log(f"scale: {name} (round {run})")
            child = run_child(cmd, env, stdin)
            if name == "start" and "Spørg:" not in child.stdout:
                raise BenchError(f"samtale start showed no question:\n{child.stdout[-500:]}")
            if name == "check" and "ingen fejl" not in child.stdout:
                raise BenchError(f"samtale check found problems:\n{child.stdout[-500:]}")
            if run:
                got[name].append(child)
    return got


def command_rows(got: dict[str, list[Child]], steps: int, runs: int, kib: int) -> list[Row]:
    floor = got["floor"]
    floor_what = (
        f"yaml.CSafeLoader parse of the guide and its flow + bare transitions.Machine with its "
        f"{steps + 1} states (auto_transitions=False), in a fresh interpreter"
    )
    what = {
        "check": f"`samtale check` of a generated {steps}-step guide ({kib} KiB YAML)",
        "start": "`samtale start --plain` of that guide to its first question, then /pause",
    }
    rows = []
    for name in ("check", "start"):
        rows.append(
            Row(
                f"scale-{name}",
                median([c.seconds for c in got[name]]),
                median([c.seconds for c in floor]),
                TARGET,
                subject_what=what[name],
                baseline_what=floor_what,
                notes=[f"Median of {runs} runs, in rotating order with the floor."],
            )
        )
        rows.append(
            Row(
                f"scale-{name}-memory",
                median([c.peak_bytes for c in got[name]]),
                median([c.peak_bytes for c in floor]),
                TARGET,
                subject_what=f"peak resident memory of {what[name]}",
                baseline_what="peak resident memory of the floor",
                notes=["Peak RSS from wait4, median of the same runs."],
                unit="bytes",
            )
        )
    return rows


# ----------------------------------------------------------------------------- answering


def answer_once(session: Session, n: int) -> float:
    """One answer as the front ends do it: answer, progress, the next question rendered."""
    step = session.step
    if step is None or step.answer is None or not step.id.startswith("t"):
        raise BenchError(f"the generated guide has no own question here ({session.step_id})")
    raw = raw_answer(step.answer.type, n)
    start = time.perf_counter()
    outcome = session.answer(raw)
    session.progress()
    if session.step is not None:
        session.render(session.step.ask)
    elapsed = time.perf_counter() - start
    if not outcome.ok:
        raise BenchError(f"Session.answer({raw!r}) at {step.id} failed: {outcome.message}")
    return elapsed


def answer_rows(cfg: Config, big: Guide, small: Guide, n: dict[str, int]) -> Row:
    stores = [Store(cfg.workdir / "scale-answer-big"), Store(cfg.workdir / "scale-answer-small")]
    sessions = [
        Session.start(store, guide, borger="Stue 12", medarbejder="KM")
        for store, guide in zip(stores, (big, small), strict=True)
    ]
    times: list[list[float]] = [[], []]
    try:
        for side in (0, 1):  # warm-up: the first progress walks the whole guide once
            sessions[side].progress()
        for number in range(n["passes"]):
            for k in range(n["answers"]):
                order = (0, 1) if (number + k) % 2 == 0 else (1, 0)
                for side in order:
                    times[side].append(answer_once(sessions[side], k))
            for session in sessions:  # back to the first question, not measured
                while session.can_go_back:
                    session.back()
        if sessions[0].progress()[1] < len(big.steps) // 2:
            raise BenchError(f"progress in the huge guide is {sessions[0].progress()}")
    finally:
        for session, store in zip(sessions, stores, strict=True):
            session.close()
            store.close()
    count = len(times[0])
    return Row(
        "scale-answer",
        median(times[0]),
        median(times[1]),
        ANSWER_TARGET,
        subject_what=(
            f"Session.answer + progress + the next question, in the {len(big.steps)}-step guide"
        ),
        baseline_what=f"the same answers in a {len(small.steps)}-step guide",
        notes=[
            f"Median of {count} answers each, in lockstep; means "
            f"{statistics.mean(times[0]) * 1e3:.2f} and {statistics.mean(times[1]) * 1e3:.2f} ms "
            "(the first commits after the huge guide's snapshot is stored are the slowest)."
        ],
    )


# ----------------------------------------------------------------------------- back, resume


def back_script(guide: Guide, store: Store, first: int) -> tuple[list[str], list[str], str]:
    """Plain-mode lines: ``first`` answers, and one round of /tilbage and answering the
    question gone back to again; and the step where every round ends."""
    session = Session.start(store, guide, borger="Stue 12")
    lines = []
    for n in range(first):
        step = session.step
        assert step is not None and step.answer is not None
        lines.append(raw_answer(step.answer.type, n))
        session.answer(lines[-1])
    end = session.step_id
    session.back()
    step = session.step
    assert step is not None and step.answer is not None
    if step.answer.type == "rækker":
        raise BenchError("the round's question takes rows; choose another")
    again = raw_answer(step.answer.type, first - 1)
    session.close()
    return lines, ["/tilbage", again], end


class BackRounds:
    """One conversation in plain mode, resumed for each sitting of ``rounds`` back rounds."""

    def __init__(self, cfg: Config, guide: Guide, name: str) -> None:
        self.guide, self.name = guide, name
        self.store = Store(cfg.workdir / f"scale-back-{name}")
        self.first, self.round, self.end = back_script(guide, self.store, 20)
        started = Session.start(self.store, guide, borger="Stue 12")
        self.id = started.id
        started.close()
        self.rounds = 0
        self.sitting(self.first)

    def sitting(self, lines: list[str]) -> float:
        """Run plain mode on these lines, then /pause; the seconds plain mode took."""
        record = self.store.get_session(self.id)
        session = Session(self.store, record, self.guide, self.store.events(self.id))
        out = io.StringIO()
        start = time.perf_counter()
        code = run_plain(session, io.StringIO("\n".join([*lines, "/pause"]) + "\n"), out)
        elapsed = time.perf_counter() - start
        if code != 0:
            raise BenchError(
                f"plain mode in the {self.name} guide exited {code}:\n{out.getvalue()[-1000:]}"
            )
        return elapsed

    def rounds_of(self, count: int) -> float:
        self.rounds += count
        return self.sitting(self.round * count)

    def check(self) -> None:
        session = Session.open(self.store, self.id)
        backs = sum(e.kind == "back" for e in session.events)
        session.close()
        if session.step_id != self.end or backs != self.rounds:
            raise BenchError(
                f"{self.rounds} back rounds in the {self.name} guide ended at {session.step_id} "
                f"(not {self.end}) with {backs} back events"
            )


def back_rows(cfg: Config, big: Guide, small: Guide, rounds: int) -> tuple[Row, BackRounds]:
    sides = [BackRounds(cfg, big, "huge"), BackRounds(cfg, small, "small")]
    sittings = 10
    times = [0.0, 0.0]
    for number in range(sittings):
        for side in (0, 1) if number % 2 == 0 else (1, 0):
            times[side] += sides[side].rounds_of(rounds // sittings)
    for side in sides:
        side.check()
    sides[1].store.close()
    done = sides[0].rounds
    row = Row(
        "scale-back",
        times[0] / done,
        times[1] / done,
        ANSWER_TARGET,
        subject_what=f"one round of /tilbage and answering again in plain mode, in the "
        f"{len(big.steps)}-step guide",
        baseline_what=f"the same rounds in the {len(small.steps)}-step guide",
        notes=[
            f"Mean of {done} rounds in {sittings} sittings of {done // sittings}, alternating "
            f"with the baseline, at Python's recursion limit of {sys.getrecursionlimit()}; "
            "each conversation stands where it started."
        ],
    )
    return row, sides[0]


def run(cfg: Config) -> list[Row]:
    n = sizes(cfg)
    steps = n["steps"]
    cfg.log(f"scale: generating a {steps}-step guide and a {SMALL}-step one")
    path = write_guide(cfg.workdir / "scale-guide", steps)
    small_path = write_guide(cfg.workdir / "scale-small", SMALL)
    got = run_commands(cfg, path, n["runs"])
    rows = command_rows(got, steps, n["runs"], path.stat().st_size // 1024)
    floor = median([c.seconds for c in got["floor"]])

    cfg.log("scale: loading both guides in this process")
    big, small = load_guide(path), load_guide(small_path)
    rows.append(answer_rows(cfg, big, small, n))

    rounds = n["rounds"]
    cfg.log(f"scale: {rounds} back rounds in plain mode, in each guide")
    row, huge = back_rows(cfg, big, small, rounds)
    rows.append(row)

    cfg.log("scale: resuming that conversation in the huge guide")
    start = time.perf_counter()
    resumed = Session.open(huge.store, huge.id)
    resumed.progress()
    resume = time.perf_counter() - start
    events = len(resumed.events)
    resumed.close()
    huge.store.close()
    rows.append(
        Row(
            "scale-resume",
            resume,
            floor,
            TARGET,
            subject_what=(
                f"Session.open + progress of that conversation ({events} events) in the "
                f"{len(big.steps)}-step guide, its guide rebuilt from the stored snapshot"
            ),
            baseline_what="the floor of scale-check",
            notes=["One run."],
        )
    )
    return rows
