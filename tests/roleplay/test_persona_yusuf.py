"""Yusuf: short Danish, a few Turkish words explained on the card, a polite "ja" to closed
questions, and the pills in the drawer only for the one who listens."""

from __future__ import annotations

import re

from assistant.roleplay.codes import Code
from assistant.roleplay.persona import (
    AABEN,
    ADVICE,
    CLOSED_QUESTIONS,
    LEVELS,
    LUKKET,
    TOEVENDE,
    Simulation,
    card_text,
    find_persona,
    match_topic,
)

WORD = re.compile(r"[^\W\d_]+")
TURKISH_LETTERS = re.compile(r"[çşğıöü]")
TURKISH_WORDS = {"tamam", "çay", "inşallah"}
OARS = [
    [Code.OPEN_QUESTION],
    [Code.COMPLEX_REFLECTION],
    [Code.AFFIRMATION, Code.SIMPLE_REFLECTION],
    [Code.SUMMARY],
]


def yusuf():
    return find_persona("yusuf")


def spoken(p) -> list[str]:
    """Everything Yusuf can say: replies, fallbacks, reactions and the story."""
    lines = [line for t in p.topics for level in LEVELS for line in t.replies[level]]
    lines += [line for level in LEVELS for line in p.fallback[level]]
    lines += [line for kind, pool in p.reactions.items() for line in pool]
    return lines + [piece.text for piece in p.story]


def word_count(line: str) -> int:
    return len(WORD.findall(line))


def test_every_turkish_word_he_uses_is_explained_on_the_card():
    p = yusuf()
    used = {
        w.casefold()
        for line in spoken(p)
        for w in WORD.findall(line)
        if w.casefold() in TURKISH_WORDS or TURKISH_LETTERS.search(w.casefold())
    }
    assert used, "Yusuf should use a few words of his own language"
    card = card_text(p).casefold()
    assert [w for w in sorted(used) if f'"{w}"' not in card] == []


def test_closed_replies_are_short_and_the_danish_grows_with_trust():
    p = yusuf()
    mean = {}
    for level in LEVELS:
        lines = [line for t in p.topics for line in t.replies[level]]
        mean[level] = sum(map(word_count, lines)) / len(lines)
    long_closed = [line for t in p.topics for line in t.replies[LUKKET] if word_count(line) > 14]
    assert long_closed == []
    assert mean[LUKKET] < mean[TOEVENDE] < mean[AABEN], mean
    assert all(word_count(line) <= 6 for line in p.reactions[CLOSED_QUESTIONS])


def test_closed_questions_get_a_polite_yes_and_forstaar_du_is_about_language():
    p = yusuf()
    assert match_topic(p, "Forstår du, hvad jeg siger?").id == "sproget"
    # an empathic "jeg forstår" belongs to what it is about, not to the language
    assert match_topic(p, "Jeg forstår godt, at maden er svær").id == "maden"
    assert match_topic(p, "Du savner Hatices mad").id == "maden"
    sim = Simulation(p, 4)
    for _ in range(2):
        sim.respond("Forstår du?", [Code.CLOSED_QUESTION])
    reply = sim.respond("Forstår du det nu?", [Code.CLOSED_QUESTION])
    assert reply.reaction == CLOSED_QUESTIONS
    assert all(re.search(r"\bja\b", line.casefold()) for line in p.reactions[CLOSED_QUESTIONS])
    assert all(re.search(r"\b(ja|tamam)\b", line.casefold()) for line in p.reactions[ADVICE])


def test_the_pills_in_the_drawer_are_told_only_to_a_good_listener():
    p = yusuf()
    secret = re.compile(r"\bskuffe")
    assert not secret.search(card_text(p).casefold())
    pain = p.topic("smerter")
    for level in (LUKKET, TOEVENDE):
        assert not any(secret.search(line.casefold()) for line in pain.replies[level])
    assert not any(secret.search(line.casefold()) for level in LEVELS for line in p.fallback[level])

    asked = "Hvordan har du det med pillerne?"
    closed = Simulation(p, 6)
    heard = [closed.respond(asked, [Code.CLOSED_QUESTION]).text for _ in range(20)]
    assert not any(secret.search(text.casefold()) for text in heard)

    listening = Simulation(p, 6)
    heard = [listening.respond(asked, OARS[i % len(OARS)]).text for i in range(20)]
    assert listening.state() == AABEN
    assert any(secret.search(text.casefold()) for text in heard)
    assert "skuffen" in {piece.id for piece in listening.revealed_pieces}
