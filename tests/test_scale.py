"""Huge guides and long conversations: going back many times never recurses, and progress is
counted without walking the guide ahead on every answer (the speed itself is measured in
``benchmarks/bench_scale.py``, not here)."""

from __future__ import annotations

import io
from pathlib import Path

from assistant.dialogue.loader import load_guide
from assistant.notes.store import Store
from assistant.plain import run_plain
from assistant.session import Session

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
