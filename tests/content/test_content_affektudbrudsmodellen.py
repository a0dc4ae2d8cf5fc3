"""Issue 14: the bundled Affektudbrudsmodellen guide, a team walk-through after an affect
outburst. Seed 001 §6.1 describes the model only briefly (affekt, losing self-control, the
concept 'trigger', why the conflict escalates, being prepared) and names no phases, so the guide
must not invent a phase model; every fact it takes from the seed must be in the seed's text."""

from __future__ import annotations

import re

import pytest
import yaml

from assistant.dialogue.library import bundled_guides, find_guide
from assistant.session import Session

from ..conftest import ROOT
from ..seeds import needs_seeds, seed_text
from .helpers import assert_beboer_wording, needs_hunspell, texts, unknown_words

GUIDE_FILE = ROOT / "dialogues" / "affektudbrudsmodellen.yaml"

# Realistic answers from a team meeting, by answer key.
ANSWERS = {
    "forloeb": (
        "Tirsdag kl. 7.40 på badeværelset. KB og JL skulle hjælpe ham i bad, da han var blevet "
        "våd om natten. Ingen andre beboere var til stede."
    ),
    "selvkontrol": (
        "Han råbte, skubbede JL væk og kastede tandkruset på gulvet. Ansigtet var rødt, og han "
        "rystede. Det varede ca. fem minutter."
    ),
    "set_foer": "ja",
    "moenster": "Det sker om morgenen ved bad, når to kommer ind på én gang. Ro og tid hjalp sidst.",
    "triggere": (
        "Viden: han var vågnet våd og flov. Gæt: to medarbejdere på én gang og at vi tog hans "
        "trøje af uden at spørge."
    ),
    "eskalering": (
        "Vi forklarede, hvorfor han skulle i bad, og blev ved, da han sagde nej. JL gik tættere på."
    ),
    "vi_gjorde": "KB bad JL gå ud, trådte selv et skridt tilbage og talte roligt med få ord.",
    "hjalp": "At JL gik, og at han fik lov at sidde med sin kaffe. Han var stille og træt resten af formiddagen.",
    "forebyg": "Kun én medarbejder ved bad. Spørg først, om han vil i bad nu eller efter kaffen.",
    "haandtering": "Træd tilbage, få ord, ring efter kollega. Opdater action card.",
    "efter_nu": "Han hilser igen på KB. JL er utryg og går med makker i to uger.",
}
ACTIONS = (
    "Opdatere action card med bad og triggere ; KB ; om 1 uge\n"
    "Spørge ham, hvordan han helst vil have hjælp til bad ; JL ; om 2 uger\n"
)
NOTE_SECTIONS = [
    "Det, I så",
    "Triggere og eskalering",
    "Det, I gjorde, og det, der hjalp",
    "Forberedt næste gang",
]
# What the guide states about the model, as it must appear in seed 001 (§6.1 Affektudbrudsmodellen
# and the passages the guide's backgrounds rest on).
SEED_001_FACTS = [
    "Affektudbrudsmodellen",
    "Modellen viser, hvad der sker, når et menneske kommer i affekt og mister selvkontrollen.",
    "hvor en borger mister selvkontrollen, fordi affekten bliver for høj",
    "hvilke triggere der får borgerens affekt til at stige",
    "hvorfor konflikten eskalerer",
    "Metoden introducerer begrebet ’trigger’",
    "for at være forberedt på, hvordan du skal håndtere et affektudbrud",
    "Hvordan møder du bedst en borger i affekt?",
    "utilsigtet komme til at optrappe en konflikt",
    "ned- eller opjustere borgerens reaktion",
    "tryghed, kontrol og ejerskab i samarbejdet med medarbejderen",
    "færre traumereaktioner",
    "Vide, hvad der potentielt kan udløse traumereaktioner",
    "overfaldsknapper",
    "kollegial assistance",
    "action cards",
    "fælles faglig refleksion",
    "Psykologisk tryghed",
]


def test_guide_is_bundled_as_a_team_meeting():
    guide = find_guide("affektudbrudsmodellen")
    assert guide.id in {g.id for g in bundled_guides()}
    data = yaml.safe_load(GUIDE_FILE.read_text(encoding="utf-8"))
    assert data["brug"] == "teammøde"
    assert any(a.get("forløb") == "handlingsplan" for a in data["afsnit"])


def test_no_invented_phase_model():
    """The seed names no phases: no section or step is a phase, and no phase names appear."""
    data = yaml.safe_load(GUIDE_FILE.read_text(encoding="utf-8"))
    titles = [a["titel"] for a in data["afsnit"] if "titel" in a]
    titles += [t["titel"] for a in data["afsnit"] for t in a.get("trin", [])]
    for title in titles:
        assert "fase" not in title.lower(), title
    for invented in ("Optrapningen", "Selve udbruddet", "Nedtrapningsfase", "Genopretningsfase"):
        assert invented not in titles


@needs_seeds
def test_every_source_names_an_existing_seed_and_section():
    guide = find_guide("affektudbrudsmodellen")
    assert guide.sources
    for source in guide.sources:
        number = re.match(r"(\d{3}) ", source)
        assert number, source
        text = seed_text(number.group(1))
        heading = re.match(r"\d{3} §[\d.]+(?: Tema \d)? ([^(]+?)\s*(?:\(|$)", source)
        assert heading, source
        assert heading.group(1) in text, source


@needs_seeds
@pytest.mark.parametrize("fact", SEED_001_FACTS)
def test_facts_taken_from_the_seed_are_in_it(fact):
    assert fact in seed_text("001"), fact


@needs_seeds
def test_the_seed_gives_no_phase_names():
    """If the seed ever names the model's phases, the guide must be revisited to use them."""
    text = seed_text("001")
    start = text.index("Affektudbrudsmodellen Modellen viser")
    passage = text[start : text.index("Faglig ledelse", start)]
    assert "fase" not in passage.lower()


def walk(session: Session, answers: dict[str, str]) -> list[str]:
    """Answer every step as a team would; returns the ids of the steps visited."""
    plan = {
        "aftaler": ACTIONS.rstrip("\n"),
        "opfoelgning_dato": "om 3 uger",
        "opfoelgning_hvem": "Teamleder",
    }
    visited = []
    for _ in range(100):
        step = session.step
        if step is None:
            return visited
        visited.append(step.id)
        if step.answer is None:
            outcome = session.answer("")
        else:
            key = step.answer.key
            assert key in answers or key in plan, f"unexpected step {step.id}"
            outcome = session.answer(answers.get(key) or plan[key])
        assert outcome.ok, (step.id, outcome.message)
    raise AssertionError("the guide did not end")


def test_walk_to_a_completed_note_with_the_action_plan(store):
    guide = find_guide("affektudbrudsmodellen")
    session = Session.start(store, guide, borger="Stue 4", medarbejder="KB")
    visited = walk(session, ANSWERS)
    assert session.at_end
    assert "au_moenster" in visited
    assert 10 <= len(visited) <= 20, visited
    assert session.complete().ok
    note = Session.open(store, session.id).note()
    assert note.status == "completed"
    assert not note.missing
    assert [s.title for s in note.sections] == NOTE_SECTIONS
    shown = {a.key: a.display for s in note.sections for a in s.answers}
    for key in ANSWERS:
        assert key in shown, key
    assert "trøje" in shown["triggere"]
    assert [(a.who, a.when != "") for a in note.actions] == [("KB", True), ("JL", True)]
    assert note.followup
    assert note.followup_who == "Teamleder"


def test_without_earlier_episodes_the_pattern_step_is_skipped(store):
    guide = find_guide("affektudbrudsmodellen")
    session = Session.start(store, guide, borger="Stue 4")
    answers = {k: v for k, v in ANSWERS.items() if k != "moenster"} | {"set_foer": "nej"}
    visited = walk(session, answers)
    assert "au_moenster" not in visited
    assert visited.index("au_set_foer") + 1 == visited.index("au_triggere")
    assert session.complete().ok


NOT_TEXT = {
    "id",
    "nøgle",
    "nøgler",
    "værdi",
    "gå_til",
    "hvis",
    "kilder",
    "aftaler",
    "opfølgning",
    "opfølgning_hvem",
    "forløb",
}
# The seed's own terms (action cards) and the web address it points to.
ALLOWED = {"action", "card", "cards", "sst.dk"}


def test_nursing_home_guide_says_beboer_and_does_not_repeat_it():
    assert_beboer_wording(GUIDE_FILE)


@needs_hunspell
def test_spelling_with_hunspell_da_dk():
    data = yaml.safe_load(GUIDE_FILE.read_text(encoding="utf-8"))
    unknown = set(unknown_words(texts(data, skip=NOT_TEXT))) - ALLOWED
    assert not unknown, sorted(unknown)
