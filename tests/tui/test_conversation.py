"""A conversation under way: answering, skipping, pausing, help, the palette, a full disk."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, OptionList, SelectionList, Static, TextArea

from assistant.dialogue.model import Guide
from assistant.notes.export import note_to_markdown
from assistant.notes.store import Store
from assistant.session import Session
from assistant.tui.app import SamtaleApp, create_app
from assistant.tui.screens.conversation import ConversationScreen
from assistant.tui.screens.end import EndScreen
from assistant.tui.screens.home import HomeScreen
from assistant.tui.screens.modals import EditAnswerModal, InfoModal
from assistant.tui.screens.notes import NoteViewScreen
from assistant.tui.widgets.answers import AnswerField

from ..pilot import TRICKY, click, keys, paste, run, shown, side_entries
from .steps import conversation, start_mini, to_free_text


def test_walk_mini_guide_to_the_end(store: Store, on_start: SamtaleApp) -> None:
    state: dict[str, Any] = {}

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        session = await start_mini(app, pilot)
        state["id"] = session.id
        screen = conversation(app)
        assert "Hvad vil du gerne kaldes?" in shown(screen.query_one("#question"))
        assert "Hvad kalder dine venner dig?" in shown(screen.query_one("#examples"))

        await keys(pilot, *"Anna")
        await keys(pilot, "ctrl+s")
        assert session.step_id == "trivsel"
        assert "Hvordan har Anna det?" in shown(screen.query_one("#question"))

        # Back: the answer comes back for editing.
        await keys(pilot, "f2")
        assert session.step_id == "navn"
        area = screen.query_one(TextArea)
        assert area.text == "Anna"
        await keys(pilot, *" B")
        await keys(pilot, "ctrl+s")
        assert session.answers["navn"] == "Anna B"

        # Named scale as a list: second option.
        await keys(pilot, "down", "enter")
        assert session.answers["trivsel"] == "gul" and session.step_id == "tal_a"
        # Numeric scale as buttons: a click, then arrow keys and Enter.
        await click(pilot, "#skala-2")
        assert session.answers["tal_a"] == 2 and session.step_id == "tal_b"
        assert "3 = Ofte" in shown(screen.query_one(".scale-labels"))
        await keys(pilot, "right", "right", "enter")
        assert session.answers["tal_b"] == 3

        # The hub: themes listed, first one chosen with Enter.
        assert session.step_id == "valg"
        hub = screen.query_one(OptionList)
        labels = [str(hub.get_option_at_index(i).prompt) for i in range(hub.option_count)]
        assert labels == ["Mad", "Venner", "Afslut temaerne og gå videre"]
        assert "1 Mad" in shown(screen.query_one("#legend"))
        await keys(pilot, "enter")
        assert session.step_id == "mad_ret"

        # Multiple choice: tick two, write "andet", save.
        await keys(pilot, "space", "down", "down", "space")
        assert screen.query_one(SelectionList).selected == ["Frikadeller", "Fisk"]
        await click(pilot, "#answer-other")
        await keys(pilot, *"kage")
        await keys(pilot, "ctrl+s")
        assert session.answers["mad_ret"] == ["Frikadeller", "Fisk", "andet: kage"]
        assert session.step_id == "valg"
        assert "✓ 1 Mad" in shown(screen.query_one("#legend"))
        hub = screen.query_one(OptionList)
        assert str(hub.get_option_at_index(0).prompt) == "Mad ✓"

        # Into Venner, out again with "vælg tema" (not done), in again, answer Ja.
        await keys(pilot, "down", "enter")
        assert session.step_id == "venner_ja"
        await keys(pilot, "f4")
        assert session.step_id == "valg" and "venner" not in session.done
        await keys(pilot, "down", "enter")
        await click(pilot, "#svar-ja")
        assert session.answers["venner_ja"] is True and session.done == {"mad", "venner"}

        # Leave the hub.
        await keys(pilot, "down", "down", "enter")
        assert session.step_id == "aftaler_trin"

        # Action plan rows: Hvad / Hvem / Hvornår, a second row added.
        await keys(pilot, *"Ring til datter", "tab", *"SSA", "tab", *"24-12-2030")
        await click(pilot, "#add-row")
        await keys(pilot, *"Blomster", "tab", *"Ib")
        await keys(pilot, "ctrl+s")
        assert session.answers["aftaler"] == [
            {"hvad": "Ring til datter", "hvem": "SSA", "hvornår": "2030-12-24"},
            {"hvad": "Blomster", "hvem": "Ib", "hvornår": ""},
        ]
        assert session.step_id == "dato"

        # A date that cannot be read: message next to the input; then skip the step.
        await keys(pilot, *"blabla", "enter")
        error = screen.query_one("#error", Static)
        assert error.display and "ikke en dato" in shown(error)
        await keys(pilot, "f3")
        assert session.at_end

        # The end screen: the skipped date is missing and can be filled in.
        end = app.screen
        assert isinstance(end, EndScreen)
        text = "\n".join(shown(s) for s in end.query(Static))
        assert "Der mangler svar" in text and "Opfølgning" in text
        assert "Anna B" in text, text
        table = end.query_one("#actions-table", DataTable)
        assert [str(c) for c in table.get_row_at(0)] == ["Ring til datter", "SSA", "24-12-2030"]
        await click(pilot, "#udfyld-dato")
        assert isinstance(app.screen, EditAnswerModal)
        await keys(pilot, *"1-2-2031", "enter")
        assert isinstance(app.screen, EndScreen)
        assert session.answers["dato"] == "2031-02-01"
        assert not end.query("#udfyld-dato")

        # Correct an answer while reviewing.
        await click(pilot, "#ret-navn")
        await keys(pilot, "ctrl+s")  # unchanged is fine
        await click(pilot, "#ret-trivsel")
        await keys(pilot, "down", "enter")
        assert session.answers["trivsel"] == "roed"

        assert "Skriv noten" in [shown(s) for s in end.query_one("#after").query(Static)]
        await click(pilot, "#complete")
        assert session.status == "completed"
        assert any("afsluttet" in message for _, message in app.notices)

    run(on_start, scenario)

    session = Session.open(store, state["id"])
    note = session.note()
    assert note.status == "completed" and note.borger == "AB"
    values = {a.key: a.value for a in note.answers}
    assert values["navn"] == "Anna B"
    assert values["trivsel"] == "roed"
    assert values["tal_a"] == 2 and values["tal_b"] == 3 and values["sum"] == 5
    assert values["mad_ret"] == ["Frikadeller", "Fisk", "andet: kage"]
    assert values["venner_ja"] is True
    assert [(a.what, a.who, a.when) for a in note.actions] == [
        ("Ring til datter", "SSA", "2030-12-24"),
        ("Blomster", "Ib", ""),
    ]
    assert note.followup == "2031-02-01"
    assert note.missing == []
    session.close()


def test_markup_emoji_and_long_text_show_as_typed(store: Store, mini: Guide) -> None:
    long_text = TRICKY + " " + "lang tekst [/] [red]x " * 227 + "slut"
    assert len(long_text) > 5000
    state: dict[str, Any] = {}

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        session = await start_mini(app, pilot, borger="[b]")
        state["id"] = session.id
        screen = conversation(app)
        # Typed key by key (the emoji arrives as a paste, as from the terminal).
        await keys(pilot, *"[bold]x[/] ")
        await paste(pilot, "🙂")
        await keys(pilot, *" æøå ")
        await paste(pilot, long_text[len(TRICKY) + 1 :])
        area = screen.query_one(TextArea)
        assert area.text == long_text
        await keys(pilot, "ctrl+s")
        assert session.answers["navn"] == long_text
        assert f"Hvordan har {long_text} det?" == shown(screen.query_one("#question"))
        assert long_text in shown(screen.query_one("#transcript"))
        assert "Borger: [b]" in app.screen.sub_title

        # To the end and on the end screen.
        for _ in range(6):
            await keys(pilot, "f3")
        end = app.screen
        assert isinstance(end, EndScreen)
        assert long_text in [shown(s) for s in end.query(Static)]
        await click(pilot, "#ret-navn")
        assert isinstance(app.screen, EditAnswerModal)
        assert app.screen.query_one(TextArea).text == long_text
        await keys(pilot, "escape")

    run(create_app(store, guide=mini), scenario)
    assert Session.open(store, state["id"]).answers["navn"] == long_text

    async def notes(app: SamtaleApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "n")
        table = app.screen.query_one(DataTable)
        assert str(table.get_cell_at((0, 0))) == "[b]"
        await keys(pilot, "enter")
        assert isinstance(app.screen, NoteViewScreen)
        text = app.screen.query_one(TextArea).text
        assert long_text in text
        assert text == note_to_markdown(Session.open(store, state["id"]).note())

    run(create_app(store, guides=[mini]), notes)


def test_cpr_number_is_masked_and_the_user_told(on_start: SamtaleApp) -> None:
    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        session = await start_mini(app, pilot)
        await keys(pilot, *"Anna 010180-1234")
        await keys(pilot, "ctrl+s")
        assert session.answers["navn"] == "Anna XXXXXX-XXXX"
        assert any(title == "CPR-nummer fjernet" for title, _ in app.notices)

    run(on_start, scenario)


def test_repeated_errors_offer_help_and_skip(on_start: SamtaleApp) -> None:
    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        session = await start_mini(app, pilot)
        screen = conversation(app)
        assert not screen.query_one("#offer-help").display
        for _ in range(3):
            await keys(pilot, "ctrl+s")
        assert screen.query_one("#offer-help").display
        await click(pilot, "#help-button")
        assert isinstance(app.screen, InfoModal)
        help_text = "\n".join(shown(s) for s in app.screen.query(Static))
        assert "F2" in help_text and "Tilbage" in help_text and "Hvad vil du helst" in help_text
        await keys(pilot, "escape")
        await click(pilot, "#offer-skip")
        assert session.step_id == "trivsel"

    run(on_start, scenario)


# --- pause and resume ---------------------------------------------------------------------------
def test_pause_returns_home_and_resume_continues(store: Store, mini: Guide) -> None:
    state: dict[str, Any] = {}

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        session = await start_mini(app, pilot)
        state["id"] = session.id
        await keys(pilot, *"Anna", "ctrl+s")
        await keys(pilot, "f5")
        assert isinstance(app.screen, HomeScreen)
        assert any(session.id in message for _, message in app.notices)
        (entry,) = side_entries(app.screen, "fortsaet")
        assert session.id in entry
        await keys(pilot, "tab", "enter")
        again = conversation(app).session
        assert again.id == session.id and again.step_id == "trivsel"
        assert [e.kind for e in again.events][-2:] == ["pause", "resume"]

    run(create_app(store, guide=mini), scenario)
    assert store.events(state["id"])[-1].kind == "resume"

    async def by_id(app: SamtaleApp, pilot: Pilot[None]) -> None:
        session = conversation(app).session
        assert session.id == state["id"] and session.answers["navn"] == "Anna"
        await keys(pilot, "escape")  # nothing happens on escape in a conversation
        assert isinstance(app.screen, ConversationScreen)

    run(create_app(store, session_id=state["id"]), by_id)


def test_quitting_pauses_the_conversation(store: Store, on_start: SamtaleApp) -> None:
    state: dict[str, Any] = {}

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        session = await start_mini(app, pilot)
        state["id"] = session.id
        await keys(pilot, *"Anna", "ctrl+s")
        await keys(pilot, "ctrl+q")

    run(on_start, scenario)
    assert [e.kind for e in store.events(state["id"])] == ["answer", "pause"]


# --- help and command palette ------------------------------------------------------------------
def test_help_modal_lists_keys_and_step_tips(on_start: SamtaleApp) -> None:
    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        await start_mini(app, pilot)
        await keys(pilot, "f1")
        assert isinstance(app.screen, InfoModal)
        text = "\n".join(shown(s) for s in app.screen.query(Static))
        for expected in (
            "Ctrl+S",
            "Gem svar",
            "F3",
            "Spring over",
            "F5",
            "Pause",
            "Hvad vil du gerne kaldes?",
            "Hvad kalder dine venner dig?",
        ):
            assert expected in text
        await keys(pilot, "escape")
        assert isinstance(app.screen, ConversationScreen)

    run(on_start, scenario)


def test_command_palette_jumps_to_theme(on_start: SamtaleApp) -> None:
    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        session = await start_mini(app, pilot)
        for _ in range(4):
            await keys(pilot, "f3")
        assert session.step_id == "valg"
        await keys(pilot, "ctrl+p")
        await keys(pilot, *"Spring til tema: Venner")
        for _ in range(20):
            await pilot.pause(0.05)
            if app.screen.query("CommandList Option, CommandList"):
                options = app.screen.query_one("CommandList", OptionList)
                if options.option_count:
                    break
        await keys(pilot, "enter")
        await pilot.pause()
        assert session.step_id == "venner_ja"

    run(on_start, scenario)


@pytest.mark.sqlite_only
# --- export -------------------------------------------------------------------------------------
def test_a_full_disk_keeps_the_typed_answer_and_export_saves_it(
    store: Store, tmp_path: Path, on_start: SamtaleApp
) -> None:
    state: dict[str, Any] = {}

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        session = await to_free_text(app, pilot)
        state["id"] = session.id
        conn = store._conn
        conn.execute(f"PRAGMA max_page_count = {conn.execute('PRAGMA page_count').fetchone()[0]}")
        typed = "Anna er faldet i nat [bold]og[/] har ondt " + "meget " * 3000
        await paste(pilot, typed)
        await keys(pilot, "ctrl+s")
        screen = conversation(app)
        error = shown(screen.query_one("#error"))
        assert "fuld" in error and "i behold" in error and "F6" in error
        assert screen.query_one(AnswerField).raw() == typed  # still on screen
        await keys(pilot, "f6")
        await click(pilot, "#export-do")
        assert isinstance(app.screen, ConversationScreen)
        state["typed"] = typed

    run(on_start, scenario)
    exported = (tmp_path / f"samtale-{state['id']}.md").read_text(encoding="utf-8")
    assert "Anna" in exported and "Ikke gemt i Samtale" in exported
    assert "Anna er faldet i nat [bold]og[/] har ondt" in exported
