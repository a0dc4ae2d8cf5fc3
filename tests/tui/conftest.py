"""Fixtures of the TUI tests: the app as the tests start it most often."""

from __future__ import annotations

import pytest

from assistant.dialogue.model import Guide
from assistant.notes.store import Store
from assistant.tui.app import SamtaleApp, create_app


@pytest.fixture
def on_start(store: Store, mini: Guide) -> SamtaleApp:
    """The app on the mini guide's start screen (``samtale start mini``)."""
    return create_app(store, guide=mini)


@pytest.fixture
def at_home(store: Store, mini: Guide) -> SamtaleApp:
    """The app on the home screen, with the mini guide as its only guide."""
    return create_app(store, guides=[mini])
