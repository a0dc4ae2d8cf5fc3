"""What the program shows while the terminal window is too small to use.

Below ``MIN_WIDTH`` × ``MIN_HEIGHT`` cells the screens cannot lay out their lists, fields and
side panels (and some widgets broke outright at 20 × 5). The app then covers everything with
``TooSmallScreen``, which asks for a bigger window, with an empty ``Shield`` screen between it
and the app's screens, so that these are neither drawn nor laid out while it is up: a half-typed
answer, the highlighted entry and an open dialog are all there when the window grows again. The
screen asked for on the command line waits for that too (see ``SamtaleApp.on_mount``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.geometry import Size
from textual.screen import Screen
from textual.widgets import Static

if TYPE_CHECKING:
    from textual.app import App

MIN_WIDTH, MIN_HEIGHT = 40, 10
# App actions that would open something on top of the notice (help, the command palette)
BLOCKED = frozenset({"help", "command_palette"})


def too_small(size: Size) -> bool:
    return size.width < MIN_WIDTH or size.height < MIN_HEIGHT


def notice(size: Size) -> Text:
    text = Text("Gør vinduet større", "bold")
    text.append(
        f"\nSamtale skal bruge mindst {MIN_WIDTH} × {MIN_HEIGHT} tegn; vinduet er "
        f"{size.width} × {size.height}. Intet er tabt: alt står, som det var, når vinduet "
        "er stort nok."
    )
    return text


class Shield(Screen[None]):
    """An empty screen just under the notice. Textual lays out the screen below the top one on
    every resize; this keeps the app's own screens out of layouts they cannot fit."""


class TooSmallScreen(Screen[None]):
    """Covers the app while the window is too small; the app takes it away when it grows."""

    # No padding or borders: every cell of a tiny window goes to the message. Notifications wait
    # (they show again on the screen underneath, if still current, when the window grows).
    DEFAULT_CSS = """
    TooSmallScreen { background: $background; overflow: hidden; }
    TooSmallScreen #too-small { width: 1fr; height: auto; color: $warning; }
    TooSmallScreen ToastRack { display: none; }
    """

    def __init__(self, size: Size) -> None:
        super().__init__()
        self.window = size

    def compose(self) -> ComposeResult:
        yield Static(notice(self.window), id="too-small")

    def on_resize(self, event: events.Resize) -> None:
        self.window = event.size
        self.query_one("#too-small", Static).update(notice(event.size))

    def on_screen_resume(self) -> None:
        """Back on top (a dialog opened over it while the window was small has closed): go too
        if the window has grown meanwhile."""
        self.query_one("#too-small").display = True
        if not too_small(self.app.size):
            uncover(self.app)

    def on_screen_suspend(self) -> None:
        self.query_one("#too-small").display = False  # not behind a dialog in a big window


def covered(app: App[Any]) -> bool:
    return isinstance(app.screen, TooSmallScreen)


def cover(app: App[Any], size: Size) -> None:
    app.push_screen(Shield())
    app.push_screen(TooSmallScreen(size))


def uncover(app: App[Any]) -> None:
    app.pop_screen()
    app.pop_screen()  # the shield


def fit_to_terminal(app: App[Any], size: Size) -> bool:
    """Cover the app when the window (``size``) is too small, uncover it when it is big enough;
    whether it is covered now."""
    if too_small(size) and not covered(app):
        cover(app, size)
    elif covered(app) and not too_small(size):
        uncover(app)
    return covered(app)
