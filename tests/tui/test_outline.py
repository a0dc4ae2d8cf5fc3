"""Issue 18: the start screen shows the guide's flow as an outline (sections, steps, themes
under their hub, branches with "hvis …"), the same structure ``samtale diagram`` draws; in a
small and a large terminal it is all there, nothing is cut off, and it scrolls."""

from __future__ import annotations

import asyncio

import pytest
from rich.text import Text
from textual.containers import ScrollableContainer
from textual.widget import Widget
from textual.widgets import Static

from assistant.dialogue.library import find_guide
from assistant.engine.diagram import flow_of, outline
from assistant.notes.store import Store
from assistant.tui.app import create_app
from assistant.tui.screens.start import StartScreen
from assistant.tui.widgets.outline import FlowOutline

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
