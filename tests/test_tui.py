"""The Textual front end, driven through the real app with the Pilot (keys and clicks)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, OptionList, SelectionList, Static, TextArea

from assistant.dialogue.library import GuideError, find_guide, guides_dir
from assistant.dialogue.model import Guide, Step
from assistant.notes.export import note_to_markdown
from assistant.notes.store import ListFilter, Store
from assistant.session import LEAVE_HUB, Session
from assistant.tui.app import SamtaleApp, create_app
from assistant.tui.screens.conversation import ConversationScreen
from assistant.tui.screens.end import EndScreen
from assistant.tui.screens.home import HomeScreen
from assistant.tui.screens.modals import ConfirmModal, EditAnswerModal, ExportModal, InfoModal
from assistant.tui.screens.notes import NotesScreen, NoteViewScreen
from assistant.tui.screens.start import StartScreen
from assistant.tui.widgets.answers import AnswerField, LineField, ScaleField
from assistant.tui.widgets.checklist import CheckItem, Checklist

from .pilot import TRICKY, click, keys, paste, run, shown, side_entries


def conversation(app: SamtaleApp) -> ConversationScreen:
    assert isinstance(app.screen, ConversationScreen), type(app.screen).__name__
    return app.screen


async def start_mini(app: SamtaleApp, pilot: Pilot[None], borger: str = "AB") -> Session:
    """From the start screen: type the pseudonym and press Start."""
    assert isinstance(app.screen, StartScreen)
    await keys(pilot, *borger)
    await click(pilot, "#start-button")
    return conversation(app).session


# --- home -------------------------------------------------------------------------------------
def test_home_lists_guides_grouped_by_use(store: Store, mini: Guide) -> None:
    meeting = dataclasses.replace(mini, id="mote", title="Et teammøde", use="teammøde")
    reflection = dataclasses.replace(
        mini, id="refl", title="Refleksion [red]nu[/]", use="refleksion"
    )

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        assert isinstance(app.screen, HomeScreen)
        options = app.screen.query_one("#guide-list", OptionList)
        texts = [
            str(getattr(options.get_option_at_index(i).prompt, "plain", ""))
            for i in range(options.option_count)
        ]
        joined = "\n".join(texts)
        assert joined.index("Samtale med borger") < joined.index("Mini-guide til test")
        assert joined.index("Teammøde") < joined.index("Et teammøde")
        assert joined.index("Refleksion og udvikling") < joined.index("Refleksion [red]nu[/]")
        assert "ca. 10 min" in joined and mini.purpose.strip() not in joined
        # The highlighted guide's purpose is shown below the list, from the first paint on.
        purpose = app.screen.query_one("#guide-purpose", Static)
        assert mini.purpose.strip() in shown(purpose) and "Mini-guide til test" in shown(purpose)
        await keys(pilot, "down")
        assert "Et teammøde" in shown(purpose) and "Teammøde" in shown(purpose)
        await keys(pilot, "up")
        assert "Mini-guide til test" in shown(purpose)
        # Enter on the highlighted (first) guide opens its start screen.
        await keys(pilot, "enter")
        assert isinstance(app.screen, StartScreen) and app.screen.guide.id == "mini"
        await keys(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)

    run(create_app(store, guides=[reflection, meeting, mini]), scenario)


def test_home_lists_the_bundled_guides(store: Store) -> None:
    present = {
        name
        for name in ("vaerdighedshjulet", "borgergennemgang")
        if (guides_dir() / f"{name}.yaml").exists()
    }

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert home.problems == []
        assert present <= {g.id for g in home.guides}
        options = home.query_one("#guide-list", OptionList)
        joined = "\n".join(
            str(getattr(options.get_option_at_index(i).prompt, "plain", ""))
            for i in range(options.option_count)
        )
        for guide in home.guides:
            assert guide.title in joined and guide.use_label in joined
        assert side_entries(home, "gruppe") == ["Samtaler i gang", "Seneste noter"]
        assert side_entries(home, "tom") == [
            "Ingen samtaler er i gang.",
            "Der er ingen afsluttede noter endnu.",
        ]
        assert home.query_one("#side-list", OptionList).highlighted is None

    run(create_app(store), scenario)


def test_home_names_a_broken_guide_and_lists_the_others(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A guide file edited into errors does not stop the program: the home screen lists the
    other guides and says which file is broken and where, with its text shown as typed."""
    import shutil

    from assistant.dialogue import index

    folder = tmp_path / "dialogues"
    shutil.copytree(guides_dir(), folder)
    (folder / "[b]ødelagt.yaml").write_text("id: x\ntitel: [\n", encoding="utf-8")
    monkeypatch.setattr(index, "guides_dir", lambda: folder)

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        home = app.screen
        assert isinstance(home, HomeScreen) and len(home.problems) == 1
        error = shown(home.query_one(".error", Static))
        assert error.startswith("Disse guider har fejl og kan ikke bruges lige nu:\n• ")
        assert "[b]ødelagt.yaml:3:1: YAML-fejl" in error
        assert {g.id for g in home.guides} >= {"vaerdighedshjulet", "borgergennemgang"}

    run(create_app(store), scenario)


def test_home_lists_the_latest_paused_conversations_and_counts_the_rest(
    store: Store, mini: Guide, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Conversations left paused pile up over the years; the home screen shows the most recent
    (10; 2 here) and says how many there are. All of them are on the notes screen."""
    from assistant.tui.screens import home

    monkeypatch.setattr(home, "IN_PROGRESS", 2)
    for borger in ("AB", "CD", "EF"):
        Session.start(store, mini, borger=borger).close()

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        screen = app.screen
        firsts = [entry.split()[0] for entry in side_entries(screen, "fortsaet")]
        assert firsts == ["EF", "CD"]
        headings = side_entries(screen, "gruppe")
        assert headings == ["Samtaler i gang (de 2 seneste af 3)", "Seneste noter"]
        await keys(pilot, "n")
        assert len(side_entries(screen, "fortsaet")) == 2
        assert app.screen.query_one(DataTable).row_count == 3

    run(create_app(store), scenario)


def test_home_and_notes_read_the_store_once_per_visit(
    store: Store, mini: Guide, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every screen returns to the home screen, at the bottom of the stack. The home screen's two
    lists and the notes table are read from the store once when shown (both were read twice on
    the first show), and again on every return."""
    Session.start(store, mini, borger="AB").close()
    reads: list[str | None] = []
    list_sessions = store.list_sessions

    def counting(where: ListFilter) -> Any:
        reads.append(where.status)
        return list_sessions(where)

    monkeypatch.setattr(store, "list_sessions", counting)

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        home = app.screen
        assert isinstance(home, HomeScreen) and app.screen_stack == [home]
        assert sorted(map(str, reads)) == ["completed", "in_progress"]
        assert len(side_entries(home, "fortsaet")) == 1
        reads.clear()
        await keys(pilot, "n")
        assert isinstance(app.screen, NotesScreen)
        assert reads == [None]  # the notes table, once
        await keys(pilot, "enter")
        assert isinstance(app.screen, NoteViewScreen)
        reads.clear()
        await keys(pilot, "escape")
        assert isinstance(app.screen, NotesScreen) and reads == [None]
        reads.clear()
        await keys(pilot, "escape")
        assert app.screen is home and app.screen_stack == [home]
        assert sorted(map(str, reads)) == ["completed", "in_progress"]

    run(create_app(store), scenario)


def test_home_side_list_resumes_a_conversation_and_opens_a_note(store: Store, mini: Guide) -> None:
    """One list on the right: the arrow keys run from the paused conversations into the latest
    notes (past the headings); Enter resumes one or opens the other, and the highlight is where
    it was on return."""
    paused = Session.start(store, mini, borger="AB")
    paused.close()
    done = Session.start(store, mini, borger="CD")
    while not done.at_end:
        done.skip()
    assert done.complete(force=True).ok
    done.close()

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        home = app.screen
        side = home.query_one("#side-list", OptionList)
        assert side_entries(home, "gruppe") == ["Samtaler i gang", "Seneste noter"]
        await keys(pilot, "tab")
        assert app.focused is side
        assert side.highlighted_option is not None
        assert side.highlighted_option.id == f"fortsaet-{paused.id}"
        await keys(pilot, "down")
        assert side.highlighted_option.id == f"note-{done.id}"  # the heading is passed over
        await keys(pilot, "enter")
        assert isinstance(app.screen, NoteViewScreen) and app.screen.session_id == done.id
        await keys(pilot, "escape")
        assert app.screen is home and side.highlighted_option.id == f"note-{done.id}"
        await keys(pilot, "up", "enter")
        assert conversation(app).session.id == paused.id

    run(create_app(store), scenario)


def test_home_footer_keys_open_notes_and_practice_by_mouse(store: Store, mini: Guide) -> None:
    """The footer is the home screen's buttons: a mouse user clicks "Noter" and "Øv en samtale"."""
    from textual.widgets._footer import FooterKey

    from assistant.tui.screens.practice import PracticeStartScreen

    Session.start(store, mini, borger="AB").close()

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert side_entries(home, "gruppe") == ["Samtaler i gang", "Seneste noter"]
        assert side_entries(home, "tom") == ["Der er ingen afsluttede noter endnu."]

        def footer_key(label: str) -> FooterKey:
            return next(key for key in home.query(FooterKey) if key.description == label)

        await pilot.click(footer_key("Noter"))
        await pilot.pause()
        assert isinstance(app.screen, NotesScreen)
        await keys(pilot, "escape")
        assert app.screen is home
        await pilot.click(footer_key("Øv en samtale"))
        await pilot.pause()
        assert isinstance(app.screen, PracticeStartScreen)

    run(create_app(store, guides=[mini]), scenario)


# --- start --------------------------------------------------------------------------------------
def test_start_requires_pseudonym_and_shows_checklist(store: Store, mini: Guide) -> None:
    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        screen = app.screen
        assert isinstance(screen, StartScreen)
        assert "aldrig et CPR-nummer" in "\n".join(shown(s) for s in screen.query(Static))
        checklist = screen.query_one("#before", Checklist)
        assert [item.text for item in checklist.query(CheckItem)] == ["Aftal tid"]
        await click(pilot, "#before-0")
        assert checklist.checked == [0]
        await click(pilot, "#start-button")
        error = screen.query_one("#start-error", Static)
        assert error.display and "pseudonym" in shown(error)
        assert store.list_sessions() == []
        await keys(pilot, *"XY")
        await keys(pilot, "tab", *"mb", "enter")
        session = conversation(app).session
        assert session.record.borger == "XY" and session.record.medarbejder == "mb"

    run(create_app(store, guide=mini), scenario)


def test_start_prefilled_from_factory(store: Store, mini: Guide) -> None:
    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        assert isinstance(app.screen, StartScreen)
        assert app.screen.query_one("#borger", Input).value == "Rum 12"
        assert app.screen.query_one("#medarbejder", Input).value == "KL"
        await click(pilot, "#start-button")
        assert conversation(app).session.record.borger == "Rum 12"

    run(create_app(store, guide=mini, borger="Rum 12", medarbejder="KL"), scenario)


# --- the whole mini guide -----------------------------------------------------------------------
def test_walk_mini_guide_to_the_end(store: Store, mini: Guide) -> None:
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

    run(create_app(store, guide=mini), scenario)

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


def test_complete_with_missing_answers_asks_first(store: Store, mini: Guide) -> None:
    state: dict[str, Any] = {}

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        session = await start_mini(app, pilot)
        state["id"] = session.id
        # Skip everything: navn, trivsel, tal_a, tal_b, hub, aftaler, dato.
        for _ in range(7):
            await keys(pilot, "f3")
        assert session.at_end and isinstance(app.screen, EndScreen)
        await click(pilot, "#complete")
        modal = app.screen
        assert isinstance(modal, ConfirmModal)
        question = shown(modal.query_one("#confirm-question"))
        assert "Kaldenavn" in question and "Temavalg: 0 af mindst 1" in question
        await click(pilot, "#confirm-no")
        assert session.status == "in_progress"
        await click(pilot, "#complete")
        await click(pilot, "#confirm-yes")
        assert session.status == "completed"
        assert not app.screen.query_one("#complete").display

    run(create_app(store, guide=mini), scenario)
    note = Session.open(store, state["id"]).note()
    assert note.status == "completed" and "Kaldenavn" in note.missing


def test_back_from_end_screen_returns_to_conversation(store: Store, mini: Guide) -> None:
    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        session = await start_mini(app, pilot)
        for _ in range(7):
            await keys(pilot, "f3")
        assert isinstance(app.screen, EndScreen)
        await keys(pilot, "f2")
        assert conversation(app).session is session and session.step_id == "dato"
        await keys(pilot, *"i morgen", "enter")
        assert isinstance(app.screen, EndScreen)

    run(create_app(store, guide=mini), scenario)


# --- user text is never markup ------------------------------------------------------------------
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


def test_cpr_number_is_masked_and_the_user_told(store: Store, mini: Guide) -> None:
    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        session = await start_mini(app, pilot)
        await keys(pilot, *"Anna 010180-1234")
        await keys(pilot, "ctrl+s")
        assert session.answers["navn"] == "Anna XXXXXX-XXXX"
        assert any(title == "CPR-nummer fjernet" for title, _ in app.notices)

    run(create_app(store, guide=mini), scenario)


def test_repeated_errors_offer_help_and_skip(store: Store, mini: Guide) -> None:
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

    run(create_app(store, guide=mini), scenario)


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


def test_quitting_pauses_the_conversation(store: Store, mini: Guide) -> None:
    state: dict[str, Any] = {}

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        session = await start_mini(app, pilot)
        state["id"] = session.id
        await keys(pilot, *"Anna", "ctrl+s")
        await keys(pilot, "ctrl+q")

    run(create_app(store, guide=mini), scenario)
    assert [e.kind for e in store.events(state["id"])] == ["answer", "pause"]


# --- help and command palette ------------------------------------------------------------------
def test_help_modal_lists_keys_and_step_tips(store: Store, mini: Guide) -> None:
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

    run(create_app(store, guide=mini), scenario)


def test_command_palette_jumps_to_theme(store: Store, mini: Guide) -> None:
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

    run(create_app(store, guide=mini), scenario)


# --- export -------------------------------------------------------------------------------------
def test_a_full_disk_keeps_the_typed_answer_and_export_saves_it(
    store: Store, mini: Guide, tmp_path: Path
) -> None:
    state: dict[str, Any] = {}

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        session = await start_mini(app, pilot)
        state["id"] = session.id
        await keys(pilot, *"Anna", "ctrl+s")
        await keys(pilot, "down", "down", "enter")  # Rød: on to a free-text step
        assert session.step is not None and session.step.id == "akut"
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

    run(create_app(store, guide=mini), scenario)
    exported = (tmp_path / f"samtale-{state['id']}.md").read_text(encoding="utf-8")
    assert "Anna" in exported and "Ikke gemt i Samtale" in exported
    assert "Anna er faldet i nat [bold]og[/] har ondt" in exported


def test_export_from_end_screen_writes_markdown_and_json(
    store: Store, mini: Guide, tmp_path: Path
) -> None:
    state: dict[str, Any] = {}

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        session = await start_mini(app, pilot)
        state["id"] = session.id
        await keys(pilot, *"[red]Anna", "ctrl+s")
        for _ in range(6):
            await keys(pilot, "f3")
        assert isinstance(app.screen, EndScreen)
        await keys(pilot, "f6")
        modal = app.screen
        assert isinstance(modal, ExportModal)
        assert modal.query_one("#export-path", Input).value == f"samtale-{session.id}.md"
        await click(pilot, "#export-do")
        assert isinstance(app.screen, EndScreen)
        assert "eksporteret til" in shown(app.screen.query_one("#export-info"))
        await keys(pilot, "f6")
        await click(pilot, "#format-json")
        assert app.screen.query_one("#export-path", Input).value == f"samtale-{session.id}.json"
        await click(pilot, "#export-do")
        # Exporting again to an existing file asks before overwriting.
        await keys(pilot, "f6")
        await click(pilot, "#export-path")
        await keys(pilot, "enter")
        assert isinstance(app.screen, ExportModal)
        assert "findes allerede" in shown(app.screen.query_one("#export-error"))
        await click(pilot, "#export-do")
        assert isinstance(app.screen, EndScreen)

    run(create_app(store, guide=mini), scenario)
    md = (tmp_path / f"samtale-{state['id']}.md").read_text(encoding="utf-8")
    assert "[red]Anna" in md and "# Mininote" in md
    assert '"format": "samtale-note"' in (tmp_path / f"samtale-{state['id']}.json").read_text()


# --- notes --------------------------------------------------------------------------------------
def _note(store: Store, guide: Guide, borger: str, name: str = "x") -> str:
    session = Session.start(store, guide, borger=borger)
    session.answer(name)
    session.close()
    return session.id


def test_notes_screen_filters_and_deletes_with_confirmation(store: Store, mini: Guide) -> None:
    keep = _note(store, mini, "Z")
    gone = _note(store, mini, "Q [red]")
    _note(store, mini, "Bo")
    _note(store, mini, "bo")

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "n")
        screen = app.screen
        assert isinstance(screen, NotesScreen)
        table = screen.query_one(DataTable)
        assert table.row_count == 4
        # Filter by resident.
        await click(pilot, "#filter")
        await keys(pilot, *"q [")
        assert table.row_count == 1 and str(table.get_cell_at((0, 0))) == "Q [red]"
        await click(pilot, "#notes-table")
        # Delete, cancel first, then confirm.
        await keys(pilot, "f8")
        assert isinstance(app.screen, ConfirmModal)
        assert "Q [red]" in shown(app.screen.query_one("#confirm-question"))
        await keys(pilot, "escape")
        assert [r.id for r in store.list_sessions(ListFilter(borger="Q [red]"))] == [gone]
        await keys(pilot, "f8")
        await click(pilot, "#confirm-yes")
        assert isinstance(app.screen, NotesScreen)
        assert store.list_sessions(ListFilter(borger="Q [red]")) == []
        assert table.row_count == 0
        # Delete all notes about one resident (matched without regard to case).
        await click(pilot, "#filter")
        await keys(pilot, "end", *["backspace"] * 3, *"bo")
        assert screen.query_one("#filter", Input).value == "bo"
        assert table.row_count == 2
        await click(pilot, "#notes-table")
        await click(pilot, "#delete-borger")
        modal = app.screen
        assert isinstance(modal, ConfirmModal)
        question = shown(modal.query_one("#confirm-question"))
        assert "alle 2 noter" in question and "bo" in question.lower()
        await click(pilot, "#confirm-yes")
        assert table.row_count == 0
        assert [r.id for r in store.list_sessions()] == [keep]

    run(create_app(store, guides=[mini]), scenario)


def test_notes_screen_shows_the_newest_and_finds_older_ones_by_search(
    store: Store, mini: Guide, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A home with years of notes opens the notes screen quickly: the table holds the newest
    (200; 3 here), says how many there are in all, and the search finds any of them by
    pseudonym, guide or id."""
    from assistant.tui.screens import notes

    monkeypatch.setattr(notes, "SHOWN", 3)
    ids = [_note(store, mini, f"Stue {n}") for n in range(1, 6)]

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "n")
        screen = app.screen
        assert isinstance(screen, NotesScreen)
        table = screen.query_one(DataTable)
        assert [str(table.get_cell_at((row, 0))) for row in range(table.row_count)] == [
            "Stue 5",
            "Stue 4",
            "Stue 3",
        ]
        info = shown(screen.query_one("#notes-info"))
        assert "Viser de 3 nyeste af 5 noter i alt" in info
        await click(pilot, "#filter")
        await keys(pilot, *"stue 1")
        assert table.row_count == 1 and str(table.get_cell_at((0, 0))) == "Stue 1"
        assert shown(screen.query_one("#notes-info")).startswith("1 note.")
        await keys(pilot, *["backspace"] * 6, *ids[1])
        assert table.row_count == 1 and str(table.get_cell_at((0, 0))) == "Stue 2"
        await keys(pilot, *["backspace"] * len(ids[1]), *"Mini")
        assert table.row_count == 3
        assert "Viser de 3 nyeste af 5 noter fundet" in shown(screen.query_one("#notes-info"))

    run(create_app(store, guides=[mini]), scenario)


def test_opening_exporting_and_deleting_a_note_is_in_the_audit_trail(
    store: Store, mini: Guide
) -> None:
    note = _note(store, mini, "Z")

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "n")
        await click(pilot, "#open")
        assert isinstance(app.screen, NoteViewScreen)
        await keys(pilot, "f6")
        assert isinstance(app.screen, ExportModal)
        await click(pilot, "#export-do")
        assert isinstance(app.screen, NoteViewScreen)
        await keys(pilot, "escape")
        await click(pilot, "#delete")
        await click(pilot, "#confirm-yes")
        assert store.list_sessions() == []

    run(create_app(store, guides=[mini], medarbejder="KL"), scenario)
    trail = [(r.action, r.medarbejder, r.session_id) for r in reversed(store.audit_trail())]
    assert trail == [("opened", "KL", note), ("exported", "KL", note), ("deleted", "KL", note)]


def test_notes_screen_resumes_an_unfinished_session(store: Store, mini: Guide) -> None:
    session_id = _note(store, mini, "Z")

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "n")
        await click(pilot, "#resume")
        assert conversation(app).session.id == session_id

    run(create_app(store, guides=[mini]), scenario)


# --- the bundled guides, walked to the end with keys only ----------------------------------------
BUNDLED = ["vaerdighedshjulet", "borgergennemgang"]


def bundled(name: str) -> Guide:
    try:
        return find_guide(name)
    except (LookupError, GuideError) as e:
        pytest.skip(f"guiden {name} kan ikke indlæses endnu: {e}")


async def answer_step(app: SamtaleApp, pilot: Pilot[None], step: Step) -> tuple[str, Any] | None:
    """Answer the current step through the UI; return (key, expected stored value)."""
    spec = step.answer
    if spec is None:
        await keys(pilot, "ctrl+s")
        return None
    kind = spec.type
    if kind == "tekst":
        text = f"Svar til {step.id}: [bold]x[/] æøå 🙂\nanden linje"
        await paste(pilot, text)
        await keys(pilot, "ctrl+s")
        return spec.key, text
    if kind == "valg" or (kind == "skala" and not spec.numeric_scale):
        await keys(pilot, "end", "enter")  # the last choice, e.g. "rød", to take its branch
        return spec.key, spec.choices[-1].value
    if kind == "flervalg":
        await keys(pilot, "space", "down", "space", "ctrl+s")
        return spec.key, [c.value for c in spec.choices[:2]]
    if kind == "skala":
        assert spec.scale_min is not None
        field = conversation(app).query_one("#answer-area").children[0]
        if isinstance(field, ScaleField):
            await keys(pilot, "right", "enter")
            return spec.key, spec.scale_min + 1
        assert isinstance(field, LineField)
        await keys(pilot, *str(spec.scale_min), "enter")
        return spec.key, spec.scale_min
    if kind == "ja_nej":
        await keys(pilot, "right", "enter")
        return spec.key, False
    if kind == "dato":
        await keys(pilot, *"24-12-2030", "enter")
        return spec.key, "2030-12-24"
    if kind == "rækker":
        rows = []
        for number in (1, 2):
            row = {}
            for i, f in enumerate(spec.fields):
                if i:
                    await keys(pilot, "tab")
                typed, stored = (
                    ("1-2-2031", "2031-02-01")
                    if f.type == "dato"
                    else (f"{f.label} {number} [i]", f"{f.label} {number} [i]")
                )
                await keys(pilot, *typed)
                row[f.key] = stored
            rows.append(row)
            if number == 1:
                await keys(pilot, "tab", "enter")  # "Tilføj række"
        await keys(pilot, "ctrl+s")
        return spec.key, rows
    raise AssertionError(f"ukendt svartype {kind}")


async def choose_at_hub(app: SamtaleApp, pilot: Pilot[None], session: Session) -> None:
    """Take the first theme not yet done; when all are done, go on."""
    choices = [c.value for c in session.hub_choices()]
    options = conversation(app).query_one(OptionList)
    assert options.option_count == len(choices)
    todo = [i for i, value in enumerate(choices[:-1]) if value not in session.done]
    index = todo[0] if todo else choices.index(LEAVE_HUB)
    await keys(pilot, "home", *["down"] * index, "enter")


@pytest.mark.parametrize("name", BUNDLED)
def test_walk_bundled_guide_to_the_end(name: str, store: Store) -> None:
    guide = bundled(name)
    expected: dict[str, Any] = {}
    state: dict[str, Any] = {}

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        await keys(pilot, *"Rum 7", "tab", *"AB", "enter")
        session = conversation(app).session
        state["id"] = session.id
        seen: list[str] = []
        for _ in range(400):
            if session.at_end:
                break
            step = session.step
            assert step is not None
            seen.append(step.id)
            assert session.render(step.ask) == shown(conversation(app).query_one("#question"))
            if step.is_hub:
                await choose_at_hub(app, pilot, session)
                continue
            before = session.step_id
            result = await answer_step(app, pilot, step)
            assert session.step_id != before or session.at_end, f"{step.id} blev ikke besvaret"
            if result:
                expected[result[0]] = result[1]
        assert session.at_end and isinstance(app.screen, EndScreen)
        hubs = [s for s in guide.steps.values() if s.is_hub]
        for hub in hubs:
            assert set(hub.themes) <= session.done
        end = app.screen
        shown_text = "\n".join(shown(s) for s in end.query(Static))
        assert "[bold]x[/] æøå 🙂" in shown_text
        await keys(pilot, "f10")
        if isinstance(app.screen, ConfirmModal):
            await click(pilot, "#confirm-yes")
        assert session.status == "completed", session.missing()
        state["seen"] = seen

    run(create_app(store, guide=guide), scenario)

    session = Session.open(store, state["id"])
    note = session.note()
    assert note.status == "completed" and note.borger == "Rum 7" and note.medarbejder == "AB"
    layout = guide.note
    answers = {a.key: a.value for a in note.answers}
    assert expected, "ingen svar blev givet"
    for key, value in expected.items():
        if key == layout.actions_key:
            assert [(a.what, a.who, a.when) for a in note.actions] == [
                (r.get("hvad", ""), r.get("hvem", ""), r.get("hvornår", "")) for r in value
            ]
        elif key == layout.followup_key:
            assert note.followup == value
        elif key == layout.followup_who_key:
            assert note.followup_who == value
        else:
            assert answers.get(key) == value, key
    required = [
        s.answer.key
        for s in guide.steps.values()
        if s.answer and s.answer.required and s.id in state["seen"]
    ]
    assert all(k in expected for k in required)
    session.close()


def test_every_bundled_guide_can_be_started_from_home(store: Store) -> None:
    """Home shows the guides in their groups, and Enter on each one starts a conversation."""

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        home = app.screen
        assert isinstance(home, HomeScreen) and home.problems == []
        guides = home.guides
        for guide in guides:
            assert isinstance(app.screen, HomeScreen)
            options = app.screen.query_one("#guide-list", OptionList)
            options.focus()
            options.highlighted = options.get_option_index(f"guide-{guide.id}")
            await keys(pilot, "enter")
            assert isinstance(app.screen, StartScreen) and app.screen.guide.id == guide.id
            session = await start_mini(app, pilot, borger="Stue 3")
            assert session.guide.id == guide.id and session.step is not None
            await keys(pilot, "f5")  # pause: back home
        with Store(store.data_dir) as check:
            started = {r.guide_id for r in check.list_sessions()}
        assert started == {g.id for g in guides}

    run(create_app(store), scenario)
