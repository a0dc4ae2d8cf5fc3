"""Issue 14, language: slips a trained care worker would stumble over stay fixed, and the
nursing-home guides speak of "beboeren", not "borgeren"."""

import re

import pytest
import yaml

from assistant.dialogue.library import bundled_guides
from assistant.roleplay.persona import find_persona
from assistant.session import Session

from ..conftest import DIALOGUES
from ..walk import typed_answer
from .helpers import assert_beboer_wording, texts

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
    "så tal om hvorfor",  # borgergennemgang: "så tal om, hvorfor"
    "nysgerrige på hvorfor",  # trivselskarret: "nysgerrige på, hvorfor"
    "et helt billede",  # borgergennemgang, helhedspleje: "et samlet billede", as seed 001 says
    "tror vi, trænger",  # blomsten: "Hvilket behov tror vi trænger mest"
    "behov igennem et ad gangen",  # blomsten: behovet, "ét ad gangen"
    "behov et ad gangen",  # blomsten
    "hendes eller hans behov",  # blomsten: "hans eller hendes", as everywhere else
    "faktorer en ad gangen",  # fem_faktorer: faktoren, "én ad gangen"
    "faktorerne en ad gangen",  # fem_faktorer
    "i andre situationer end resten af os",  # fem_faktorer: "i situationer, som resten af os ikke kender"
    "du – eller I –",  # perspektivskifte: one form of address in a step
    "og kan tage de svære opgaver",  # affektudbrudsmodellen: "og kan vedkommende tage"
    "opgaver en periode",  # affektudbrudsmodellen: "opgaver i en periode"
    "Skil det, I har set",  # beboerkonference: "Skeln mellem det, I har set, og det, I tolker"
    "to-tre",  # beboerkonference: "to eller tre", said aloud
    "Bed kollegerne tænke",  # opfoelgning_ensomhed: "Bed kollegerne om at tænke"
    "første gang de møder os",  # samarbejde_paaroerende: "en pårørende ... han eller hun møder os"
    "Hvornår ser I på resultatet",  # pdsa: the step asks in "vi" like the rest of the guide
]

# Guides built on seed 001 (nursing homes) or on a nursing-home method (the beboerkonference):
# the staff member is told about a "beboer".
NURSING_HOME = [
    "blomsten",
    "fem_faktorer",
    "isbjerget",
    "konflikttrappen",
    "borgergennemgang",
    "trivselskarret",
    "bedre_rammer",
    "affektudbrudsmodellen",
    "beboerkonference",
    "traumebevidst",
]
# The seed's own words, quoted word for word, may keep its "borger".
SEED_WORDING = {
    # 001 §6.1 Borgergennemgang: the five questions, as section and note titles.
    "borgergennemgang": (
        "Hvordan har borgeren det?",
        "Hvad ved vi om borgeren?",
        "Hvordan er det at være borgeren?",
        "Hvad har borgeren brug for?",
    ),
    # 001 §6.4 Tema 3, asked as the seed asks it (test_content_korrektur checks it).
    "bedre_rammer": ("tillid og motivation hos borgere",),
}

# Guides for both settings (seeds 000, 002, 003 and 004, and the shared action plan): neutral
# wording. "beboer eller borger" where it matters, otherwise "den ældre" or a pronoun, and never
# the same person named twice in one sentence.
BOTH = [
    "perspektivskifte",
    "kontakt_foer_opgave",
    "helhedspleje",
    "samarbejde_paaroerende",
    "opfoelgning_ensomhed",
    "pdsa",
    "flows/handlingsplan",
]

SINGULAR = r"\b(?:[Bb]orger(?:en|ens)|[Bb]eboer(?:en|ens)|[Dd]en ældres?)\b"
PAIR = r"\b[Bb]eboer(?:en)? eller borger(?:en)?\b"


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
    assert_beboer_wording(DIALOGUES / f"{guide_id}.yaml", SEED_WORDING.get(guide_id, ()))


def test_every_guide_and_flow_has_its_setting():
    """Each bundled guide and flow is placed: nursing home or both settings here, the resident
    conversations in test_content_tid. No bundled guide is for home care only; one that is would
    get its own list, with "borger" and never "beboer"."""
    from . import test_content_tid as tid

    placed = NURSING_HOME + BOTH + tid.NURSING_HOME + tid.BOTH
    assert len(placed) == len(set(placed))
    files = sorted(DIALOGUES.glob("*.yaml")) + sorted((DIALOGUES / "flows").glob("*.yaml"))
    bundled = [str(f.relative_to(DIALOGUES).with_suffix("")) for f in files]
    assert sorted(placed) == sorted(bundled)


@pytest.mark.parametrize("name", BOTH)
def test_guides_for_both_settings_use_neutral_wording(name):
    """No "borgeren" or "beboeren" as the guide's word for the person, except in the pair
    "beboeren eller borgeren", and the person named at most once per sentence."""
    data = yaml.safe_load((DIALOGUES / f"{name}.yaml").read_text(encoding="utf-8"))
    for text in texts(data):
        flat = " ".join(text.split())
        bare = re.sub(PAIR, "", flat)
        assert not re.search(r"\b[Bb](?:orger|eboer)(?:en|ens)\b", bare), (name, flat)
        for sentence in re.split(r"(?<=[.?!])\s+", re.sub(PAIR, "X", flat)):
            assert len(re.findall(SINGULAR, sentence)) <= 1, (name, sentence)


def test_kontakt_foer_opgave_claims_no_number_of_elements():
    """Seed 002 says the model has "fem grundelementer" but names none of them."""
    text = (DIALOGUES / "kontakt_foer_opgave.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    for shown in texts(data):
        flat = " ".join(shown.split()).lower()
        assert not re.search(r"\b(fem|5|fire|4|tre|3) (grund)?elementer", flat), flat
    assert "nævner dem ikke" in text  # the comment that says why


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
