"""Practice sessions: a guide as scaffold, a simulated resident, the coach; solo and trio.

Driven through `assistant.practice.Practice` (the API both front ends use) and through the real
`samtale practice --plain` command, including a SIGKILL in the middle of a trio exercise.
"""

from __future__ import annotations

import json
import re

import pytest

from assistant.dialogue.library import find_guide
from assistant.notes.export import note_to_json, note_to_markdown
from assistant.practice import TALLY_KEYS, Practice, note_for
from assistant.roleplay.codes import Code
from assistant.roleplay.persona import bundled_personas, find_persona
from assistant.session import Session, SessionError

from ..walk import Live, samtale

PERSONAS = [p.id for p in bundled_personas()]
ORDER = ("lukket", "tøvende", "åben")


def keyword(persona, index: int) -> str:
    """A word from one of the persona's topics, as a staff member might say it."""
    topics = persona.topics
    topic = topics[index % len(topics)]
    return topic.keywords[0].text.lstrip("=")


def oars_script(persona) -> list[str]:
    """Open questions, reflections, affirmations and a summary, touching the persona's topics."""
    lines = []
    for i in range(len(persona.topics)):
        word = keyword(persona, i)
        lines += [
            f"Hvordan har du det med {word} for tiden?",
            f"Det lyder som om {word} fylder meget for dig lige nu.",
            f"Du har virkelig kæmpet for at klare dig, også med {word}.",
            f"Fortæl mig mere om {word}",
            f"Du savner noget, når det handler om {word}.",
        ]
    lines.append(
        "Så hvis jeg skal samle op: der er meget, der fylder, og du vil gerne selv bestemme."
    )
    for i in range(len(persona.topics)):
        word = keyword(persona, i)
        lines += [
            f"Hvad betyder {word} for dig?",
            f"Det er vigtigt for dig, at {word} bliver på din måde.",
        ]
    return lines


def closed_script(persona) -> list[str]:
    lines = []
    for i in range(len(persona.topics) * 2):
        word = keyword(persona, i)
        lines += [f"Har du tænkt på {word}?", f"Er det {word} i dag?", f"Skal vi tage {word} nu?"]
    return lines


def advice_script(persona) -> list[str]:
    lines = []
    for i in range(len(persona.topics) * 2):
        word = keyword(persona, i)
        lines += [
            f"Du burde altså gøre noget ved {word}.",
            f"Nu må du tage dig sammen med {word}.",
            f"Prøv nu at tænke på {word}.",
        ]
    return lines


def play(store, persona_id: str, lines: list[str], seed: int = 7) -> Practice:
    practice = Practice.start(
        store, find_guide("motiverende_samtale"), find_persona(persona_id), seed=seed
    )
    for line in lines:
        practice.say(line)
    return practice


def best(practice: Practice) -> int:
    return max(ORDER.index(t.openness) for t in practice.turns if t.speaker == "borger")


@pytest.mark.parametrize("persona_id", PERSONAS)
def test_listening_well_opens_a_persona_more_than_closed_questions_or_advice(store, persona_id):
    """Text goes through the real coach: a good listener hears more of the story."""
    persona = find_persona(persona_id)
    good = play(store, persona_id, oars_script(persona))
    closed = play(store, persona_id, closed_script(persona))
    advice = play(store, persona_id, advice_script(persona))
    assert best(good) == ORDER.index("åben")
    assert best(closed) < best(good) and best(advice) < best(good)
    revealed = [r for r in good.simulation.revealed_pieces]
    assert revealed, "an OARS conversation should hear some of the inner story"
    assert not closed.simulation.revealed_pieces and not advice.simulation.revealed_pieces
    # advice is flagged live and counted as MI-non-adherent
    said = advice.say("Du burde altså spise noget mere.")
    assert said.flag is not None and said.flag.suggestion


def test_practice_is_saved_turn_by_turn_and_resumes_with_the_same_persona_state(store):
    persona = find_persona(PERSONAS[0])
    lines = oars_script(persona)
    practice = play(store, persona.id, lines[:9])
    openness, session_id = practice.openness, practice.session.id
    practice.close()

    again = Practice.open(store, session_id)
    assert again.openness == openness
    assert [t.text for t in again.turns if t.speaker == "medarbejder"] == lines[:9]
    assert again.session.record.borger is None  # role-play never asks for a resident
    # the resumed persona answers exactly as an uninterrupted one would
    straight = play(store, persona.id, lines[:10])
    said = again.say(lines[9])
    assert said.reply.text == straight.turns[-1].text


def test_scaffold_moves_through_the_guide_and_practice_ends_anywhere(store):
    practice = Practice.start(
        store, find_guide("vaerdighedshjulet"), find_persona(PERSONAS[0]), seed=1
    )
    first = practice.session.step.id
    assert practice.next_step().ok and practice.session.step.id != first
    assert practice.previous_step().ok and practice.session.step.id == first
    for _ in range(200):
        if practice.session.step is None:
            break
        practice.next_step()
    assert practice.session.at_end  # every theme of the hub was offered, then the rest
    assert not practice.next_step().ok
    practice2 = Practice.start(
        store, find_guide("motiverende_samtale"), find_persona(PERSONAS[0]), seed=1
    )
    practice2.say("Hvordan har du det i dag?")
    practice2.finish()  # in the middle of the guide: allowed for practice
    assert practice2.finished
    with pytest.raises(SessionError):
        practice2.say("Er du der?")


def test_practice_note_exports_conversation_codes_and_scorecard(store):
    persona = find_persona(PERSONAS[1])
    practice = play(store, persona.id, oars_script(persona)[:6] + ["Du skal altså i bad nu."])
    practice.say("[bold]ikke markup[/] \x1b[31m")
    practice.finish()
    note = note_for(Session.open(store, practice.session.id))
    assert note.training is not None and not note.training.trio
    md = note_to_markdown(note)
    assert "## Øvelsen" in md and persona.name in md
    assert "Du skal altså i bad nu." in md and "råd eller overtalelse uden lov" in md
    assert "[bold]ikke markup[/]" in md and "\x1b" not in md
    data = note_to_json(note)
    turns = data["training"]["turns"]
    assert turns[0]["speaker"] == "medarbejder" and turns[1]["speaker"] == "borger"
    assert turns[-2]["text"] == "[bold]ikke markup[/] \x1b[31m"  # stored exactly
    assert "persuade" in turns[-4]["codes"]


def test_cpr_in_an_utterance_is_masked_before_anything_sees_it(store):
    practice = play(store, PERSONAS[0], [])
    said = practice.say("Er dit cpr 010150-1234?")
    assert said.masked == 1
    stored = [e.data["text"] for e in practice.session.events if e.kind == "say"]
    assert stored == ["Er dit cpr XXXXXX-XXXX?"]


def test_trio_tally_feedback_and_observer_scorecard(store):
    practice = Practice.start(
        store, find_guide("motiverende_samtale"), find_persona(PERSONAS[2]), seed=3, trio=True
    )
    with pytest.raises(SessionError):
        practice.say("I en trio taler man højt")
    for key in "aaalskkkbo":
        practice.count(TALLY_KEYS[key])
    practice.count(Code.CLOSED_QUESTION, -1)
    practice.count(Code.CONFRONT, -1)  # nothing to take back: ignored
    practice.set_feedback("God start.\nFlere refleksioner efter spørgsmålene.")
    practice.close()
    again = Practice.open(store, practice.session.id)
    counts = {c.value: n for c, n in again.tally.counts.items() if n}
    assert counts == {
        "open_question": 3,
        "simple_reflection": 1,
        "complex_reflection": 3,
        "affirmation": 1,
        "summary": 1,
    }
    assert again.feedback.startswith("God start.")
    again.finish()
    md = note_to_markdown(note_for(Session.open(store, practice.session.id)))
    assert "Observatørens optælling" in md and "| åbent spørgsmål | 3 |" in md
    assert "Flere refleksioner efter spørgsmålene." in md


@pytest.mark.parametrize("persona_id", PERSONAS)
def test_every_persona_can_be_talked_with_in_plain_mode(tmp_path, persona_id):
    persona = find_persona(persona_id)
    script = oars_script(persona)[:5] + ["/status", "/næste", "/guide", "/slut"]
    result = samtale(
        "practice",
        "motiverende_samtale",
        "--persona",
        persona_id,
        "--plain",
        "--seed",
        "5",
        stdin="\n".join(script) + "\n",
        data=tmp_path / "data",
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.count(f"{persona.name}:") == 5
    assert "(coach: åbent spørgsmål)" in out
    assert "Noten er gemt" in out or "afsluttet" in out
    for secret in persona_secrets(persona):
        assert secret not in out.split("(coach:")[0]  # the card is shown, the debrief never


def persona_secrets(persona) -> list[str]:
    from assistant.roleplay.persona import card_text, debrief_text

    card = card_text(persona)
    return [
        line for line in debrief_text(persona).splitlines() if len(line) > 30 and line not in card
    ]


def test_personas_command_shows_card_and_debrief_only_on_request(tmp_path):
    persona = find_persona(PERSONAS[0])
    card = samtale("personas", persona.id, data=tmp_path / "data")
    both = samtale("personas", persona.id, "--debrief", data=tmp_path / "data")
    assert card.returncode == 0 and both.returncode == 0
    assert persona.name in card.stdout
    extra = both.stdout.replace(card.stdout, "")
    assert extra.strip() and not any(
        line in card.stdout for line in extra.splitlines() if len(line) > 30
    )
    listing = samtale("personas", data=tmp_path / "data")
    assert all(pid in listing.stdout for pid in PERSONAS)
    # the names start in one column, however long the longest id is
    starts = {
        line.index(find_persona(line.split()[0]).name) for line in listing.stdout.splitlines()
    }
    assert len(starts) == 1
    unknown = samtale("personas", "ingen_saadan", data=tmp_path / "data")
    assert unknown.returncode == 2 and "ingen_saadan" in unknown.stderr


def test_coach_command_prints_one_json_object_per_line(tmp_path):
    result = samtale(
        "coach",
        stdin="Hvordan har du det\n\nDu burde gå i bad.\n[b]x[/b]\n",
        data=tmp_path / "data",
    )
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["code"] for r in rows[:2]] == ["open_question", "persuade"]
    assert rows[2]["text"] == "[b]x[/b]" and len(rows) == 3


def test_killed_trio_keeps_tally_and_feedback_and_exports_them(tmp_path):
    """SIGKILL a real trio session after the counts were acknowledged: nothing is lost."""
    data = tmp_path / "data"
    args = ["practice", "motiverende_samtale", "--persona", PERSONAS[0], "--trio", "--plain"]
    live = Live([*args, "--seed", "2"], data, tmp_path / "err")

    def send(line: str, expect: str) -> None:
        live.send(line + "\n")
        live.until(re.compile(re.escape(expect)))

    try:
        send("aak", "åbent spørgsmål")
        send("ss", "refleksion")
        send("/feedback", "Skriv feedbacken")
        send("Godt lyttet.\n", "Feedbacken er gemt")
        live.kill()
    finally:
        live.close()

    listing = samtale("notes", "list", "--json", data=data)
    session_id = json.loads(listing.stdout)[0]["id"]
    out = tmp_path / "trio.md"
    export = samtale("notes", "export", session_id, "--format", "md", "-o", str(out), data=data)
    assert export.returncode == 0, export.stderr
    md = out.read_text(encoding="utf-8")
    assert "| åbent spørgsmål | 2 |" in md and "| simpel refleksion | 2 |" in md
    assert "| kompleks refleksion | 1 |" in md and "Godt lyttet." in md
    resumed = samtale("resume", session_id, "--plain", stdin="b\n/slut\n", data=data)
    assert resumed.returncode == 0, resumed.stderr
    assert "bekræftende udsagn" in resumed.stdout
