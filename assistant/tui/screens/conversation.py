"""The conversation: one question at a time, the answer input, help at hand, side panel."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Collapsible, Footer, Header, Static

from ...notes.lease import LeaseLost
from ...notes.model import Note, NoteAnswer, NoteSection
from ...notes.store import NotSaved, StoreError, WriteError
from ...session import LEAVE_HUB, Outcome, Session, SessionError
from .. import navigation
from ..bindings import bindings
from ..text import lines, plain, step_help
from ..widgets import Column
from ..widgets.answers import AnswerField, ChoiceField, answer_field
from ..widgets.side_panel import SidePanel
from .modals import ExportModal, checklist_modal

Command = tuple[str, str, Callable[[], Any]]


class ConversationScreen(Screen[None]):
    """Walks the guide with the staff member; hands over to the end screen at the end."""

    BINDINGS = bindings("conversation")

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.owns_session = True
        # an answer the store refused (full or read-only disk, database connection lost): kept
        # for the export
        self.unsaved: tuple[str, str] | None = None
        guide = session.guide
        self.title = guide.title
        who = session.record.borger
        self.sub_title = f"Borger: {who}" if who else guide.use_label

    # --- layout ---------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="conversation"):
            with Column(id="main"):
                with Vertical(id="asked"):  # docked: the question stays put, the rest scrolls
                    yield Static(id="where")
                    yield Static(id="question")
                yield Static(id="section-intro")
                with Collapsible(title="Sådan kan du spørge", collapsed=False, id="examples-box"):
                    yield Static(id="examples")
                with Collapsible(title="Gode råd", id="tips-box"):
                    yield Static(id="tips")
                with Collapsible(title="Baggrund", id="background-box"):
                    yield Static(id="background")
                yield Static(id="step-notes")
                yield Static(id="hint", classes="hint")
                yield Vertical(id="answer-area")
                yield Static(id="error", classes="error")
                with Horizontal(id="offer-help"):
                    yield Static(
                        "Går det ikke? Få hjælp, eller spring spørgsmålet over.",
                        classes="offer-text",
                    )
                    yield Button("Hjælp (F1)", id="help-button")
                    yield Button("Spring over (F3)", id="offer-skip")
                with Horizontal(id="actions"):
                    yield Button("Gem svar (Ctrl+S)", id="save", variant="primary")
                    yield Button("Spring over (F3)", id="skip")
                    yield Button("Tilbage (F2)", id="back")
                with Collapsible(title="Samtalen indtil nu", id="transcript-box"):
                    yield Static(id="transcript")
            yield SidePanel(self.session, id="side")
        yield Footer()

    async def on_mount(self) -> None:
        try:
            self.session.resume()
        except (SessionError, StoreError) as e:
            self.notify(str(e), markup=False, severity="error")
        await self.show_step()
        self.query_one(SidePanel).tick()
        self.set_interval(1, self.query_one(SidePanel).tick, name="samtale-ur")

    def on_unmount(self) -> None:
        if self.owns_session:
            self.session.close()

    # --- showing the current step ---------------------------------------------------------------
    async def show_step(self) -> None:
        session, step = self.session, self.session.step
        if step is None:
            return
        guide = session.guide
        section = guide.section(step.section)
        hub = guide.hub_of(step.section)
        where = Text(f"Tema: {section.title}" if hub else section.title, "bold")
        where.append(f"  ·  {step.title}")
        if step.optional:
            where.append("  ·  valgfrit – spring over, hvis det ikke passer", "italic")
        self.query_one("#where", Static).update(where)
        intro = self.query_one("#section-intro", Static)
        intro.update(plain(session.render(section.intro)))
        intro.display = bool(section.intro) and section.steps[:1] == (step.id,)
        self.query_one("#question", Static).update(plain(session.render(step.ask)))
        for box, text in (
            ("examples", lines([session.render(e) for e in step.examples], "»")),
            ("tips", lines([session.render(t) for t in step.tips])),
            ("background", plain(session.render(step.background))),
        ):
            self.query_one(f"#{box}", Static).update(text)
            self.query_one(f"#{box}-box").display = bool(text.plain)
        notes = self.query_one("#step-notes", Static)
        notes.update(Text.assemble(("Skriv ned: ", "bold"), session.render(step.notes)))
        notes.display = bool(step.notes)
        self._clear_error()

        field: AnswerField | None
        save = self.query_one("#save", Button)
        if step.is_hub:
            field = ChoiceField(session.hub_choices(), None)
            hint = "Vælg et tema med piletasterne og tryk Enter. ✓ = talt om."
            save.label = "Vælg (Enter)"
        elif step.answer is not None:
            field = answer_field(step.answer, session.previous_value())
            hint = field.hint
            save.label = "Gem svar (Ctrl+S)"
        else:
            field = None
            hint = "Her skal der ikke skrives noget. Gå videre, når I er klar."
            save.label = "Videre (Ctrl+S)"
        self.query_one("#hint", Static).update(plain(hint))
        self.query_one("#main", VerticalScroll).scroll_home(animate=False, immediate=True)
        area = self.query_one("#answer-area")
        await area.remove_children()
        if field is not None:
            await area.mount(field)
            field.focus_first()
        else:
            save.focus()
        self.call_after_refresh(self._answer_in_sight)
        self.query_one("#back", Button).disabled = not session.can_go_back
        self._show_progress()

    def on_resize(self) -> None:
        self.call_after_refresh(self._answer_in_sight)

    def _answer_in_sight(self) -> None:
        """Scroll what the answer is typed into (or the button) into view below the question,
        once the step (or the resized window) is laid out."""
        if self.focused is not None:
            self.focused.scroll_visible(animate=False, immediate=True)

    def _show_progress(self) -> None:
        self.query_one(SidePanel).show()
        entries = self.session.transcript()
        text = Text()
        for entry in entries:
            if text:
                text.append("\n\n")
            text.append(entry.title, "bold")
            text.append(f"\n{entry.question}\n", "dim")
            text.append(
                f"→ {entry.answer}" if entry.answer else "→ (intet at skrive)",
                "italic" if entry.skipped else "",
            )
        self.query_one("#transcript", Static).update(text or plain("Intet endnu."))
        self.query_one(
            "#transcript-box", Collapsible
        ).title = f"Samtalen indtil nu ({len(entries)})"
        self.refresh_bindings()

    def _clear_error(self) -> None:
        self.query_one("#error", Static).update("")
        self.query_one("#error").display = False
        self.query_one("#offer-help").display = False

    def _show_error(self, outcome: Outcome) -> None:
        error = self.query_one("#error", Static)
        error.update(plain(outcome.message))
        error.display = True
        self.query_one("#offer-help").display = outcome.offer_help
        # Below the answer field, which may be the last thing in sight (action-plan rows at
        # 80 x 24): scrolled to, or the save key seems to do nothing.
        self.call_after_refresh(error.scroll_visible, animate=False, immediate=True)

    # --- acting ---------------------------------------------------------------------------------
    async def act(self, action: Callable[[], Outcome], raw: Any = None) -> None:
        """Run one session action and show what came of it."""
        try:
            outcome = action()
        except (WriteError, LeaseLost) as e:
            step = self.session.step
            typed = raw not in (None, "") and step is not None
            if typed:
                self.unsaved = (step.title, str(raw))  # type: ignore[union-attr]
            if isinstance(e, NotSaved) and typed:  # the database connection is lost
                message = f"{e.answer_message} F6 eksporterer imens noten med svaret."
            else:
                message = f"{e} Det, du skrev, står stadig i feltet; F6 eksporterer noten med det."
            outcome = Outcome(False, message)
        except (SessionError, StoreError) as e:
            outcome = Outcome(False, str(e))
        else:
            if outcome.ok:
                self.unsaved = None
        if not outcome.ok:
            self._show_error(outcome)
            return
        if outcome.masked:
            self.notify(
                outcome.message,
                title="CPR-nummer fjernet",
                markup=False,
                severity="warning",
                timeout=12,
            )
        elif outcome.message:
            self.notify(outcome.message, markup=False)
        if self.session.at_end:
            self.owns_session = False
            navigation.go(self, navigation.End(self.session))
            return
        await self.show_step()

    def _answer(self, raw: Any) -> Outcome:
        step = self.session.step
        if step is not None and step.is_hub:
            if raw == LEAVE_HUB:
                return self.session.leave_hub()
            if raw == "":
                return Outcome(False, "Vælg et tema på listen.")
            return self.session.choose_theme(str(raw))
        return self.session.answer(raw)

    @on(AnswerField.Submitted)
    async def _submitted(self, event: AnswerField.Submitted) -> None:
        event.stop()
        await self.act(lambda: self._answer(event.raw), event.raw)

    @on(Button.Pressed, "#save")
    async def action_save(self) -> None:
        fields = self.query(AnswerField)
        raw = fields.first().raw() if fields else ""
        step = self.session.step
        if raw == "" and fields and fields.first().nothing_chosen and not (step and step.is_hub):
            skip = " Spring over med F3, hvis spørgsmålet ikke passer."
            self._show_error(Outcome(False, fields.first().nothing_chosen + skip))
            return
        await self.act(lambda: self._answer(raw), raw)

    @on(Button.Pressed, "#skip, #offer-skip")
    async def action_skip(self) -> None:
        await self.act(self.session.skip)

    @on(Button.Pressed, "#back")
    async def action_back(self) -> None:
        await self.act(self.session.back)

    async def action_to_hub(self) -> None:
        await self.act(self.session.to_hub)

    @on(Button.Pressed, "#help-button")
    async def _help(self) -> None:
        await self.app.run_action("help")

    def action_pause(self) -> None:
        who = self.session.record.borger
        what = f"Samtalen{' med ' + who if who else ''}"
        self.app.pause_and_go_home(self.session, what)  # type: ignore[attr-defined]

    def unsaved_typing(self) -> bool:
        """Whether the answer field holds something typed that is not saved (Ctrl+Q asks)."""
        return any(field.typed() for field in self.query(AnswerField))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        step = self.session.step
        if action == "back":
            return True if self.session.can_go_back else None
        if action == "to_hub":
            return step is not None and self.session.guide.hub_of(step.section) is not None
        return True

    async def jump_to_theme(self, theme: str) -> None:
        def go() -> Outcome:
            step = self.session.step
            if step is not None and not step.is_hub:
                outcome = self.session.to_hub()
                if not outcome.ok:
                    return outcome
            return self.session.choose_theme(theme)

        await self.act(go)

    # --- help and command palette ---------------------------------------------------------------
    def help_parts(self) -> list[tuple[str, Text]]:
        session, step = self.session, self.session.step
        if step is None:
            return []
        parts = step_help(session)
        if step.notes:
            parts.append(("Skriv ned", plain(session.render(step.notes))))
        fields = self.query(AnswerField)
        if fields:
            parts.append(("Sådan svarer du", plain(fields.first().hint)))
        return parts

    def palette_commands(self) -> list[Command]:
        session, step = self.session, self.session.step
        commands: list[Command] = []
        if step is not None:
            hub = step if step.is_hub else session.guide.hub_of(step.section)
            if hub is not None:
                done = session.done
                for theme in hub.themes:
                    if theme == step.section and not step.is_hub:
                        continue
                    title = session.guide.section(theme).title
                    commands.append(
                        (
                            f"Spring til tema: {title}",
                            "Talt om ✓" if theme in done else "Gå til dette tema",
                            partial(self.jump_to_theme, theme),
                        )
                    )
        commands.append(
            (
                "Vis tjekliste",
                "Før, under og efter samtalen",
                lambda: self.app.push_screen(checklist_modal(session.guide.checklist)),
            )
        )
        commands.append(
            ("Eksportér note", "Gem noten, som den er nu, som Markdown eller JSON", self.export)
        )
        return commands

    def note_on_screen(self) -> Note:
        """The note as stored, plus an answer the store refused (a full disk, a lost database
        connection), so that nothing is lost."""
        note = self.session.note()
        if self.unsaved is not None:
            title, text = self.unsaved
            note.sections.append(
                NoteSection(
                    "Ikke gemt i Samtale (det kunne ikke gemmes)",
                    [NoteAnswer("", "", title, title, text, text, "")],
                )
            )
        return note

    def action_export(self) -> None:
        self.export()

    def export(self) -> None:
        def done(path: Any) -> None:
            if path is not None:
                self.notify(f"Noten er eksporteret til {path}", markup=False, timeout=10)

        self.app.push_screen(ExportModal(self.note_on_screen, self.session.id), done)
