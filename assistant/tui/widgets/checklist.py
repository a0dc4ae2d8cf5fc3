"""A checklist of long, wrapping lines that staff tick off (kept only on screen)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.events import Click
from textual.reactive import reactive
from textual.widgets import Static

from ..bindings import bindings
from ..text import plain


class CheckItem(Horizontal, can_focus=True):
    """One line with a box: Space, Enter or a click ticks it."""

    DEFAULT_CSS = """
    CheckItem { height: auto; padding: 0 1; }
    CheckItem:focus { background: $boost; }
    CheckItem .check-mark { width: 3; color: $accent; text-style: bold; }
    CheckItem .check-text { width: 1fr; height: auto; }
    CheckItem.-checked .check-text { color: $text-muted; }
    """
    BINDINGS = bindings("check-item")

    checked = reactive(False)

    def __init__(self, text: str, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.text = text

    def compose(self) -> ComposeResult:
        yield Static("☐", classes="check-mark")
        yield Static(plain(self.text), classes="check-text")

    def watch_checked(self, checked: bool) -> None:
        self.set_class(checked, "-checked")
        if self.is_mounted:
            self.query_one(".check-mark", Static).update(Text("☑" if checked else "☐"))

    def on_click(self, event: Click) -> None:
        event.stop()
        self.focus()
        self.action_tick()

    def action_tick(self) -> None:
        self.checked = not self.checked


class Checklist(Vertical):
    """The items of one checklist (før / efter samtalen)."""

    DEFAULT_CSS = """
    Checklist { height: auto; margin: 1 0 0 0; }
    """

    def __init__(self, items: tuple[str, ...] | list[str], **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.items = list(items)

    def compose(self) -> ComposeResult:
        for i, item in enumerate(self.items):
            yield CheckItem(item, id=f"{self.id or 'tjek'}-{i}")

    @property
    def checked(self) -> list[int]:
        return [i for i, item in enumerate(self.query(CheckItem)) if item.checked]
