"""Clumsy input in the TUI, driven with the Pilot: strange numbers and dates, Ctrl+S on an
untouched question, Ctrl+Q with an answer half-typed, and keys that arrive in a burst (issue 13)."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, Static, TextArea

from assistant.dialogue.loader import load_guide
from assistant.notes.store import Store
from assistant.session import Session
from assistant.tui.app import SamtaleApp, create_app
from assistant.tui.screens.conversation import ConversationScreen
from assistant.tui.screens.modals import ConfirmModal, EditAnswerModal

from ..conftest import MINI
from ..pilot import click, keys, paste, run, shown
from ..session.test_input import BAD_DATES, HUGE

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

    run(create_app(store, session_id=session_id), scenario)


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

    run(create_app(store, session_id=session_id), scenario)


# --- Ctrl+S on an untouched question ------------------------------------------------------------
def test_ctrl_s_on_an_untouched_choice_scale_or_yes_no_saves_nothing(store: Store) -> None:
    """Only what the staff member chose is saved: Ctrl+S before choosing anything says so."""
    session_id = resumed(store, MINI, ["Oda"])

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        session = conversation(app).session
        assert session.step_id == "trivsel"  # a named scale: a list
        await keys(pilot, "ctrl+s")
        assert session.step_id == "trivsel" and "trivsel" not in session.answers
        assert "Vælg et svar først" in error_text(app)
        await keys(pilot, "down", "up", "ctrl+s")  # moved there: chosen
        assert session.answers["trivsel"] == "groen" and session.step_id == "tal_a"
        await keys(pilot, "f2", "ctrl+s")  # back: the stored answer is chosen and kept
        assert session.answers["trivsel"] == "groen" and session.step_id == "tal_a"
        await keys(pilot, "ctrl+s")  # numeric scale buttons, the first one focused
        assert session.step_id == "tal_a" and "tal_a" not in session.answers
        assert "Vælg et svar først" in error_text(app)
        await click(pilot, "#save")  # the button is the same as the key
        assert session.step_id == "tal_a" and "Vælg et svar først" in error_text(app)
        await click(pilot, "#skala-1")
        assert session.answers["tal_a"] == 1
        await keys(pilot, "right", "ctrl+s")
        assert session.answers["tal_b"] == 2 and session.step_id == "valg"
        await keys(pilot, "ctrl+s")  # the hub: no theme is taken unasked
        assert session.step_id == "valg" and not session.done
        await keys(pilot, "down", "enter")
        assert session.step_id == "venner_ja"
        await keys(pilot, "ctrl+s")  # yes/no: "Ja" has the focus, but was not chosen
        assert session.step_id == "venner_ja" and "venner_ja" not in session.answers
        assert "Vælg et svar først" in error_text(app)
        await keys(pilot, "right", "left", "ctrl+s")
        assert session.answers["venner_ja"] is True

    run(create_app(store, session_id=session_id), scenario)


def test_ctrl_s_on_an_untouched_optional_question_saves_nothing(
    store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "tal.yaml"
    path.write_text(GUIDE, encoding="utf-8")
    session_id = resumed(store, path, ["3", "i morgen"])

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        session = conversation(app).session
        assert session.step_id == "farve"
        await keys(pilot, "ctrl+s")
        assert session.step_id == "farve" and "farve" not in session.answers
        assert "Vælg et svar først" in error_text(app) and "F3" in error_text(app)
        await keys(pilot, "f3")
        assert session.step_id == "farvel" and "farve" not in session.answers

    run(create_app(store, session_id=session_id), scenario)


def test_filling_in_a_missing_choice_at_the_end_needs_a_choice(store: Store) -> None:
    session = Session.start(store, load_guide(MINI), borger="AB")
    for answer in ["Oda"]:
        assert session.answer(answer).ok
    while session.step is not None:  # skip the rest: trivsel is missing at the end
        assert session.skip().ok
    session.close()

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        await click(pilot, "#udfyld-trivsel")
        modal = app.screen
        assert isinstance(modal, EditAnswerModal)
        await keys(pilot, "ctrl+s")
        assert app.screen is modal
        assert "Vælg et svar først" in shown(modal.query_one("#edit-error", Static))
        assert "trivsel" not in modal.session.answers
        await keys(pilot, "down", "enter")
        assert app.screen is not modal and modal.session.answers["trivsel"] == "gul"

    run(create_app(store, session_id=session.id), scenario)


# --- Ctrl+Q with an answer half-typed -----------------------------------------------------------
def test_ctrl_q_asks_before_throwing_away_a_half_typed_answer(store: Store) -> None:
    session_id = resumed(store, MINI, [])

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        screen = conversation(app)
        await keys(pilot, *"Ann")
        await keys(pilot, "ctrl+q")
        modal = app.screen
        assert app.is_running and isinstance(modal, ConfirmModal)
        assert "ikke er gemt" in shown(modal.query_one("#confirm-question", Static))
        await keys(pilot, "ctrl+q")  # pressed again: still the one question
        assert app.screen is modal and len(app.screen_stack) == 3
        await keys(pilot, "escape")  # no: back to the answer, as it was
        assert app.screen is screen and screen.query_one(TextArea).text == "Ann"
        assert screen.session.answers == {}
        await keys(pilot, "ctrl+q")
        assert isinstance(app.screen, ConfirmModal)
        await click(pilot, "#confirm-yes")
        assert not app.is_running

    run(create_app(store, session_id=session_id), scenario)
    events = [e.kind for e in store.events(session_id)]
    assert events[-1] == "pause" and "answer" not in events  # paused, and resumable


def test_ctrl_q_asks_for_typed_action_plan_rows_and_a_typed_date(store: Store) -> None:
    session_id = resumed(store, MINI, TO_ROWS)

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        await keys(pilot, *"Gå en tur")
        await keys(pilot, "ctrl+q")
        assert isinstance(app.screen, ConfirmModal)
        await click(pilot, "#confirm-no")
        await keys(pilot, "ctrl+s")  # saved: nothing half-typed any more
        assert conversation(app).session.step_id == "dato"
        await keys(pilot, *"24-12")
        await keys(pilot, "ctrl+q")
        assert isinstance(app.screen, ConfirmModal)
        await click(pilot, "#confirm-yes")
        assert not app.is_running

    run(create_app(store, session_id=session_id), scenario)


# --- keys in a burst ----------------------------------------------------------------------------
def test_tab_keys_in_a_burst_each_move_on_and_text_lands_in_its_field(store: Store) -> None:
    session_id = resumed(store, MINI, TO_ROWS)

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        screen = conversation(app)
        chain = list(screen.focus_chain)
        start = chain.index(app.focused)
        burst(app, "tab", "tab", "tab")
        await pilot.pause()
        assert chain.index(app.focused) == start + 3
        burst(app, "shift+tab", "shift+tab", "shift+tab")
        await pilot.pause()
        assert chain.index(app.focused) == start
        burst(app, *"Ring", "tab", *"SSA", "tab", *"24-12-2030")
        await pilot.pause()
        cells = [i.value for i in screen.query(".row-cell").results(Input)]
        assert cells == ["Ring", "SSA", "24-12-2030"]
        await click(pilot, "#add-row")
        burst(app, *"Bad", "enter", *"KB", "enter", *"i morgen")  # Enter moves on like Tab
        await pilot.pause()
        cells = [i.value for i in screen.query(".row-cell").results(Input)]
        assert cells[3:] == ["Bad", "KB", "i morgen"]
        await keys(pilot, "ctrl+s")
        assert [r["hvad"] for r in screen.session.answers["aftaler"]] == ["Ring", "Bad"]

    run(create_app(store, session_id=session_id), scenario)


# --- practice -----------------------------------------------------------------------------------
def test_practice_input_keeps_a_mistyped_command_and_asks_before_closing(store: Store) -> None:
    from assistant.roleplay.persona import bundled_personas
    from assistant.tui.screens.practice import SoloPracticeScreen

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        screen = app.screen
        assert isinstance(screen, SoloPracticeScreen)
        field = screen.query_one("#say", Input)
        await keys(pilot, *"/pasue", "enter")
        assert screen.practice.turns == [] and field.value == "/pasue"  # kept to be corrected
        title, message = app.notices[-1]
        assert "Ukendt kommando: /pasue" in message and "/pause" in message
        field.value = ""
        await keys(pilot, *"//Hvordan har du det?", "enter")
        assert screen.practice.turns[0].text == "/Hvordan har du det?" and field.value == ""
        await keys(pilot, *"Hvor")
        await keys(pilot, "ctrl+q")
        assert isinstance(app.screen, ConfirmModal)
        assert "resten af øvelsen er gemt" in app.screen.question
        await click(pilot, "#confirm-yes")
        assert not app.is_running

    guide = load_guide(MINI)
    run(create_app(store, guide=guide, persona=bundled_personas()[0], seed=11), scenario)


def test_a_key_typed_right_after_ctrl_s_is_not_saved_in_the_answer(store: Store) -> None:
    session_id = resumed(store, MINI, ["Oda", "rød"])

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        session = conversation(app).session
        assert session.step_id == "akut"
        burst(app, *"Ring", "ctrl+s", *"12")
        await pilot.pause()
        await pilot.pause()
        assert session.answers["akut"] == "Ring" and session.step_id == "tal_a"

    run(create_app(store, session_id=session_id), scenario)


def test_a_key_typed_right_after_enter_is_not_saved_in_a_date(store: Store) -> None:
    session_id = resumed(store, MINI, [*TO_ROWS, "Gå en tur ; Oda"])

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        session = conversation(app).session
        assert session.step_id == "dato"
        burst(app, *"24-12-2030", "enter", *"99")
        await pilot.pause()
        await pilot.pause()
        assert session.answers["dato"] == "2030-12-24" and session.at_end

    run(create_app(store, session_id=session_id), scenario)


def test_a_key_typed_right_after_enter_is_not_saved_in_andet(store: Store) -> None:
    session_id = resumed(store, MINI, ["Oda", "gul", "1", "1", "1"])

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        session = conversation(app).session
        assert session.step_id == "mad_ret"
        await click(pilot, "#answer-other")
        burst(app, *"kage", "enter", *"99")
        await pilot.pause()
        await pilot.pause()
        assert session.answers["mad_ret"] == ["andet: kage"]

    run(create_app(store, session_id=session_id), scenario)


def test_keys_in_a_burst_are_handled_one_after_another(store: Store) -> None:
    """A burst (a fast typist, a slow connection) is handled as if typed slowly: Backspace,
    arrow keys, Space and Ctrl+S each act before the next key, so what is saved is what the
    keys say, never an earlier or later state."""
    session_id = resumed(store, MINI, ["Oda", "rød"])

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        session = conversation(app).session

        async def press(*names: str) -> None:
            burst(app, *names)
            for _ in range(4):
                await pilot.pause()

        await press(*"abc", "backspace", "ctrl+s")
        assert session.answers["akut"] == "ab" and session.step_id == "tal_a"
        await press("right", "enter")  # scale buttons: 1, right to 2, Enter
        assert session.answers["tal_a"] == 2 and session.step_id == "tal_b"
        await press("right", "right", "left", "ctrl+s")
        assert session.answers["tal_b"] == 2 and session.step_id == "valg"
        await press("down", "ctrl+s")  # the hub: the second theme
        assert session.step_id == "venner_ja"
        await press("f4", "enter")  # back to the hub, take Mad
        assert session.step_id == "mad_ret"
        await press("space", "down", "down", "space", "ctrl+s")
        assert session.answers["mad_ret"] == ["Frikadeller", "Fisk"]

    run(create_app(store, session_id=session_id), scenario)
