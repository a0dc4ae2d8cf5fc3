"""Simulated residents: the bundled persona files, the checker and the simulation."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.check import check_paths
from assistant.cli import main
from assistant.roleplay import persona as pm
from assistant.roleplay.codes import Code
from assistant.roleplay.persona import (
    AABEN,
    LEVELS,
    LUKKET,
    REACTION_KEYS,
    TOEVENDE,
    Persona,
    PersonaError,
    Simulation,
    bundled_personas,
    card_text,
    check_persona,
    debrief_text,
    find_persona,
    listening,
    load_persona,
    match_topic,
    persona_from_content,
)

from ..conftest import ROOT

README = ROOT / "dialogues" / "README.md"
ORIGINAL = ["else", "kurt", "ruth", "hanne", "poul"]
IDS = sorted(p.id for p in bundled_personas())

OARS = [
    [Code.OPEN_QUESTION],
    [Code.COMPLEX_REFLECTION],
    [Code.AFFIRMATION, Code.SIMPLE_REFLECTION],
    [Code.SUMMARY],
    [Code.OPEN_QUESTION, Code.EMPHASIZING_AUTONOMY],
    [Code.COMPLEX_REFLECTION],
    [Code.SEEKING_COLLABORATION, Code.OPEN_QUESTION],
]
NOTHING = "Hm, nå ja."


def persona(persona_id: str) -> Persona:
    return find_persona(persona_id)


def probe(topic: pm.Topic, index: int = 0) -> str:
    """A staff utterance that touches the topic through one of its keywords."""
    return f"Hvordan har du det med {' '.join(topic.keywords[index].words)}?"


def talk(p: Persona, codes_for, rounds: int = 4, seed: int = 7) -> tuple[Simulation, list]:
    """Touch every topic ``rounds`` times; ``codes_for(i)`` gives the codes of turn i."""
    sim = Simulation(p, seed)
    replies = []
    turn = 0
    for _ in range(rounds):
        for topic in p.topics:
            replies.append(sim.respond(probe(topic), codes_for(turn)))
            turn += 1
    return sim, replies


def oars(i: int) -> list[Code]:
    return OARS[i % len(OARS)]


def reach_open(p: Persona, seed: int = 3) -> Simulation:
    sim = Simulation(p, seed)
    for i in range(12):
        sim.respond(NOTHING, oars(i))
        if sim.state() == AABEN:
            return sim
    raise AssertionError(f"{p.id} blev aldrig åben")


def all_lines(p: Persona) -> list[str]:
    lines = [line for t in p.topics for level in LEVELS for line in t.replies[level]]
    lines += [line for level in LEVELS for line in p.fallback[level]]
    lines += [line for kind in pm.REACTION_KEYS for line in p.reactions[kind]]
    return lines + [piece.text for piece in p.story]


# --- the bundled personas ------------------------------------------------------------------------
def test_the_bundled_personas_are_there():
    assert set(IDS) >= set(ORIGINAL)


def test_samtale_check_without_arguments_checks_the_personas_too(capsys):
    files, problems = check_paths(None)
    assert [str(p) for p in problems] == []
    checked = {f.stem for f in files if f.parent.name == "personas"}
    assert checked >= set(IDS)
    assert main(["check"]) == 0
    assert "ingen fejl" in capsys.readouterr().out


def reply_count(p: Persona) -> int:
    """Distinct lines the persona can say (replies, fallbacks, reactions and story pieces)."""
    lines: set[str] = set()
    for t in p.topics:
        for level in LEVELS:
            lines.update(t.replies[level])
    for level in LEVELS:
        lines.update(p.fallback[level])
    for kind in REACTION_KEYS:
        lines.update(p.reactions[kind])
    lines.update(piece.text for piece in p.story)
    return len(lines)


@pytest.mark.parametrize("persona_id", IDS)
def test_persona_size_and_shape(persona_id: str):
    p = persona(persona_id)
    assert p.id == persona_id and p.name and 40 <= p.age <= 110 and p.sources
    assert reply_count(p) > 120
    assert len(p.topics) >= 5 and len(p.story) >= 5
    for topic in p.topics:
        for level in LEVELS:
            assert len(topic.replies[level]) >= 6, (topic.id, level)
    assert {piece.topic for piece in p.story} <= {t.id for t in p.topics}


@pytest.mark.parametrize("persona_id", IDS)
def test_every_keyword_leads_to_its_own_topic(persona_id: str):
    p = persona(persona_id)
    for topic in p.topics:
        for i in range(len(topic.keywords)):
            found = match_topic(p, probe(topic, i))
            assert found is not None and found.id == topic.id, (topic.keywords[i].text, found)


META = re.compile(
    r"\b(rollespil\w*|øvelse\w*|persona(en|er|erne)?|refleksion\w*|motiverende|simul\w*"
    r"|underviser\w*|kursist\w*|(åbne?t?|lukkede?t?) spørgsmål)\b"
)


@pytest.mark.parametrize("persona_id", IDS)
def test_a_persona_never_mentions_the_exercise(persona_id: str):
    for line in all_lines(persona(persona_id)):
        assert not META.search(line.casefold()), line


@pytest.mark.parametrize("persona_id", IDS)
def test_the_card_holds_nothing_from_the_debrief_or_the_story(persona_id: str):
    p = persona(persona_id)
    card = card_text(p)
    secret = [p.debrief.hides, p.debrief.opens, p.debrief.closes, p.debrief.leads_to]
    secret += [piece.text for piece in p.story]
    for text in secret:
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            if len(sentence) > 25:
                assert sentence not in card, sentence
    assert p.name in card and p.card.situation in card and p.style.label in card
    debrief = debrief_text(p)
    assert p.debrief.hides in debrief and all(piece.text in debrief for piece in p.story)


# --- the simulation ------------------------------------------------------------------------------
@pytest.mark.parametrize("persona_id", IDS)
def test_a_good_listener_opens_the_persona_and_hears_the_story(persona_id: str):
    p = persona(persona_id)
    sim, replies = talk(p, oars)
    assert sim.state() == AABEN
    assert "op" in [r.changed for r in replies]
    told = [r.revealed for r in replies if r.revealed]
    assert told == [piece for piece in sim.snapshot().revealed]
    assert set(told) == {piece.id for piece in p.story}
    for reply in replies:
        if reply.revealed:
            assert reply.openness == AABEN
            assert p.topic(reply.topic).id == next(
                s.topic for s in p.story if s.id == reply.revealed
            )
    assert [piece.id for piece in sim.revealed_pieces] == told


@pytest.mark.parametrize("persona_id", IDS)
def test_closed_questions_never_open_the_persona(persona_id: str):
    p = persona(persona_id)
    sim, replies = talk(p, lambda i: [Code.CLOSED_QUESTION])
    assert all(r.openness != AABEN for r in replies)
    assert all(r.revealed is None for r in replies) and sim.revealed_pieces == ()
    assert sim.state() == LUKKET
    assert any(r.reaction == pm.CLOSED_QUESTIONS for r in replies)


ADVICE = [
    [Code.PERSUADE],
    [Code.GIVING_INFORMATION],
    [Code.OPEN_QUESTION],
    [Code.COMPLEX_REFLECTION],
    [Code.PERSUADE, Code.AFFIRMATION],
]


@pytest.mark.parametrize("persona_id", IDS)
def test_advice_keeps_the_persona_closed(persona_id: str):
    p = persona(persona_id)
    sim, replies = talk(p, lambda i: ADVICE[i % len(ADVICE)])
    start = LEVELS.index(p.start)
    assert all(LEVELS.index(r.openness) <= start for r in replies)
    assert all(r.revealed is None for r in replies)
    advice_lines = set(p.reactions[pm.ADVICE])
    assert all(r.text in advice_lines for r in replies if r.reaction == pm.ADVICE)
    assert sum(r.reaction == pm.ADVICE for r in replies) >= len(replies) // 2


@pytest.mark.parametrize("persona_id", IDS)
def test_persuasion_and_confrontation_close_the_persona_again(persona_id: str):
    p = persona(persona_id)
    sim = reach_open(p)
    reply = sim.respond(probe(p.topics[0]), [Code.PERSUADE])
    assert (reply.openness, reply.changed, reply.reaction) == (TOEVENDE, "ned", pm.ADVICE)
    assert reply.text in p.reactions[pm.ADVICE] and reply.revealed is None
    reply = sim.respond(NOTHING, [Code.CONFRONT, Code.SIMPLE_REFLECTION])
    assert (reply.openness, reply.changed, reply.reaction) == (LUKKET, "ned", pm.CONFRONTATION)
    assert reply.text in p.reactions[pm.CONFRONTATION]
    reply = sim.respond(NOTHING, [Code.CONFRONT])
    assert (reply.openness, reply.changed) == (LUKKET, None)


def test_information_needs_permission():
    p = persona("else")
    sim = reach_open(p)
    reply = sim.respond(NOTHING, [Code.SEEKING_COLLABORATION])
    reply = sim.respond(NOTHING, [Code.GIVING_INFORMATION])
    assert reply.openness == AABEN and reply.reaction is None
    reply = sim.respond(NOTHING, [Code.OTHER])
    reply = sim.respond(NOTHING, [Code.GIVING_INFORMATION])
    assert (reply.openness, reply.reaction) == (TOEVENDE, pm.ADVICE)


def test_the_openness_rule():
    p = persona("else")
    sim = Simulation(p, 1)
    for _ in range(4):  # four open questions: 4 points, not enough
        sim.respond(NOTHING, [Code.OPEN_QUESTION])
    assert sim.state() == LUKKET and sim.snapshot().streak == 4
    assert sim.respond(NOTHING, [Code.OPEN_QUESTION]).changed == "op"
    assert sim.state() == TOEVENDE and sim.snapshot().points == 0
    sim.respond(NOTHING, [Code.COMPLEX_REFLECTION])
    sim.respond(NOTHING, [Code.COMPLEX_REFLECTION])
    sim.respond(NOTHING, [Code.CLOSED_QUESTION])  # a closed question breaks the streak
    assert sim.snapshot().streak == 0 and sim.state() == TOEVENDE
    sim.respond(NOTHING, [Code.OTHER])  # neutral: keeps the closed run
    sim.respond(NOTHING, [Code.CLOSED_QUESTION])
    assert sim.snapshot().closed_run == 2
    reply = sim.respond(NOTHING, [Code.CLOSED_QUESTION])
    assert (reply.changed, reply.reaction, reply.openness) == ("ned", pm.CLOSED_QUESTIONS, LUKKET)
    assert reply.text in p.reactions[pm.CLOSED_QUESTIONS]
    for codes in ([Code.SUMMARY], [Code.COMPLEX_REFLECTION], [Code.AFFIRMATION]):
        reply = sim.respond(NOTHING, codes)
    assert reply.changed == "op" and sim.state() == TOEVENDE
    sim.respond(NOTHING, [Code.CLOSED_QUESTION, Code.SIMPLE_REFLECTION])
    assert sim.snapshot().closed_run == 0 and sim.snapshot().streak == 1


def test_codes_may_be_given_as_their_names():
    p = persona("kurt")
    a, b = Simulation(p, 5), Simulation(p, 5)
    assert a.respond("Hvordan er det med øllen?", ["open_question"]) == b.respond(
        "Hvordan er det med øllen?", [Code.OPEN_QUESTION]
    )


@pytest.mark.parametrize("persona_id", IDS)
def test_the_same_seed_gives_the_same_conversation(persona_id: str):
    p = persona(persona_id)
    first = talk(p, oars, seed=11)[1]
    second = talk(p, oars, seed=11)[1]
    assert first == second


@pytest.mark.parametrize("persona_id", IDS)
def test_different_seeds_give_different_replies(persona_id: str):
    p = persona(persona_id)
    runs = {tuple(r.text for r in talk(p, oars, rounds=2, seed=seed)[1]) for seed in range(4)}
    assert len(runs) > 1


@pytest.mark.parametrize("persona_id", IDS)
def test_replay_rebuilds_the_state(persona_id: str):
    p = persona(persona_id)
    sim, _ = talk(p, lambda i: ADVICE[i % 3 + 2] if i % 7 else OARS[i % len(OARS)], rounds=3)
    turns = [(t.text, t.codes) for t in sim.turns]
    again = Simulation.replay(p, sim.seed, turns)
    assert again.snapshot() == sim.snapshot()
    assert again.respond(NOTHING, [Code.SUMMARY]) == sim.respond(NOTHING, [Code.SUMMARY])


@pytest.mark.parametrize("persona_id", IDS)
def test_fallback_when_no_topic_matches(persona_id: str):
    p = persona(persona_id)
    sim = Simulation(p, 2)
    reply = sim.respond(NOTHING, [Code.OTHER])
    assert reply.topic is None and reply.text in p.fallback[p.start]
    assert reply.openness == p.start and reply.changed is None and reply.reaction is None


@pytest.mark.parametrize("persona_id", IDS)
def test_replies_do_not_repeat_until_the_pool_is_used_up(persona_id: str):
    p = persona(persona_id)
    topic = p.topics[0]
    pool = topic.replies[p.start]
    sim = Simulation(p, 9)
    texts = [sim.respond(probe(topic), [Code.OTHER]).text for _ in range(3 * len(pool))]
    assert set(texts) <= set(pool)
    assert len(set(texts[: len(pool)])) == len(pool)
    assert all(a != b for a, b in zip(texts, texts[1:], strict=False))


def test_the_longest_keyword_wins_and_then_the_first_topic():
    p = persona("kurt")
    assert match_topic(p, "Drengehjemmet og badet").id == "fortiden"  # drengehjem > badet
    assert match_topic(p, "Badet og øllen").id == "bad"  # badet and øllen: same length, bad first
    assert match_topic(p, "Badeværelset").id == "bad"  # a stem matches inflections
    assert match_topic(p, "Hvad med Mor?").id == "fortiden"  # =mor matches the whole word
    assert match_topic(p, "Hvad skete der i morges?") is None


def test_the_snapshot_rebuilds_the_persona():
    p = persona("ruth")
    again = persona_from_content(p.content)
    assert again == p and again.content_hash == p.content_hash


def test_an_unknown_persona_is_named_with_a_suggestion():
    with pytest.raises(LookupError, match="Personaen 'kurtt' findes ikke – mente du 'kurt'"):
        find_persona("kurtt")


# --- broken persona files ------------------------------------------------------------------------
def broken(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "personas"
    folder.mkdir(exist_ok=True)
    path = folder / "else.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def else_text() -> str:
    return (ROOT / "dialogues" / "personas" / "else.yaml").read_text(encoding="utf-8")


def where(text: str, needle: str) -> tuple[int, int]:
    """1-based line and column of the first occurrence of ``needle``."""
    index = text.index(needle)
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def test_a_copy_of_a_bundled_persona_is_valid(tmp_path: Path):
    path = broken(tmp_path, else_text())
    assert check_persona(path) == []
    assert load_persona(path).id == "else"


def test_bad_yaml(tmp_path: Path):
    text = else_text().replace("navn: Else Marie Andersen", "navn: [Else Marie Andersen")
    path = broken(tmp_path, text)
    problem = check_persona(path)[0]
    assert problem.path == str(path) and "YAML-fejl" in problem.message
    assert problem.line >= where(text, "navn:")[0]


def test_unknown_key_suggests_the_right_one(tmp_path: Path):
    text = else_text().replace("  betegnelse: ivrig", "  betegnelsen: ivrig")
    problems = check_persona(broken(tmp_path, text))
    unknown = next(p for p in problems if "ukendt nøgle" in p.message)
    assert (unknown.line, unknown.col) == where(text, "betegnelsen")
    assert "mente du 'betegnelse'?" in unknown.message
    assert any("mangler det påkrævede felt 'betegnelse'" in p.message for p in problems)


def test_missing_reply_level(tmp_path: Path):
    text = else_text()
    start = text.index("      tøvende:", text.index("- id: dagene"))
    end = text.index("      åben:", start)
    text = text[:start] + text[end:]
    problems = check_persona(broken(tmp_path, text))
    assert len(problems) == 1, [str(p) for p in problems]
    line = where(text, "    svar:\n      lukket:\n        - Jeg keder")[0] + 1
    assert (problems[0].line, problems[0].col) == (line, 7)
    assert "mangler det påkrævede felt 'tøvende'" in problems[0].message
    assert "emnet 'dagene'" in problems[0].message


def test_level_misspelt(tmp_path: Path):
    text = else_text().replace(
        "      tøvende:\n        - Eftermiddagene", "      tovende:\n        - Eftermiddagene"
    )
    problems = check_persona(broken(tmp_path, text))
    assert any(
        "ukendt nøgle 'tovende'" in p.message and "mente du 'tøvende'" in p.message
        for p in problems
    )


def test_keyword_that_is_not_a_text(tmp_path: Path):
    text = else_text().replace("nøgleord: [holger, ", "nøgleord: [holger, 42, ")
    problems = check_persona(broken(tmp_path, text))
    assert len(problems) == 1, [str(p) for p in problems]
    line, col = where(text, "42, ")
    assert (problems[0].line, problems[0].col) == (line, col)
    assert "nøgleord 2 i emnet 'savn' skal være en tekst" in problems[0].message


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("nøgleord: [holger, ", "nøgleord: [holger, holger, ", "står der allerede"),
        ("nøgleord: [holger, ", "nøgleord: [holger, dig, ", "det almindelige ord 'dig'"),
        (
            "nøgleord: [holger, ",
            "nøgleord: [holger, radio, ",
            "'radio' står der allerede i emnet 'savn'",
        ),
        ("nøgleord: [holger, ", "nøgleord: [holger, h2o, ", "må kun have bogstaver"),
        ("    emne: huset\n", "    emne: husets\n", "ikke er et emne – mente du 'huset'?"),
        ("id: else\n", "id: elsa\n", "skal være det samme som filnavnet"),
        ("alder: 84", "alder: firs", "helt tal"),
        ("\nstil:", "\nstart: halvåben\n\nstil:", "start 'halvåben' er ikke et niveau"),
        (
            "    - Jeg skal nok lade være. Undskyld.\n",
            "    - Jeg skal nok lade være. Undskyld.\n    - Undskyld. Det var ikke meningen at være til besvær.\n",
            "står der allerede",
        ),
        ("        - Dagene går. Det gør de jo.\n", "        - no\n", "anførselstegn"),
        ("        - Dagene går. Det gør de jo.\n", "        - Dagene: de går\n", "kolon"),
    ],
)
def test_other_mistakes_come_back_as_danish_problems(tmp_path, old, new, message):
    assert old in else_text()
    text = else_text().replace(old, new, 1)
    problems = check_persona(broken(tmp_path, text))
    assert any(message in p.message for p in problems), [str(p) for p in problems]
    assert all(p.line >= 1 and p.col >= 1 for p in problems)


def test_too_few_replies(tmp_path: Path):
    text = else_text()
    for line in (
        "        - Dagene går. Det gør de jo.\n",
        "        - Jeg keder mig ikke. Jeg har min radio og mit strikketøj.\n",
        "        - Man skal ikke klage. Der er mange, der har det værre end mig.\n",
    ):
        text = text.replace(line, "", 1)
    problems = check_persona(broken(tmp_path, text))
    assert len(problems) == 1 and "mindst 4 forskellige svar (der er 3)" in problems[0].message


def test_load_persona_raises_with_every_problem(tmp_path: Path):
    path = broken(tmp_path, else_text().replace("alder: 84", "alder: firs"))
    with pytest.raises(PersonaError) as caught:
        load_persona(path)
    assert caught.value.problems and str(path) in str(caught.value)


def test_samtale_check_finds_personas_in_a_named_folder_and_file(tmp_path: Path, capsys):
    path = broken(tmp_path, else_text().replace("alder: 84", "alder: firs"))
    line, col = where(path.read_text(encoding="utf-8"), "firs")
    expected = f"{path}:{line}:{col}: 'alder' i personaen skal være et helt tal"
    for target in (tmp_path, path):
        assert main(["check", str(target)]) == 1
        out = capsys.readouterr().out
        assert out.strip().splitlines() == [expected]


def test_broken_persona_gives_no_traceback(tmp_path: Path):
    path = broken(tmp_path, "id: else\nemner: [[[]]]\nkort: 7\nreaktioner: {råd: [1]}\n")
    result = subprocess.run(
        [sys.executable, "-m", "assistant", "check", str(path)], capture_output=True, text=True
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "intern fejl" not in result.stdout
    assert all(
        re.match(rf"{re.escape(str(path))}:\d+:\d+: ", line) for line in result.stdout.splitlines()
    )


def test_checking_guides_does_not_import_the_persona_layer():
    code = (
        "import sys\n"
        "from assistant import check\n"
        "print('assistant.roleplay.persona' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


# --- the trainers' documentation -----------------------------------------------------------------
FENCE = "```yaml persona"


def readme_example() -> str:
    lines = README.read_text(encoding="utf-8").splitlines()
    starts = [i for i, line in enumerate(lines) if line.strip() == FENCE]
    assert len(starts) == 1, f"README.md skal have præcis én blok, der starter med {FENCE}"
    body = lines[starts[0] + 1 :]
    end = next(i for i, line in enumerate(body) if line.strip() == "```")
    return "\n".join(body[:end]) + "\n"


def test_the_readme_persona_example_passes_the_check(tmp_path: Path):
    text = readme_example()
    found = re.search(r"^id:\s*(\S+)\s*$", text, re.MULTILINE)
    assert found
    folder = tmp_path / "personas"
    folder.mkdir()
    path = folder / f"{found.group(1)}.yaml"
    path.write_text(text, encoding="utf-8")
    assert [str(p) for p in check_persona(path)] == []
    example = load_persona(path)
    sim, _ = talk(example, oars)
    assert sim.state() == AABEN and sim.revealed_pieces


@pytest.mark.parametrize(
    "names",
    [
        pm.TOP_KEYS,
        pm.STYLE_KEYS,
        pm.CARD_KEYS,
        pm.DEBRIEF_KEYS,
        pm.TOPIC_KEYS,
        pm.PIECE_KEYS,
        pm.REACTION_KEYS,
        LEVELS,
        listening.AMBIVALENCE_KEYS,
        listening.RULER_KEYS,
        listening.SUMMARY_KEYS,
    ],
)
def test_every_persona_key_is_documented(names):
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Personaer (simulerede borgere)") :]
    assert [n for n in names if f"`{n}`" not in section] == []
