"""Issue 14: the bundled beboerkonference (a team conference on one resident, with the resident's
own voice in it) walks to a completed note with agreements, cites seeds that exist, and the facts
it takes from them are in the seed text."""

from __future__ import annotations

import re

import pytest
import yaml

from assistant.dialogue.library import bundled_guides, find_guide
from assistant.session import Session

from ..conftest import DIALOGUES
from ..seeds import SEEDS, needs_seeds, seed_text
from .helpers import assert_beboer_wording, walk_to_end

GUIDE_FILE = DIALOGUES / "beboerkonference.yaml"

ANSWERS = {
    "roller": "Demenskoordinator leder mødet, kontaktperson skriver referat.",
    "deltagere": "Kontaktperson, sygeplejerske, fysioterapeut, SSH fra aften. Nattevagten spørges bagefter.",
    "sidste_aftaler": "Første konference om beboeren.",
    "beboerens_ord": "Hun siger: Jeg vil gerne sove længe og komme ud i haven.",
    "uden_ord": "Smiler ved musik, trækker sig ved mange mennesker ved bordet.",
    "livssituation": "Sover dårligt, spiser mindre. Psykisk urolig om aftenen. Savner datteren.",
    "behov": "1. Søvn. 2. Ro ved måltiderne. 3. Komme ud.",
    "maal": "Kommer ud i haven to gange om ugen. Sover til hun selv vågner.",
    "indsats": "Ingen vækning før kl. 8. Spiser ved det lille bord. Gåtur med aktivitetsmedarbejder.",
    "koordinering": "Kontaktpersonen skriver aftalen i journalen og fortæller nattevagten.",
    "tilbage_til_beboeren": "Kontaktpersonen fortæller hende det i morgen ved morgenkaffen.",
}
AFTALE = "Gåtur i haven to gange om ugen ; aktivitetsmedarbejder ; om 1 uge\nFortælle nattevagten om vækning ; kontaktperson ; om 2 dage"

# Facts the guide takes from the seed; each must occur in the (unhyphenated) seed text.
FACTS = {
    "004": [
        "Metoder og redskaber",
        "Beboerkonference er et mødeforum, der samler fagpersoner til fælles drøftelse af behov, mål og indsats",
        "Metoden styrker koordinering, tværfaglighed og borgerens selvbestemmelse",
        "Sammenhængende forløb",
        "selvbestemmelse er udfordret",
        "kognitiv svækkelse eller vanskeligheder med at udtrykke egne behov",
        "faciliteres af medarbejdere med særlige kompetencer inden for demens",
        "følges der månedligt op på borgere med demens",
        "Løbende og fleksibel tilpasning",
        "fysisk, psykisk og socialt",
        "løbende vidensdeling mellem de medarbejdere",
    ],
}


def test_the_guide_is_bundled_as_a_team_meeting():
    guide = find_guide("beboerkonference")
    assert guide.id in {g.id for g in bundled_guides()}
    data = yaml.safe_load(GUIDE_FILE.read_text(encoding="utf-8"))
    assert data["brug"] == "teammøde"
    assert 30 <= data["varighed"] <= 60
    assert data["afsnit"][-1] == {"forløb": "handlingsplan"}
    own = [s for s in data["afsnit"] if "trin" in s]
    recorded = [t for s in own for t in s["trin"] if "svar" in t]
    assert data["varighed"] / 3 <= len(recorded) + 3 <= data["varighed"] / 2
    # The seed's own order: behov, mål, indsats - with the resident's voice before them.
    titles = [s["titel"] for s in own]
    order = ["Beboerens egen stemme", "Behov", "Mål", "Indsats"]
    assert [t for t in titles if t in order] == order


@needs_seeds
def test_every_source_names_an_existing_seed():
    guide = find_guide("beboerkonference")
    for source in guide.sources:
        number = source.split()[0]
        assert re.fullmatch(r"00\d", number), source
        assert list(SEEDS.glob(f"{number}_*.txt")), source
        assert number == "004", source


@needs_seeds
@pytest.mark.parametrize("number", sorted(FACTS))
def test_facts_taken_from_the_seeds_are_in_the_seed_text(number):
    text = " ".join(seed_text(number).split())
    for phrase in FACTS[number]:
        assert phrase in text, (number, phrase)


@needs_seeds
def test_cited_sections_are_seed_sections():
    guide = find_guide("beboerkonference")
    text = " ".join(seed_text("004").split())
    for source in guide.sources:
        number, rest = source.split(" ", 1)
        section = rest.split(" (")[0].split(": ")[-1]
        for part in section.split(" ", 2)[-1:] if section.startswith("Tema") else [section]:
            assert part in text, source


def test_walks_to_a_completed_note_with_sections_and_agreements(store):
    guide = find_guide("beboerkonference")
    session = Session.start(store, guide, borger="Stue 7", medarbejder="KB")
    answers = {
        **ANSWERS,
        "aftaler": AFTALE,
        "opfoelgning_dato": "om 4 uger",
        "opfoelgning_hvem": "Demenskoordinatoren",
    }
    seen = walk_to_end(session, answers)
    assert seen[0] == "bk_rammen"
    assert session.complete().ok
    assert session.status == "completed"

    note = session.note()
    titles = [s.title for s in note.sections]
    for title in ("Rammen for mødet", "Beboerens egen stemme", "Behov", "Mål", "Indsats"):
        assert title in titles, titles
    noted = {a.key for section in note.sections for a in section.answers}
    assert set(ANSWERS) <= noted
    assert [(a.what, a.who) for a in note.actions] == [
        ("Gåtur i haven to gange om ugen", "aktivitetsmedarbejder"),
        ("Fortælle nattevagten om vækning", "kontaktperson"),
    ]
    assert all(a.when for a in note.actions)
    assert note.followup
    assert note.followup_who == "Demenskoordinatoren"


def test_a_nursing_home_guide_says_beboer_and_does_not_repeat_it():
    assert_beboer_wording(GUIDE_FILE)
