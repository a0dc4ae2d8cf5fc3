"""Before the conversation: who takes part, the checklist "Før samtalen", the flow of the
guide as an outline, and Start."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Label, Static

from ...dialogue.folders import guides_dir
from ...dialogue.model import Guide
from ...engine.diagram import flow_of
from ...notes.interface import NoteStore
from ...notes.store import StoreError
from ...session import MODES, Session, SessionError
from .. import navigation
from ..bindings import bindings
from ..help import sections
from ..text import plain
from ..widgets import Column
from ..widgets.checklist import Checklist
from ..widgets.outline import FlowOutline


def guide_name(guide: Guide) -> str:
    """How the command line finds the guide: its id if it is bundled, else its file."""
    if guide.path is None or guide.path.parent == guides_dir():
        return guide.id
    return str(guide.path)


class StartScreen(Screen[None]):
    """Prefilled from the command line when given; Start opens the conversation."""

    BINDINGS = bindings("start")

    def __init__(
        self,
        store: NoteStore,
        guide: Guide,
        borger: str | None = None,
        medarbejder: str | None = None,
    ) -> None:
        super().__init__()
        self.store, self.guide = store, guide
        self.borger, self.medarbejder = borger or "", medarbejder or ""
        self.title = guide.title
        self.sub_title = "Før samtalen"

    @property
    def needs_borger(self) -> bool:
        return MODES.get(self.guide.use, "interview") == "interview"

    def compose(self) -> ComposeResult:
        guide = self.guide
        yield Header()
        with Horizontal(id="start"):
            with Column(id="start-form"):
                yield Static(plain(guide.title), classes="screen-title")
                yield Static(plain(guide.purpose.strip()), classes="purpose")
                yield Static(plain(f"Varighed: ca. {guide.duration} minutter"), classes="hint")
                yield Static(plain(f"Deltagere: {guide.participants}"), classes="hint")
                need = " (skal udfyldes)" if self.needs_borger else " (valgfrit)"
                yield Label("Borgerens pseudonym" + need, classes="field-label")
                yield Input(
                    self.borger, placeholder="fx initialer eller værelsesnummer", id="borger"
                )
                yield Static(
                    "Brug initialer, et værelsesnummer eller et andet kaldenavn. "
                    "Skriv aldrig et CPR-nummer.",
                    classes="hint",
                )
                yield Label("Dine initialer (valgfrit)", classes="field-label")
                yield Input(self.medarbejder, placeholder="fx AB", id="medarbejder")
                yield Static(id="start-error", classes="error")
                with Horizontal(classes="buttons"):
                    yield Button("Start samtalen", id="start-button", variant="primary")
                    yield Button("Tilbage (Esc)", id="cancel")
                yield Static("Forløbet", classes="section-heading")
                yield Static(
                    "Afsnit og trin i rækkefølge, temaer under deres temaoversigt, og hvor "
                    "samtalen går hen, når et svar ændrer vejen ('hvis …').",
                    classes="hint",
                )
                yield FlowOutline(flow_of(guide), guide_name(guide), id="outline")
            with Column(id="start-side"):
                if guide.checklist.before:
                    yield Static("Før samtalen", classes="section-heading")
                    yield Static(
                        "Sæt flueben med et klik eller mellemrum, når det er gjort. "
                        "Det er kun til hjælp for dig og gemmes ikke.",
                        classes="hint",
                    )
                    yield Checklist(guide.checklist.before, id="before")
                if guide.remark:
                    yield Static("Bemærk", classes="section-heading")
                    yield Static(plain(guide.remark.strip()), classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#start-error").display = False
        self.query_one("#medarbejder" if self.borger else "#borger", Input).focus()

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        if event.input.id == "borger":
            self.query_one("#medarbejder", Input).focus()
        else:
            self.start()

    @on(Button.Pressed, "#start-button")
    def start(self) -> None:
        borger = self.query_one("#borger", Input).value
        medarbejder = self.query_one("#medarbejder", Input).value
        error = self.query_one("#start-error", Static)
        try:
            session = Session.start(self.store, self.guide, borger=borger, medarbejder=medarbejder)
        except (SessionError, StoreError) as e:
            error.update(plain(str(e)))
            error.display = True
            self.query_one("#borger", Input).focus()
            return
        if session.record.masked:
            self.app.notify_cpr_masked()  # type: ignore[attr-defined]
        navigation.go(self, navigation.Conversation(session))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.app.pop_screen()

    def help_parts(self) -> list[tuple[str, Text]]:
        return sections("start")
