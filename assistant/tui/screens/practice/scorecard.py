"""After a practice: the coach's (or observer's) scorecard, export, the whole note."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import (
    Button,
    Footer,
    Header,
    Static,
)

from ....practice import Practice
from ... import navigation
from ...bindings import bindings
from ...help import sections
from ...text import plain
from ...widgets import Column
from ..modals import ExportModal
from .common import Command


# --- the scorecard ------------------------------------------------------------------------------
class ScorecardScreen(Screen[None]):
    """After the practice: the coach's (or observer's) scorecard, export, the whole note."""

    BINDINGS = bindings("scorecard")

    def __init__(self, practice: Practice) -> None:
        super().__init__()
        self.practice = practice
        self.title = "Feedback på øvelsen"
        self.sub_title = f"{practice.persona_name} · {practice.session.guide.title}"

    def compose(self) -> ComposeResult:
        p = self.practice
        card = p.scorecard()
        yield Header()
        with Column(id="scorecard-main"):
            heading = "Observatørens scorekort" if p.trio else "Coachens scorekort"
            yield Static(heading, classes="screen-title")
            yield Static(plain(card.text()), id="scorecard")
            if p.trio and p.feedback:
                yield Static("Observatørens feedback", classes="section-heading")
                yield Static(plain(p.feedback), id="feedback-text")
            yield Static(
                plain(f"Øvelsen er gemt som note med id {p.session.id}."),
                id="scorecard-saved",
                classes="hint",
            )
            yield Static(id="export-info")
            with Horizontal(classes="buttons"):
                yield Button("Eksportér (F6)", id="export", variant="primary")
                yield Button("Hele øvelsen (F7)", id="show-note")
                yield Button("Startskærm (Esc)", id="to-home")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#export-info").display = False
        self.query_one("#export", Button).focus(scroll_visible=False)
        self.call_after_refresh(self.query_one("#scorecard-main").scroll_home, animate=False)

    def on_unmount(self) -> None:
        self.practice.close()

    @on(Button.Pressed, "#export")
    def action_export(self) -> None:
        def done(path: Any) -> None:
            if path is not None:
                info = self.query_one("#export-info", Static)
                info.update(plain(f"Øvelsen er eksporteret til {path}"))
                info.display = True
                self.notify(f"Øvelsen er eksporteret til {path}", markup=False, timeout=10)

        self.app.push_screen(ExportModal(self.practice.note, self.practice.session.id), done)

    @on(Button.Pressed, "#show-note")
    def action_show_note(self) -> None:
        navigation.go(self, navigation.Note(self.practice.session.id))

    @on(Button.Pressed, "#to-home")
    def action_home(self) -> None:
        self.app.pop_screen()

    def help_parts(self) -> list[tuple[str, Text]]:
        return sections("scorecard")

    def palette_commands(self) -> list[Command]:
        return [("Eksportér øvelsen", "Gem øvelsen som Markdown eller JSON", self.action_export)]
