"""Issue 14: the bundled paaroerendesamtale (the conversation with a resident's relatives) walks to
a completed note with agreements, cites seeds that exist, and the facts it takes from them are in
the seed text."""

from __future__ import annotations

import pytest
import yaml

from assistant.dialogue.library import bundled_guides, find_guide

from ..conftest import DIALOGUES
from ..seeds import needs_seeds, seed_text
from .helpers import assert_beboer_wording, cited_seeds, completed_note

GUIDE_FILE = DIALOGUES / "paaroerendesamtale.yaml"

ANSWERS = {
    "deltagere": "Datter og svigersøn, kontaktperson og sygeplejerske. Beboeren ønskede ikke at deltage.",
    "oplevelse": "Datteren synes, moren virker gladere, men er bekymret for, at hun spiser for lidt.",
    "personalets_billede": "Fortalt om sangen om torsdagen og den nye træthed om eftermiddagen.",
    "viden": "Moren bliver rolig af at høre radio. Har altid spist sent.",
    "beboerens_oensker": "Datteren må informeres om helbred og fald. Sønnen skal ikke have oplysninger.",
    "forventninger_til_os": "Vil gerne have en opringning, hvis moren bliver syg, og høre fra os hver måned.",
    "vores_forventninger": "Vi har bedt om, at datteren følger med til lægen. Det vil hun gerne.",
    "rolle": "Datteren står for tøj og post. Personalet tager sig af medicinen.",
    "paaroerendes_trivsel": "Datteren er presset af at være alene om det. Har fået foldere om pårørendegruppen.",
    "kontakt": "Datteren kontaktes ved sygdom og fald. Ringer selv tirsdag eftermiddag. Ny samtale om et halvt år.",
}
AFTALE = "Veje beboeren hver uge ; sygeplejerske ; om 1 uge\nRinge til datteren om status ; kontaktperson ; om 4 uger"

# Facts the guide takes from each seed; each must occur in the (unhyphenated) seed text.
FACTS = {
    "003": [
        "Vejledning",
        "Kvaliteten af borgernes pleje",
        "Pårørendes trivsel",
        "Arbejdsmiljø og fastholdelse af medarbejdere",
        "Organisation",
        "Indflytningssamtaler sikrer trivsel og godt samarbejde med pårørende",
        "Kompetencer",
        "inddrage pårørendes viden og observationer",
        "Trivsel",
        "pårørendes forskellige forløb, behov, vilkår og ønsker",
        "råd og vejledning",
        "Inddragelse",
        "fastlagte statussamtaler",
        "give feedback på samarbejdet",
    ],
    "004": [
        "Ældrelovens formålsbestemmelse og de tre værdier",
        "Den ældres selvbestemmelse",
        "Et tæt samspil med pårørende",
        "Sammenhængende forløb",
        "Prioriter en god opstart",
        "forventningsafstemning mellem borger, medarbejdere og eventuelle pårørende",
    ],
}


def test_the_guide_is_bundled_as_a_conversation():
    guide = find_guide("paaroerendesamtale")
    assert guide.id in {g.id for g in bundled_guides()}
    data = yaml.safe_load(GUIDE_FILE.read_text(encoding="utf-8"))
    assert data["brug"] == "samtale"
    assert 30 <= data["varighed"] <= 45
    assert {"forløb": "handlingsplan"} in data["afsnit"]
    own = [s for s in data["afsnit"] if "trin" in s]
    recorded = [t for s in own for t in s["trin"] if "svar" in t]
    # About one recorded answer per 2-3 minutes, plus the action plan's three.
    assert data["varighed"] / 3 <= len(recorded) + 3 <= data["varighed"] / 2


@needs_seeds
def test_every_source_names_an_existing_seed():
    assert cited_seeds(find_guide("paaroerendesamtale")) == {"003", "004"}


@needs_seeds
@pytest.mark.parametrize("number", sorted(FACTS))
def test_facts_taken_from_the_seeds_are_in_the_seed_text(number):
    text = seed_text(number)
    for phrase in FACTS[number]:
        assert phrase in text, (number, phrase)


@needs_seeds
def test_cited_sections_are_seed_sections():
    guide = find_guide("paaroerendesamtale")
    for source in guide.sources:
        number, rest = source.split(" ", 1)
        section = rest.split(" (")[0].split(" – ")[0]
        assert section in seed_text(number), source


def test_walks_to_a_completed_note_with_sections_and_agreements(store):
    answers = {
        **ANSWERS,
        "aftaler": AFTALE,
        "opfoelgning_dato": "om 6 måneder",
        "opfoelgning_hvem": "Kontaktpersonen",
    }
    note = completed_note(store, "paaroerendesamtale", answers, "ps_rammen")
    titles = [s.title for s in note.sections]
    for title in (
        "Deltagere",
        "Oplevelsen af hverdagen",
        "Beboerens ønsker",
        "Forventninger",
        "De pårørendes situation",
    ):
        assert title in titles, titles
    noted = {a.key for section in note.sections for a in section.answers}
    assert set(ANSWERS) <= noted
    assert [(a.what, a.who) for a in note.actions] == [
        ("Veje beboeren hver uge", "sygeplejerske"),
        ("Ringe til datteren om status", "kontaktperson"),
    ]
    assert all(a.when for a in note.actions)
    assert note.followup
    assert note.followup_who == "Kontaktpersonen"


def test_a_nursing_home_guide_says_beboer_and_does_not_repeat_it():
    assert_beboer_wording(GUIDE_FILE)
