"""Issue 14: the bundled indflytningssamtale (the conversation in the first weeks after a resident
moves in) walks to a completed note with agreements, cites seeds that exist, and the facts it takes
from them are in the seed text."""

from __future__ import annotations

import pytest
import yaml

from assistant.dialogue.library import bundled_guides, find_guide

from ..conftest import DIALOGUES
from ..seeds import needs_seeds, seed_text
from .helpers import assert_beboer_wording, cited_seeds, completed_note

GUIDE_FILE = DIALOGUES / "indflytningssamtale.yaml"

# What staff would write down, by answer key.
ANSWERS = {
    "deltagere": "Beboeren, datter, kontaktperson og teamleder",
    "foerste_tid": "Har sovet dårligt de første nætter, men er glad for udsigten fra altanen.",
    "flytningen": "Flyttede efter et fald. Savner haven, men føler sig tryggere her.",
    "livshistorie": "Vokset op på en gård ved Holstebro. Syerske i 40 år. Enke siden 2019.",
    "interesser": "Strikker, hører radioavis, holder af salmesang. Vil gerne selv lægge tøj sammen.",
    "hensyn": "Bliver utryg i mørke – natlampen skal være tændt.",
    "doegnet": "Står op ved 7-tiden. Kaffe og avis i fred før morgenmaden. I seng ved 22.",
    "hjaelpen": "Vil helst i bad om aftenen og selv vælge tøj.",
    "god_dag": "En god dag er, når hun har talt med en af børnene og været ude i luften.",
    "relationer": "Datter og to sønner, en veninde fra syklubben. Ingen kontakt med svogeren.",
    "paaroerende_rolle": "Datteren vil følge med til lægen og tage sig af tøj og post.",
    "kontakt": "Datteren kontaktes ved fald og sygdom. Må informeres om helbred.",
    "forventninger": "Forventer at se de samme medarbejdere. Vil vide mere om aktiviteterne.",
    "vigtigst": "At hun får lov at bestemme over sin egen morgen.",
}
AFTALE = "Natlampen tændes hver aften ; kontaktperson ; i dag\nFølge med til sang torsdag ; kontaktperson ; om 1 uge"

# Facts the guide takes from each seed; each must occur in the (unhyphenated) seed text.
FACTS = {
    "001": [
        "TEMA 3: Værdigrundlag og hverdagsliv",
        "afsætte tid til en indflytningssamtale",
        "i en respektfuld tone taler med borgeren om den situation",
        "tydelig forventningsafstemning ved indflytning",
        "informeres om plejehjemmets regler vedrørende forbrug af rusmidler",
        "Et menneskes adfærd er påvirket af livshistorie",
        "begrænset eller ingen kontakt til pårørende",
        "personalet i høj grad bliver deres primære relationer",
    ],
    "002": [
        "Kontaktpersonsordninger",
        "Match-dannelse",
        "i den første uge efter indflytning",
        "tilknyttes én eller flere specifikke medarbejdere",
        "bygge en relation op over tid",
    ],
    "003": [
        "Organisation",
        "Indflytningssamtaler sikrer trivsel og godt samarbejde med pårørende",
    ],
    "004": [
        "Sammenhængende forløb",
        "Prioriter en god opstart",
        "livshistorie, relationer, ressourcer, ønsker og behov i hverdagen",
        "det, der giver borgeren livsglæde og mening",
        "Indflytningssamtalen er et centralt greb",
        "livshistorie, vaner og ønsker",
        "genkendelighed og kontinuitet",
    ],
}


def test_the_guide_is_bundled_as_a_conversation_with_the_resident():
    guide = find_guide("indflytningssamtale")
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
    guide = find_guide("indflytningssamtale")
    assert len(guide.sources) >= 5
    assert cited_seeds(guide) == {"001", "002", "003", "004"}


@needs_seeds
@pytest.mark.parametrize("number", sorted(FACTS))
def test_facts_taken_from_the_seeds_are_in_the_seed_text(number):
    text = seed_text(number)
    for phrase in FACTS[number]:
        assert phrase in text, (number, phrase)


def test_cited_sections_are_the_seed_sections():
    guide = find_guide("indflytningssamtale")
    by_seed: dict[str, str] = {}
    for s in guide.sources:
        by_seed[s.split()[0]] = by_seed.get(s.split()[0], "") + " | " + s
    assert "§3 Ældre i socialt udsatte positioner" in by_seed["001"]
    assert "§5 Tema 3 Værdigrundlag og hverdagsliv" in by_seed["001"]
    assert "Kontaktpersonsordninger" in by_seed["002"]
    assert "Organisation" in by_seed["003"]
    assert "Indflytningssamtaler sikrer trivsel og godt samarbejde med pårørende" in by_seed["003"]
    assert "Tema 1 Sammenhængende forløb" in by_seed["004"]
    assert "Prioriter en god opstart" in by_seed["004"]


def test_walks_to_a_completed_note_with_sections_and_agreements(store):
    answers = {
        **ANSWERS,
        "aftaler": AFTALE,
        "opfoelgning_dato": "om 4 uger",
        "opfoelgning_hvem": "Kontaktpersonen",
    }
    note = completed_note(store, "indflytningssamtale", answers, "iv_rammen", borger="Stue 7")
    titles = [s.title for s in note.sections]
    for title in (
        "Den første tid",
        "Livshistorien",
        "Vaner og hverdag",
        "Relationer og pårørende",
        "Forventninger",
    ):
        assert title in titles, titles
    noted = {a.key for section in note.sections for a in section.answers}
    assert set(ANSWERS) <= noted
    assert [(a.what, a.who) for a in note.actions] == [
        ("Natlampen tændes hver aften", "kontaktperson"),
        ("Følge med til sang torsdag", "kontaktperson"),
    ]
    assert all(a.when for a in note.actions)
    assert note.followup
    assert note.followup_who == "Kontaktpersonen"


def test_a_nursing_home_guide_says_beboer_and_does_not_repeat_it():
    assert_beboer_wording(GUIDE_FILE)
