"""Issue 14: the trauma-informed team meeting (traumebevidst) walks to a completed note with
agreements, cites seed 001 correctly, and the facts it takes from the seed (the four
recommendations, the named sections, the seed's own phrases) really are in the seed text."""

from __future__ import annotations

import re

import pytest
import yaml

from assistant.dialogue.library import bundled_guides, find_guide
from assistant.session import Session

from ..conftest import ROOT
from ..seeds import SEEDS, needs_seeds, seed_text
from .helpers import assert_beboer_wording, needs_hunspell, texts, unknown_words

GUIDE_FILE = ROOT / "dialogues" / "traumebevidst.yaml"

# Section names the `kilder` entries cite; each must be a heading or phrase in seed 001.
SECTIONS = [
    "Traumebevidst tilgang",
    "Ældre i socialt udsatte positioner",
    "Fællesskaber og aktiviteter",
    "Mindre og uforpligtende fællesskaber",
    "Værdigrundlag og hverdagsliv",
    "Ro og trygge rammer",
    "Kompetencer, faglighed og relationer",
    "Kompetenceudvikling",
    "6.2. Tilgange, redskaber og metoder",
]
# Phrases the guide rests on, as the seed words them (after joining hyphenated line breaks).
SEED_FACTS = [
    "høj forekomst af traumer",
    "Opbyg viden om traumer og kompetencer til at arbejde traumebevidst",
    "så borgeren oplever at blive set, hørt og forstået",
    "Lad borgerens egne perspektiver være styrende for indsatsen",
    "så borgeren oplever kontrol, ejerskab og mestring",
    "Opbyg tillid og tryghed sammen med borgeren",
    "roligere nervesystem",
    "Tilpas de fysiske rammer",
    "fysisk og psykisk tryghed",
    "tryghed, kontrol og ejerskab i samarbejdet",
    "færre traumereaktioner",
    "Kunne genkende typiske tegn på traumatisering",
    "Vide, hvad der potentielt kan udløse traumereaktioner",
    "kan trigge en traumereaktion",
    "maksimalt to timer",
    "historik med overgreb",
    "rolig opgang",
    "rutiner og stabilitet og mindsker tvivl og uforudsigelighed",
    "traumer, svigt eller oplevelser af kontroltab",
    "livshistorie, traumer og tidligere svigt",
    "traumers betydning for adfærd",
    "psykologbistand",
    "socialsygeplejersker",
]
# The same facts as the guide words them: a wrong fact in the guide fails here or above.
GUIDE_FACTS = [
    "kontrol, ejerskab og mestring",
    "set, hørt og forstået",
    "roligere",
    "fysisk og psykisk tryghed",
    "tryghed, kontrol og ejerskab",
    "højst to timer",
    "rolig opgang",
    "tvivl og uforudsigelighed",
    "traumer, svigt eller oplevelser af kontroltab",
    "traumers betydning for adfærd",
]

ANSWERS = {
    "anledning": "Hr. K, 68 år, flyttede ind for tre måneder siden. Han afviser hjælp til bad og råber, når vi kommer ind uden at banke på.",
    "livshistorie": "Har selv fortalt om en hård barndom på børnehjem og mange år på gaden. Mere ved vi ikke.",
    "tegn": "Bliver stiv i kroppen og hæver stemmen, når vi nærmer os badeværelset. Trækker sig fra fællesstuen efter kort tid.",
    "udloesere": "1, 4, andet: at blive vækket af fremmede om natten",
    "forebyggelse": "Vi banker på og venter på svar. Badet tilbydes, ikke planlægges, og han må gå fra fællesstuen, når han vil.",
    "tillid": "Han er tryg ved Jens fra dagvagten, som taler roligt og fortæller, hvad han skal til at gøre.",
    "rammer": "Spørge om han vil flytte til lejligheden i den rolige ende af gangen.",
    "forudsigelighed": "Fast morgenrutine kl. 9, og afløsere præsenteres af en kendt kollega.",
    "valg": "Han vælger selv tidspunkt for bad og om det skal være brusebad eller vask ved håndvasken.",
    "stemme": "Jens taler med ham om aftalerne fredag formiddag.",
    "respons": "Vi træder et skridt tilbage, taler lavt og kommer igen om en halv time.",
    "stoette": "Ønsker sparring med kommunens socialsygeplejerske. Anne siger det til lederen.",
    "aftaler": "Banke på og vente på svar ; Alle ; i morgen\nTale med Hr. K om aftalerne ; Jens ; om 1 uge",
    "opfoelgning_dato": "om 4 uger",
    "opfoelgning_hvem": "Anne på teammødet",
}


def flat(text: str) -> str:
    return " ".join(text.split())


def test_bundled_as_a_team_meeting():
    guides = {g.id: g for g in bundled_guides()}
    assert "traumebevidst" in guides
    assert guides["traumebevidst"].duration == 45
    raw = yaml.safe_load(GUIDE_FILE.read_text(encoding="utf-8"))
    assert raw["brug"] == "teammøde"
    assert raw["afsnit"][-1] == {"forløb": "handlingsplan"}


@needs_seeds
def test_every_source_names_an_existing_seed_and_section():
    guide = find_guide("traumebevidst")
    assert guide.sources
    for source in guide.sources:
        number = source.split()[0]
        assert re.fullmatch(r"\d{3}", number), source
        assert list(SEEDS.glob(f"{number}_*.txt")), source
    seed = seed_text("001")
    cited = " ".join(guide.sources)
    for section in SECTIONS:
        assert section in seed, section
    for section in SECTIONS[:-1]:
        assert section in cited, section
    assert "001 §6.2 Traumebevidst tilgang" in cited


@needs_seeds
@pytest.mark.parametrize("phrase", SEED_FACTS)
def test_the_facts_are_in_the_seed(phrase):
    assert phrase in seed_text("001")


@pytest.mark.parametrize("phrase", GUIDE_FACTS)
def test_the_guide_states_the_seed_facts(phrase):
    assert phrase in flat(GUIDE_FILE.read_text(encoding="utf-8"))


def test_the_four_recommendations_are_all_in_the_guide():
    text = flat(GUIDE_FILE.read_text(encoding="utf-8"))
    for n in ("første", "anden", "tredje", "fjerde"):
        assert f"Den {n} anbefaling" in text, n


def test_says_beboer_not_borger():
    assert_beboer_wording(GUIDE_FILE)


@needs_hunspell
def test_spelling():
    data = yaml.safe_load(GUIDE_FILE.read_text(encoding="utf-8"))
    ids = {"opfoelgning", "stoette", "udloesere", "aftaler"}
    words = {w for t in texts(data) for w in re.findall(r"[A-Za-zÆØÅæøåé]+", t) if w not in ids}
    out = unknown_words(sorted(words))
    assert not [w for w in out if w not in ids], out


def test_walks_to_a_completed_note_with_agreements(store):
    guide = find_guide("traumebevidst")
    session = Session.start(store, guide, borger="Stue 7", medarbejder="AN")
    seen = []
    for _ in range(100):
        step = session.step
        if step is None:
            break
        seen.append(step.id)
        assert not step.is_hub
        if step.answer is None:
            outcome = session.answer("")
        else:
            outcome = session.answer(ANSWERS[step.answer.key])
        assert outcome.ok, (step.id, outcome.message)
    else:
        pytest.fail("the guide did not end")
    assert seen[0] == "tb_anledning"
    assert "hp_aftaler" in seen
    assert 10 <= len([s for s in seen if s.startswith("tb_")]) <= 14
    assert session.complete().ok
    assert session.status == "completed"

    note = session.note()
    titles = [s.title for s in note.sections]
    for title in (
        "Beboeren og baggrunden",
        "Det, der kan udløse utryghed",
        "Tryghed og tillid",
        "Forudsigelighed",
        "Valg og kontrol",
        "Når det alligevel bliver svært",
    ):
        assert title in titles, titles
    noted = {a.key: a for section in note.sections for a in section.answers}
    for key in (
        "anledning",
        "tegn",
        "forebyggelse",
        "tillid",
        "forudsigelighed",
        "valg",
        "respons",
    ):
        assert noted[key].display.strip(), key
    udloesere = noted["udloesere"].display
    assert "Hjælp til personlig hygiejne" in udloesere
    assert "At miste kontrollen" in udloesere
    assert "vækket af fremmede om natten" in udloesere
    assert [a.what for a in note.actions] == [
        "Banke på og vente på svar",
        "Tale med Hr. K om aftalerne",
    ]
    assert [a.who for a in note.actions] == ["Alle", "Jens"]
    session.close()
