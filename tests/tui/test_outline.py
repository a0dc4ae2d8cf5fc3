"""Issue 18: the start screen shows the guide's flow as an outline (sections, steps, themes
under their hub, branches with "hvis …"), the same structure ``samtale diagram`` draws; in a
small and a large terminal it is all there, nothing is cut off, and it scrolls."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from rich.text import Text
from textual.containers import ScrollableContainer
from textual.widget import Widget
from textual.widgets import Static

from assistant.cli import main as main_cli
from assistant.dialogue.library import find_guide
from assistant.dialogue.loader import load_guide
from assistant.engine.diagram import flow_of, outline
from assistant.notes.store import Store
from assistant.tui.app import create_app
from assistant.tui.screens.start import StartScreen
from assistant.tui.widgets.outline import MAX_LINES, FlowOutline

from ..pilot import shown

SIZES = [(60, 20), (160, 50)]


def inside(widget: Widget, column: Widget) -> bool:
    """The whole widget is in the part of the column on screen."""
    area, region = column.scrollable_content_region, widget.region
    return (
        region.x >= area.x
        and region.right <= area.right
        and region.y >= area.y
        and region.bottom <= area.bottom
    )


@pytest.mark.parametrize("guide_id", ["vaerdighedshjulet", "motiverende_samtale"])
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_start_screen_shows_the_flow(
    store: Store, guide_id: str, size: tuple[int, int]
) -> None:
    guide = find_guide(guide_id)
    expected = outline(flow_of(guide))

    async def main() -> None:
        app = create_app(store, guide=guide)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, StartScreen)
            widget = screen.query_one("#outline", FlowOutline)
            lines = list(widget.query(Static))
            assert [shown(s) for s in lines] == [line.text for line in expected]
            # indented by depth, and the themes and branches are there as text
            texts = [line.text for line in expected]
            assert any(t.startswith("hvis ") for t in texts) or any(
                t.startswith("Tema: ") for t in texts
            )
            for static, line in zip(lines, expected, strict=True):
                assert static.styles.padding.left == 2 * min(line.depth, 5)
            column = next(a for a in widget.ancestors if isinstance(a, ScrollableContainer))
            assert column.id == "start-form"
            assert column.max_scroll_x == 0  # nothing runs off to the side
            for static in lines:
                width = static.content_region.width
                assert width >= 20
                assert static.region.right <= column.scrollable_content_region.right
                # wrapped, never cut: as many rows as the words need at this width, and
                # every word on them
                rows = Text(shown(static)).wrap(app.console, width)
                assert static.content_region.height == len(rows)
                assert " ".join(r.plain for r in rows).split() == shown(static).split()
            first, last = lines[0], lines[-1]
            small = size == SIZES[0]
            if small:
                assert column.max_scroll_y > 0 and not inside(last, column)
            # by keyboard: Tab to the outline, then the page keys scroll the column
            for _ in range(20):
                if app.focused is widget:
                    break
                await pilot.press("tab")
            assert app.focused is widget
            for _ in range(40):
                if column.scroll_y == column.max_scroll_y:
                    break
                await pilot.press("pagedown")
            await pilot.pause()
            assert column.scroll_y == column.max_scroll_y
            assert inside(last, column)
            await pilot.press("up")
            assert column.scroll_y == max(column.max_scroll_y - 1, 0)
            for _ in range(40):
                if column.scroll_y == 0:
                    break
                await pilot.press("pageup")
            await pilot.pause()
            assert column.scroll_y == 0
            if not small:
                assert inside(first, column)

    asyncio.run(main())


def test_a_very_long_guide_shows_the_start_of_its_outline(store: Store, tmp_path: Path) -> None:
    """A widget per line costs time, so a guide of hundreds of steps shows the first lines and
    says how to see the rest."""
    from benchmarks.longguide import write_guide

    path = write_guide(tmp_path / "lang", 300)
    guide = load_guide(path)
    expected = outline(flow_of(guide))
    assert len(expected) > MAX_LINES

    async def main() -> None:
        app = create_app(store, guide=guide)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            widget = app.screen.query_one("#outline", FlowOutline)
            shown_lines = [shown(s) for s in widget.query(Static)]
            assert shown_lines[:-1] == [line.text for line in expected[:MAX_LINES]]
            rest = len(expected) - MAX_LINES
            assert shown_lines[-1] == (
                f"… og {rest} linjer mere. Hele forløbet kan tegnes med 'samtale diagram {path}'."
            )

    asyncio.run(main())
    assert main_cli(["diagram", str(path), "-o", str(tmp_path / "lang.mmd")]) == 0
