"""How the main screens look, as SVG snapshots at 80x24 and 120x40 (pytest-textual-snapshot).

After a deliberate change of the look, renew them with ``pytest tests/tui/test_snapshots.py
--snapshot-update`` and look at the new SVGs before committing them."""

from __future__ import annotations

import secrets
import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from textual.pilot import Pilot

import assistant.notes.records as records_module
import assistant.session.core as session_module
from assistant.dialogue.model import Guide
from assistant.notes.store import Store
from assistant.session import Session
from assistant.tui.app import create_app

SIZES = [(80, 24), (120, 40)]
MOMENT = datetime(2026, 3, 2, 10, 0, tzinfo=timezone(timedelta(hours=1)))


class FrozenClock(datetime):
    """``datetime`` whose ``now()`` is always MOMENT: the conversation clock stays at 0:00."""

    @classmethod
    def now(cls, tz: Any = None) -> FrozenClock:  # type: ignore[override]
        return cls.fromtimestamp(MOMENT.timestamp(), tz or MOMENT.tzinfo)


@pytest.fixture(autouse=True)
def _fixed_clock_and_ids(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The same time, time zone and session id on every run and every machine."""
    monkeypatch.setenv("TZ", "Europe/Copenhagen")
    time.tzset()
    monkeypatch.setattr(records_module, "datetime", FrozenClock)
    monkeypatch.setattr(session_module, "datetime", FrozenClock)
    monkeypatch.setattr(secrets, "token_hex", lambda n=16: ("5a3c9e01" * n)[: 2 * n])
    yield
    monkeypatch.undo()
    time.tzset()


async def _settle(pilot: Pilot[None]) -> None:
    await pilot.pause()
    pilot.app.clear_notifications()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_home_screen(snap_compare: Any, store: Store, mini: Guide, size: tuple[int, int]) -> None:
    assert snap_compare(create_app(store, guides=[mini]), terminal_size=size, run_before=_settle)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_conversation_step(
    snap_compare: Any, store: Store, mini: Guide, size: tuple[int, int]
) -> None:
    session = Session.start(store, mini, borger="AB")
    session.close()
    app = create_app(store, session_id=session.id)
    assert snap_compare(app, terminal_size=size, run_before=_settle)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_end_screen(snap_compare: Any, store: Store, mini: Guide, size: tuple[int, int]) -> None:
    session = Session.start(store, mini, borger="AB")
    while not session.at_end:
        assert session.skip().ok
    session.close()
    app = create_app(store, session_id=session.id)
    assert snap_compare(app, terminal_size=size, run_before=_settle)
