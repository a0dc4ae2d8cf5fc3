"""Aksel og Grete: a couple in one persona. Every line has two marked voices; Grete answers for
Aksel while they are closed, Aksel's own voice comes through when he is spoken to directly and as
they open up, and he speaks in short pieces after his stroke."""

from __future__ import annotations

import re

from assistant.roleplay import persona as pm
from assistant.roleplay.codes import Code
from assistant.roleplay.persona import LEVELS, LUKKET, Simulation, find_persona, match_topic

SPEAKER = re.compile(r"(?:^|(?<=\s))([A-ZÆØÅ][a-zæøå]+): ")
WORD = re.compile(r"[^\W\d_]+")
ADDRESSED = "aksel"  # the topic reached by speaking to Aksel himself


def persona():
    return find_persona("aksel_og_grete")


def turns(line: str) -> list[tuple[str, str]]:
    """The line as (speaker, what they say), in order."""
    parts = SPEAKER.split(line)
    assert parts[0].strip() == "", f"the line does not start with a speaker: {line}"
    return [(parts[i], parts[i + 1].strip()) for i in range(1, len(parts), 2)]


def speakers(line: str) -> set[str]:
    return {who for who, _ in turns(line)}


def words_of(line: str, who: str) -> int:
    return sum(len(WORD.findall(text)) for speaker, text in turns(line) if speaker == who)


def every_line(p) -> list[str]:
    lines = [line for t in p.topics for level in LEVELS for line in t.replies[level]]
    lines += [line for level in LEVELS for line in p.fallback[level]]
    lines += [line for kind in pm.REACTION_KEYS for line in p.reactions[kind]]
    return lines + [piece.text for piece in p.story]


def test_every_line_is_spoken_by_grete_or_aksel_taking_turns():
    for line in every_line(persona()):
        said = turns(line)
        assert said and all(who in ("Grete", "Aksel") and text for who, text in said), line
        pairs = zip(said, said[1:], strict=False)
        assert all(a[0] != b[0] for a, b in pairs), f"same speaker twice: {line}"


def test_grete_answers_for_aksel_until_he_is_spoken_to():
    p = persona()
    for topic in p.topics:
        for line in topic.replies[LUKKET]:
            assert "Grete" in speakers(line), line
            if topic.id == ADDRESSED:  # he starts, she takes over
                assert "Aksel" in speakers(line), line
                assert words_of(line, "Grete") > words_of(line, "Aksel"), line
            else:
                assert speakers(line) == {"Grete"}, (topic.id, line)
    for line in [*p.fallback[LUKKET], *p.reactions[pm.CLOSED_QUESTIONS], *p.reactions[pm.ADVICE]]:
        assert speakers(line) == {"Grete"}, line

    sim = Simulation(p, 4)
    for text in ("Sover I godt om natten?", "Vil han have hjælp til badet?", "Går det godt?"):
        assert speakers(sim.respond(text, [Code.CLOSED_QUESTION]).text) == {"Grete"}
    asked = "Aksel, hvad mener du selv?"
    assert match_topic(p, asked).id == ADDRESSED
    reply = Simulation(p, 4).respond(asked, [Code.OPEN_QUESTION])
    assert reply.openness == LUKKET and "Aksel" in speakers(reply.text)


def test_aksel_gets_a_word_in_when_hesitant_and_both_speak_when_open():
    p = persona()
    share = {}
    for level in LEVELS:
        lines = [line for t in p.topics for line in t.replies[level]]
        aksel = sum(words_of(line, "Aksel") for line in lines)
        share[level] = aksel / (aksel + sum(words_of(line, "Grete") for line in lines))
        if level != LUKKET:
            lines += p.fallback[level]
            assert all(speakers(line) == {"Grete", "Aksel"} for line in lines), level
    assert share[LUKKET] < 0.1 < 0.25 < min(share["tøvende"], share["åben"])
    # the story holds both: what Aksel wants for himself and Grete's own exhaustion and fear
    opening = {piece.text.split(":")[0] for piece in p.story}
    assert opening == {"Grete", "Aksel"}


def test_aksel_speaks_in_short_pieces_after_the_stroke():
    pieces: dict[str, list[int]] = {"Grete": [], "Aksel": []}
    for line in every_line(persona()):
        for who, text in turns(line):
            for piece in re.split(r"[.?!…]+", text):
                if WORD.findall(piece):
                    pieces[who].append(len(WORD.findall(piece)))
    assert max(pieces["Aksel"]) <= 7
    mean = {who: sum(n) / len(n) for who, n in pieces.items()}
    assert mean["Aksel"] * 2 < mean["Grete"], mean
