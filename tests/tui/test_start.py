"""The start screen before a conversation: the pseudonym, the checklist, prefilled values."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input, Static

from assistant.dialogue.model import Guide
from assistant.notes.store import Store
from assistant.tui.app import SamtaleApp, create_app
from assistant.tui.screens.start import StartScreen
from assistant.tui.widgets.checklist import CheckItem, Checklist

from ..pilot import click, keys, run, shown
from .steps import conversation


def test_start_requires_pseudonym_and_shows_checklist(store: Store, on_start: SamtaleApp) -> None:
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

    run(on_start, scenario)


def test_start_prefilled_from_factory(store: Store, mini: Guide) -> None:
    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        assert isinstance(app.screen, StartScreen)
        assert app.screen.query_one("#borger", Input).value == "Rum 12"
        assert app.screen.query_one("#medarbejder", Input).value == "KL"
        await click(pilot, "#start-button")
        assert conversation(app).session.record.borger == "Rum 12"

    run(create_app(store, guide=mini, borger="Rum 12", medarbejder="KL"), scenario)


# --- the whole mini guide -----------------------------------------------------------------------
