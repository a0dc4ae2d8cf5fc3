"""The home screen: guides by use, conversations to resume, recent notes, its keys."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, OptionList, Static

from assistant.dialogue.library import guides_dir
from assistant.dialogue.model import Guide
from assistant.notes.store import ListFilter, Store
from assistant.session import Session
from assistant.tui.app import SamtaleApp, create_app
from assistant.tui.screens.home import HomeScreen
from assistant.tui.screens.notes import NotesScreen, NoteViewScreen
from assistant.tui.screens.start import StartScreen

from ..pilot import keys, run, shown, side_entries
from .steps import conversation


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


def test_home_footer_keys_open_notes_and_practice_by_mouse(
    store: Store, mini: Guide, at_home: SamtaleApp
) -> None:
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

    run(at_home, scenario)


# --- start --------------------------------------------------------------------------------------
