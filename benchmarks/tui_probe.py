"""Run in a fresh interpreter by the TUI start-up benchmark; prints when the first screen is painted.

``python benchmarks/tui_probe.py samtale DATA_DIR``: Samtale's app as users get it
(``create_app(store)``), painted once its home screen is mounted.
``python benchmarks/tui_probe.py minimal``: a minimal Textual app that shows one label.

Both run under ``App.run_test()`` (headless, 120x40). The headless driver drops output, so the
probe paints the screen's first compositor update itself: it renders the update to the
terminal escape sequences a real terminal would have received. It prints ``PAINTED <ns>`` (wall
clock, ``time.time_ns()``) and the painted screen's class; the parent subtracts its own start.
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path
from typing import Any

SIZE = (120, 40)


def samtale_app(data_dir: str) -> tuple[Any, type]:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from assistant.notes.store import Store
    from assistant.tui.app import create_app
    from assistant.tui.screens.home import HomeScreen

    return create_app(Store(data_dir)), HomeScreen


def minimal_app() -> tuple[Any, type]:
    from textual.app import App, ComposeResult
    from textual.screen import Screen
    from textual.widgets import Label

    class Minimal(App[None]):
        def compose(self) -> ComposeResult:
            yield Label("Samtale")

    return Minimal(), Screen


async def paint_first(app: Any, target: type) -> tuple[int, str, int]:
    from textual.app import App

    painted = asyncio.Event()
    result: list[Any] = []
    original = App._display

    def display(self: Any, screen: Any, renderable: Any) -> None:
        if (
            not result
            and renderable is not None
            and isinstance(screen, target)
            and screen is self.screen
            and getattr(screen, "is_mounted", True)
        ):
            render = getattr(renderable, "render_segments", None)
            output = render(self.console) if render else str(renderable)
            result.extend([time.time_ns(), type(screen).__name__, len(output)])
            painted.set()
        original(self, screen, renderable)

    App._display = display  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        try:
            await asyncio.wait_for(painted.wait(), timeout=60)
        except TimeoutError:  # the hook is gone in this Textual version: settle instead
            await pilot.pause()
            result[:] = [time.time_ns(), type(app.screen).__name__, 0]
    return result[0], result[1], result[2]


def main() -> None:
    kind = sys.argv[1]
    app, target = samtale_app(sys.argv[2]) if kind == "samtale" else minimal_app()
    stamp, screen, size = asyncio.run(paint_first(app, target))
    print(f"PAINTED {stamp} {screen} {size}", flush=True)


if __name__ == "__main__":
    main()
