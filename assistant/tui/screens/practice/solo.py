"""The solo practice: the staff member types, the coach codes it, the persona answers."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import (
    Footer,
    Header,
    Input,
    Static,
)

from ....notes.store import StoreError
from ....practice import Said
from ....roleplay.coach import (
    classify,
    flag,
)
from ....roleplay.codes import LABELS, Code
from ....roleplay.persona import (
    UP,
    persona_intro,
)
from ....session import SessionError
from ....slash import answer_text, command_word, unknown_command
from ...bindings import bindings
from ...help import sections
from ...text import lines, plain
from ...widgets import Column
from .common import PracticeBase, Scaffold, code_labels, counts_text, live_text, openness_text

SOLO_COMMANDS = {
    "/næste": "guiden: gå videre til næste trin (F3)",
    "/tilbage": "guiden: gå et trin tilbage (F2)",
    "/pause": "sæt øvelsen på pause (F5)",
    "/slut": "afslut øvelsen og få din feedback (F10)",
    "/hjælp": "vis hjælpen (F1)",
}


# --- solo ---------------------------------------------------------------------------------------
class SoloPracticeScreen(PracticeBase):
    """The staff member types, the coach codes it, the persona answers."""

    WHAT = "øvelsen"  # what Ctrl+Q pauses, in its question
    BINDINGS = bindings("practice-solo")

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
            *sections("practice-solo"),
            ("Det kan du skrive i feltet", commands),
            *self.scaffold_help(),
            ("Coachens koder", codes),
        ]
