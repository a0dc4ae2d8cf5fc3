"""Role-play practice: choose guide and persona, talk to the simulated resident, get the scorecard.

The trio screen (two people talk aloud, an observer tallies) is in :mod:`.practice_trio`; both use
the scaffold panel and the scorecard screen defined here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
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

from ...dialogue.index import GuideInfo
from ...dialogue.library import GuideError, as_guide
from ...dialogue.model import Guide
from ...notes.store import Store, StoreError
from ...practice import Practice, Said
from ...roleplay.coach import (
    BELOW_FAIR,
    FAIR,
    GOOD,
    TOO_FEW,
    Scorecard,
    classify,
    flag,
)
from ...roleplay.codes import LABELS, Code
from ...roleplay.persona import (
    LEVELS,
    UP,
    Persona,
    PersonaError,
    find_persona,
    persona_files,
    persona_intro,
)
from ...session import Outcome, Session, SessionError
from ...slash import answer_text, command_word, unknown_command
from ..text import lines, plain, step_help, unusable
from ..widgets import Column
from .modals import ExportModal

Command = tuple[str, str, Callable[[], Any]]

# The guide a practice starts with unless another is chosen: the MI guide fits the MI coach.
DEFAULT_GUIDE = "motiverende_samtale"

SOLO_COMMANDS = {
    "/næste": "guiden: gå videre til næste trin (F3)",
    "/tilbage": "guiden: gå et trin tilbage (F2)",
    "/pause": "sæt øvelsen på pause (F5)",
    "/slut": "afslut øvelsen og få din feedback (F10)",
    "/hjælp": "vis hjælpen (F1)",
}


def load_personas() -> tuple[list[Persona], list[str]]:
    """The bundled personas by name, and a message for each file that cannot be used."""
    personas, problems = [], []
    for path in persona_files():
        try:
            personas.append(find_persona(path.stem))
        except (LookupError, PersonaError) as e:
            problems.append(f"{path.name}: {str(e).splitlines()[0] if str(e) else e}")
    return sorted(personas, key=lambda p: p.name), problems


def openness_text(name: str, openness: str) -> Text:
    """``Karen virker tøvende`` and a gauge: lukket · [tøvende] · åben."""
    text = plain(f"{name} virker ", "bold")
    text.append(openness or "?", f"bold {openness_style(openness)}")
    text.append("\n")
    for i, level in enumerate(LEVELS):
        if i:
            text.append(" · ", "dim")
        text.append(
            f"[{level}]" if level == openness else level, "" if level == openness else "dim"
        )
    return text


def openness_style(openness: str) -> str:
    return {"lukket": "red", "tøvende": "yellow", "åben": "green"}.get(openness, "")


def code_labels(codes: list[str] | tuple[Code, ...]) -> str:
    return " + ".join(LABELS.get(Code(c), str(c)) for c in codes) or LABELS[Code.OTHER]


LEVEL_STYLES = {GOOD: "green", FAIR: "yellow", BELOW_FAIR: "red", TOO_FEW: "dim"}


def live_text(card: Scorecard) -> Text:
    """The coach's key figures as they stand: R:Q, open questions, complex reflections, and the
    MI-non-adherent count; a figure with too few utterances behind it says so."""
    text = Text()
    for metric in card.metrics:
        if text:
            text.append("\n")
        text.append(metric.label, "bold")
        text.append(f"\n  {metric.formatted()} – ")
        text.append(metric.level, LEVEL_STYLES.get(metric.level, ""))
        if metric.level == TOO_FEW:
            text.append(f"\n  kræver {metric.minimum_text()}", "dim")
    text.append("\nRåd uden lov og konfrontation: ", "bold")
    text.append(str(card.non_adherent), "bold red" if card.non_adherent else "")
    return text


def counts_text(counts: dict[Code, int]) -> Text:
    """One line per behaviour code heard so far, with its count."""
    seen = [code for code in Code if counts.get(code)]
    if not seen:
        return plain("Ingen ytringer endnu.", "dim")
    return Text("\n").join(
        Text.assemble((f"{counts[code]:>3}  ", "bold"), LABELS[code]) for code in seen
    )


class Scaffold(Column):
    """The guide's current step as support: where, what to ask, how, and tips."""

    def compose(self) -> ComposeResult:
        yield Static(id="scaffold-where")
        yield Static(id="scaffold-question")
        yield Static("Sådan kan du spørge", classes="panel-heading", id="scaffold-examples-head")
        yield Static(id="scaffold-examples")
        yield Static("Gode råd", classes="panel-heading", id="scaffold-tips-head")
        yield Static(id="scaffold-tips")
        yield Static(id="scaffold-themes", classes="hint")
        yield Static("F2 forrige trin  ·  F3 næste trin", classes="hint scaffold-keys")

    def show(self, session: Session) -> None:
        step = session.step
        where = self.query_one("#scaffold-where", Static)
        question = self.query_one("#scaffold-question", Static)
        themes = self.query_one("#scaffold-themes", Static)
        if step is None:
            where.update(plain("Guiden er gennemgået", "bold"))
            question.update(plain("Afslut øvelsen for at få din feedback (F10)."))
            for part in ("examples", "tips"):
                self.query_one(f"#scaffold-{part}").display = False
                self.query_one(f"#scaffold-{part}-head").display = False
            themes.display = False
            return
        section = session.guide.section(step.section).title
        where.update(Text.assemble((section, "bold"), f"  ·  {step.title}"))
        question.update(plain(session.render(step.ask)))
        for part, items, bullet in (
            ("examples", step.examples, "»"),
            ("tips", step.tips, "•"),
        ):
            self.query_one(f"#scaffold-{part}", Static).update(
                lines([session.render(item) for item in items], bullet)
            )
            self.query_one(f"#scaffold-{part}").display = bool(items)
            self.query_one(f"#scaffold-{part}-head").display = bool(items)
        left = []
        if step.is_hub:
            left = [c.label for c in session.hub_choices()[:-1] if "✓" not in c.label]
        themes.update(plain("Temaer tilbage: " + ", ".join(left) + " (F3 tager det første)"))
        themes.display = bool(left)
        self.scroll_home(animate=False)


# --- choosing -----------------------------------------------------------------------------------
class PracticeStartScreen(Screen[None]):
    """Choose the guide (scaffold), the persona, solo or trio, and optional initials."""

    BINDINGS = [
        Binding(
            "escape",
            "cancel",
            "Tilbage",
            id="tilbage",
            tooltip="Tilbage til startskærmen uden at starte.",
        ),
    ]

    def __init__(
        self,
        store: Store,
        guides: list[Guide],
        *,
        guide: Guide | None = None,
        persona: Persona | None = None,
        trio: bool = False,
        medarbejder: str | None = None,
        seed: int | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.guides = list(guides)
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
        self.app.switch_screen(practice_screen(practice))

    @on(Button.Pressed, "#practice-cancel")
    def action_cancel(self) -> None:
        self.app.pop_screen()

    def help_parts(self) -> list[tuple[str, Text]]:
        return [
            (
                "Øv en samtale",
                plain(
                    "Vælg den guide, der skal være din støtte, og den borger, du vil øve med "
                    "(piletasterne og Enter; Tab går til næste felt). Vælg alene eller trio, skriv "
                    "eventuelt dine initialer, og tryk Enter eller 'Start øvelsen'."
                ),
            )
        ]


def practice_screen(practice: Practice) -> Screen[None]:
    """The screen for a running practice: solo conversation or trio tally board."""
    if practice.trio:
        from .practice_trio import TrioPracticeScreen

        return TrioPracticeScreen(practice)
    return SoloPracticeScreen(practice)


# --- shared by the solo and the trio screen -----------------------------------------------------
class PracticeBase(Screen[None]):
    """Owns the practice while it runs: scaffold steps, pause, finish, export."""

    def __init__(self, practice: Practice) -> None:
        super().__init__()
        self.practice = practice
        self.owns_practice = True
        self.title = "Trioøvelse" if practice.trio else "Øvelse"
        self.sub_title = f"{practice.persona_name} · {practice.session.guide.title}"

    @property
    def session(self) -> Session:
        return self.practice.session

    def on_mount(self) -> None:
        try:
            self.session.resume()
        except (SessionError, StoreError) as e:
            self.notify(str(e), markup=False, severity="error")
        if self.practice.persona_changed:
            self.notify(
                "Personaen er ændret, siden øvelsen begyndte. Det, der er sagt, er gemt som det "
                "var; de næste svar følger den nye udgave.",
                markup=False,
                severity="warning",
                timeout=12,
            )
        self.query_one(Scaffold).show(self.session)
        self.mounted()

    def mounted(self) -> None:
        """What the solo or trio screen shows once mounted."""

    def on_unmount(self) -> None:
        self.before_leaving()
        if self.owns_practice:
            self.practice.close()

    def before_leaving(self) -> None:
        """Store what is typed but not yet saved (the trio's feedback)."""

    def pause_for_quit(self) -> None:
        """The app is closing: keep everything and leave the practice paused."""
        self.before_leaving()
        if self.session.status == "in_progress":
            try:
                self.session.pause()
            except (SessionError, StoreError):
                pass

    def _step(self, action: Callable[[], Outcome]) -> None:
        try:
            outcome = action()
        except (SessionError, StoreError) as e:
            outcome = Outcome(False, str(e))
        if not outcome.ok:
            self.notify(outcome.message, markup=False, severity="warning")
        self.query_one(Scaffold).show(self.session)

    def action_next_step(self) -> None:
        self._step(self.practice.next_step)

    def action_previous_step(self) -> None:
        self._step(self.practice.previous_step)

    def action_pause(self) -> None:
        self.before_leaving()
        what = f"Øvelsen med {self.practice.persona_name}"
        self.app.pause_and_go_home(self.session, what)  # type: ignore[attr-defined]

    def action_finish(self) -> None:
        self.before_leaving()
        try:
            message = self.practice.finish()
        except (SessionError, StoreError) as e:
            message = str(e)
        if not self.practice.finished:
            self.notify(message, markup=False, severity="error")
            return
        self.notify(message, title="Øvelsen er slut", markup=False, timeout=10)
        self.owns_practice = False
        self.app.switch_screen(ScorecardScreen(self.practice))

    def export(self) -> None:
        self.before_leaving()

        def done(path: Any) -> None:
            if path is not None:
                self.notify(f"Øvelsen er eksporteret til {path}", markup=False, timeout=10)

        self.app.push_screen(ExportModal(self.practice.note, self.session.id), done)

    def scaffold_help(self) -> list[tuple[str, Text]]:
        return step_help(self.session, "Guiden: spørgsmålet nu")

    def palette_commands(self) -> list[Command]:
        return [
            (
                "Eksportér øvelsen",
                "Gem øvelsen, som den er nu, som Markdown eller JSON",
                self.export,
            )
        ]


STEP_BINDINGS = [
    Binding(
        "f2",
        "previous_step",
        "Forrige trin",
        id="forrige-trin",
        tooltip="Guiden: gå et trin tilbage.",
    ),
    Binding(
        "f3",
        "next_step",
        "Næste trin",
        id="naeste-trin",
        tooltip="Guiden: gå videre til næste trin eller tema.",
    ),
    Binding(
        "f5",
        "pause",
        "Pause",
        id="pause",
        tooltip="Sæt øvelsen på pause og gå til startskærmen. Den kan genoptages.",
    ),
    Binding(
        "f10",
        "finish",
        "Afslut øvelsen",
        id="afslut-oevelse",
        tooltip="Afslut øvelsen og se feedbacken.",
    ),
]


# --- solo ---------------------------------------------------------------------------------------
class SoloPracticeScreen(PracticeBase):
    """The staff member types, the coach codes it, the persona answers."""

    WHAT = "øvelsen"  # what Ctrl+Q pauses, in its question
    BINDINGS = list(STEP_BINDINGS)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="practice"):
            yield Scaffold(id="scaffold")
            with Vertical(id="talk"):
                with VerticalScroll(id="talk-log", can_focus=False):
                    yield Static(plain(self.intro()), id="talk-intro", classes="hint")
                yield Input(
                    placeholder="Skriv det, du vil sige til borgeren, og tryk Enter  (/slut afslutter)",
                    id="say",
                )
            with Column(id="coach"):
                yield Static("Borgeren", classes="panel-heading")
                yield Static(id="openness")
                yield Static("Coachen", classes="panel-heading")
                yield Static(id="coach-live")
                yield Static("Dine ytringer", classes="panel-heading")
                yield Static(id="coach-counts")
        yield Footer()

    def intro(self) -> str:
        p = self.practice
        first = persona_intro(p.persona) if p.persona else f"Du øver med {p.persona_name}."
        return (
            f"{first}\n\nSkriv det, du vil sige, og tryk Enter. Guiden til venstre er din støtte "
            "(F3 næste trin). Skriv /slut eller tryk F10, når du er færdig."
        )

    def mounted(self) -> None:
        log = self.query_one("#talk-log", VerticalScroll)
        entries: list[Static] = []
        turns = self.practice.turns
        for staff, reply in zip(turns[::2], turns[1::2], strict=False):
            entries.append(self._staff_entry(staff.text, staff.codes))
            warning = flag(classify(staff.text))
            if warning is not None:
                entries.append(self._flag_entry(warning))
            entries.append(self._persona_entry(reply.text))
        if entries:
            log.mount_all(entries)
        self.show_coach()
        self.query_one("#say", Input).focus()
        self.call_after_refresh(log.scroll_end, animate=False)

    # --- the log --------------------------------------------------------------------------------
    def _staff_entry(self, text: str, codes: list[str] | tuple[Code, ...]) -> Static:
        body = Text.assemble(("Du: ", "bold"), text, "\n", (f"coach: {code_labels(codes)}", "dim"))
        return Static(body, classes="turn turn-staff")

    def _persona_entry(self, text: str) -> Static:
        body = Text.assemble((f"{self.practice.persona_name}: ", "bold"), text)
        return Static(body, classes="turn turn-persona")

    @staticmethod
    def _flag_entry(warning: Any) -> Static:
        body = Text.assemble(("! ", "bold"), warning.message)
        if warning.suggestion:
            body.append("\nPrøv fx: ", "bold")
            body.append(warning.suggestion)
        return Static(body, classes="turn turn-flag")

    def show_coach(self) -> None:
        p = self.practice
        self.query_one("#openness", Static).update(openness_text(p.persona_name, p.openness))
        card = p.scorecard()
        self.query_one("#coach-live", Static).update(live_text(card))
        self.query_one("#coach-counts", Static).update(counts_text(card.counts))

    # --- typing ---------------------------------------------------------------------------------
    def unsaved_typing(self) -> bool:
        """Whether something is typed but not said yet (Ctrl+Q asks before closing)."""
        return bool(self.query_one("#say", Input).value.strip())

    @on(Input.Submitted, "#say")
    async def _submitted(self, event: Input.Submitted) -> None:
        text = event.value
        if not text.strip():
            return
        command = command_word(text)
        if command is not None and command not in SOLO_COMMANDS:
            # a typo: said so, and left in the input to correct
            self.notify(unknown_command(text, SOLO_COMMANDS), markup=False, severity="warning")
            return
        event.input.clear()
        if command is not None:
            await self.command(command)
            return
        await self.say(answer_text(text))

    async def command(self, command: str) -> None:
        """Run one of SOLO_COMMANDS (``command_word`` of what was typed)."""
        if command == "/slut":
            self.action_finish()
        elif command == "/pause":
            self.action_pause()
        elif command == "/næste":
            self.action_next_step()
        elif command == "/tilbage":
            self.action_previous_step()
        elif command == "/hjælp":
            await self.app.run_action("help")

    async def say(self, text: str) -> None:
        try:
            said = self.practice.say(text)
        except (SessionError, StoreError) as e:
            self.notify(str(e), markup=False, severity="error")
            return
        entries = [self._staff_entry(self.practice.turns[-2].text, said.classification.codes)]
        if said.flag is not None:
            entries.append(self._flag_entry(said.flag))
        entries.append(self._persona_entry(said.reply.text))
        change = self._change(said)
        if change:
            entries.append(Static(plain(change, "italic"), classes="turn turn-change"))
        log = self.query_one("#talk-log", VerticalScroll)
        await log.mount_all(entries)
        log.scroll_end(animate=False)
        if said.masked:
            self.app.notify_cpr_masked()  # type: ignore[attr-defined]
        if said.flag is not None:
            message = said.flag.message
            if said.flag.suggestion:
                message += f"\nPrøv fx: {said.flag.suggestion}"
            self.notify(message, title="Coachen", markup=False, severity="warning", timeout=12)
        self.show_coach()

    def _change(self, said: Said) -> str:
        if not said.reply.changed:
            return ""
        word = "mere åben" if said.reply.changed == UP else "mere lukket"
        return f"{self.practice.persona_name} bliver {word} ({said.reply.openness})."

    # --- help -----------------------------------------------------------------------------------
    def help_parts(self) -> list[tuple[str, Text]]:
        codes = lines([LABELS[c] for c in Code])
        commands = Text("\n").join(
            Text.assemble((f"{command:<10}", "bold"), text)
            for command, text in SOLO_COMMANDS.items()
        )
        return [
            (
                "Øvelsen",
                plain(
                    "Skriv det, du vil sige til borgeren, og tryk Enter. Coachen viser, hvilken "
                    "slags ytring det var, og siger til med det samme, hvis du giver råd uden lov "
                    "eller konfronterer. Til højre ser du, hvor åben borgeren er, og din optælling. "
                    "Borgeren åbner sig for åbne spørgsmål, refleksioner og bekræftelser – og "
                    "lukker sig for råd uden lov, konfrontation og mange lukkede spørgsmål."
                ),
            ),
            ("Det kan du skrive i feltet", commands),
            *self.scaffold_help(),
            ("Coachens koder", codes),
        ]


# --- the scorecard ------------------------------------------------------------------------------
class ScorecardScreen(Screen[None]):
    """After the practice: the coach's (or observer's) scorecard, export, the whole note."""

    BINDINGS = [
        Binding(
            "f6",
            "export",
            "Eksportér",
            id="eksporter",
            tooltip="Gem øvelsen med scorekort som en fil (Markdown eller JSON).",
        ),
        Binding(
            "f7",
            "show_note",
            "Hele øvelsen",
            id="hele-oevelsen",
            tooltip="Se hele øvelsen som note: samtalen, optællingen og scorekortet.",
        ),
        Binding("escape", "home", "Startskærm", id="startskaerm", tooltip="Til startskærmen."),
    ]

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
        from .notes import NoteViewScreen

        self.app.push_screen(NoteViewScreen(self.practice.session.store, self.practice.session.id))

    @on(Button.Pressed, "#to-home")
    def action_home(self) -> None:
        self.app.pop_screen()

    def help_parts(self) -> list[tuple[str, Text]]:
        return [
            (
                "Scorekortet",
                plain(
                    "Her ser du optællingen fra øvelsen og forholdstallene, som motiverende samtale "
                    "lægger vægt på: flere refleksioner end spørgsmål, og mange åbne spørgsmål. "
                    "Eksportér gemmer hele øvelsen som en fil; 'Hele øvelsen' viser den som note."
                ),
            )
        ]

    def palette_commands(self) -> list[Command]:
        return [("Eksportér øvelsen", "Gem øvelsen som Markdown eller JSON", self.action_export)]
