"""What several TUI tests do: find the conversation, start the mini guide, store a note."""

from __future__ import annotations

from textual.pilot import Pilot

from assistant.dialogue.model import Guide
from assistant.notes.store import Store
from assistant.session import Session
from assistant.tui.app import SamtaleApp
from assistant.tui.screens.conversation import ConversationScreen
from assistant.tui.screens.start import StartScreen

from ..pilot import click, keys


def conversation(app: SamtaleApp) -> ConversationScreen:
    assert isinstance(app.screen, ConversationScreen), type(app.screen).__name__
    return app.screen


async def start_mini(app: SamtaleApp, pilot: Pilot[None], borger: str = "AB") -> Session:
    """From the start screen: type the pseudonym and press Start."""
    assert isinstance(app.screen, StartScreen)
    await keys(pilot, *borger)
    await click(pilot, "#start-button")
    return conversation(app).session


def stored_note(store: Store, guide: Guide, borger: str, name: str = "x") -> str:
    session = Session.start(store, guide, borger=borger)
    session.answer(name)
    session.close()
    return session.id


async def to_free_text(app: SamtaleApp, pilot: Pilot[None]) -> Session:
    """Start the mini guide, answer its first two steps and stop at its free-text step."""
    session = await start_mini(app, pilot)
    await keys(pilot, *"Anna", "ctrl+s")
    await keys(pilot, "down", "down", "enter")  # Rød: on to a free-text step
    assert session.step is not None and session.step.id == "akut"
    return session
