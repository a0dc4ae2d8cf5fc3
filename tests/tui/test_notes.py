"""The notes screen and the note view: filter, search, open, export, delete, resume."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input

from assistant.dialogue.model import Guide
from assistant.notes.store import ListFilter, Store
from assistant.tui.app import SamtaleApp, create_app
from assistant.tui.screens.modals import ConfirmModal, ExportModal
from assistant.tui.screens.notes import NotesScreen, NoteViewScreen

from ..pilot import click, keys, run, shown
from .steps import conversation, stored_note


def test_notes_screen_filters_and_deletes_with_confirmation(
    store: Store, mini: Guide, at_home: SamtaleApp
) -> None:
    keep = stored_note(store, mini, "Z")
    gone = stored_note(store, mini, "Q [red]")
    stored_note(store, mini, "Bo")
    stored_note(store, mini, "bo")

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

    run(at_home, scenario)


def test_notes_screen_shows_the_newest_and_finds_older_ones_by_search(
    store: Store, mini: Guide, monkeypatch: pytest.MonkeyPatch, at_home: SamtaleApp
) -> None:
    """A home with years of notes opens the notes screen quickly: the table holds the newest
    (200; 3 here), says how many there are in all, and the search finds any of them by
    pseudonym, guide or id."""
    from assistant.tui.screens import notes

    monkeypatch.setattr(notes, "SHOWN", 3)
    ids = [stored_note(store, mini, f"Stue {n}") for n in range(1, 6)]

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

    run(at_home, scenario)


def test_opening_exporting_and_deleting_a_note_is_in_the_audit_trail(
    store: Store, mini: Guide
) -> None:
    note = stored_note(store, mini, "Z")

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


def test_notes_screen_resumes_an_unfinished_session(
    store: Store, mini: Guide, at_home: SamtaleApp
) -> None:
    session_id = stored_note(store, mini, "Z")

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "n")
        await click(pilot, "#resume")
        assert conversation(app).session.id == session_id

    run(at_home, scenario)


# --- the bundled guides, walked to the end with keys only ----------------------------------------


def test_on_a_shared_database_the_notes_show_the_unit_and_a_superuser_is_warned(
    pg_url, tmp_path, mini: Guide
) -> None:
    """The test server's role is a superuser: the app says row-level security is bypassed."""
    from assistant.notes.postgres.store import PostgresStore

    store = PostgresStore(pg_url, tmp_path / "data", unit="Birkely 1")
    stored_note(store, mini, "Stue 3")

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        warnings = [n.message for n in app._notifications if n.severity == "warning"]
        assert any("rækkesikkerheden ikke gælder" in m for m in warnings)
        await keys(pilot, "n")
        assert isinstance(app.screen, NotesScreen)
        assert app.screen.sub_title == "Afdeling: Birkely 1"
        assert app.screen.query_one(DataTable).row_count == 1

    try:
        run(create_app(store), scenario)
    finally:
        store.close()


# --- copy to the care record ---------------------------------------------------------------------


def test_copy_puts_the_markdown_note_on_the_clipboard_and_says_it_is_personal(
    store: Store, mini: Guide
) -> None:
    """F9 (and the button, and the command palette entry) on the note view, and F9 on the notes
    list, copy exactly what a Markdown export writes; the footer shows the key, the message says
    where the note belongs, and the copy is in the audit trail."""
    from textual.widgets._footer import FooterKey

    from assistant.notes.export import note_to_markdown
    from assistant.tui.screens.notes import load_note

    note_id = stored_note(store, mini, "Stue 7", "Oda [bold]")
    other_id = stored_note(store, mini, "Stue 8", "Bent")
    markdown = {i: note_to_markdown(load_note(store, i)) for i in (note_id, other_id)}
    assert "Oda [bold]" in markdown[note_id] and markdown[note_id] != markdown[other_id]

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "n")
        notes = app.screen
        assert isinstance(notes, NotesScreen)
        keys_shown = {k.description: k.key_display for k in notes.query(FooterKey)}
        assert keys_shown["Kopiér"] == "F9"
        assert app.clipboard == ""
        await keys(pilot, "f9")  # the newest note, highlighted in the list
        assert app.clipboard == markdown[other_id]
        await keys(pilot, "down", "enter")
        view = app.screen
        assert isinstance(view, NoteViewScreen) and view.session_id == note_id
        assert {k.description: k.key_display for k in view.query(FooterKey)}["Kopiér"] == "F9"
        await keys(pilot, "f9")
        assert app.clipboard == markdown[note_id]
        title, message = app.notices[-1]
        assert title == "Kopiér note"
        assert message.startswith("Noten er kopieret")
        assert "personlige oplysninger" in message and "journalen" in message
        app.copy_to_clipboard("")
        await click(pilot, "#copy")
        assert app.clipboard == markdown[note_id]
        app.copy_to_clipboard("")
        commands = {name: run_it for name, _, run_it in view.palette_commands()}
        commands["Kopiér note"]()
        assert app.clipboard == markdown[note_id]

    run(create_app(store, guides=[mini], medarbejder="KL"), scenario)
    copies = [r for r in store.audit_trail() if r.action == "exported"]
    assert {r.session_id for r in copies} == {note_id, other_id}
    assert all("udklipsholder" in r.detail for r in copies)
