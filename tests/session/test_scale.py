"""Huge guides and long conversations: going back many times never recurses, and progress is
counted without walking the guide ahead on every answer (the speed itself is measured in
``benchmarks/bench_scale.py``, not here)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from assistant.dialogue.loader import load_guide
from assistant.notes.store import Store
from assistant.plain import run_plain
from assistant.session import Session


@pytest.fixture(autouse=True)
def _unfrozen():
    """Compiling a big guide freezes what lives (see FREEZE_STEPS): give it back afterwards,
    so that the other tests' objects are collected as usual."""
    yield
    import gc

    gc.unfreeze()


TWO_STEPS = """\
id: to_trin
version: 1
titel: To trin
formål: Et påkrævet og et frivilligt spørgsmål.
brug: samtale
varighed: 5
deltagere: Medarbejder og borger
kilder: ["test"]
afsnit:
  - id: a
    titel: A
    trin:
      - id: navn
        titel: Navn
        spørg: Hvad hedder du?
        svar: {type: tekst, påkrævet: true}
      - id: ord
        titel: Ord
        spørg: Sig et ord.
        svar: {type: tekst}
"""


def test_ten_thousand_back_rounds_from_the_missing_answers_prompt(
    store: Store, tmp_path: Path
) -> None:
    """At the end, with a required answer missing, /tilbage goes back to the last question;
    answering it comes back to the prompt. 10,000 rounds of that must work (plain mode
    recursed once per round and died at about 490)."""
    path = tmp_path / "to_trin.yaml"
    path.write_text(TWO_STEPS, encoding="utf-8")
    session = Session.start(store, load_guide(path), borger="Stue 3")
    rounds = 10_000
    lines = ["/spring", "ord 0"]
    for n in range(1, rounds + 1):
        lines += ["/tilbage", f"ord {n}"]
    lines.append("/afslut")
    out = io.StringIO()
    code = run_plain(session, io.StringIO("\n".join(lines) + "\n"), out)
    text = out.getvalue()
    assert code == 0, text[-2000:]
    assert "Noten er gemt." in text
    reopened = Session.open(store, session.id)
    assert reopened.status == "completed"
    assert reopened.answers == {"ord": f"ord {rounds}"}
    assert sum(e.kind == "back" for e in reopened.events) == rounds
    assert reopened.at_end


# --- progress -----------------------------------------------------------------------------------


def old_progress(session: Session) -> tuple[int, int]:
    """Progress as Samtale counted it before: walk the likely path ahead with the machine, on
    every call (the walk stopped at 10,000 steps; no test guide comes near that)."""
    from assistant.engine.machine import ADVANCE

    done = len({h[0] for h in session.handled})
    ahead, step_id, seen = 0, session.step_id, set()
    values = session.values
    guide = session.guide
    while step_id in guide.steps and step_id not in seen:
        seen.add(step_id)
        step = guide.steps[step_id]
        if step.is_hub:
            left = [t for t in step.themes if t not in session.done]
            need = max(step.min_themes - len(session.done & set(step.themes)), 0)
            for theme in left[:need]:
                ahead += len(guide.section(theme).steps)
        else:
            ahead += 1
        try:
            step_id = session.compiled.move(session._walker, step_id, ADVANCE, values)
        except Exception:  # noqa: BLE001
            break
    return done, done + ahead


def random_walk(session: Session, seed: int, moves: int) -> list[tuple[int, int]]:
    """Answer, skip, go back, choose themes and correct answers at random; after every move,
    progress must be what the old walk-ahead counted. Returns the progress seen."""
    import random

    from tests.walk import typed_answer

    rng = random.Random(seed)
    seen = []
    for _ in range(moves):
        step = session.step
        roll = rng.random()
        if step is None:
            if not session.can_go_back:
                break
            session.back()
        elif roll < 0.25 and session.can_go_back:
            session.back()
        elif roll < 0.32:
            session.skip()
        elif roll < 0.38 and session.answers:
            key = rng.choice(sorted(session.answers))
            spec = session.answer_spec(key)
            if spec is not None:
                session.correct(key, typed_answer(spec, key, rng.choice([0, -1])))
        elif roll < 0.42 and session.guide.hub_of(step.section) is not None:
            session.to_hub()
        elif step.is_hub:
            todo = [t for t in step.themes if t not in session.done]
            if todo and rng.random() < 0.8:
                session.choose_theme(rng.choice(todo))
            else:
                session.leave_hub()
        elif step.answer is None:
            session.answer("")
        else:
            session.answer(typed_answer(step.answer, step.id, rng.choice([0, -1])))
        got = session.progress()
        assert got == old_progress(session), (seed, session.step_id, session.events[-1:])
        seen.append(got)
    return seen


def test_progress_is_what_the_old_walk_ahead_counted_on_every_bundled_guide(store: Store) -> None:
    from assistant.dialogue.library import bundled_guides

    for guide in bundled_guides():
        for seed in range(4):
            session = Session.start(store, guide, borger="Stue 12")
            seen = random_walk(session, seed, 120)
            assert len(set(seen)) > 1, guide.id
            reopened = Session.open(store, session.id)  # resumed: the same count
            assert reopened.progress() == old_progress(reopened) == session.progress()
            session.close()
            reopened.close()


def test_progress_on_a_generated_guide_with_branches(store: Store, tmp_path: Path) -> None:
    from benchmarks.longguide import write_guide

    guide = load_guide(write_guide(tmp_path / "lang", 400))
    for seed in range(3):
        session = Session.start(store, guide, borger="Stue 12")
        random_walk(session, seed, 300)
        session.close()


def test_an_answer_does_not_walk_the_guide_ahead(store: Store, tmp_path: Path, monkeypatch) -> None:
    """In a 3,000-step guide, one answer and the progress shown after it look at a handful of
    steps, not at every step still ahead (that cost 326 ms an answer at 50,000 steps)."""
    from assistant.dialogue import expr
    from benchmarks.longguide import raw_answer, write_guide

    guide = load_guide(write_guide(tmp_path / "lang", 3000))
    session = Session.start(store, guide, borger="Stue 12")
    first = session.progress()
    assert first[1] > 2900  # the whole guide is counted (no cut-off at some length)
    calls = 0
    real = expr.evaluate

    def counting(node, values):
        nonlocal calls
        calls += 1
        return real(node, values)

    monkeypatch.setattr(expr, "evaluate", counting)
    for n in range(60):
        step = session.step
        assert step is not None and step.answer is not None
        before = calls
        assert session.answer(raw_answer(step.answer.type, n)).ok
        session.progress()
        assert calls - before < 50, (n, step.id, calls - before)
        if n % 7 == 3:
            before = calls
            assert session.back().ok
            session.progress()
            assert calls - before < 50, ("back", n, step.id, calls - before)
    monkeypatch.undo()
    assert session.progress() == old_progress(session)


def tangled_guide(seed: int, steps: int = 40) -> str:
    """A guide whose conditions read answers from anywhere and jump anywhere, back as well as
    forward (loops), to test the kept walk where it must be walked again."""
    import random

    rng = random.Random(seed)
    lines = [
        "id: floket",
        "version: 1",
        "titel: Floket",
        "formål: Betingelser på kryds og tværs.",
        "brug: samtale",
        "varighed: 5",
        "deltagere: Medarbejder og borger",
        'kilder: ["test"]',
        "beregn:",
        "  - nøgle: summen",
        "    etiket: Summen",
        "    udtryk: k0 + k1",
        "afsnit:",
        "  - id: a",
        "    titel: A",
        "    trin:",
    ]
    for i in range(steps):
        lines += [
            f"      - id: t{i}",
            f"        titel: Trin {i}",
            f"        spørg: Spørgsmål {i}",
            f"        svar: {{type: skala, nøgle: k{i}, fra: 0, til: 1}}",
        ]
        if i and rng.random() < 0.5:
            lines.append("        næste:")
            for _ in range(rng.randint(1, 2)):
                key = "summen" if rng.random() < 0.15 else f"k{rng.randrange(steps)}"
                lines += [
                    f"          - hvis: {key} == {rng.randint(0, 1)}",
                    f"            gå_til: t{rng.randrange(steps)}",
                ]
    return "\n".join(lines) + "\n"


def test_progress_where_answers_reroute_and_loop_the_path(store: Store, tmp_path: Path) -> None:
    from tests.conftest import MINI

    guides = [load_guide(MINI)]
    for seed in range(6):
        path = tmp_path / str(seed) / "floket.yaml"
        path.parent.mkdir()
        path.write_text(tangled_guide(seed), encoding="utf-8")
        guides.append(load_guide(path))
    for guide in guides:
        for seed in range(5):
            session = Session.start(store, guide, borger="Stue 12")
            random_walk(session, seed, 200)
            session.close()


def test_a_conversation_on_a_compiled_guide_costs_no_memory_per_step(tmp_path: Path) -> None:
    """Every session is a model on the guide's one machine; joining it must not give the model
    a helper per state (50,000 of them, and as many look-ups, per conversation)."""
    import tracemalloc

    from assistant.engine.machine import compile_guide
    from benchmarks.longguide import write_guide

    compiled = compile_guide(load_guide(write_guide(tmp_path / "lang", 3000)))
    tracemalloc.start()
    before = tracemalloc.take_snapshot()
    walker = compiled.walker()
    grown = sum(s.size_diff for s in tracemalloc.take_snapshot().compare_to(before, "filename"))
    tracemalloc.stop()
    assert grown < 50_000, grown
    assert walker.state == compiled.guide.start
    compiled.release(walker)


def test_time_spent_is_counted_once_per_event_and_still_leaves_out_pauses(store: Store) -> None:
    """The TUI asks for the time every second; events already counted are not parsed again,
    and the figure is the one counted from all the events."""
    from datetime import datetime, timedelta

    from assistant.dialogue.library import bundled_guides
    from assistant.notes.store import EventRecord

    def from_scratch(session: Session, now: datetime) -> int:
        total, last, paused = 0.0, datetime.fromisoformat(session.record.started_at), False
        for event in session.events:
            at = datetime.fromisoformat(event.at)
            if not paused:
                total += max((at - last).total_seconds(), 0)
            last, paused = at, event.kind == "pause"
        if not paused and session.status == "in_progress":
            total += max((now - last).total_seconds(), 0)
        return int(total)

    guide = bundled_guides()[0]
    session = Session.start(store, guide, borger="Stue 12")
    start = datetime.fromisoformat(session.record.started_at)
    now = start + timedelta(hours=5)
    for minute, kind in enumerate(["skip", "pause", "resume", "skip", "pause", "resume"], 1):
        at = (start + timedelta(minutes=minute * 7)).isoformat()
        session.events.append(EventRecord(session.id, minute, kind, {}, at))
        assert session.elapsed_seconds(now) == from_scratch(session, now)
    assert session.elapsed_seconds(now) == (4 * 7 + 5 * 60 - 42) * 60  # two pauses of 7 minutes


def test_a_huge_guide_is_left_out_of_the_cyclic_collector_once_compiled(tmp_path: Path) -> None:
    """With a 50,000-step guide in memory, a full garbage collection walks over a million
    objects (about a second, now and then, in the middle of an answer). Once compiled, a big
    guide is frozen out of the collector: it makes no cycles and lives as long as the program."""
    import gc

    from assistant.engine.machine import compile_guide
    from benchmarks.longguide import write_guide

    gc.unfreeze()
    try:
        compile_guide(load_guide(write_guide(tmp_path / "lang", 1500)))
        frozen = gc.get_freeze_count()
        assert frozen > 50_000, frozen
    finally:
        gc.unfreeze()
    compile_guide(load_guide(write_guide(tmp_path / "kort", 60)))
    assert gc.get_freeze_count() == 0  # a guide of ordinary size changes nothing
