"""The end screen: reviewing the note, completing it, going back, exporting."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input

from assistant.notes.store import Store
from assistant.session import Session
from assistant.tui.app import SamtaleApp
from assistant.tui.screens.end import EndScreen
from assistant.tui.screens.modals import ConfirmModal, ExportModal

from ..pilot import click, keys, run, shown
from .steps import conversation, start_mini


def test_complete_with_missing_answers_asks_first(store: Store, on_start: SamtaleApp) -> None:
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

    run(on_start, scenario)
    note = Session.open(store, state["id"]).note()
    assert note.status == "completed" and "Kaldenavn" in note.missing


def test_back_from_end_screen_returns_to_conversation(on_start: SamtaleApp) -> None:
    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        session = await start_mini(app, pilot)
        for _ in range(7):
            await keys(pilot, "f3")
        assert isinstance(app.screen, EndScreen)
        await keys(pilot, "f2")
        assert conversation(app).session is session and session.step_id == "dato"
        await keys(pilot, *"i morgen", "enter")
        assert isinstance(app.screen, EndScreen)

    run(on_start, scenario)


# --- user text is never markup ------------------------------------------------------------------


def test_export_from_end_screen_writes_markdown_and_json(
    tmp_path: Path, on_start: SamtaleApp
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

    run(on_start, scenario)
    md = (tmp_path / f"samtale-{state['id']}.md").read_text(encoding="utf-8")
    assert "[red]Anna" in md and "# Mininote" in md
    assert '"format": "samtale-note"' in (tmp_path / f"samtale-{state['id']}.json").read_text()


# --- notes --------------------------------------------------------------------------------------


def test_copy_on_the_end_screen_copies_the_note_as_exported(
    store: Store, on_start: SamtaleApp
) -> None:
    from assistant.notes.export import note_to_markdown

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        session = await start_mini(app, pilot)
        await keys(pilot, *"Oda", "ctrl+s")
        for _ in range(6):
            await keys(pilot, "f3")
        assert isinstance(app.screen, EndScreen)
        await keys(pilot, "f9")
        assert app.clipboard == note_to_markdown(session.note())
        assert "Oda" in app.clipboard
        assert "personlige oplysninger" in app.notices[-1][1]

    run(on_start, scenario)
