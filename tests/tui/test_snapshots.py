"""How the main screens look, as SVG snapshots at 80x24 and 120x40 (pytest-textual-snapshot).

After a deliberate change of the look, renew them with ``pytest tests/tui/test_snapshots.py
--snapshot-update`` and look at the new SVGs before committing them."""

from __future__ import annotations

import difflib
import html
import pickle
import re
import secrets
import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from pytest_textual_snapshot import node_to_report_path
from textual.pilot import Pilot
from textual.widgets._toast import Toast

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
    """Let the screen settle and take away the notifications (on PostgreSQL as a superuser the
    app warns that row-level security is bypassed): a toast can take more than one pause to go,
    on a loaded machine more still."""
    await pilot.pause()
    pilot.app.clear_notifications()
    for _ in range(50):
        await pilot.pause()
        if not pilot.app.screen.query(Toast):
            break
        await pilot.pause(0.05)
    await pilot.wait_for_scheduled_animations()


def _screen_text(svg: str) -> list[str]:
    """The lines of text in a Rich SVG screenshot (to show what differs, when a snapshot does)."""
    lines: dict[int, list[tuple[float, str]]] = {}
    for x, line, text in re.findall(
        r'<text[^>]* x="([0-9.]+)"[^>]*clip-path="url\(#[\w-]*-line-(\d+)\)"[^>]*>([^<]*)</text>', svg
    ):
        lines.setdefault(int(line), []).append((float(x), html.unescape(text)))
    return ["".join(t for _, t in sorted(parts)).rstrip() for _, parts in sorted(lines.items())]


def _looks_as_before(snap_compare: Any, request: pytest.FixtureRequest, app: Any, size: Any) -> None:
    """The snapshot comparison; on a difference the failure shows the screen's text as a diff
    (CI keeps no report file to look at)."""
    if snap_compare(app, terminal_size=size, run_before=_settle):
        return
    _, expected, actual, *_ = pickle.loads(node_to_report_path(request.node).read_bytes())
    diff = difflib.unified_diff(
        _screen_text(expected), _screen_text(actual), "snapshot", "now", lineterm=""
    )
    shown = "\n".join(diff) or "(the same text: colours or styles differ)"
    pytest.fail(f"the screen differs from its snapshot:\n{shown}", pytrace=False)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_home_screen(
    snap_compare: Any, request: pytest.FixtureRequest, store: Store, mini: Guide, size: Any
) -> None:
    _looks_as_before(snap_compare, request, create_app(store, guides=[mini]), size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_conversation_step(
    snap_compare: Any, request: pytest.FixtureRequest, store: Store, mini: Guide, size: Any
) -> None:
    session = Session.start(store, mini, borger="AB")
    session.close()
    _looks_as_before(snap_compare, request, create_app(store, session_id=session.id), size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_end_screen(
    snap_compare: Any, request: pytest.FixtureRequest, store: Store, mini: Guide, size: Any
) -> None:
    session = Session.start(store, mini, borger="AB")
    while not session.at_end:
        assert session.skip().ok
    session.close()
    _looks_as_before(snap_compare, request, create_app(store, session_id=session.id), size)
