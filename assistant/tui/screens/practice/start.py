"""Choosing a practice: the guide (the scaffold), the persona, solo or trio, and initials."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import (
    Button,
    Footer,
    Header,
    Input,
    Label,
    OptionList,
    RadioButton,
    RadioSet,
    Static,
)
from textual.widgets.option_list import Option, OptionDoesNotExist

from ....dialogue.index import GuideInfo
from ....dialogue.library import GuideError, as_guide
from ....dialogue.model import Guide
from ....notes.interface import NoteStore
from ....notes.store import StoreError
from ....practice import Practice
from ....roleplay.persona import (
    Persona,
    PersonaError,
    find_persona,
    persona_files,
    persona_intro,
)
from ....session import SessionError
from ... import navigation
from ...bindings import bindings
from ...help import sections
from ...text import plain, unusable
from ...widgets import Column

# The guide a practice starts with unless another is chosen: the MI guide fits the MI coach.
DEFAULT_GUIDE = "motiverende_samtale"


def load_personas() -> tuple[list[Persona], list[str]]:
    """The bundled personas by name, and a message for each file that cannot be used."""
    personas, problems = [], []
    for path in persona_files():
        try:
            personas.append(find_persona(path.stem))
        except (LookupError, PersonaError) as e:
            problems.append(f"{path.name}: {str(e).splitlines()[0] if str(e) else e}")
    return sorted(personas, key=lambda p: p.name), problems


# --- choosing -----------------------------------------------------------------------------------
class PracticeStartScreen(Screen[None]):
    """Choose the guide (scaffold), the persona, solo or trio, and optional initials."""

    BINDINGS = bindings("practice-start")

    def __init__(
        self,
        store: NoteStore,
        guides: Sequence[Guide | GuideInfo],
        *,
        guide: Guide | None = None,
        persona: Persona | None = None,
        trio: bool = False,
        medarbejder: str | None = None,
        seed: int | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.guides: list[Guide | GuideInfo] = list(guides)
        if guide is not None and all(g.id != guide.id for g in self.guides):
            self.guides.insert(0, guide)
        self.personas, self.problems = load_personas()
        if persona is not None and all(p.id != persona.id for p in self.personas):
            self.personas.insert(0, persona)
        wanted = guide.id if guide else DEFAULT_GUIDE
        self.guide_id = wanted if any(g.id == wanted for g in self.guides) else ""
        self.persona_id = persona.id if persona else ""
        self.trio, self.medarbejder, self.seed = trio, medarbejder or "", seed
        self.title = "Øv en samtale"
        self.sub_title = "Rollespil med en simuleret borger"

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="practice-start"):
            with Column(id="practice-start-form"):
                yield Static("Øv en samtale", classes="screen-title")
                yield Static(
                    "Programmet spiller borgeren. Der er ingen rigtig borger med, og øvelsen "
                    "gemmes uden borger.",
                    classes="hint",
                )
                yield Label("1. Guiden, der er din støtte undervejs", classes="field-label")
                yield OptionList(*self._guide_options(), id="practice-guides")
                yield Label("2. Borgeren, du øver med", classes="field-label")
                yield OptionList(*self._persona_options(), id="practice-personas")
                if not self.personas:
                    yield Static("Der er ingen personaer at øve med.", classes="hint")
                if self.problems:
                    yield Static(unusable("personaer", self.problems), classes="error")
            with Column(id="practice-start-side"):
                yield Label("3. Sådan øver du", classes="field-label")
                with RadioSet(id="practice-form"):
                    yield RadioButton("Alene", value=not self.trio, id="form-solo")
                    yield RadioButton("Trio – I er tre", value=self.trio, id="form-trio")
                yield Label("Dine initialer (valgfrit)", classes="field-label")
                yield Input(self.medarbejder, placeholder="fx AB", id="practice-medarbejder")
                yield Static(id="practice-error", classes="error")
                with Horizontal(classes="buttons"):
                    yield Button("Start øvelsen", id="practice-start-button", variant="primary")
                    yield Button("Tilbage (Esc)", id="practice-cancel")
                yield Static("Borgeren", classes="section-heading")
                yield Static(id="persona-preview")
                yield Static("Alene eller i trio", classes="section-heading")
                yield Static(
                    "Alene: du skriver det, du vil sige, og borgeren svarer. En coach viser, hvilken "
                    "slags ytring det var, og siger til, hvis du giver råd uden lov.\n\n"
                    "Trio: I er tre. Én spiller medarbejder og følger guiden, én spiller borger ud "
                    "fra personakortet, og observatøren tæller med tasterne og skriver feedback.",
                    classes="hint",
                )
        yield Footer()

    def _guide_options(self) -> list[Option]:
        return [
            Option(
                Text.assemble((g.title, "bold"), "  ·  ", (g.use_label, "dim")), id=f"guide-{g.id}"
            )
            for g in self.guides
        ]

    def _persona_options(self) -> list[Option]:
        return [
            Option(
                Text.assemble((p.name, "bold"), f", {p.age} år\n", (p.summary, "dim")),
                id=f"persona-{p.id}",
            )
            for p in self.personas
        ]

    def on_mount(self) -> None:
        self.query_one("#practice-error").display = False
        for list_id, prefix, wanted in (
            ("#practice-guides", "guide-", self.guide_id),
            ("#practice-personas", "persona-", self.persona_id),
        ):
            options = self.query_one(list_id, OptionList)
            if options.option_count:
                try:
                    options.highlighted = options.get_option_index(prefix + wanted)
                except OptionDoesNotExist:
                    options.highlighted = 0
        self._preview()
        if self.guide_id and self.persona_id:
            self.query_one("#practice-medarbejder", Input).focus()
        else:
            self.query_one("#practice-guides", OptionList).focus()

    def chosen(self, list_id: str, prefix: str) -> str:
        options = self.query_one(list_id, OptionList)
        if options.highlighted is None:
            return ""
        return (options.get_option_at_index(options.highlighted).id or "").removeprefix(prefix)

    @property
    def guide(self) -> Guide | GuideInfo | None:
        wanted = self.chosen("#practice-guides", "guide-")
        return next((g for g in self.guides if g.id == wanted), None)

    @property
    def persona(self) -> Persona | None:
        wanted = self.chosen("#practice-personas", "persona-")
        return next((p for p in self.personas if p.id == wanted), None)

    @on(OptionList.OptionHighlighted, "#practice-personas")
    def _preview(self) -> None:
        persona = self.persona
        self.query_one("#persona-preview", Static).update(
            plain(persona_intro(persona)) if persona else plain("Vælg en borger på listen.")
        )

    @on(OptionList.OptionSelected, "#practice-guides")
    def _guide_chosen(self) -> None:
        self.query_one("#practice-personas", OptionList).focus()

    @on(OptionList.OptionSelected, "#practice-personas")
    def _persona_chosen(self) -> None:
        self.query_one("#practice-form", RadioSet).focus()

    @on(Input.Submitted, "#practice-medarbejder")
    @on(Button.Pressed, "#practice-start-button")
    def start(self) -> None:
        guide, persona = self.guide, self.persona
        error = self.query_one("#practice-error", Static)
        if guide is None or persona is None:
            error.update(plain("Vælg både en guide og en borger." if self.guides else ""))
            error.display = True
            return
        trio = self.query_one("#form-trio", RadioButton).value
        medarbejder = self.query_one("#practice-medarbejder", Input).value
        try:
            practice = Practice.start(
                self.store,
                as_guide(guide),
                persona,
                medarbejder=medarbejder,
                seed=self.seed,
                trio=trio,
            )
        except (SessionError, StoreError, GuideError) as e:
            error.update(plain(str(e)))
            error.display = True
            return
        if practice.session.record.masked:
            self.app.notify_cpr_masked()  # type: ignore[attr-defined]
        navigation.go(self, navigation.PracticeRun(practice))

    @on(Button.Pressed, "#practice-cancel")
    def action_cancel(self) -> None:
        self.app.pop_screen()

    def help_parts(self) -> list[tuple[str, Text]]:
        return sections("practice-start")
