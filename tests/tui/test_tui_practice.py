"""Role-play practice in the Textual front end, driven through the real app with the Pilot."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static, TextArea

from assistant.dialogue.model import Guide
from assistant.notes.store import Store, open_store
from assistant.practice import TALLY_KEYS, Practice
from assistant.roleplay.codes import LABELS, Code
from assistant.roleplay.persona import Persona, bundled_personas
from assistant.tui.app import SamtaleApp, create_app
from assistant.tui.screens.home import HomeScreen
from assistant.tui.screens.modals import ExportModal, InfoModal
from assistant.tui.screens.notes import NoteViewScreen
from assistant.tui.screens.practice import (
    PracticeStartScreen,
    ScorecardScreen,
    SoloPracticeScreen,
    TrioPracticeScreen,
)

from ..pilot import SIZE, TRICKY, click, keys, run, shown, side_entries

SEED = 11

OPEN_QUESTION = "Hvordan har du det med at bo her?"
REFLECTION = "Du savner dit gamle hjem."
ADVICE = "Du skal altså tage din medicin."


@pytest.fixture(scope="module")
def personas() -> list[Persona]:
    found = bundled_personas()
    assert found, "der er ingen personaer i dialogues/personas"
    return found


@pytest.fixture
def persona(personas: list[Persona]) -> Persona:
    return personas[0]


def texts(screen: Widget, selector: str = "Static") -> str:
    return "\n".join(shown(w) for w in screen.query(selector))


async def say(pilot: Pilot[None], text: str) -> None:
    """Type into the practice input and press Enter."""
    field = pilot.app.screen.query_one("#say", Input)
    assert field.has_focus
    field.insert_text_at_cursor(text)
    await keys(pilot, "enter")


def solo(app: SamtaleApp) -> SoloPracticeScreen:
    assert isinstance(app.screen, SoloPracticeScreen), type(app.screen).__name__
    return app.screen


def trio(app: SamtaleApp) -> TrioPracticeScreen:
    assert isinstance(app.screen, TrioPracticeScreen), type(app.screen).__name__
    return app.screen


def log_text(app: SamtaleApp) -> str:
    return texts(solo(app).query_one("#talk-log"), ".turn")


def counts(screen: TrioPracticeScreen) -> dict[str, int]:
    return {key: int(shown(screen.query_one(f"#n-{key}"))) for key in TALLY_KEYS}


# --- starting ---------------------------------------------------------------------------------
def test_start_practice_from_home_by_keys(store: Store, mini: Guide, persona: Persona) -> None:
    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert "Tryk O for at øve en samtale" in "\n".join(shown(s) for s in home.query(Static))
        await keys(pilot, "o")
        start = app.screen
        assert isinstance(start, PracticeStartScreen)
        options = start.query_one("#practice-personas", OptionList)
        listed = "\n".join(
            str(getattr(options.get_option_at_index(i).prompt, "plain", ""))
            for i in range(options.option_count)
        )
        for p in bundled_personas():
            assert f"{p.name}, {p.age} år" in listed and p.summary in listed
        await keys(pilot, "enter")  # the guide (the only one)
        assert start.query_one("#practice-personas", OptionList).has_focus
        await keys(pilot, "enter")  # the first persona
        await keys(pilot, "tab", *"AB", "enter")
        screen = solo(app)
        assert screen.practice.persona_id == persona.id and not screen.practice.trio
        assert screen.session.guide.id == mini.id

    run(create_app(store, guides=[mini], seed=SEED), scenario)
    [record] = store.list_sessions()
    assert record.mode == "practice" and record.medarbejder == "AB" and record.borger is None


def test_start_from_command_palette_and_persona_prefilled(
    store: Store, mini: Guide, personas: list[Persona]
) -> None:
    chosen = personas[-1]

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        start = app.screen
        assert isinstance(start, PracticeStartScreen)
        assert start.persona is not None and start.persona.id == chosen.id
        assert chosen.name in shown(start.query_one("#persona-preview"))
        await keys(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)
        await keys(pilot, "ctrl+p")
        await keys(pilot, *"Øv en samtale")
        await pilot.pause(0.3)
        await keys(pilot, "enter")
        assert isinstance(app.screen, PracticeStartScreen)

    run(create_app(store, guides=[mini], persona=chosen), scenario)


def test_every_bundled_persona_can_be_started_from_home(
    store: Store, mini: Guide, personas: list[Persona]
) -> None:
    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        for persona in personas:
            assert isinstance(app.screen, HomeScreen)
            await keys(pilot, "o")
            start = app.screen
            assert isinstance(start, PracticeStartScreen) and start.problems == []
            options = start.query_one("#practice-personas", OptionList)
            options.focus()
            options.highlighted = options.get_option_index(f"persona-{persona.id}")
            await keys(pilot, "enter", "tab", "enter")
            screen = solo(app)
            assert screen.practice.persona_id == persona.id
            await say(pilot, OPEN_QUESTION)
            assert screen.practice.turns[-1].text in log_text(app)
            await keys(pilot, "f5")
        started = [
            next(e for e in store.events(r.id) if e.kind == "practice").data["persona"]
            for r in store.list_sessions()
        ]
        assert sorted(started) == sorted(p.id for p in personas)

    run(create_app(store, guides=[mini], seed=SEED), scenario)


# --- solo ---------------------------------------------------------------------------------------
def test_solo_codes_replies_flags_and_openness(store: Store, mini: Guide, persona: Persona) -> None:
    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        screen = solo(app)
        practice = screen.practice
        assert screen.query_one("#scaffold-question", Static).display
        assert "Hvad vil du gerne kaldes?" in shown(screen.query_one("#scaffold-question"))
        openness = shown(screen.query_one("#openness"))
        assert f"{persona.name} virker {persona.start}" in openness

        await say(pilot, OPEN_QUESTION)
        log = log_text(app)
        assert f"Du: {OPEN_QUESTION}" in log
        assert f"coach: {LABELS[Code.OPEN_QUESTION]}" in log
        assert f"{persona.name}: {practice.turns[-1].text}" in log
        assert practice.scorecard().counts[Code.OPEN_QUESTION] == 1

        await say(pilot, REFLECTION)
        assert "refleksion" in log_text(app).split(f"Du: {REFLECTION}")[1].split("\n")[1]

        await say(pilot, ADVICE)
        flags = screen.query(".turn-flag")
        assert len(flags) == 1 and "Prøv fx" in shown(flags.first())
        assert any("Prøv fx" in message for _, message in app.notices)
        assert LABELS[Code.PERSUADE] in log_text(app)
        openness = shown(screen.query_one("#openness"))
        assert practice.openness and f"virker {practice.openness}" in openness

        coach = shown(screen.query_one("#coach-counts"))
        assert f"  1  {LABELS[Code.OPEN_QUESTION]}" in coach
        assert shown(screen.query_one("#coach-live"))

        # The scaffold moves on with F3 and back with F2; the input keeps the focus.
        await keys(pilot, "f3")
        assert "Hvordan har" in shown(screen.query_one("#scaffold-question"))
        await keys(pilot, "f2")
        assert "Hvad vil du gerne kaldes?" in shown(screen.query_one("#scaffold-question"))
        assert screen.query_one("#say", Input).has_focus

    run(create_app(store, guide=mini, persona=persona, seed=SEED), scenario)
    [record] = store.list_sessions()
    says = [e for e in store.events(record.id) if e.kind == "say"]
    assert [e.data["text"] for e in says] == [OPEN_QUESTION, REFLECTION, ADVICE]


def test_solo_markup_long_and_empty_input(store: Store, mini: Guide, persona: Persona) -> None:
    long = "Jeg kan høre, at du " + "savner din have og dine roser meget, " * 12 + "ikke?"

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        screen = solo(app)
        await keys(pilot, "enter")
        await say(pilot, "   ")
        assert screen.practice.turns == [] and not screen.query(".turn-staff")
        await say(pilot, TRICKY)
        assert f"Du: {TRICKY}" in log_text(app)
        await say(pilot, long)
        entry = screen.query(".turn-staff").last()
        assert long in shown(entry).replace("\n", " ") or long in shown(entry)
        assert entry.size.height >= 4 and entry.size.width <= SIZE[0]
        await say(pilot, "/ukendt")
        assert any("/slut" in message for _, message in app.notices)
        assert len(screen.practice.turns) == 4

    run(create_app(store, guide=mini, persona=persona, seed=SEED), scenario)


def test_solo_slut_shows_scorecard_and_exports(
    store: Store, mini: Guide, persona: Persona, tmp_path: Path
) -> None:
    state: dict[str, Any] = {}

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        practice = solo(app).practice
        state["id"] = practice.session.id
        await say(pilot, OPEN_QUESTION)
        await say(pilot, TRICKY)
        for _ in range(12):  # the scaffold to its end: the practice goes on
            await keys(pilot, "f3")
        assert "Guiden er gennemgået" in shown(solo(app).query_one("#scaffold-where"))
        assert practice.session.status == "in_progress"
        await say(pilot, "/slut")
        screen = app.screen
        assert isinstance(screen, ScorecardScreen)
        assert practice.session.status == "completed"
        assert shown(screen.query_one("#scorecard")) == practice.scorecard().text()
        await keys(pilot, "f6")
        assert isinstance(app.screen, ExportModal)
        await keys(pilot, "enter")
        assert isinstance(app.screen, ScorecardScreen)
        await keys(pilot, "f6")
        await click(pilot, "#format-json")
        await click(pilot, "#export-do")
        await keys(pilot, "f7")
        note = app.screen
        assert isinstance(note, NoteViewScreen)
        text = note.query_one(TextArea).text
        assert "## Øvelsen" in text and OPEN_QUESTION in text and TRICKY in text
        await keys(pilot, "escape", "escape")
        assert isinstance(app.screen, HomeScreen)
        assert side_entries(app.screen, "note")[0].startswith(f"Øvelse med {persona.name}")

    run(create_app(store, guide=mini, persona=persona, seed=SEED), scenario)
    markdown = (tmp_path / f"samtale-{state['id']}.md").read_text(encoding="utf-8")
    assert "## Øvelsen" in markdown and OPEN_QUESTION in markdown
    data = json.loads((tmp_path / f"samtale-{state['id']}.json").read_text(encoding="utf-8"))
    training = data["training"]
    assert training["persona"] == persona.id and not training["trio"]
    assert [t["text"] for t in training["turns"][::2]] == [OPEN_QUESTION, TRICKY]
    assert training["scorecard"]


def test_solo_pause_and_resume_from_home(store: Store, mini: Guide, persona: Persona) -> None:
    state: dict[str, Any] = {}

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        practice = solo(app).practice
        state["id"] = practice.session.id
        await say(pilot, OPEN_QUESTION)
        state["reply"] = practice.turns[-1].text
        await keys(pilot, "f5")
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert any(practice.session.id in message for _, message in app.notices)
        assert side_entries(home, "fortsaet")[0].startswith(f"Øvelse med {persona.name}")
        await keys(pilot, "tab", "enter")
        again = solo(app)
        assert again.practice.session.id == state["id"]
        log = log_text(app)
        assert OPEN_QUESTION in log and state["reply"] in log
        await say(pilot, REFLECTION)
        await keys(pilot, "ctrl+q")

    run(create_app(store, guide=mini, persona=persona, seed=SEED), scenario)
    kinds = [e.kind for e in store.events(state["id"])]
    assert kinds[-1] == "pause" and kinds.count("say") == 2

    async def by_id(app: SamtaleApp, pilot: Pilot[None]) -> None:
        assert solo(app).practice.session.id == state["id"]
        assert REFLECTION in log_text(app)

    run(create_app(store, session_id=state["id"]), by_id)


# --- trio ---------------------------------------------------------------------------------------
def test_trio_counts_undo_feedback_and_survives_exit(
    store: Store, mini: Guide, persona: Persona
) -> None:
    state: dict[str, Any] = {}
    feedback = f"God start {TRICKY}\nFlere refleksioner"

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        screen = trio(app)
        state["id"] = screen.session.id
        assert persona.card.situation.split("\n")[0] in shown(screen.query_one("#persona-card"))
        assert "Hvad vil du gerne kaldes?" in shown(screen.query_one("#scaffold-question"))
        await keys(pilot, "a", "a", "l", "s", "k")
        assert counts(screen) == dict.fromkeys(TALLY_KEYS, 0) | {"a": 2, "l": 1, "s": 1, "k": 1}
        await keys(pilot, "backspace")
        assert (
            counts(screen)["k"] == 0 and screen.practice.tally.counts[Code.COMPLEX_REFLECTION] == 0
        )
        await click(pilot, "#count-o")
        assert counts(screen)["o"] == 1
        assert shown(screen.query_one("#tally-live"))
        await keys(pilot, "f4")
        assert screen.query_one("#feedback", TextArea).has_focus
        screen.query_one("#feedback", TextArea).insert(feedback)
        await keys(pilot, *"aks", "backspace")
        assert counts(screen)["a"] == 2 and counts(screen)["k"] == 0
        state["typed"] = screen.query_one("#feedback", TextArea).text
        assert state["typed"] == feedback + "ak"
        app.exit()

    run(create_app(store, guide=mini, persona=persona, trio=True, seed=SEED), scenario)

    practice = Practice.open(store, state["id"])
    assert practice.trio and practice.feedback == state["typed"]
    assert {c: n for c, n in practice.tally.counts.items() if n} == {
        Code.OPEN_QUESTION: 2,
        Code.CLOSED_QUESTION: 1,
        Code.SIMPLE_REFLECTION: 1,
        Code.SUMMARY: 1,
    }
    practice.close()

    async def reopened(app: SamtaleApp, pilot: Pilot[None]) -> None:
        screen = trio(app)
        assert counts(screen)["a"] == 2 and counts(screen)["o"] == 1
        assert screen.query_one("#feedback", TextArea).text == state["typed"]
        await keys(pilot, "backspace")  # the last count before the exit was 'o'
        assert counts(screen)["o"] == 0
        await keys(pilot, "f10")
        card = app.screen
        assert isinstance(card, ScorecardScreen)
        assert shown(card.query_one("#feedback-text")) == state["typed"]
        assert shown(card.query_one("#scorecard")) == screen.practice.scorecard().text()

    run(create_app(store, session_id=state["id"]), reopened)
    assert store.get_session(state["id"]).status == "completed"


def test_trio_feedback_saves_itself(
    store: Store, mini: Guide, persona: Persona, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(TrioPracticeScreen, "AUTOSAVE", 0.05)

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        screen = trio(app)
        await keys(pilot, "f4", *"Godt lyttet")
        await pilot.pause(0.2)
        with open_store(store.data_dir) as other:
            saved = [
                e.data["text"] for e in other.events(screen.session.id) if e.kind == "feedback"
            ]
        assert saved[-1] == "Godt lyttet"
        assert shown(screen.query_one("#feedback-state")) == "Gemt."
        await keys(pilot, "f4", "b")
        assert screen.practice.tally.counts[Code.AFFIRMATION] == 1
        await keys(pilot, "f1")
        assert isinstance(app.screen, InfoModal)
        help_text = texts(app.screen)
        assert all(LABELS[code] in help_text for code in TALLY_KEYS.values())

    run(create_app(store, guide=mini, persona=persona, trio=True, seed=SEED), scenario)


def test_trio_started_from_home_and_exported(
    store: Store, mini: Guide, persona: Persona, tmp_path: Path
) -> None:
    state: dict[str, Any] = {}

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "o", "enter", "enter", "down", "enter", "tab", "enter")
        screen = trio(app)
        state["id"] = screen.session.id
        await keys(pilot, "a", "r", "m")
        await keys(pilot, "ctrl+s")  # nothing typed: saving is harmless
        await keys(pilot, "f10")
        assert isinstance(app.screen, ScorecardScreen)
        await keys(pilot, "f6")
        await click(pilot, "#format-json")
        await click(pilot, "#export-do")

    run(create_app(store, guides=[mini], seed=SEED), scenario)
    data = json.loads((tmp_path / f"samtale-{state['id']}.json").read_text(encoding="utf-8"))
    assert data["training"]["trio"] is True
    assert data["training"]["tally"] == {"open_question": 1, "persuade": 1, "confront": 1}


def test_practice_whose_persona_is_gone_opens_as_note(
    store: Store, mini: Guide, persona: Persona, monkeypatch: pytest.MonkeyPatch
) -> None:
    practice = Practice.start(store, mini, persona, seed=SEED)
    practice.say(OPEN_QUESTION)
    practice.session.pause()
    practice.close()

    def gone(name: str) -> Persona:
        raise LookupError(name)

    monkeypatch.setattr("assistant.practice.find_persona", gone)

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        assert isinstance(app.screen, NoteViewScreen)
        assert any("findes ikke længere" in message for _, message in app.notices)
        assert OPEN_QUESTION in app.screen.query_one(TextArea).text

    run(create_app(store, session_id=practice.session.id), scenario)
