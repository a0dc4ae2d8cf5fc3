"""Issue 14: the bundled recovery guide (håb og drømme) walks to a completed note with small steps
as agreements, cites seeds that exist, and the facts it takes from them are in the seed text."""

from __future__ import annotations

import pytest
import yaml

from assistant.dialogue.library import bundled_guides, find_guide

from ..conftest import DIALOGUES
from ..seeds import needs_seeds, seed_text
from .helpers import assert_beboer_wording, cited_seeds, completed_note

GUIDE_FILE = DIALOGUES / "recovery.yaml"

ANSWERS = {
    "lige_nu": "Dagene er lange. Sover dårligt, men er glad for at sidde på terrassen.",
    "mening": "Kaffen med naboen om formiddagen og at høre fodbold i radioen.",
    "droemme": "Vil gerne se sin bror igen og komme ud at fiske en sidste gang.",
    "valgt_droem": "At skrive til broren.",
    "styrker": "Har klaret sig selv på gaden i mange år. Er god til at holde ud.",
    "stoette": "Kontaktpersonen og en ven fra værestedet. Vil ikke have, at vi ringer uden at spørge.",
    "udfordringer": "Bliver let opgivende, når det går langsomt.",
    "foerste_skridt": "Finde broderens adresse sammen med kontaktpersonen.",
}
AFTALE = "Finde broderens adresse ; kontaktperson ; om 1 uge\nSkrive et kort brev til broren ; beboeren ; om 2 uger"

FACTS = {
    "001": [
        "Recovery-orienteret rehabilitering",
        "”Borgeren ved roret”",
        "leve et så meningsfuldt og selvstændigt liv som muligt",
        "borgeren bevarer kontrollen i eget liv",
        "mødt, set, hørt og hjulpet",
        "otte retningsgivende principper",
        "håb, ønsker og drømme er omdrejningspunktet",
        "Tilgange, redskaber og metoder anvendt på socialområdet",
    ],
    "000": [
        "Relationelle kompetencer",
        "Kurser og efteruddannelse i relationsdannelse",
        "’Drømmesamtaler’",
        "Praksisnær undervisning",
        "succeser, udfordringer, drømme og handlinger",
    ],
}


def test_the_guide_is_bundled_as_a_conversation_with_the_resident():
    guide = find_guide("recovery")
    assert guide.id in {g.id for g in bundled_guides()}
    assert guide.title == "Håb og drømme (recovery)"
    data = yaml.safe_load(GUIDE_FILE.read_text(encoding="utf-8"))
    assert data["brug"] == "samtale"
    assert 25 <= data["varighed"] <= 30
    assert data["afsnit"][-1] == {"forløb": "handlingsplan"}
    own = [s for s in data["afsnit"] if "trin" in s]
    recorded = [t for s in own for t in s["trin"] if "svar" in t]
    assert data["varighed"] / 3 <= len(recorded) + 3 <= data["varighed"] / 2


@needs_seeds
def test_every_source_names_an_existing_seed():
    assert cited_seeds(find_guide("recovery")) == {"000", "001"}


@needs_seeds
@pytest.mark.parametrize("number", sorted(FACTS))
def test_facts_taken_from_the_seeds_are_in_the_seed_text(number):
    text = seed_text(number)
    for phrase in FACTS[number]:
        assert phrase in text, (number, phrase)


def test_cited_sections_are_the_seed_sections():
    guide = find_guide("recovery")
    joined = " | ".join(guide.sources)
    assert "001 §6.2 Tilgange, redskaber og metoder anvendt på socialområdet" in joined
    assert "Recovery-orienteret rehabilitering" in joined
    assert "”Borgeren ved roret”" in joined
    assert "000 Relationelle kompetencer" in joined
    assert "succeser, udfordringer, drømme og handlinger" in joined


def test_walks_to_a_completed_note_with_sections_and_small_steps(store):
    answers = {
        **ANSWERS,
        "aftaler": AFTALE,
        "opfoelgning_dato": "om 2 uger",
        "opfoelgning_hvem": "Kontaktpersonen",
    }
    note = completed_note(store, "recovery", answers, "rc_rammen", medarbejder="AH")
    titles = [s.title for s in note.sections]
    for title in ("Lige nu", "Håb og drømme", "Styrker og støtte", "Små skridt"):
        assert title in titles, titles
    noted = {a.key for section in note.sections for a in section.answers}
    assert set(ANSWERS) <= noted
    assert [(a.what, a.who) for a in note.actions] == [
        ("Finde broderens adresse", "kontaktperson"),
        ("Skrive et kort brev til broren", "beboeren"),
    ]
    assert all(a.when for a in note.actions)
    assert note.followup
    assert note.followup_who == "Kontaktpersonen"


def test_a_nursing_home_guide_says_beboer_and_does_not_repeat_it():
    assert_beboer_wording(GUIDE_FILE, quoted=("”Borgeren ved roret”",))  # the approach's name
