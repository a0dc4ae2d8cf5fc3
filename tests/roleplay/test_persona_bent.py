"""Bent, the watchmaker who has withdrawn after a stroke: what makes this persona special.

Closed replies are short and flat, the thought of not wanting to live is heard only by a good
listener (and the debrief tells the trainer to pass it on the same day), and the small thing that
still matters, the bird feeder, is where an open conversation can end in something to do.
"""

from __future__ import annotations

import re

from assistant.roleplay import persona as pm
from assistant.roleplay.codes import Code
from assistant.roleplay.persona import (
    AABEN,
    LUKKET,
    TOEVENDE,
    Simulation,
    card_text,
    debrief_text,
    find_persona,
    match_topic,
)

OARS = [
    [Code.OPEN_QUESTION],
    [Code.COMPLEX_REFLECTION],
    [Code.AFFIRMATION, Code.SIMPLE_REFLECTION],
    [Code.SUMMARY],
]
NOTHING = "Hm, nå ja."
DEATH = re.compile(r"\b(dø|død\w*|leve|levet|livet|ikke vågne\w*)\b")  # not "jeg vågner"


def bent() -> pm.Persona:
    return find_persona("bent")


def words(line: str) -> int:
    return len(line.split())


def closed_lines(p: pm.Persona) -> list[str]:
    lines = [line for t in p.topics for line in t.replies[LUKKET]]
    return lines + list(p.fallback[LUKKET]) + list(p.reactions[pm.CLOSED_QUESTIONS])


def test_closed_replies_are_short_and_flat_and_open_ones_say_more():
    p = bent()
    closed = closed_lines(p)
    open_ = [line for t in p.topics for line in t.replies[AABEN]]
    assert max(words(line) for line in closed) <= 16
    mean_closed = sum(map(words, closed)) / len(closed)
    mean_open = sum(map(words, open_)) / len(open_)
    assert mean_closed <= 8, mean_closed
    assert mean_open >= 1.8 * mean_closed, (mean_open, mean_closed)
    assert not any("?" in line for line in p.reactions[pm.CLOSED_QUESTIONS][:3])


def test_not_wanting_to_live_is_heard_only_when_open_and_passed_on_the_same_day():
    p = bent()
    guarded = [line for t in p.topics for level in (LUKKET, TOEVENDE) for line in t.replies[level]]
    guarded += [line for level in (LUKKET, TOEVENDE) for line in p.fallback[level]]
    guarded += [line for kind in pm.REACTION_KEYS for line in p.reactions[kind]]
    assert [line for line in guarded if DEATH.search(line.casefold())] == []
    night = next(piece for piece in p.story if piece.topic == "humøret")
    assert "ikke vågnede" in night.text
    assert not DEATH.search(card_text(p).casefold())

    # closed questions about his mood never reach the thought; a good listener does
    closed = Simulation(p, 4)
    for _ in range(12):
        reply = closed.respond("Er du ked af det?", [Code.CLOSED_QUESTION])
        assert reply.revealed is None and reply.openness != AABEN
    listener = Simulation(p, 4)
    told = []
    for i in range(12):
        told.append(listener.respond("Du siger, at det er lige meget.", OARS[i % len(OARS)]))
    assert night.id in [r.revealed for r in told]

    leads_to = p.debrief.leads_to
    for needed in (
        "samme dag",
        "teamet",
        "sygeplejersken",
        "lægen",
        "lov ikke at holde det hemmeligt",
    ):
        assert needed in leads_to, needed
    assert leads_to in debrief_text(p)


def test_what_staff_would_say_reaches_the_right_topic():
    p = bent()
    said = {
        "Du siger, at det hele er lige meget.": "humøret",
        "Hvordan går det med genoptræningen?": "hånden",
        "Skal vi trække uret op sammen en dag?": "urmageriet",
        "Kommer Birthe i dag?": "birthe",
        "Hvad fik du til morgenmad?": "måltiderne",
        "Hvordan har du sovet i nat?": "morgenen",
        "Jeg så en musvit på brættet.": "fuglene",
    }
    assert {text: getattr(match_topic(p, text), "id", None) for text in said} == said
    for text in ("Er du urolig i dag?", "Hvordan har du det?"):
        assert match_topic(p, text) is None, text


def test_the_bird_feeder_is_the_small_thing_a_good_listener_can_act_on():
    p = bent()
    sim = Simulation(p, 2)
    for i in range(12):
        sim.respond(NOTHING, OARS[i % len(OARS)])
        if sim.state() == AABEN:
            break
    assert sim.state() == AABEN
    reply = sim.respond("Hvad betyder fuglene for dig?", [Code.OPEN_QUESTION])
    assert reply.topic == "fuglene" and reply.revealed == "brættet"
    assert "brættet" in p.story[[s.id for s in p.story].index("brættet")].text
    assert "fuglebrættet" in p.debrief.leads_to
    assert any("brættet" in line or "posen" in line for line in p.topic("fuglene").replies[AABEN])
    assert "fuglebræt" in p.card.situation and "fylde" not in card_text(p)
