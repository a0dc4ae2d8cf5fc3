"""Clumsy input in the TUI, driven with the Pilot: strange numbers and dates, Ctrl+S on an
untouched question, Ctrl+Q with an answer half-typed, and keys that arrive in a burst (issue 13)."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static, TextArea

from assistant.dialogue.loader import load_guide
from assistant.notes.store import Store
from assistant.session import Session
from assistant.tui.app import SamtaleApp, create_app
from assistant.tui.screens.conversation import ConversationScreen
from assistant.tui.screens.modals import ConfirmModal

from .conftest import MINI
from .pilot import SIZE, click, keys, paste, shown
from .test_input import BAD_DATES, HUGE

GUIDE = """\
id: tal
version: 1
titel: Tal og datoer
formål: Tal, datoer og valg, som en klodset bruger skriver dem.
brug: samtale
varighed: 5
deltagere: Medarbejder og borger
kilder: ["000"]
afsnit:
  - id: a
    titel: Tal
    trin:
      - id: stor
        titel: Stor skala
        spørg: Hvor mange skridt?
        svar: {type: skala, fra: 0, til: 100, påkrævet: true}
      - id: hvornaar
        titel: Hvornår
        spørg: Hvornår ses I igen?
        svar: {type: dato, påkrævet: true}
      - id: farve
        titel: Farve
        spørg: Hvilken farve?
        valgfri: true
        svar: {type: valg, valgmuligheder: [Rød, Grøn]}
      - id: farvel
        titel: Slut
        spørg: Tak for i dag.
"""
# The mini guide answered up to a step (see tests/fixtures/guides/mini.yaml).
TO_ROWS = ["Oda", "gul", "1", "1", "1", "1, 2", "3"]


def resumed(store: Store, guide_path: Path, answers: list[str]) -> str:
    """A session of the guide with ``answers`` given, closed, ready to be opened in the app."""
    session = Session.start(store, load_guide(guide_path), borger="AB")
    for answer in answers:
        assert session.answer(answer).ok, answer
    session.close()
    return session.id


def conversation(app: SamtaleApp) -> ConversationScreen:
    assert isinstance(app.screen, ConversationScreen), type(app.screen).__name__
    return app.screen


def error_text(app: SamtaleApp) -> str:
    error = conversation(app).query_one("#error", Static)
    return shown(error) if error.display else ""


async def run_app(app: SamtaleApp, scenario) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await scenario(app, pilot)


def play(app: SamtaleApp, scenario) -> None:
    import asyncio

    asyncio.run(run_app(app, scenario))


async def enter_value(pilot: Pilot[None], text: str) -> None:
    """Empty the focused one-line input, paste ``text`` into it and press Enter."""
    field = pilot.app.focused
    assert isinstance(field, Input), field
    field.value = ""
    await paste(pilot, text)
    assert field.value == text
    await keys(pilot, "enter")


def burst(app: SamtaleApp, *names: str) -> None:
    """Keys as a fast typist or a paste-like burst sends them: all queued at once, without
    waiting for the app to handle each one (``pilot.press`` waits between keys)."""
    for name in names:
        event = events.Key(name, name if len(name) == 1 else None)
        event.set_sender(app)
        assert app._driver is not None
        app._driver.send_message(event)


# --- numbers and dates ------------------------------------------------------------------------
def test_strange_numbers_and_dates_give_a_message_and_the_question_again(
    store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "tal.yaml"
    path.write_text(GUIDE, encoding="utf-8")
    session_id = resumed(store, path, [])

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        session = conversation(app).session
        for bad in ["²", "٣", HUGE, "101", "-" + HUGE]:
            await enter_value(pilot, bad)
            assert session.step_id == "stor" and session.answers == {}
            message = error_text(app)
            assert "fra 0 til 100" in message and HUGE not in message, message[:200]
        await enter_value(pilot, "42")
        assert session.answers == {"stor": 42} and session.step_id == "hvornaar"
        for bad in BAD_DATES:
            await enter_value(pilot, bad)
            assert app.is_running and session.step_id == "hvornaar", bad[:20]
            message = error_text(app)
            assert message and len(message) < 300 and HUGE not in message, message[:200]
        assert "for langt ude i fremtiden" not in error_text(app)  # the last one: 5000 digits
        await enter_value(pilot, "om 999999999 dage")
        assert "for langt ude i fremtiden" in error_text(app)
        await enter_value(pilot, "31-02-2027")
        assert "findes ikke i kalenderen" in error_text(app)
        assert list(session.answers) == ["stor"]
        await enter_value(pilot, "om 2 uger")
        assert session.step_id == "farve"

    play(create_app(store, session_id=session_id), scenario)


def test_a_date_out_of_range_in_an_action_plan_row_is_a_message(store: Store) -> None:
    session_id = resumed(store, MINI, TO_ROWS)

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        session = conversation(app).session
        assert session.step_id == "aftaler_trin"
        await keys(pilot, *"Gå en tur", "tab", "tab")
        await paste(pilot, "om 100000 måneder")
        await keys(pilot, "ctrl+s")
        assert app.is_running and session.step_id == "aftaler_trin"
        assert "Række 1, Hvornår" in error_text(app)
        assert "for langt ude i fremtiden" in error_text(app)
        assert "aftaler" not in session.answers

    play(create_app(store, session_id=session_id), scenario)
