"""Issue 14: Konflikttrappen stays its own guide, and Affektudbrudsmodellen is no longer a branch
of it. Seed 001 §6.1 names no phases of an affect outburst and does not say that the affect
"topper i selve udbruddet", so none of that may appear under dialogues/; an episode that was an
affect outburst by one resident is pointed to the guide of its own."""

from __future__ import annotations

import pytest
import yaml

from assistant.dialogue.library import find_guide
from assistant.session import Session

from ..conftest import DIALOGUES
from ..seeds import needs_seeds, seed_text
from ..walk import typed_answer

GUIDE_FILE = DIALOGUES / "konflikttrappen.yaml"

INVENTED = [
    "Optrapningen",
    "Selve udbruddet",
    "Nedtrapning og tiden bagefter",
    "topper i selve udbruddet",
]
EPISODE_TYPES = ["konflikt", "konflikt_og_affekt", "affektudbrud"]
NOTE_SECTIONS = [
    "Det, der skete",
    "Det, vi gjorde – og kan gøre anderledes",
    "Efter episoden",
]
# What the guide states about Konflikttrappen, as it stands in seed 001 §6.1.
SEED_001_FACTS = [
    "Konflikttrappen illustrerer, hvordan du kan hjælpe til med at sikre, at en konflikt ikke "
    "optrappes, ved at du sætter dig ind i, hvorfor borgeren handler og reagerer, som han eller "
    "hun gør.",
    "hvordan jeres handlinger som personale kan ned- eller opjustere borgerens reaktion",
    "hvor en borger mister selvkontrollen, fordi affekten bliver for høj",
]


@pytest.mark.parametrize("phrase", INVENTED)
def test_invented_phase_model_appears_nowhere_in_dialogues(phrase):
    found = [
        f"{path.name}:{n}"
        for path in sorted(DIALOGUES.rglob("*.yaml"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if phrase.lower() in line.lower()
    ]
    assert not found, (phrase, found)


def test_no_affect_branch_left_in_konflikttrappen():
    data = yaml.safe_load(GUIDE_FILE.read_text(encoding="utf-8"))
    assert data["version"] >= 2
    ids = [a.get("id") for a in data["afsnit"]]
    assert "kt_affekt" not in ids
    steps = [t["id"] for a in data["afsnit"] for t in a.get("trin", [])]
    assert not [s for s in steps if s.startswith("af_")], steps
    keys = [k for s in data["note"]["afsnit"] for k in s["nøgler"]]
    assert not [k for k in keys if k.startswith("affekt_")], keys


def test_points_to_the_affektudbrudsmodellen_guide():
    assert find_guide("affektudbrudsmodellen").id == "affektudbrudsmodellen"
    assert find_guide("konflikttrappen").id == "konflikttrappen"
    text = GUIDE_FILE.read_text(encoding="utf-8")
    assert "samtale start affektudbrudsmodellen" in " ".join(text.split())
    data = yaml.safe_load(text)
    kt_type = next(t for a in data["afsnit"] for t in a.get("trin", []) if t["id"] == "kt_type")
    tips = " ".join(" ".join(kt_type["tips"]).split())
    assert "Affektudbrudsmodellen" in tips and "samtale start affektudbrudsmodellen" in tips


@needs_seeds
@pytest.mark.parametrize("fact", SEED_001_FACTS)
def test_facts_taken_from_the_seed_are_in_it(fact):
    assert fact in seed_text("001"), fact


@needs_seeds
def test_the_seed_gives_no_affect_phases():
    text = seed_text("001")
    start = text.index("Affektudbrudsmodellen Modellen viser")
    passage = text[start : text.index("Faglig ledelse", start)]
    for phrase in INVENTED:
        assert phrase.lower() not in passage.lower(), phrase
    assert "topper" not in passage


@pytest.mark.parametrize("episode_type", EPISODE_TYPES)
def test_walks_to_a_completed_note_on_every_branch(store, episode_type):
    guide = find_guide("konflikttrappen")
    session = Session.start(store, guide, borger="Stue 12", medarbejder="KB")
    visited = []
    for _ in range(500):
        step = session.step
        if step is None:
            break
        visited.append(step.id)
        if step.is_hub:
            todo = [t for t in step.themes if t not in session.done]
            outcome = session.choose_theme(todo[0]) if todo else session.leave_hub()
        elif step.answer is None:
            outcome = session.answer("")
        elif step.answer.key == "episode_type":
            label = next(c.label for c in step.answer.choices if c.value == episode_type)
            outcome = session.answer(label)
        else:
            outcome = session.answer(typed_answer(step.answer, step.id))
        assert outcome.ok, (step.id, outcome.message)
    assert session.at_end
    assert not [s for s in visited if s.startswith("af_")], visited
    assert visited.index("kt_trin") + 1 == visited.index("kt_vi_gjorde"), visited
    assert session.complete().ok
    note = Session.open(store, session.id).note()
    assert note.status == "completed"
    assert not note.missing
    assert [s.title for s in note.sections] == NOTE_SECTIONS
    shown = {a.key: a.value for s in note.sections for a in s.answers}
    assert shown.get("episode_type") is not None
