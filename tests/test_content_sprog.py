"""Issue 14, language: slips a trained care worker would stumble over stay fixed, and the
nursing-home guides speak of "beboeren", not "borgeren"."""

import re
from pathlib import Path

import pytest
import yaml

from assistant.dialogue.library import bundled_guides
from assistant.roleplay.persona import find_persona
from assistant.session import Session

from .content import texts
from .walk import typed_answer

DIALOGUES = Path(__file__).resolve().parent.parent / "dialogues"
GUIDES = {g.id: g for g in bundled_guides()}

# Wrong phrasings fixed once; none may come back anywhere under dialogues/.
REGRESSIONS = [
    "datter til",  # hanne.yaml: one is "datter af" someone
    "fylder hans dag med",  # blomsten: "Hvad fylder han sin dag med"
    "Hvilket et har du",  # vaerdighedshjulet: "Hvilket af dem har du"
    "mere helt billede",  # fem_faktorer: "et mere fuldstændigt billede"
    "Hør alle vagtlag",  # isbjerget, borgergennemgang: "Spørg kolleger fra alle vagtlag"
    "lige før, at",  # konflikttrappen: "lige før han blev urolig"
    "Samtale opgives",  # konflikttrappen, trin 4: "Samtalen opgives"
    "som om beboeren sad med",  # "som om han eller hun sad med ved bordet"
]

# Guides built on seed 001 (nursing homes): the staff member is told about a "beboer".
NURSING_HOME = ["blomsten", "vaerdighedshjulet", "fem_faktorer", "isbjerget", "konflikttrappen"]


def test_hanne_is_datter_af_grethe():
    persona = find_persona("hanne")
    assert "datter af Grethe" in persona.content
    assert "datter til" not in persona.content


@pytest.mark.parametrize("phrase", REGRESSIONS)
def test_fixed_slips_do_not_come_back(phrase):
    found = [
        f"{path.relative_to(DIALOGUES)}:{n}"
        for path in sorted(DIALOGUES.rglob("*.yaml"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if phrase.lower() in line.lower()
    ]
    assert not found, (phrase, found)


@pytest.mark.parametrize("guide_id", NURSING_HOME)
def test_nursing_home_guides_say_beboer_and_do_not_repeat_it(guide_id):
    data = yaml.safe_load((DIALOGUES / f"{guide_id}.yaml").read_text(encoding="utf-8"))
    for text in texts(data):
        flat = " ".join(text.split())
        assert not re.search(r"\b[Bb]orger(en|ens|e|s|ne|nes)?\b", flat), flat
        for sentence in re.split(r"(?<=[.?!])\s+", flat):
            assert len(re.findall(r"\b[Bb]eboer(en|ens)\b", sentence)) <= 1, sentence


def test_konflikttrappen_walks_to_a_note_with_samtalen_opgives(store):
    guide = GUIDES["konflikttrappen"]
    label = "4. Samtalen opgives – vi lytter ikke længere til hinanden"
    session = Session.start(store, guide, borger="Stue 12", medarbejder="KB")
    for _ in range(500):
        step = session.step
        if step is None:
            break
        if step.is_hub:
            todo = [t for t in step.themes if t not in session.done]
            outcome = session.choose_theme(todo[0]) if todo else session.leave_hub()
        elif step.answer is None:
            outcome = session.answer("")
        elif step.answer.key == "konflikttrin":
            outcome = session.answer(label)
        else:
            outcome = session.answer(typed_answer(step.answer, step.id))
        assert outcome.ok, (step.id, outcome.message)
    assert session.at_end
    assert session.complete().ok
    note = Session.open(store, session.id).note()
    assert note.status == "completed"
    shown = [a.display for sec in note.sections for a in sec.answers if a.key == "konflikttrin"]
    assert shown and shown[0].startswith("4. Samtalen opgives"), shown
