"""Driving the Textual app in tests: run a scenario headless, and the Pilot helpers."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from textual import events
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import OptionList

from assistant.tui.app import SamtaleApp

SIZE = (120, 40)
TRICKY = "[bold]x[/] 🙂 æøå"

Scenario = Callable[[SamtaleApp, Pilot[None]], Awaitable[None]]


def run(app: SamtaleApp, scenario: Scenario) -> None:
    """Run the app headless at 120x40 and play the scenario against it."""

    async def main() -> None:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await scenario(app, pilot)

    asyncio.run(main())


def side_entries(screen: Screen[None], kind: str) -> list[str]:
    """The home screen's side list as text: the entries of one kind ("fortsaet" for paused
    conversations, "note" for finished notes), newest first; "gruppe" for the headings and
    "tom" for what an empty group says."""
    side = screen.query_one("#side-list", OptionList)
    options = [side.get_option_at_index(i) for i in range(side.option_count)]
    return [str(o.prompt).strip() for o in options if (o.id or "").startswith(f"{kind}-")]


def shown(widget: Widget) -> str:
    """The text a widget shows, as plain text."""
    visual = widget.render()
    return str(getattr(visual, "plain", visual))


async def click(pilot: Pilot[None], selector: str) -> None:
    """Click a widget on the current screen, scrolling it into view first."""
    widget = pilot.app.screen.query_one(selector)
    widget.scroll_visible(animate=False, immediate=True)
    await pilot.pause()
    await pilot.click(selector)
    await pilot.pause()


async def until(pilot: Pilot[None], condition: Callable[[], bool], what: str) -> None:
    """Let the app work until ``condition`` holds (a screen is dismissed, say): on a loaded
    machine one pause is not always enough for a screen to close."""
    for _ in range(50):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"never happened: {what}")


async def paste(pilot: Pilot[None], text: str) -> None:
    """Paste text as a terminal does (a bracketed paste into the focused widget)."""
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


async def keys(pilot: Pilot[None], *names: str) -> None:
    await pilot.press(*names)
    await pilot.pause()
