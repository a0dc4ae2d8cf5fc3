"""Susanne: the hidden drinking behind the humour. Her jokes ("skat") are the guard she drops when
she opens; the drinking on the night of the fall is only said when she is open; and her own
reasons for drinking less come from her to a good listener, never to advice or closed questions."""

from __future__ import annotations

import re

from assistant.roleplay.codes import Code
from assistant.roleplay.persona import (
    AABEN,
    LEVELS,
    LUKKET,
    REACTION_KEYS,
    TOEVENDE,
    Simulation,
    card_text,
    find_persona,
)

SKAT = re.compile(r"\bskat\b", re.IGNORECASE)
# Saying that she had been drinking (a hint such as "vin og hjerneskade" is allowed earlier).
ADMITS = re.compile(r"\b(drukket|drak|flask\w*)\b", re.IGNORECASE)
# Her own reasons for change: Viggo, stopping or cutting down, the wine taking less room.
CHANGE_TALK = re.compile(
    r"Viggo|holdt op|holde op|drukket mindre|skar ned|fylde mindre|uden rollator", re.IGNORECASE
)
OARS = [
    [Code.OPEN_QUESTION],
    [Code.COMPLEX_REFLECTION],
    [Code.AFFIRMATION, Code.SIMPLE_REFLECTION],
    [Code.SUMMARY],
    [Code.OPEN_QUESTION, Code.EMPHASIZING_AUTONOMY],
]
ADVICE = [[Code.PERSUADE], [Code.GIVING_INFORMATION], [Code.OPEN_QUESTION], [Code.CONFRONT]]
# What a staff member might say about her reasons: Line, the fall, the wine and a flat of her own.
ABOUT_HER = [
    "Hvordan har du det med vinen om aftenen?",
    "Fortæl mig om Line.",
    "Hvordan var det, den aften du faldt?",
    "Hvad drømmer du om for fremtiden?",
    "Hvordan går det med genoptræningen?",
]


def susanne():
    return find_persona("susanne")


def conversation(codes_for, rounds: int = 5, seed: int = 4) -> list:
    sim = Simulation(susanne(), seed)
    replies = []
    for i in range(rounds * len(ABOUT_HER)):
        replies.append(sim.respond(ABOUT_HER[i % len(ABOUT_HER)], codes_for(i)))
    return replies


def test_she_says_skat_while_guarded_and_drops_it_when_she_opens():
    p = susanne()
    guarded = [line for t in p.topics for line in t.replies[LUKKET]]
    guarded += [*p.fallback[LUKKET]] + [line for k in REACTION_KEYS for line in p.reactions[k]]
    opened = [line for t in p.topics for line in t.replies[AABEN]] + [*p.fallback[AABEN]]
    opened += [piece.text for piece in p.story]
    assert sum(bool(SKAT.search(line)) for line in guarded) >= 6
    assert [line for line in opened if SKAT.search(line)] == []


def test_the_drinking_on_the_night_of_the_fall_is_only_said_when_she_is_open():
    p = susanne()
    fall = p.topic("faldet")
    for level in (LUKKET, TOEVENDE):
        assert [line for line in fall.replies[level] if ADMITS.search(line)] == [], level
    assert any(ADMITS.search(line) for line in fall.replies[AABEN])
    piece = next(piece for piece in p.story if piece.topic == "faldet")
    assert "drukket" in piece.text and "drukket" not in card_text(p)
    sim = Simulation(p, 2)
    for _ in range(12):  # asking straight out only gets the accident and the brain injury
        reply = sim.respond("Havde du drukket, da du faldt?", [Code.CLOSED_QUESTION])
        assert reply.openness != AABEN and "drukket" not in reply.text


def test_her_own_reasons_for_change_come_to_a_listener_and_not_to_advice():
    listened = conversation(lambda i: OARS[i % len(OARS)])
    heard = [r.text for r in listened if CHANGE_TALK.search(r.text)]
    assert len(heard) >= 3 and any(r.openness == AABEN for r in listened)
    p = susanne()  # advice keeps her closed: her closed replies and reactions hold no reasons
    closed = [line for t in p.topics for line in t.replies[LUKKET]] + [*p.fallback[LUKKET]]
    closed += [line for k in REACTION_KEYS for line in p.reactions[k]]
    assert [line for line in closed if CHANGE_TALK.search(line)] == []
    advised = conversation(lambda i: ADVICE[i % len(ADVICE)])
    assert [r.text for r in advised if CHANGE_TALK.search(r.text)] == []
    assert all(LEVELS.index(r.openness) <= LEVELS.index(TOEVENDE) for r in advised)
