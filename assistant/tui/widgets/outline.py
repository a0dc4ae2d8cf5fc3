"""The flow of a guide as an indented outline (``engine.diagram.outline``): sections, steps, a
hub's themes under it, and the branches with their "hvis …". The same structure as
``samtale diagram`` draws, so the two agree."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import ScrollableContainer, Vertical
from textual.widgets import Static

from ...engine.diagram import Flow, outline
from ..bindings import bindings
from ..text import plain

MAX_DEPTH = 5  # deeper lines are indented as this deep (a hub inside a theme inside a theme...)
# at most this many lines (a widget each; the largest bundled guide has 45): a generated guide
# of 1,000 steps took the start screen from 0.6 to 6 seconds with all its 1,420
MAX_LINES = 150


class FlowOutline(Vertical, can_focus=True):
    """One line per section, step and branch; a wrapped line keeps its indentation. Tab
    reaches it, and the arrow and page keys then scroll the column it is in."""

    BINDINGS = bindings("outline")

    DEFAULT_CSS = """
    FlowOutline { height: auto; }
    FlowOutline:focus { background: $boost; }
    FlowOutline .outline-line { height: auto; }
    FlowOutline .outline-section, FlowOutline .outline-end { text-style: bold; }
    FlowOutline .outline-theme { color: $accent; }
    FlowOutline .outline-edge { color: $text-muted; }
    FlowOutline .outline-d1 { padding-left: 2; }
    FlowOutline .outline-d2 { padding-left: 4; }
    FlowOutline .outline-d3 { padding-left: 6; }
    FlowOutline .outline-d4 { padding-left: 8; }
    FlowOutline .outline-d5 { padding-left: 10; }
    """

    def __init__(self, flow: Flow, name: str, **kwargs: object) -> None:
        """``name``: how ``samtale diagram`` finds the guide (its id, or its file)."""
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.flow, self.guide_name = flow, name

    def compose(self) -> ComposeResult:
        lines = outline(self.flow)
        for line in lines[:MAX_LINES]:
            depth = min(line.depth, MAX_DEPTH)
            yield Static(
                plain(line.text),
                classes=f"outline-line outline-{line.kind} outline-d{depth}",
            )
        if len(lines) > MAX_LINES:
            rest = f"{len(lines) - MAX_LINES:,}".replace(",", ".")
            yield Static(
                plain(
                    f"… og {rest} linjer mere. Hele forløbet kan tegnes med "
                    f"'samtale diagram {self.guide_name}'."
                ),
                classes="outline-line outline-more hint",
            )

    def _column(self) -> ScrollableContainer | None:
        for node in self.ancestors:
            if isinstance(node, ScrollableContainer):
                return node
        return None

    def action_scroll_lines(self, lines: int) -> None:
        if (column := self._column()) is not None:
            column.scroll_relative(y=lines, animate=False)

    def action_scroll_pages(self, pages: int) -> None:
        if (column := self._column()) is not None:
            column.scroll_relative(y=pages * column.scrollable_content_region.height, animate=False)
