"""The conversation's side panel: progress, time, the themes (wheel) and the checklist."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import ProgressBar, Static

from ...session import Session
from ..text import clock, lines, plain
from .wheel import legend, wheel


class SidePanel(VerticalScroll):
    """Shows where the conversation stands; the screen calls ``show`` and ``tick``."""

    def __init__(self, session: Session, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.session = session

    def compose(self) -> ComposeResult:
        guide = self.session.guide
        yield Static("Forløb", classes="panel-heading")
        yield ProgressBar(total=1, show_eta=False, show_percentage=False, id="progress")
        yield Static(id="progress-text")
        yield Static("Tid", classes="panel-heading")
        yield Static(id="clock")
        if self.session.themes():
            yield Static("Temaer", classes="panel-heading")
            yield Static(id="wheel")
            yield Static(id="legend")
        if guide.checklist.during:
            yield Static("Under samtalen", classes="panel-heading")
            yield Static(lines(guide.checklist.during), id="during")

    def show(self) -> None:
        done, total = self.session.progress()
        self.query_one(ProgressBar).update(total=max(total, 1), progress=done)
        self.query_one("#progress-text", Static).update(
            f"{done} af ca. {total} spørgsmål er gennemgået"
        )
        themes = self.session.themes()
        if themes:
            self.query_one("#wheel", Static).update(wheel(themes))
            finished = sum(t.done for t in themes)
            text = legend(themes)
            text.append(f"\n{finished} af {len(themes)} temaer er gennemgået", "dim")
            self.query_one("#legend", Static).update(text)

    def tick(self) -> None:
        seconds = self.session.elapsed_seconds()
        planned = self.session.guide.duration * 60
        text = plain(f"{clock(seconds)} af ca. {self.session.guide.duration} minutter")
        if planned and seconds > planned:
            text.append(
                "\nDen planlagte tid er gået. Tal om, hvordan I vil runde af.", "bold yellow"
            )
        self.query_one("#clock", Static).update(text)
