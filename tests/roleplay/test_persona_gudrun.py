"""Gudrun: advanced dementia with few words left. What makes her special: she speaks in short
fragments with sparing body language in brackets, the people of her life only come up when she
feels safe, and correcting her reality closes her again."""

from __future__ import annotations

import re

from assistant.roleplay import persona as pm
from assistant.roleplay.codes import Code
from assistant.roleplay.persona import AABEN, LEVELS, LUKKET, Simulation, card_text, find_persona

DIRECTION = re.compile(r"\(([^()]*)\)")
SENTENCE = re.compile(r"(?<=[.!?])\s+")
HER_PEOPLE = re.compile(r"\b(karen|svend|birthe|mor)\b")


def gudrun() -> pm.Persona:
    return find_persona("gudrun")


def replies(p: pm.Persona) -> list[str]:
    """Everything she says outside the story: topic replies, fallbacks and reactions."""
    lines = [line for t in p.topics for level in LEVELS for line in t.replies[level]]
    lines += [line for level in LEVELS for line in p.fallback[level]]
    return lines + [line for kind in pm.REACTION_KEYS for line in p.reactions[kind]]


def spoken(line: str) -> str:
    return DIRECTION.sub("", line).strip()


def test_she_speaks_in_short_fragments():
    p = gudrun()
    lines = replies(p)
    for line in lines:
        words = spoken(line).split()
        assert len(words) <= 9, line
        for sentence in SENTENCE.split(spoken(line)):
            assert len(sentence.split()) <= 7, line
    assert sum(len(spoken(line).split()) for line in lines) / len(lines) <= 4.5
    for piece in p.story:  # even the inner story comes in fragments, not as an account
        assert len(spoken(piece.text).split()) <= 35, piece.id


def test_body_language_is_bracketed_brief_and_sparing():
    p = gudrun()
    lines = replies(p) + [piece.text for piece in p.story]
    with_direction = 0
    for line in lines:
        assert line.count("(") == line.count(")"), line
        directions = DIRECTION.findall(line)
        assert len(directions) <= 1, line
        for direction in directions:
            # present tense, no subject, lower case, a few words: (piller ved dugen)
            assert direction[:1].islower() and len(direction.split()) <= 10, line
            assert not re.search(r"\b(jeg|hun|gudrun)\b", direction.casefold()), line
        with_direction += bool(directions)
    assert 0.2 <= with_direction / len(lines) <= 0.5
    assert "(piller ved dugen)" in card_text(p)  # the player is told the convention


def test_the_people_of_her_life_come_up_only_when_she_feels_safe():
    p = gudrun()
    for topic in p.topics:
        for line in topic.replies[LUKKET]:
            assert not HER_PEOPLE.search(line.casefold()), (topic.id, line)
    for line in p.fallback[LUKKET]:
        assert not HER_PEOPLE.search(line.casefold()), line
    for topic_id, name in (("karen", "karen"), ("svend", "svend"), ("mor", "mor")):
        opened = [line for line in p.topic(topic_id).replies[AABEN] if name in line.casefold()]
        assert len(opened) >= 2, topic_id


def test_following_her_opens_her_and_correcting_her_reality_closes_her():
    """Reflections of her feeling reach the woman in the mirror; 'Svend er død' shuts her out."""
    from assistant.roleplay.coach import classify

    p = gudrun()
    sim = Simulation(p, 3)
    following = [
        "Det lyder som om dine hænder gerne vil have noget at lave.",
        "Du har været en dygtig syerske.",
        "Det lyder, som om du helst vil have det varmt.",
        "Det lyder som om det er koldt for dig, når tøjet skal af.",
        "Du har klaret så meget med dine hænder.",
        "Det lyder som om du er bange for noget derinde.",
    ]
    for line in following:
        reply = sim.respond(line, classify(line).codes)
    assert sim.state() == AABEN and reply.revealed == "spejlet"
    correcting = "Svend er død, Gudrun. Det ved du godt."
    codes = classify(correcting).codes
    assert Code.CONFRONT in codes
    reply = sim.respond(correcting, codes)
    assert reply.changed == "ned" and reply.reaction == pm.CONFRONTATION
    assert reply.text in p.reactions[pm.CONFRONTATION] and reply.openness != AABEN
    reply = sim.respond("Du venter på Svend.", classify("Du venter på Svend.").codes)
    assert reply.revealed is None and reply.openness != AABEN
