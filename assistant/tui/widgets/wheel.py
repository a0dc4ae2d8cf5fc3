"""Værdighedshjulet drawn with text: one segment per theme, done themes filled in."""

from __future__ import annotations

import math

from rich.text import Text

from ...session import ThemeStatus

DONE, CURRENT, TODO = "█", "▓", "░"


def wheel(themes: list[ThemeStatus], radius: int = 5, center: str = "Borger") -> Text:
    """A ring of ``len(themes)`` numbered segments, clockwise from the top.

    Cells are twice as high as wide, so the ring is drawn ``4 * radius`` columns wide.
    """
    n = len(themes)
    if n == 0:
        return Text()
    height, width = 2 * radius + 1, 4 * radius + 1
    inner = radius * 0.45
    rows: list[Text] = []
    start = 2 * radius - len(center) // 2
    labels: dict[tuple[int, int], str] = {}
    for i in range(n):
        angle = (i + 0.5) * 2 * math.pi / n
        r = (radius + inner) / 2
        x = round(2 * radius + 2 * r * math.sin(angle))
        y = round(radius - r * math.cos(angle))
        labels[(y, x)] = str(i + 1)
    for y in range(height):
        row = Text()
        for x in range(width):
            dx, dy = (x - 2 * radius) / 2, y - radius
            dist = math.hypot(dx, dy)
            if not inner <= dist <= radius + 0.3:
                row.append(
                    center[x - start] if y == radius and 0 <= x - start < len(center) else " ",
                    "bold",
                )
                continue
            angle = math.atan2(dx, -dy) % (2 * math.pi)
            step = 2 * math.pi / n
            gap = min(angle % step, step - angle % step) * dist
            if gap < 0.45 and n > 1:
                row.append(" ")
                continue
            theme = themes[min(int(angle / (2 * math.pi / n)), n - 1)]
            style = "bold green" if theme.done else ("bold yellow" if theme.current else "dim")
            if (y, x) in labels:
                row.append(labels[(y, x)], style=f"reverse {style}" if theme.done else "bold")
            else:
                row.append(DONE if theme.done else (CURRENT if theme.current else TODO), style)
        rows.append(row)
    return Text("\n").join(rows)


def legend(themes: list[ThemeStatus]) -> Text:
    """The numbered themes with ✓ for done and ◀ for the current one."""
    out = []
    for i, theme in enumerate(themes, 1):
        mark = "✓" if theme.done else ("▶" if theme.current else " ")
        style = "green" if theme.done else ("bold yellow" if theme.current else "")
        out.append(Text.assemble((f"{mark} {i} ", style), (theme.title, style)))
    return Text("\n").join(out)
